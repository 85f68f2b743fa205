"""The timeline view and the PM2xx rules on real-shaped documents."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import codes, lint_text
from pmlint.cli import main
from pmlint.document.document import Document
from pmlint.safe_lint import collector_paused
from pmlint.source import decode


def _doc(text: str, **settings: object) -> Document:
    return Document(decode(text.encode(), "doc.md"), settings=settings)


def _moments(text: str) -> list[int | None]:
    return [e.moment for e in _doc(text).timeline.timed]


def test_entries_from_list_items_with_leading_times() -> None:
    doc = _doc("# T\n\n## Timeline\n\n- 10:00 AM: alert\n- **10:05 AM** - paged\n- untimed step\n")
    entries = doc.timeline.entries
    assert [e.time.text if e.time else None for e in entries] == ["10:00 AM", "10:05 AM", None]
    assert [e.line for e in entries] == [5, 6, 7]
    assert entries[2].any_time is False


def test_timeline_is_cached_on_the_document() -> None:
    doc = _doc("## Timeline\n\n- 10:00 alert\n")
    assert doc.timeline is doc.timeline


def test_midnight_rollover_moves_to_the_next_day() -> None:
    moments = _moments("## Timeline\n\n- 23:10 job starts\n- 00:30 index rebuilt\n- 05:00 done\n")
    assert moments == [23 * 60 + 10, 1440 + 30, 1440 + 300]


def test_date_sub_headers_set_the_day() -> None:
    text = "## Timeline\n\n### 2024-03-05\n\n- 22:00 a\n\n### 2024-03-06\n\n- 01:00 b\n"
    entries = _doc(text).timeline.timed
    assert [str(e.day) for e in entries] == ["2024-03-05", "2024-03-06"]
    assert entries[1].moment is not None and entries[0].moment is not None
    assert entries[1].moment - entries[0].moment == 180


def test_table_time_column_found_by_header() -> None:
    text = "## Timeline\n\n| Event | Time (UTC) |\n|---|---|\n| alert | 09:14 |\n| fix | 09:40 |\n"
    entries = _doc(text).timeline.timed
    assert [e.time.text for e in entries if e.time] == ["09:14", "09:40"]


def test_glued_entries_on_one_line_are_split() -> None:
    text = "## Timeline\n\n- 12:30 PM: cause found. - 1:00 PM: fix deployed\n"
    entries = _doc(text).timeline.timed
    assert [e.time.text for e in entries if e.time] == ["12:30 PM", "1:00 PM"]


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2022"])
def test_glued_entries_keep_their_text_whatever_the_dash(dash: str) -> None:
    text = f"## Timeline\n\n- 12:30 PM: cause found. {dash} 1:00 PM: fix deployed\n"
    entries = _doc(text).timeline.timed
    assert [(e.time.text, e.text) for e in entries if e.time] == [
        ("12:30 PM", "12:30 PM: cause found."),
        ("1:00 PM", f"{dash} 1:00 PM: fix deployed"),
    ]


@pytest.mark.parametrize("dash", ["-", "\u2013"])
def test_a_range_that_opens_an_entry_is_one_entry(dash: str) -> None:
    text = (
        f"## Timeline\n\n01:20 am: teams called in  \n01:30 am {dash} 06:30 am: server debugging  "
        "\n06:40 am: fix pushed\n"
    )
    entries = _doc(text).timeline.entries
    assert [e.text for e in entries] == [
        "01:20 am: teams called in",
        f"01:30 am {dash} 06:30 am: server debugging",
        "06:40 am: fix pushed",
    ]
    assert "PM201" not in codes(lint_text(text))


def test_paragraph_lines_continue_the_timed_entry() -> None:
    text = "## Timeline\n\n02:47 config changed\nwrapped text of it\n02:58 customer report\n"
    entries = _doc(text).timeline.entries
    assert len(entries) == 2 and all(e.any_time for e in entries)


def test_out_of_order_message_says_the_arithmetic() -> None:
    text = "# X\n\nAll times UTC.\n\n## Timeline\n\n- 14:20 rollback\n- 14:05 alert\n"
    found = [f for f in lint_text(text) if f.code == "PM202"]
    assert len(found) == 1
    assert found[0].message.startswith("entry 14:05 comes after 14:20 (line 7)")
    assert found[0].span.start.line == 8


def test_untimed_subbullets_of_a_timed_entry_are_details() -> None:
    text = "# X\n\nAll times UTC.\n\n## Timeline\n\n- 19:36 release\n  - bump library one\n"
    assert "PM201" not in codes(lint_text(text))


def test_missing_timezone_respects_the_setting() -> None:
    text = "# X\n\nThe outage ran from 12:00 PM to 2:30 PM.\n"
    assert "PM204" in codes(lint_text(text))
    assert "PM204" not in codes(lint_text(text, timeline={"timezone": "UTC"}))


def test_date_order_setting_reads_day_first() -> None:
    text = "## Timeline\n\n- 01/02/2024 10:00 a\n- 03/02/2024 09:00 b\n"
    mdy = [str(e.day) for e in _doc(text).timeline.timed]
    dmy = [str(e.day) for e in _doc(text, timeline={"date-order": "DMY"}).timeline.timed]
    assert mdy == ["2024-01-02", "2024-03-02"]
    assert dmy == ["2024-02-01", "2024-02-03"]


def test_seed_003_through_the_cli(shared: Path) -> None:
    seed = shared / "corpus" / "seeds" / "seed-003-db-query-outage.txt"
    result = CliRunner().invoke(main, ["check", "--output-format", "json", str(seed)])
    assert result.exit_code in (0, 1)
    data = json.loads(result.output)
    items = data.get("findings", data) if isinstance(data, dict) else data
    got = {item["code"] for item in items}
    assert {"PM201", "PM204", "PM302"} <= got
    assert not {"PM301", "PM303"} & got
    pm302 = next(item for item in items if item["code"] == "PM302")
    assert "did you mean 11:45AM?" in pm302["message"]


def test_seed_000_as_a_subprocess_has_no_time_findings(shared: Path) -> None:
    seed = shared / "corpus" / "seeds" / "seed-000-web-outage.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", "check", "--output-format", "json", str(seed)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    items = data.get("findings", data) if isinstance(data, dict) else data
    assert not [i["code"] for i in items if i["code"][:3] in ("PM2", "PM3")]


def test_dateparser_is_not_imported_for_ordinary_documents(shared: Path) -> None:
    code = (
        "import sys\n"
        "from pmlint.cli import main\n"
        "try:\n"
        f"    main([{str(shared / 'corpus' / 'seeds' / 'seed-000-web-outage.txt')!r}])\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)\n"
        "print('dateparser' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    lines = proc.stdout.strip().splitlines()
    assert lines[-2] in ("exit 0", "exit 1"), proc.stdout + proc.stderr  # it linted the seed
    assert lines[-1] == "False"


# ---------------------------------------------------------------- issue 10 / 13 classes


def test_short_table_row_and_date_after_clock_do_not_crash() -> None:
    text = (
        "# T\n\n## Timeline\n\n| Event | Owner | Time |\n|---|---|---|\n| paged |\n"
        "| rollback | ops | 10:05 UTC 2024-01-02 |\n| | only |\n"
    )
    found = codes(lint_text(text))
    assert "PM203" not in found  # nothing here is an invalid time
    entries = _doc(text).timeline.entries
    assert [e.time.hour if e.time else None for e in entries] == [None, 10, None]


def test_year_zero_date_is_not_a_date_and_does_not_crash() -> None:
    for text in ("On 0000-01-01 it broke.\n", "Stamp 0000-01-01T10:00Z in a log.\n"):
        lint_text(text)  # must not raise


@pytest.mark.slow
def test_repeated_ranges_and_zoned_times_grow_linearly() -> None:
    """Ten times the text costs at most fifteen times as long (1 MB against 100 KB): the
    time layer has no quadratic step on long runs of ranges or zoned times."""

    def cost(unit: str, size: int) -> float:
        text = "# P\n\n## Timeline\n\n- " + unit * (size // len(unit)) + "\n"
        best = float("inf")
        for _ in range(5):  # the best of five runs: less noise from other processes
            with collector_paused():  # as the command line lints a file
                began = time.process_time()
                lint_text(text)
                best = min(best, time.process_time() - began)
        return best

    for unit in ("12:00 PM to ", "at 10:00 UTC, "):
        small, large = cost(unit, 100_000), cost(unit, 1_000_000)
        assert large <= 15 * max(small, 0.01), (unit, small, large)


def test_backwards_morning_times_are_out_of_order_not_a_rollover() -> None:
    text = (
        "# T\n\n## Timeline\n\n- 07:20:00 GMT: deploy\n- 07:33:00 GMT: outage begins\n"
        "- 07:11:52 GMT: resolved\n- 07:40:00 GMT: closed\n"
    )
    assert "PM202" in codes(lint_text(text))


def test_late_evening_to_early_morning_rolls_over() -> None:
    for pair in (("23:50", "00:20"), ("21:15", "02:40"), ("11:40 PM", "1:05 AM")):
        text = f"# T\n\n## Timeline\n\n- {pair[0]} UTC: page\n- {pair[1]} UTC: fixed\n"
        assert "PM202" not in codes(lint_text(text)), pair


def test_one_pm201_finding_lists_every_untimed_entry() -> None:
    text = (
        "# T\n\n## Timeline\n\nAll times are UTC.\n\n- 10:00 UTC: alert fired\n"
        "- team started looking at logs\n- Actions Taken:\n  - rolled back the deploy\n"
        "- ![graph](g.png)\n- Note: the graph shows the spike\n"
    )
    found = [f for f in lint_text(text) if f.code == "PM201"]
    assert len(found) == 1
    assert "2 timeline entries have no time" in found[0].message


def test_ambiguous_zone_alone_and_second_zone_are_pm205() -> None:
    assert "PM205" in codes(lint_text("The outage began at 09:15 IST and ended at 11:00 IST.\n"))
    mixed = "# T\n\n## Timeline\n\n- 10:00 EAT: detected\n- 19:20 PST: engineer joined\n"
    assert "PM205" in codes(lint_text(mixed))
    declared = (
        "# T\n\n## Timeline (all times PST)\n\n- 12:45 PM PST: wave one\n"
        "- 11:00 PM MST: mempool empty\n"
    )
    assert "PM205" in codes(lint_text(declared))


def test_same_zone_spellings_and_conversions_are_not_pm205() -> None:
    for text in (
        "# T\n\n## Timeline\n\n- 10:00 UTC: alert\n- 10:30 GMT: rollback\n",
        "# T\n\n## Timeline\n\n- 10:00 UTC (03:00 PDT): alert\n- 10:30 UTC: rollback\n",
        "# T\n\n## Timeline\n\n- 16:15 GMT+1: alert\n- 16:20 GMT+1: paged\n",
        "# T\n\n## Timeline\n\n- 09:00 PST: alert\n- 09:30 PDT: rollback\n",
    ):
        assert "PM205" not in codes(lint_text(text)), text


def test_unnamed_timeline_zone_that_runs_hours_off_the_window_is_pm205() -> None:
    summary = "# T\n\n## Summary\n\nThe site was down from {0} to {1} UTC.\n\n## Timeline\n\n"
    cases = [
        (("14:00", "15:30"), "- 09:00: errors begin\n- 09:40: paged\n- 10:30: service restored\n"),
        (("02:10", "03:00"), "- 07:40 - checkout fails\n- 08:30 - fully recovered\n"),
        (
            ("22:00", "23:15"),
            "| Time | Event |\n|---|---|\n| 17:00 | outage begins |\n| 18:15 | resolved |\n",
        ),
    ]
    for (start, end), timeline in cases:
        found = lint_text(summary.format(start, end) + timeline)
        assert [f.code for f in found if "gives no zone" in f.message] == ["PM205"], timeline


def test_timeline_in_the_window_zone_or_with_evenly_spaced_entries_is_not_shifted() -> None:
    summary = "# T\n\n## Summary\n\nThe site was down from 10:00 to 11:30 UTC.\n\n## Timeline\n\n"
    same = "- 09:50: deploy\n- 10:00: errors begin\n- 11:30: resolved\n"
    spaced = "".join(f"- 0{h}:{m}: step {h}{m}\n" for h in range(6, 10) for m in ("00", "30"))
    declared = "All times are EST.\n\n- 05:00: errors begin\n- 06:30: resolved\n"
    for timeline in (same, spaced, declared):
        found = lint_text(summary + timeline)
        assert not [f for f in found if "gives no zone" in f.message], timeline


def test_times_in_headings_are_entries_with_the_text_under_them() -> None:
    for heading in ("### {0}", "### {0} UTC - step", "#### **{0}**"):
        body = "".join(
            heading.format(t) + "\n\nSomething happened and we looked at it.\n\n"
            for t in ("10:00", "10:20", "10:45")
        )
        text = "# T\n\nAll times UTC.\n\n## Timeline\n\n" + body
        entries = _doc(text).timeline.entries
        assert [e.time.hour if e.time else None for e in entries] == [10, 10, 10]
        assert all(e.time is not None for e in entries), heading
        assert not {"PM201", "PM202"} & set(codes(lint_text(text)))
        backwards = text.replace("10:20", "09:20")
        assert "PM202" in codes(lint_text(backwards)), heading


def test_separate_date_and_time_columns_give_each_row_its_day() -> None:
    rows = ("| Mon | Jan 3 | 23:50 | alert |", "| Tue | Jan 4 | 00:10 | rollback |")
    for header in (
        "| Day | Date | Time | Event |",
        "| Weekday | Date (2024) | Time (UTC) | What |",
    ):
        table = "\n".join([header, "|---|---|---|---|", *rows]) + "\n"
        text = "# T\n\nAll times UTC.\n\n## Timeline\n\n" + table
        assert [str(e.day) for e in _doc(text).timeline.timed] == ["2000-01-03", "2000-01-04"]
        assert "PM202" not in codes(lint_text(text))
        late = text.replace("| Tue | Jan 4 | 00:10 |", "| Mon | Jan 3 | 22:10 |")
        assert "PM202" in codes(lint_text(late)), header


def test_dotted_clocks_are_times_when_the_timeline_writes_them_so() -> None:
    doc = _doc("## Timeline\n\n- 14.05 - alert fires\n- 14.20 - rollback\n- 14.40: recovered\n")
    assert [(e.time.hour, e.time.minute) for e in doc.timeline.timed] == [
        (14, 5),
        (14, 20),
        (14, 40),
    ]


def test_decimals_opening_entries_are_not_times() -> None:
    doc = _doc(
        "## Timeline\n\n- 10:00 UTC: report generated\n- 2.50 percent of requests retried\n"
        "- 3.75 percent retried the week after\n"
    )
    assert [e.time is not None for e in doc.timeline.entries] == [True, False, False]


def test_one_dotted_entry_among_untimed_ones_is_not_read() -> None:
    doc = _doc("## Timeline\n\n- 14.05 - alert fires\n- rollback started\n- recovered at last\n")
    assert doc.timeline.timed == []


def test_a_clock_takes_the_date_written_after_it() -> None:
    doc = _doc("## Timeline\n\n- 23:50 PST 4 May 2023 - alert\n- 00:10 PST 5 May 2023 - fix\n")
    assert [e.day.isoformat() if e.day else None for e in doc.timeline.timed] == [
        "2023-05-04",
        "2023-05-05",
    ]
