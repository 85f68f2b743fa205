"""Property tests: whatever text pmlint is given, it returns findings or one clean error,
never an exception, and the same output every time.

Three sources of documents: random Unicode, Markdown built from a small grammar of
postmortem shapes, and mutations of hand-written postmortems. The budget is short by
default; the ``*_long`` tests (marked slow) lint 20,000 documents, and
``PMLINT_HYPOTHESIS_PROFILE=long`` makes the default ones longer too.
"""

from __future__ import annotations

import codecs
import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmlint.cli import main
from pmlint.engine import FileResult, Linter
from pmlint.findings import Finding
from pmlint.output import RenderOptions, get_renderer
from pmlint.registry import default_registry
from pmlint.settings import Settings
from pmlint.source import InputError, Source, decode

_PROFILES = {
    "ci": settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck)),
    "long": settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck)),
}
BUDGET = _PROFILES[os.environ.get("PMLINT_HYPOTHESIS_PROFILE", "ci")]
LINTER = Linter(Settings.model_validate({"select": ["ALL"]}), default_registry())

# -- the grammar ----------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "the",
        "deploy",
        "rollback",
        "alert",
        "paged",
        "on-call",
        "engineer",
        "database",
        "pool",
        "error",
        "rate",
        "customers",
        "users",
        "500s",
        "latency",
        "John",
        "forgot",
        "TODO",
        "TBD",
        "root",
        "cause",
        "because",
        "outage",
        "40%",
        "$1,200",
        "https://status.example.com/x",
        "`kubectl`",
        "**bold**",
        "_em_",
        "<b>html</b>",
        "[link](http://x)",
        "é",
        "漢字",
        "🙂",
        "—",
        "…",
        "¿",
    ]
)
SECTIONS = st.sampled_from(
    [
        "Summary",
        "Impact",
        "Timeline",
        "Root Cause",
        "Resolution",
        "Action Items",
        "Lessons Learned",
        "Detection",
        "Trigger",
        "Contributing Factors",
        "Notes",
        "Timeline (UTC)",
    ]
)
ZONES = st.sampled_from(["", " UTC", " PST", " CET", " +02:00", " -0500", "Z", " GMT+1", " IST"])


@st.composite
def clock(draw: st.DrawFn) -> str:
    """A time of day in one of the shapes postmortems use."""
    hour, minute = draw(st.integers(0, 25)), draw(st.integers(0, 61))
    shape = draw(st.sampled_from(["24h", "12h", "iso", "date", "relative", "range"]))
    zone = draw(ZONES)
    if shape == "12h":
        return f"{hour % 13}:{minute:02d} {draw(st.sampled_from(['AM', 'pm', 'a.m.']))}{zone}"
    if shape == "iso":
        month, day = draw(st.integers(1, 13)), draw(st.integers(0, 32))
        return f"2024-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}{zone}"
    if shape == "date":
        month = draw(st.sampled_from(["March", "Mar", "3/", "05.03."]))
        return f"{month} {draw(st.integers(1, 31))}, 2024 {hour:02d}:{minute:02d}{zone}"
    if shape == "relative":
        return f"T+{draw(st.integers(0, 300))}m"
    return f"{hour:02d}:{minute:02d}-{(hour + 1) % 24:02d}:{minute:02d}{zone}"


@st.composite
def md_line(draw: st.DrawFn) -> str:
    """One line of a postmortem in any of the shapes pmlint reads."""
    words = " ".join(draw(st.lists(WORDS, min_size=0, max_size=12)))
    kind = draw(st.integers(0, 13))
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + draw(st.sampled_from([" ", ""])) + draw(SECTIONS)
    if kind == 1:
        return f"**{draw(SECTIONS)}**" + draw(st.sampled_from(["", ":"]))
    if kind == 2:
        return f"{draw(SECTIONS)}:" + draw(st.sampled_from(["", " " + words]))
    if kind == 3:
        indent = " " * draw(st.integers(0, 12))
        marker = draw(st.sampled_from(["-", "*", "+", "•", "1.", "2)", "- [ ]", "- [x]", "◦"]))
        return f"{indent}{marker} {draw(clock())} {words}"
    if kind == 4:
        return f"| {draw(clock())} | {words} | @owner |"
    if kind == 5:
        return draw(st.sampled_from(["|---|---|---|", "| Time | Event | Owner |", "---", "==="]))
    if kind == 6:
        return draw(st.sampled_from(["```", "```text", "~~~", "    indented code"]))
    if kind == 7:
        return ">" * draw(st.integers(1, 4)) + " " + words
    if kind == 8:
        return f"{draw(clock())} {words}"
    if kind == 9:
        return draw(
            st.sampled_from(
                [
                    "<!-- pmlint-disable PM101 -->",
                    "<!-- pmlint-disable -->",
                    "<!-- pmlint-enable -->",
                    "<h2>Impact</h2>",
                    "<details>",
                ]
            )
        )
    if kind == 10:
        return (
            f"{draw(st.sampled_from(['Owner', 'Status', 'Severity', 'Date', 'Duration']))}: {words}"
        )
    if kind == 11:
        return ""
    if kind == 12:
        return draw(st.sampled_from(["+++", "{", "}", 'title = "x"', "date: 2024-03-05"]))
    return words


MARKDOWN = st.lists(md_line(), max_size=60).map("\n".join)

SEEDS = [
    """# Postmortem: checkout outage

## Summary

On 2024-03-05 checkout failed for 2 hours after a config push.

## Impact

- 18,400 failed requests; 2,100 customers saw an error.

## Timeline

All times UTC.

| Time | Event |
|---|---|
| 14:05 | Config deployed |
| 14:12 | Alert fired |
| 16:05 | Rolled back |

## Root Cause

The pool was set to 5 instead of 50.

## Action Items

- [ ] Validate the pool size (@dana, OPS-412)
""",
    """Login outage postmortem

Summary:
Users could not log in for 40 minutes.

Timeline:
• 9:05 AM PST - deploy started
• 9:20 AM PST - alert fired
• 9:45 AM PST - rollback done

Root cause:
John forgot to run the migration.

Action items:
• Improve monitoring
""",
    """---
title: Search latency
date: 2024-03-05
---

**Summary**

Search was slow (p99 4 s) from 10:00 to 11:30 CET.

**Timeline**

10:00 CET latency alert
10:40 CET cache node replaced
11:30 CET recovered

**Lessons Learned**

TODO
""",
]
TOKENS = [
    "\n",
    "\r\n",
    "#",
    "## ",
    "**",
    "- ",
    "|",
    "`",
    "```\n",
    ":",
    "14:05",
    "\t",
    " ",
    "<!--",
    "-->",
    ">",
    "[",
    "](",
    "\u00a0",
    "\ufeff",
    "\x0c",
    "\u2028",
    "🙂",
    "\\",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A seed postmortem with a few random edits: deletions, duplications, insertions."""
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        to = draw(st.integers(at, min(len(text), at + 80)))
        action = draw(st.integers(0, 4))
        if action == 0:
            text = text[:at] + text[to:]
        elif action == 1:
            text = text[:to] + text[at:to] * draw(st.integers(1, 5)) + text[to:]
        elif action == 2:
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif action == 3:
            text = text[:at] + draw(st.text(max_size=10)) + text[to:]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


# -- the properties ---------------------------------------------------------------------


def check_findings(source: Source, findings: list[Finding]) -> None:
    """Findings are sorted, inside the text, and have a message."""
    assert findings == sorted(findings, key=Finding.sort_key)
    last_line = len(source.line_starts)
    for finding in findings:
        span = finding.span
        assert 0 <= span.start_offset <= span.end_offset <= len(source.text), finding
        assert 1 <= span.start.line <= span.end.line <= last_line, finding
        assert span.start.column >= 1 and span.end.column >= 1, finding
        assert finding.message.strip() and finding.code.startswith("PM"), finding
        assert finding.code != "PM000", finding.message  # no rule crashed
        for edit in finding.fix.edits if finding.fix else ():
            assert 0 <= edit.start_offset <= edit.end_offset <= len(source.text), finding


def lint_twice(text: str) -> None:
    """Lint ``text`` twice: valid findings, identical both times, every format renders;
    or one clean error (NUL bytes make it a binary file)."""
    try:
        source = decode(text.encode("utf-8"), "doc.md")
    except InputError as exc:
        assert str(exc).startswith("doc.md: ") and "\n" not in str(exc)
        return
    first = LINTER.lint_source(source)
    check_findings(source, first)
    again = LINTER.lint_source(decode(text.encode("utf-8"), "doc.md"))
    assert first == again
    results = [FileResult("doc.md", first, source=source)]
    options = RenderOptions(rules=[rule for rule, _, _ in LINTER.rules])
    for fmt in ("concise", "full", "json"):
        assert get_renderer(fmt)(results, options) == get_renderer(fmt)(results, options)


@BUDGET
@given(st.text(max_size=3000))
def test_random_unicode(text: str) -> None:
    lint_twice(text)


@BUDGET
@given(MARKDOWN)
def test_markdown_from_the_grammar(text: str) -> None:
    lint_twice(text)


@BUDGET
@given(mutated())
def test_mutated_postmortems(text: str) -> None:
    lint_twice(text)


@BUDGET
@given(st.binary(max_size=400) | mutated().map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")))
def test_random_bytes_give_findings_or_one_clean_error(data: bytes) -> None:
    try:
        source = decode(data, "doc.md")
    except InputError as exc:
        message = str(exc)
        assert message.startswith("doc.md: ") and "\n" not in message
        return
    check_findings(source, LINTER.lint_source(source))


# -- the long run (CI's slow set): 4 x 5,000 = 20,000 documents, no PM000, no traceback --

LONG = settings(max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.mark.slow
@LONG
@given(st.text(max_size=3000))
def test_random_unicode_long(text: str) -> None:
    lint_twice(text)


@pytest.mark.slow
@LONG
@given(MARKDOWN)
def test_markdown_from_the_grammar_long(text: str) -> None:
    lint_twice(text)


@pytest.mark.slow
@LONG
@given(mutated())
def test_mutated_postmortems_long(text: str) -> None:
    lint_twice(text)


@pytest.mark.slow
@LONG
@given(st.binary(max_size=400) | mutated().map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")))
def test_random_bytes_long(data: bytes) -> None:
    test_random_bytes_give_findings_or_one_clean_error.hypothesis.inner_test(data)


@settings(BUDGET, max_examples=max(5, BUDGET.max_examples // 4))
@given(MARKDOWN | mutated())
def test_cli_on_stdin_is_deterministic_and_never_a_traceback(text: str) -> None:
    runs = [
        CliRunner().invoke(main, ["--output-format", "json", "--select", "ALL", "-"], input=text)
        for _ in range(2)
    ]
    for run in runs:
        assert "Traceback" not in run.output
        if run.exit_code == 2:  # NUL bytes: one clean error line
            assert "pmlint: error: -: looks like a binary file" in run.output
        else:
            assert run.exit_code in (0, 1), run.output
        assert not isinstance(run.exception, Exception) or isinstance(run.exception, SystemExit)
    assert runs[0].output == runs[1].output
