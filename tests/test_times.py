"""Tests for pmlint.document.time: the case table plus ranges, helpers and robustness."""

from __future__ import annotations

import itertools
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmlint.document.time import (
    TimeExpr,
    apply_range_context,
    find_time_ranges,
    find_times,
    parse_time,
)
from pmlint.toml_compat import tomllib

CASES_FILE = Path(__file__).parent / "cases" / "times.toml"
CASES: list[dict[str, Any]] = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))["case"]
SRC = Path(__file__).resolve().parents[1] / "src"


def _case_id(case: dict[str, Any]) -> str:
    return case["input"][:40]


def test_case_table_is_big_enough() -> None:
    assert len(CASES) >= 100
    assert sum(1 for c in CASES if c.get("reject")) >= 20


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case(case: dict[str, Any]) -> None:
    kw = {"date_order": case["date_order"]} if "date_order" in case else {}
    found = find_times(case["input"], **kw)
    if case.get("reject"):
        assert found == [], f"expected no time in {case['input']!r}, got {found}"
        return
    assert len(found) == 1, f"expected one expression, got {[e.text for e in found]}"
    e = found[0]
    assert e.text == case.get("text", case["input"])
    assert case["input"][e.start : e.end] == e.text
    assert e.hour == case.get("hour")
    assert e.minute == case.get("minute")
    assert e.second == case.get("second")
    assert e.date == case.get("date")
    md = case.get("month_day")
    assert e.month_day == (tuple(md) if md else None)
    assert e.year_placeholder == case.get("placeholder", False)
    assert e.weekday == case.get("weekday")
    assert e.zone == case.get("zone")
    assert e.utc_offset == case.get("offset")
    assert e.zone_ambiguous == case.get("ambiguous", False)
    assert e.relative_seconds == case.get("relative_seconds")
    assert e.relative == ("relative_seconds" in case)
    if "problem" in case:
        assert e.problem is not None and case["problem"] in e.problem
    else:
        assert e.problem is None
    if "spelling" in case:
        assert e.spelling is not None and case["spelling"] in e.spelling
    else:
        assert e.spelling is None
    if "meridiem" in case:
        assert e.meridiem == case["meridiem"]
    if "precision" in case:
        assert e.precision == case["precision"]


# ------------------------------------------------------------------ several expressions


def test_date_range_gives_two_expressions() -> None:
    found = find_times("Timeline (all times PST) 01/16/2024 - 02/28/2024. All approximate")
    assert [e.date for e in found] == [date(2024, 1, 16), date(2024, 2, 28)]


def test_expressions_are_ordered_and_do_not_overlap() -> None:
    text = (
        "From 02:47 AM UTC to 05:00 AM UTC on 2021-12-13 15:50, then Nov 1, 2022 6:00 AM, "
        "T+5m and 2025-05-06T12:00:00Z."
    )
    found = find_times(text)
    assert [e.text for e in found] == [
        "02:47 AM UTC",
        "05:00 AM UTC",
        "2021-12-13 15:50",
        "Nov 1, 2022 6:00 AM",
        "T+5m",
        "2025-05-06T12:00:00Z",
    ]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_date_on_previous_line_is_not_merged() -> None:
    found = find_times("## Nov 26\n| 22:11 | First block |")
    assert [(e.text, e.month_day, e.hour) for e in found] == [
        ("Nov 26", (11, 26), None),
        ("22:11", None, 22),
    ]


def test_hyphen_range_of_clock_times() -> None:
    found = find_times("window 10:00-11:30 and 13:00:00-17:35:08")
    assert [(e.hour, e.minute, e.zone) for e in found] == [
        (10, 0, None),
        (11, 30, None),
        (13, 0, None),
        (17, 35, None),
    ]


def test_date_order_flips_slash_dates_only() -> None:
    mdy = find_times("03/04/2024 and 2024-03-04")
    dmy = find_times("03/04/2024 and 2024-03-04", date_order="DMY")
    assert [e.date for e in mdy] == [date(2024, 3, 4), date(2024, 3, 4)]
    assert [e.date for e in dmy] == [date(2024, 4, 3), date(2024, 3, 4)]


def test_bad_date_order_is_refused() -> None:
    with pytest.raises(ValueError):
        find_times("10:00", date_order="YDM")


def test_weekday_mismatch() -> None:
    wrong = parse_time("Monday, May 16, 2024")
    right = parse_time("Thursday, May 16, 2024")
    assert wrong is not None and wrong.weekday_mismatch
    assert right is not None and not right.weekday_mismatch


# ------------------------------------------------------------------ ranges


def test_find_time_ranges() -> None:
    text = "from 10:00 AM to 12:30 PM (UTC), between 13:00:00 and 17:35:08; at 3:00 and 4:00"
    ranges = find_time_ranges(text)
    assert [(r.first.text, r.second.text) for r in ranges] == [
        ("10:00 AM", "12:30 PM (UTC)"),
        ("13:00:00", "17:35:08"),
    ]
    assert text[ranges[0].start : ranges[0].end] == "10:00 AM to 12:30 PM (UTC)"


def test_between_the_hours_of_is_a_range() -> None:
    text = "Between the hours of 13:00:00 and 17:35:08, and between about 9:00 and 9:40 UTC"
    assert [(r.first.text, r.second.text) for r in find_time_ranges(text)] == [
        ("13:00:00", "17:35:08"),
        ("9:00", "9:40 UTC"),
    ]
    # "and" without "between" right before the first time is no range
    assert find_time_ranges("betweenness at 10:00 and 11:00; between them 3:00 and 4:00") == []


def test_range_zone_propagates_to_first_time_only_through_helper() -> None:
    text = "The outage occurred from 11:00 AM to 1:00 PM (WAT) on a busy Monday."
    found = find_times(text)
    assert found[0].zone is None  # find_times keeps each time's own zone
    shared = apply_range_context(text, found)
    assert [(e.hour, e.zone, e.utc_offset) for e in shared] == [(11, "WAT", 60), (13, "WAT", 60)]
    assert shared[0].text == "11:00 AM"  # what was written is unchanged


def test_range_date_propagates_forward_and_from_trailing_date() -> None:
    text = "**Duration:** August 5, 2023, 09:00 AM - 11:30 AM (UTC)"
    shared = apply_range_context(text, find_times(text))
    assert [(e.date, e.hour, e.utc_offset) for e in shared] == [
        (date(2023, 8, 5), 9, 0),
        (date(2023, 8, 5), 11, 0),
    ]
    text2 = "from 10:00 AM to 12:30 PM (UTC) on May 15, 20XX."
    shared2 = apply_range_context(text2, find_times(text2))
    assert [(e.month_day, e.year_placeholder, e.zone) for e in shared2[:2]] == [
        ((5, 15), True, "UTC"),
        ((5, 15), True, "UTC"),
    ]


def test_timeline_dash_lines_are_not_ranges() -> None:
    text = "7:32 PM - The chain stalled.\n7:38 PM - Monitoring detected the stall."
    assert find_time_ranges(text) == []


# ------------------------------------------------------------------ helpers


def test_minutes_of_day_and_has_clock() -> None:
    t = parse_time("11:45PM")
    d = parse_time("15 May 2023")
    assert t is not None and t.has_clock and t.minutes_of_day() == 23 * 60 + 45
    assert d is not None and not d.has_clock and d.minutes_of_day() is None and d.has_date


def test_parse_time_needs_one_expression_filling_the_string() -> None:
    assert parse_time("  10:00 AM  ") is not None
    assert parse_time("at 10:00 AM") is None
    assert parse_time("10:00 and 11:00") is None
    assert parse_time("") is None


def test_generic_zone_resolves_only_with_a_date() -> None:
    winter = parse_time("January 5, 2024 10:00 Pacific Time")
    summer = parse_time("July 5, 2024 10:00 Pacific Time")
    bare = parse_time("10:00 Pacific Time")
    assert winter is not None and summer is not None and bare is not None
    assert (winter.utc_offset, summer.utc_offset, bare.utc_offset) == (-480, -420, None)


def test_time_expr_is_frozen() -> None:
    e = TimeExpr(start=0, end=5, text="10:00", hour=10, minute=0)
    with pytest.raises(AttributeError):
        e.hour = 11  # type: ignore[misc]


# ------------------------------------------------------------------ dateparser fallback


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC)},
        timeout=60,
    )
    return result.stdout.strip()


def test_common_forms_never_import_dateparser() -> None:
    code = (
        "import sys\n"
        "from pmlint.document.time import find_times\n"
        "text = '''10:00 AM, 11:45PM, 2:30 p.m., 6PM, 14:05:33, 1405Z, 10:00 hours, noon,\n"
        "2025-05-06T12:00:00Z 2024-03-05T14:05:00+03:00 2021-12-13 15:50\n"
        "May 15, 2023 10:00 UTC; 15 May 2023; Saturday 2nd May 10:00 hours (East Africa Time)\n"
        "Nov 1, 2022 6:00 AM; January 10th; 01/16/2024 - 02/28/2024; 01-10-2024; T+5m\n"
        "the 3rd of March 2024; 2025-Feb-07; in November 2024; Feb 9 1924 UTC'''\n"
        "assert len(find_times(text)) >= 20\n"
        "print('dateparser' in sys.modules)\n"
    )
    assert _run(code) == "False"


def test_fallback_reads_odd_layouts() -> None:
    found = find_times("released on March the 3rd, 2024 after review")
    assert [(e.text, e.date) for e in found] == [("March the 3rd, 2024", date(2024, 3, 3))]
    assert find_times("released on March the 3rd, 2024", use_fallback=False) == []


def test_fallback_rejects_impossible_dates() -> None:
    assert find_times("on February the 30th, 2024") == []


# ------------------------------------------------------------------ robustness

ADVERSARIAL = [
    "1:" * 50000,
    "12 " * 30000,
    "a" * 100000,
    "1" * 100000,
    "12:" * 33000,
    "May " * 25000,
    "2024-" * 20000,
    "- " * 50000,
    "+1" * 50000,
    "T+" * 50000,
    "(UTC " * 20000,
    "Monday 1st " * 9000,
]


# A hang guard, not a speed figure (speed is measured by bench/ and tests/test_budget.py's
# growth check): a linear scan takes milliseconds, the backtracking bugs this guards took
# minutes, so 10 s never fails on a loaded machine and still catches a hang.
HANG_GUARD = 10.0


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:6]))
def test_adversarial_input_does_not_hang(text: str) -> None:
    start = time.perf_counter()
    find_times(text)
    assert time.perf_counter() - start < HANG_GUARD


def test_typical_document_reads_every_time_without_hanging() -> None:
    line = "- **10:30 AM (UTC):** Issue detected on May 15, 2023; 5 pods restarted at v1.2.3\n"
    lines = 5000 // len(line)
    start = time.perf_counter()
    found = find_times(line * lines)
    assert time.perf_counter() - start < HANG_GUARD
    assert [t.text for t in found] == ["10:30 AM (UTC)", "May 15, 2023"] * lines
