"""The document model: sections by meaning, blocks with exact spans, fields."""

from __future__ import annotations

import time

import pytest

from pmlint.document.document import Document
from pmlint.document.sections import default_section_registry, normalise_title
from pmlint.source import decode


def doc_of(text: str) -> Document:
    return Document(decode(text.encode(), "t.md"))


def keys_of(doc: Document) -> list[tuple[str, list[str], int]]:
    return [(s.title, sorted(s.keys), s.level) for s in doc.sections]


def test_title_normalisation() -> None:
    assert normalise_title("**3. Root Cause & Resolution:**") == "root cause & resolution"
    assert normalise_title("## Timeline (all times PST)") == "timeline"
    assert normalise_title('<span style="color: red">Impact:</span>') == "impact"
    assert normalise_title("🔥 TL;DR") == "tl;dr"


def test_merged_heading_counts_for_both_keys() -> None:
    registry = default_section_registry()
    assert registry.keys_for("Root Cause and Resolution", heading=False) == {
        "root-cause",
        "resolution",
    }
    assert registry.keys_for("What is being done about this?", heading=True) == {"action-items"}
    assert registry.keys_for("Duration", heading=True) == frozenset()


def test_atx_setext_html_and_bold_headings() -> None:
    doc = doc_of(
        "# Title\n\nSummary\n-------\n\ntext\n\n<h2>Timeline</h2>\n\n- 10:00 UTC a\n\n"
        "**Root Cause**\n\ncause text\n\n###Resolution\nfixed\n"
    )
    assert keys_of(doc) == [
        ("Title", [], 1),
        ("Summary", ["summary"], 2),
        ("Timeline", ["timeline"], 2),
        ("Root Cause", ["root-cause"], 7),
        ("Resolution", ["resolution"], 3),
    ]


def test_loose_text_labels_bullets_and_indented_items() -> None:
    text = (
        "Issue Summary:\n"
        "Duration: 10:00 to 11:00 UTC\n"
        "Timeline:\n"
        "•\tDetected:\n"
        "The alert fired at 10:00.\n"
        "•\tRestarted the service\n"
        "Corrective and Preventative Measures:\n"
        "Tasks:\n"
        "\n"
        "    Add an alert\n"
        "    Add a runbook\n"
    )
    doc = doc_of(text)
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Issue Summary", 7),
        ("Timeline", 7),
        ("Corrective and Preventative Measures", 7),
        ("Tasks", 8),
    ]
    timeline = doc.blocks_in("timeline")
    assert [(b.kind, b.marker, b.text) for b in timeline] == [
        ("list_item", "•", "Detected:\nThe alert fired at 10:00."),
        ("list_item", "•", "Restarted the service"),
    ]
    actions = doc.blocks_in("action-items")
    assert [b.text for b in actions] == ["Add an alert", "Add a runbook"]
    assert all(b.kind == "list_item" for b in actions)


def test_block_text_is_the_exact_source_slice() -> None:
    text = "# T\n\n## Timeline\n\n- **10:05** first\n  continued\n- second\n"
    doc = doc_of(text)
    for block in doc.blocks:
        assert text[block.start : block.end] == block.text
    items = doc.blocks_in("timeline")
    assert items[0].text == "**10:05** first\n  continued"
    assert (items[0].line, items[0].end_line) == (5, 6)
    assert doc.source.position(items[0].start).column == 3
    assert items[0].masked.index("10:05") == items[0].text.index("10:05")


def test_lazy_continuation_label_ends_the_list_item() -> None:
    doc = doc_of("Timeline:\n- 10:00 UTC a\n- 11:00 UTC b\nRoot Cause:\nThe cause.\n")
    assert [s.title for s in doc.sections] == ["Timeline", "Root Cause"]
    assert [b.text for b in doc.blocks_in("root-cause")] == ["The cause."]


def test_tables_have_rows_cells_and_column_names() -> None:
    text = "## Timeline\n\n| Time (UTC) | Event |\n|---|---|\n| 10:00 | a \\| b |\n"
    doc = doc_of(text)
    rows = [b for b in doc.blocks if b.kind == "table_row"]
    assert [r.header for r in rows] == [True, False]
    body = rows[1]
    assert body.column_names == ("time", "event")
    assert [c.text for c in body.cells] == ["10:00", "a \\| b"]
    cell = body.cell("Event")
    assert cell is not None and text[cell.start : cell.end] == "a \\| b"


def test_fields_with_values_on_the_same_or_next_line() -> None:
    doc = doc_of(
        "**Duration:** 2 hours\n\n- Impact: 40% of users\n\n•\tRoot Cause:\nA bad deploy.\n"
    )
    found = {f.key: f.value for f in doc.fields}
    assert found["duration"] == "2 hours"
    assert found["impact"] == "40% of users"
    assert found["root cause"] == "A bad deploy."
    duration = doc.field("duration")
    assert duration is not None
    assert doc.text[duration.value_start : duration.value_end] == "2 hours"


def test_front_matter_is_not_parsed_as_content() -> None:
    doc = doc_of("---\ntitle: x\nstatus: draft\n---\n# Summary\n\ntext\n")
    assert doc.front_matter is not None
    assert doc.front_matter.kind == "yaml"
    assert doc.front_matter.end_line == 4
    assert [s.title for s in doc.sections] == ["Summary"]


def test_fenced_code_is_one_block_and_its_lines_are_known() -> None:
    doc = doc_of("# T\n\n```\nTimeline:\n```\n")
    assert [s.title for s in doc.sections] == ["T"]
    assert doc.code_lines == frozenset({3, 4, 5})


def test_html_block_does_not_swallow_the_next_heading() -> None:
    doc = doc_of('# T\n<img src="a.png" alt="x">\n## Issue Summary\ntext\n')
    assert doc.has_section("summary")


def test_empty_document() -> None:
    doc = doc_of("")
    assert doc.sections == []
    assert doc.blocks == []


_REPORT = """Outage report: checkout errors

Summary:
The checkout service rejected card payments for most of the afternoon shift today.

Timeline:
- 14:02 UTC: the payment gateway began timing out on every second request it received.
- 14:40 UTC: we rolled the gateway client back to the previous release and it recovered.

Root cause:
A new client release halved the gateway connection pool without anyone noticing it.
"""


def test_a_report_pasted_twice_is_found_with_its_introducing_line() -> None:
    text = _REPORT + "\n\nSecond attempt:\n" + _REPORT
    doc = doc_of(text)
    copy = doc.pasted_copy
    assert copy is not None
    lines = text.split("\n")
    assert lines[copy.line - 1] == "Second attempt:"
    assert copy.end_line == len(text.rstrip("\n").split("\n"))
    assert copy.original_line == 1


def test_repeated_short_lines_are_not_a_pasted_report() -> None:
    text = "# Summary\n\nAll good.\n\n# Timeline\n\n- 10:00 up\n\n# Summary\n\nAll good.\n"
    assert doc_of(text).pasted_copy is None
    assert doc_of(_REPORT).pasted_copy is None


def test_only_pm401_reports_on_a_pasted_copy() -> None:
    from conftest import lint_text

    text = _REPORT + "\n\nQuestion 2:\n" + _REPORT
    findings = lint_text(text)
    copy_start = text.index("Question 2:")
    copy_line = text[:copy_start].count("\n") + 1
    inside = [f for f in findings if f.span.start.line >= copy_line]
    assert [f.code for f in inside] == ["PM401"]
    assert inside[0].severity.label == "error"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(("word " * 2000 + "\n") * 10, id="long-unpunctuated-lines"),
        pytest.param(
            "".join(
                f"The gateway client release halved the pool size {'again ' * (i % 9)}today\n\n"
                for i in range(1500)
            ),
            id="near-duplicate-bucket",
        ),
        pytest.param("[a](" * 25_000, id="link-openers"),
        pytest.param("<" * 100_000, id="tag-openers"),
        pytest.param("Summary\n" + "[x] " * 25_000, id="bracket-fill-ins"),
    ],
)
def test_100_kb_of_hostile_text_lints_fast(text: str) -> None:
    from conftest import lint_text

    start = time.perf_counter()
    lint_text(text[:100_000])
    assert time.perf_counter() - start < 3.0


def test_several_html_headings_in_one_html_block_are_each_a_section() -> None:
    text = (
        "<h1>Incident Summery:</h1>\n<h2>Length of the outage:</h2>\n<p>Forty minutes.</p>\n"
        "<h2>Timeline:</h2>\n<ul><li>09:10 UTC pages fired</li>\n<li>09:50 UTC fixed</li></ul>\n"
    )
    doc = doc_of(text)
    titles = [s.title for s in doc.sections]
    assert titles == ["Incident Summery:", "Length of the outage:", "Timeline:"]
    items = [b.plain.strip() for b in doc.blocks if b.kind == "list_item"]
    assert items == ["09:10 UTC pages fired", "09:50 UTC fixed"]
    assert doc.has_section("timeline")


def test_a_heading_split_over_lines_of_one_html_block_is_still_one_heading() -> None:
    doc = doc_of('<h2 class="x">\nRoot cause\n</h2>\n\nThe cache filled up.\n')
    assert [s.keys for s in doc.sections] == [frozenset({"root-cause"})]


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("Issue Symmary:", "summary"),
        ("Timline", "timeline"),
        ("🕵️ The Timeline: A Journey Through the Night", "timeline"),
        ("🔍 Root Cause and Resolution: The Hungry Cache", "resolution"),
        ("Lessons Learned and Future Improvements", "action-items"),
        ("Preventing a repeat", "action-items"),
        ("What we are changing", "action-items"),
        ("Measures against such problem in future", "action-items"),
        ("Short-term Improvements (tracked in OPS-12)", "action-items"),
        ("Long term", "action-items"),
        ("Planned actions", "action-items"),
    ],
)
def test_headings_are_matched_by_meaning(title: str, key: str) -> None:
    assert key in default_section_registry().keys_for(title, heading=True)


@pytest.mark.parametrize("title", ["Actions taken", "Duration: 2 hours", "Summer plans"])
def test_look_alike_headings_mean_nothing_required(title: str) -> None:
    keys = default_section_registry().keys_for(title, heading=True)
    assert not keys & {"action-items", "summary", "timeline"}


@pytest.mark.parametrize("fence", ["```", "~~~~", "```text", "```markdown"])
def test_a_report_wrapped_in_one_fence_is_read_as_the_report(fence: str) -> None:
    closing = fence[:3] if fence.startswith("`") else fence
    body = "## Summary\nThe API was down.\n\n## Timeline\n- 10:00 alert\n"
    doc = doc_of(f"{fence}\n{body}{closing}\n")
    assert [(s.title, s.line) for s in doc.sections] == [("Summary", 2), ("Timeline", 5)]
    assert all(b.kind != "code" for b in doc.blocks)


@pytest.mark.parametrize(
    "text",
    [
        "```python\n## Summary\nprint(1)\n```\n",  # a program's language: code
        "```\n## Summary\n```\n\nprose\n\n```\n## Timeline\n```\n",  # several fences
        "Intro line.\n```\n## Summary\n```\n",  # text outside the fence
    ],
)
def test_code_fences_that_do_not_wrap_a_whole_report_stay_code(text: str) -> None:
    assert not doc_of(text).has_section("summary")
