"""Shortcuts in the time scanner's builders (issue 14) find what the plain code they replace
found: each is compared with that plain code, written out here, on hand-written texts and on
random texts built from time-like pieces."""

from __future__ import annotations

import calendar
import random
import re
from typing import Any

import pytest

from pmlint.document.time import clocks, dates
from pmlint.document.time.clocks import scan_zone
from pmlint.document.time.hints import FOUR_DIGITS, hints_of
from pmlint.document.time.tokens import SP, zone_after, zone_follows
from pmlint.document.zones import get_zone

_PIECES = [
    *"0123456789:.-/+ ,()[]|*_TtZzOoAaPpMmh\t\n\u00a0\u2212\u2013\u017f\u00e9\u00b2",
    " UTC",
    " PST",
    "(CET)",
    "( IST )",
    "UTC",
    "GMT",
    "UTC+15",
    "GMT-3",
    "Pacific Standard Time",
    " (PST)",
    "Europe/Berlin",
    " hours",
    " hrs",
    " hours of",
    "Z",
    "Zulu",
    "+05:30",
    "-0800",
    " +2 UTC",
    " (-5 GMT)",
    "+03:00",
    "John ",
    "Ps. ",
    "Psalm ",
    "May ",
    " ratio",
    " Split",
    "-17",
    "\u201316",
    "UTC+",
    "GMT - ",
    "10:00",
    "1405",
    "2024",
    "0300",
    "12:30:15",
    "9 ",
    "AM",
    "p.m.",
    "Feb",
    "EAT",
    "word",
    "\u00e9t\u00e9",
]


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_PIECES, k=rng.randint(1, 14))) for _ in range(count)]


_WRITTEN = [
    "Paged 10:00 UTC, acked 10:05 (PST), fixed 10:20 Pacific Standard Time (PST).",
    "10:00Z then 10:05z, 10:10 +0200, 10:15+03:00, 10:20 -0800, 10:25 (-5 GMT), 10:30 UTC+15.",
    "10:00 - restarted | 10:05 | 10:10: done, 10:15\n10:20    UTC, 10:25 ( UTC ) end",
    "John 3:16 and Psalm 23:4, Rev. 2:10, UTC-05:00, GMT + 3:00, 1:10 ratio, Mark 4:3-9",
    "UTC+\n10:00 and John \n3:16 and Acts 2:1\u20134 and ids 5:10-12 and at 9:30-10:00",
    "1405Z, 1936 UTC, 0300 hours, 0300 hours of work, 2024-03-05, 1500 servers, 2359(CET)",
]


def _scan_zone_plain(text: str, pos: int, *, dash_offset: bool) -> tuple[int, dict[str, Any]]:
    """scan_zone as it was before its gate: every reading tried in turn."""
    if text.startswith(("Z", "z"), pos) and not (pos + 1 < len(text) and text[pos + 1].isalnum()):
        return pos + 1, clocks._zone_fields("Z", get_zone("Z"))
    m = clocks._ATTACHED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+"):
        return m.end(), clocks._offset_fields(m.group("off"))
    m = clocks._SPACED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+" or ":" not in m.group("off")):
        return m.end(), clocks._offset_fields(m.group("off"))
    m = clocks._LOOSE_OFFSET_RE.match(text, pos)
    if m:
        end = clocks._closed_end(text, "(" in m.group("open"), m.end())
        if end is None:
            return pos, {}
        return end, clocks._offset_fields(m.group("base") + m.group("off"))
    opened, m = zone_after(text, pos)
    end = clocks._closed_end(text, opened, m.end()) if m else None
    if m is None or end is None:
        return pos, {}
    token = m.group(0)
    zone = get_zone(token)
    if zone is None:
        if token[:3].upper() in ("UTC", "GMT"):
            return end, clocks._offset_fields(token)
        return pos, {}
    if " " in token:
        extra = clocks._ABBR_PAREN_RE.match(text, end)
        if extra and get_zone(extra.group("abbr")) is not None:
            end = extra.end()
    return end, clocks._zone_fields(" ".join(token.split()), zone)


def _bad_clock_context_plain(text: str, start: int, end: int) -> bool:
    """_bad_clock_context as it was before its gates: every search run."""
    before = text[max(0, start - 16) : start]
    if clocks._OFFSET_BEFORE_RE.search(before):
        return True
    w = clocks._WORD_BEFORE_RE.search(before)
    if w and w.group(1) in clocks._BIBLE_BOOKS:
        return True
    if clocks._VERSE_AFTER_RE.match(text, end) and ":" in text[start:end]:
        prev = w.group(1) if w else ""
        if prev[:1].isupper() and prev.lower() not in dates.MONTH_NUMBERS:
            return True
    return bool(clocks._RATIO_AFTER_RE.match(text, end))


# the four-digit clock row's pattern before the look-ahead after its minutes
_MILITARY_PLAIN_RE = re.compile(
    r"(?=[012])(?<![A-Za-z0-9.:/$#@+\-\u2212,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)"
    rf"(?:{SP}?(?P<hrs>hours|hrs)(?![A-Za-z])(?!{SP}+(?:of|ago|later|long|per|each|in\s+total)\b))?"
)


def _military_kept(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, dict[str, Any]]]:
    kept = []
    for m in pattern.finditer(text):
        atom = clocks._military_atom(text, m, "MDY")
        if atom is not None:
            kept.append((atom.start, atom.end, atom.fields))
    return kept


_CASES = _WRITTEN + _texts(3000, 19)


@pytest.mark.parametrize("text", _CASES)
def test_the_zone_after_a_clock_time_is_read_as_before(text: str) -> None:
    for pos in range(len(text) + 1):
        for dash in (False, True):
            got = scan_zone(text, pos, dash_offset=dash)
            assert got == _scan_zone_plain(text, pos, dash_offset=dash), (text, pos, dash)


@pytest.mark.parametrize("text", _CASES)
def test_a_verse_ratio_or_offset_is_refused_as_before(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, min(len(text), start + 8) + 1):
            got = clocks._bad_clock_context(text, start, end)
            assert got == _bad_clock_context_plain(text, start, end), (text, start, end)


@pytest.mark.parametrize("text", _CASES)
def test_four_digit_clock_times_are_kept_as_before(text: str) -> None:
    plain = _military_kept(_MILITARY_PLAIN_RE, text)
    assert _military_kept(clocks._MILITARY_RE, text) == plain, text
    if plain:  # the row's hint passes wherever the plain row keeps a time
        assert FOUR_DIGITS in hints_of(text), text


def test_the_written_examples_reach_every_reading() -> None:
    # the hand-written lines really take the gated branches and the plain ones
    zones = [
        scan_zone(t, m.end(), dash_offset=True) for t in _WRITTEN for m in re.finditer(r"\d\d", t)
    ]
    assert any(fields.get("utc_offset") is not None for _, fields in zones)
    assert any(fields.get("zone") == "Pacific Standard Time" for _, fields in zones)
    assert any(fields.get("problem") for _, fields in zones)
    bad = [
        clocks._bad_clock_context(t, m.start(), m.end())
        for t in _WRITTEN
        for m in re.finditer(r"\d+:\d+", t)
    ]
    assert bad.count(True) >= 5 and bad.count(False) >= 5
    kept = [k for t in _WRITTEN for k in _military_kept(clocks._MILITARY_RE, t)]
    assert len(kept) == 4  # 1405Z, 1936 UTC, 0300 hours, 2359(CET)
    assert zone_follows("2359(CET)", 4, paren=True)


@pytest.mark.parametrize("year", [None, 0, 1, 1900, 1970, 2000, 2023, 2024, 2100, 9999])
def test_days_in_month_are_the_calendar_s(year: int | None) -> None:
    for month in range(1, 13):
        if year is None:  # no year written: February may have its 29th
            expected = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        else:
            expected = calendar.monthrange(year, month)[1]
        assert dates._days_in_month(month, year) == expected, (year, month)


def test_a_day_past_the_month_s_end_is_named() -> None:
    assert dates.date_fields(2023, 4, 31)["problem"] == "April 31 does not exist"
    assert "not a leap year" in dates.date_fields(2023, 2, 29)["problem"]
    assert "problem" not in dates.date_fields(2024, 2, 29)
