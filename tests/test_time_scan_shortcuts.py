"""Shortcuts in the time scanner's builders (issue 14) find what the plain code they replace
found: each is compared with that plain code, written out here, on hand-written texts and on
random texts built from time-like pieces."""

from __future__ import annotations

import calendar
import random
import re
from typing import Any

import pytest

from conftest import batches, plain_zone_of, random_texts
from pmlint.document.time import TimeExpr, clock_zone, clocks, dates, find_times, hints, scan
from pmlint.document.time.clock_zone import scan_zone
from pmlint.document.time.hints import DAY_MONTH, FOUR_DIGITS, hints_of
from pmlint.document.time.tokens import (
    DAY,
    MONTH,
    ORD,
    SP,
    WD_PREFIX,
    WEEKDAY,
    YEAR,
    Atom,
    zone_after,
    zone_follows,
)
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
        return pos + 1, clock_zone.zone_fields("Z", get_zone("Z"))
    m = clock_zone._ATTACHED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+"):
        return m.end(), clock_zone.offset_fields(m.group("off"))
    m = clock_zone._SPACED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+" or ":" not in m.group("off")):
        return m.end(), clock_zone.offset_fields(m.group("off"))
    m = clock_zone._LOOSE_OFFSET_RE.match(text, pos)
    if m:
        end = clock_zone._closed_end(text, "(" in m.group("open"), m.end())
        if end is None:
            return pos, {}
        return end, clock_zone.offset_fields(m.group("base") + m.group("off"))
    opened, m = zone_after(text, pos)
    end = clock_zone._closed_end(text, opened, m.end()) if m else None
    if m is None or end is None:
        return pos, {}
    return plain_zone_of(text, pos, m, end)


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


_CASES = _WRITTEN + random_texts(_PIECES, 3000, 19, most=14)


@pytest.mark.parametrize("texts", batches(_CASES))
def test_the_zone_after_a_clock_time_is_read_as_before(texts: list[str]) -> None:
    for text in texts:
        for pos in range(len(text) + 1):
            for dash in (False, True):
                got = scan_zone(text, pos, dash_offset=dash)
                assert got == _scan_zone_plain(text, pos, dash_offset=dash), (text, pos, dash)


@pytest.mark.parametrize("texts", batches(_CASES))
def test_a_verse_ratio_or_offset_is_refused_as_before(texts: list[str]) -> None:
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, min(len(text), start + 8) + 1):
                got = clocks._bad_clock_context(text, start, end)
                assert got == _bad_clock_context_plain(text, start, end), (text, start, end)


@pytest.mark.parametrize("texts", batches(_CASES))
def test_four_digit_clock_times_are_kept_as_before(texts: list[str]) -> None:
    for text in texts:
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


# the named-date rows before the look-aheads for a name's first three letters
_MONTH_FIRST_PLAIN_RE = re.compile(
    rf"(?=(?i:[adfjmnostw]))(?<![A-Za-z0-9]){WD_PREFIX}(?P<mon>{MONTH})\.?{SP}+{DAY}{ORD}?"
    r"(?![A-Za-z0-9]|[:.]\d)"
    rf"(?:,?{SP}+{YEAR})?"
)
_DAY_FIRST_PLAIN_RE = re.compile(
    rf"(?=\d|(?i:[fmstw]))(?<![A-Za-z0-9.:/\-]){WD_PREFIX}{DAY}(?:{ORD}|\.)?{SP}+(?:of{SP}+)?"
    rf"(?P<mon>{MONTH})\.?"
    rf"(?![A-Za-z0-9])(?:,?{SP}+{YEAR})?"
)
_NAME_PIECES = [
    *"0123456789 ,.-/:\t\u00a0\u017f\u212a\u0131\u0130stnrdhofTSMW",
    "May",
    "mAy",
    "march",
    "Sept.",
    "SEPTEMBER",
    "Augu\u017ft",
    "Apr\u0131l",
    "Monday",
    "tues",
    "Thurs",
    "the ",
    "of ",
    "2024",
    "20XX",
    "yyyy",
    "3rd",
    "1st",
    "Marker",
    *["Jan", "feb", "MAR", "apr", "Jun", "jul", "AUG", "Oct", "nov", "Dec", "dec.", "3.", "12."],
    "Deploy",
    "Nova",
    "Wedge",
    "Junk",
    "UTC",
]


_DATES_WRITTEN = [
    "Monday, May 16, 2024 and Wed Feb 12 and Sept. 3 2024 and January 10th, then March 5",
    "15 May 2023, Saturday 2nd May, the 3rd of March 2024, Monday 3. February 2020",
    "Tue, 1 Nov 2022; 29 april 2022; may 3 2021; Deploy 5 Marker; Thursday 4 July",
    *[
        "Monday 3. February",
        "1 Jan",
        "4 feb",
        "5 Mar",
        "6 APR",
        "7 May",
        "8 jun",
        "9 Jul",
        "10 Aug",
        "11th of Sep",
    ],
    *[
        "12 Oct 2023",
        "13 nov 2021",
        "14 Dec",
        "15 March",
        "Sat 16 June",
        "Sunday, 17 July",
        "Fri. 2nd Dec",
    ],
]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, dict[str, Any]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "texts", batches(_DATES_WRITTEN + random_texts(_NAME_PIECES, 3000, 23, most=12))
)
def test_named_dates_are_matched_as_before(texts: list[str]) -> None:
    for text in texts:
        assert _spans(dates._MONTH_FIRST_RE, text) == _spans(_MONTH_FIRST_PLAIN_RE, text), text
        day_first = _spans(_DAY_FIRST_PLAIN_RE, text)
        assert _spans(dates._DAY_FIRST_RE, text) == day_first, text
        if day_first:  # the day-first row's hint passes wherever the row matches
            assert hints._DAY_MONTH_RE.search(text), text
            if hints.MONTH in hints_of(text):
                assert DAY_MONTH in hints_of(text), text


def test_the_written_dates_are_matched() -> None:
    found = [m.group("mon") for t in _DATES_WRITTEN for m in dates._MONTH_FIRST_RE.finditer(t)]
    assert len(found) >= 5
    found = [m.group("mon") for t in _DATES_WRITTEN for m in dates._DAY_FIRST_RE.finditer(t)]
    assert len(found) >= 6


def test_every_name_starts_as_the_heads_say() -> None:
    months = re.findall(r"[A-Z][a-z]+", MONTH)
    weekdays = re.findall(r"[A-Z][a-z]+", WEEKDAY)
    assert len(months) == 24 and len(weekdays) == 18
    for word in months + weekdays:
        for written in (word, word.upper(), word.lower()):
            assert re.match(dates._NAME_HEAD, written), written
    for word in weekdays:
        assert re.match(dates._WEEKDAY_HEAD, word.upper()), word


# the rows that start with a digit, "T" or "+", as written before they were made to start
# with that character (the regex engine then skips to where one is, instead of trying the
# look-behinds at every position): each is compared with its rewritten form
_MER = r"(?P<mer>[AaPp]\.?[Mm]\.?)(?![A-Za-z0-9])"
_REL_UNIT = r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)(?![A-Za-z])"
_LEADING_PLAIN = {
    "iso_t": r"(?<![A-Za-z0-9.])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[Tt](?P<h>\d{2}):"
    r"(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?"
    r"(?P<z>[Zz](?![A-Za-z0-9])|[+\-\u2212]\d{2}(?::?\d{2})?(?![\d:]))?(?![A-Za-z0-9]|[.:]\d)",
    "clock": r"(?=[\dO])(?:(?<![A-Za-z0-9./$#@+\u2212])|(?<=\d-\d\d/))(?<!\d:)(?<!::)"
    r"(?P<h>\d{1,2}|O\d):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?(?!\d|[.:]\d)"
    rf"(?:{SP}?{_MER})?(?:{SP}*(?P<hrs>hours|hrs|hr|h)(?![A-Za-z]))?",
    "hour_mer": rf"(?<![A-Za-z0-9.:/$#@+\u2212,])(?P<h>\d{{1,2}}){SP}?{_MER}",
    "military": r"(?=[012])(?<![A-Za-z0-9.:/$#@+\-\u2212,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)"
    rf"(?={SP}?\(?{SP}?[^\W\d_])(?:{SP}?(?P<hrs>hours|hrs)(?![A-Za-z])"
    rf"(?!{SP}+(?:of|ago|later|long|per|each|in\s+total)\b))?",
    "relative": r"(?=T)(?<![A-Za-z0-9])T[ \t]?(?P<tsign>[+\-\u2212])[ \t]?"
    r"(?:(?P<th>\d{1,3}):(?P<tm>\d{2})(?::(?P<ts>\d{2}))?(?![\d:])"
    rf"|(?P<tparts>\d+(?:\.\d+)?[ \t]?{_REL_UNIT}(?:[ \t]?\d+[ \t]?{_REL_UNIT}){{0,2}}))"
    r"|(?=\+)(?<![A-Za-z0-9:.+\-)\]])\+(?:(?P<ph>\d{1,3}):(?P<pm>\d{2})(?::(?P<ps>\d{2}))?"
    rf"(?![\d:])|(?P<pparts>\d+[ \t]?{_REL_UNIT}(?:[ \t]?\d+[ \t]?{_REL_UNIT}){{0,2}}))",
    "iso_date": r"(?<![A-Za-z0-9.\-/:])(?P<y>\d{4})(?P<sep>[-/])(?P<mo>\d{1,2})(?P=sep)"
    r"(?P<d>\d{1,2})(?![A-Za-z0-9]|[.\-:]\d|/(?!\d{1,2}:\d\d(?![\d/])))",
    "short_date": r"(?<![A-Za-z0-9.\-/:,])(?P<a>[01]?\d|[23][01])(?P<sep>[-/])(?P<b>[0-3]?\d)"
    r"(?=[ T]\d{1,2}:\d\d(?![\d/]))",
    "num_date": r"(?<![A-Za-z0-9.\-/:,])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<y>\d{4}|\d{2})(?![A-Za-z0-9]|[.\-/:]\d)",
}
_LEADING_NEW = {
    "iso_t": clocks._ISO_T_RE.compiled,
    "clock": clocks._CLOCK_RE,
    "hour_mer": clocks._HOUR_MER_RE,
    "military": clocks._MILITARY_RE,
    "relative": clocks._RELATIVE_RE.compiled,
    "iso_date": dates._ISO_DATE_RE.compiled,
    "short_date": dates._SHORT_DATE_RE.compiled,
    "num_date": dates._NUM_DATE_RE.compiled,
}
_DIGIT_PIECES = [
    *"0123456789012301239:::--//..,, TtOZ+\u2212a$#@)]\t\n\u0663\u00a0",
    "AM",
    "p.m.",
    " hours",
    "hrs",
    "h ",
    " of",
    "2024-",
    "03-",
    "T+",
    "+0",
    "5m",
    "30s",
    " UTC",
    "(CET)",
    "O8",
    "/11:",
    "12:",
    "23:59",
    " 10:00",
    "/2024",
    ".2024",
    ",1/2/24",
    "25-",
    "3 ",
]
_DIGITS_WRITTEN = [
    "2025-05-06T12:00:00Z, 2024-03-05T14:05:00+03:00, 2019-01-23T16:08:30.123Z, 2024-03-05t1",
    "14:05, 14:05:33, 10:00 AM, 2:30 p.m., 10:00 hours, O8:00, 2023-01-04/11:34, 1:2, 123:45",
    "6PM, 5 pm, 1AM, 12 a.m., 13pm, a5pm, 1405Z, 1936 UTC, 0300 hours, 2400Z, 1960 (CET)",
    "T+5m, T-30s, T+1h30m, T+0:10, +00:10, +5 min, x+5m, 1+2m, T\u22125m, (T+5m)",
    "2021-12-13, 2024/03/05, 2023-01-04/11:34, 03-26 23:04, 12/31 10:00, 31-12T10:00",
    "01/16/2024, 01-10-2024, 1/2/24, 15.05.2023, 1.2.3.4, 10/10/10/10, 5-6-2024x",
    "v.2024-03-05T10:00 .2024-03-05T10:00 x2024-03-05T10:00 /2024-03-05 :2024/03/05",
    "25-3 10:00, 24-1 10:00, 29-12 10:00, 30-1 10:00, 3-12 10:00, 19-5T10:00, 40-1 10:00",
    ",1/2/24 and ,01-10-2024 and :1/2/24 and -1/2/24 and ,03-26 23:04 and x03-26 23:04",
    "a1:00 .1:00 /1:00 $1:00 #1:00 @1:00 +1:00 \u22121:00 ,1:00 -1:00 (1:00 O1:00 1:00:00",
    ",6PM .6PM :6PM /6PM -6PM ,0300 hours -0300 hours .T+5m )+5m ]+5m :+5m (+5m",
    "lunch at 12:00 noon, paged at 12 midnight, 12:00 midday",  # two rows, one start
    "May 15, 2023 10:00 UTC",  # a date and a clock time joined
    "22:30 UTC on October 29",
]


@pytest.mark.parametrize(
    "texts", batches(_DIGITS_WRITTEN + random_texts(_DIGIT_PIECES, 3000, 31, most=16))
)
def test_rows_starting_with_their_first_character_match_as_before(texts: list[str]) -> None:
    for text in texts:
        for name, plain in _LEADING_PLAIN.items():
            got = _spans(_LEADING_NEW[name], text)
            assert got == _spans(re.compile(plain), text), (name, text)


def test_the_written_rows_match() -> None:
    for name, pattern in _LEADING_NEW.items():
        assert sum(len(_spans(pattern, t)) for t in _DIGITS_WRITTEN) >= 3, name


def _find_times_plain(text: str, date_order: str) -> list[TimeExpr]:
    """find_times without its shortcuts: every row of the grammar run (no hints), every
    atom sorted and selected, joined, and built from a copy of its fields."""
    atoms = []
    for row in scan._GRAMMAR:
        pattern = row.pattern if isinstance(row.pattern, re.Pattern) else row.pattern.compiled
        for m in pattern.finditer(text):
            atom = row.build(text, m, date_order)
            if atom is not None:
                atoms.append(Atom(atom.start, atom.end, atom.kind, dict(atom.fields)))
    excluded = [(m.start(), m.end()) for m in scan._URL_RE.finditer(text)]
    chosen: list[Atom] = []
    last_end = -1
    for a in sorted(atoms, key=lambda a: (a.start, -a.end)):
        if a.start < last_end or any(s < a.end and a.start < e for s, e in excluded):
            continue
        if a.end < len(text) and text[a.end].isalnum() and a.kind != "relative":
            continue
        chosen.append(a)
        last_end = a.end
    joined = scan._merge(text, chosen)
    return [scan._to_expr(text, Atom(a.start, a.end, a.kind, dict(a.fields))) for a in joined]


_ALL_PIECES = _PIECES + _NAME_PIECES + _DIGIT_PIECES + [" https://x.io/10:00 ", " www.a.b/5 "]


@pytest.mark.parametrize(
    "text",
    _WRITTEN
    + _DATES_WRITTEN
    + _DIGITS_WRITTEN
    + ["".join(random.Random(n).choices(_ALL_PIECES, k=12)) for n in range(2000)],
)
def test_find_times_finds_what_every_row_run_plainly_finds(text: str) -> None:
    for date_order in ("MDY", "DMY"):
        plain = _find_times_plain(text, date_order)
        assert find_times(text, date_order=date_order, use_fallback=False) == plain, text


@pytest.mark.parametrize("text", ["01/02/0000", "1.2.0000 10:00", "5-Mar-0000", "0000-Mar-05"])
def test_a_date_in_year_zero_is_not_read(text: str) -> None:
    # it raised ValueError (year 0 is out of range), and every time rule crashed
    assert all(t.date is None for t in find_times(text))
