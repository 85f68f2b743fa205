"""Date parsing: the written date shapes ("May 15, 2023", "15 May", "2021-12-13", "01/16/2024",
"05-Mar-2024") and their validation ("February 30" is a date that does not exist)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

from pmlint.document.time import hints
from pmlint.document.time.tokens import (
    DAY,
    MONTH,
    MONTH_NUMBERS,
    ORD,
    SP,
    SP_CHARS,
    WD_PREFIX,
    WEEKDAY_NUMBERS,
    YEAR,
    Atom,
    Scanner,
    is_capitalised,
    zone_follows,
)
from pmlint.lazy_re import LazyPattern

__all__ = ["DATE_AFTER_RE", "DATE_SCANNERS", "date_fields"]

# the first three letters of every weekday and month name (tokens.WEEKDAY, tokens.MONTH),
# grouped by first letter, ignoring case as those do
_WEEKDAY_HEAD = r"(?i:mon|t(?:ue|hu)|wed|fri|s(?:at|un))"
_NAME_HEAD = (
    r"(?i:j(?:an|u[nl])|f(?:eb|ri)|m(?:a[ry]|on)|a(?:pr|ug)|s(?:ep|at|un)|oct|nov|dec"
    r"|t(?:ue|hu)|wed)"
)
# "May 15, 2023", "January 10th", "Wed Feb 12", "Monday, May 16, 2024", "Sept. 3 2024"
# (the look-ahead for a first letter of a weekday or month, ignoring case as they do, fails
# most positions before the look-behind and the optional weekday are tried: a third the time;
# at a word's start, the look-ahead for the three letters a name starts with refuses most
# words before the two long alternations are tried)
_MONTH_FIRST_RE = re.compile(
    rf"(?=(?i:[adfjmnostw]))(?<![A-Za-z0-9])(?={_NAME_HEAD}){WD_PREFIX}(?P<mon>{MONTH})\.?"
    rf"{SP}+{DAY}{ORD}?"
    r"(?![A-Za-z0-9]|[:.]\d)"
    rf"(?:,?{SP}+{YEAR})?"
)
# "15 May 2023", "Saturday 2nd May", "the 3rd of March 2024", "Monday 3. February 2020",
# "Tue, 1 Nov 2022" (looking ahead for a digit or a weekday's first letter, then letters, as
# above; its hint, hints.DAY_MONTH, looks for the day and the month)
_DAY_FIRST_RE = LazyPattern(
    rf"(?=\d|(?i:[fmstw]))(?<![A-Za-z0-9.:/\-])(?=\d|{_WEEKDAY_HEAD}){WD_PREFIX}{DAY}(?:{ORD}|\.)?"
    rf"{SP}+(?:of{SP}+)?"
    rf"(?P<mon>{MONTH})\.?"
    rf"(?![A-Za-z0-9])(?:,?{SP}+{YEAR})?"
)
# "2021-12-13", "2024/03/05", "2023-01-04/11:34" (a slash before the clock time)
_ISO_DATE_RE = LazyPattern(
    r"(?P<y>\d(?<![A-Za-z0-9.\-/:].)\d{3})(?P<sep>[-/])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?![A-Za-z0-9]|[.\-:]\d|/(?!\d{1,2}:\d\d(?![\d/])))"
)
# a date written after a clock time: "15.25 29 April", "9.40 on May 2" (see clocks)
DATE_AFTER_RE = LazyPattern(
    rf"{SP}+(?:on{SP}+)?(?:\d{{1,2}}(?:st|nd|rd|th)?{SP}+{MONTH}|{MONTH}\.?{SP}+\d{{1,2}}(?!\d))"
)
# "03-26 23:04": month and day without a year, only right before a clock time
_SHORT_DATE_RE = LazyPattern(
    r"(?P<a>\d(?<![A-Za-z0-9.\-/:,].)(?:(?<=[01])\d|(?<=[23])[01])?)(?P<sep>[-/])(?P<b>[0-3]?\d)"
    r"(?=[ T]\d{1,2}:\d\d(?![\d/]))"
)
# "01/16/2024", "01-10-2024", "1/2/24", "15.05.2023"
_NUM_DATE_RE = LazyPattern(
    r"(?P<a>\d(?<![A-Za-z0-9.\-/:,].)\d?)(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?![A-Za-z0-9]|[.\-/:]\d)"
)
# "2025-Feb-07", "2025-DEC-5", "05-Mar-2024", "5/Mar/24"
_ALPHA_NUM_DATE_RE = LazyPattern(
    rf"(?<![A-Za-z0-9.\-/:])(?:(?P<y>\d{{4}})(?P<sep>[-/])(?P<mon>{MONTH})(?P=sep)(?P<d>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})(?P<sep2>[-/])(?P<mon2>{MONTH})(?P=sep2)(?P<y2>\d{{4}}|\d{{2}}))"
    r"(?![A-Za-z0-9]|[.\-/:]\d)"
)


def _days_in_month(month: int, year: int | None) -> int:
    """As ``calendar.monthrange(year, month)[1]`` (any February has 29 days without a year),
    without the weekday that ``monthrange`` also works out."""
    if month == 2:
        return 29 if year is None or calendar.isleap(year) else 28
    return calendar.mdays[month]


def date_fields(
    year: int | None, month: int, day: int, *, placeholder: bool = False
) -> dict[str, Any]:
    """Fields of a written date; sets ``problem`` when the day does not exist."""
    if day > _days_in_month(month, year):
        if year is not None and month == 2 and day == 29:
            problem = f"February 29, {year} does not exist ({year} is not a leap year)"
        else:  # the month's name looked up only here: each look-up formats a date
            problem = f"{calendar.month_name[month]} {day} does not exist"
        return {"problem": problem, "precision": "day"}
    if year is None:
        return {"month_day": (month, day), "year_placeholder": placeholder, "precision": "day"}
    return {"date": date(year, month, day), "precision": "day"}


def year_of(raw: str | None) -> tuple[int | None, bool]:
    """(year, placeholder) from a written year."""
    if raw is None:
        return None, False
    if not raw.isdigit():
        return None, True
    year = int(raw)
    if len(raw) == 2:
        year += 2000
    return year, False


def _named_date_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    raw_year, end = m.group("y"), m.end()
    if raw_year is not None and zone_follows(text, m.end("y"), paren=False):
        # "Feb 9 1924 UTC": a clock time, not a year. The pattern's year is optional and
        # last, so the match it would have made without this year ends before ",? SP+"
        raw_year, end = None, _end_before_year(text, m.start("y"))
    mon = m.group("mon")
    if not is_capitalised(mon) and raw_year is None:  # "may 2 servers"; "29 april 2022" is
        return None
    wd = m.group("wd")
    if wd is not None and not is_capitalised(wd):
        return None
    # the words are matched ignoring case, which lets a look-alike letter stand for an ASCII
    # one ("Auguſt", long s): not a month or weekday the tables know, so not read as a date
    month = MONTH_NUMBERS.get(mon.lower())
    weekday = WEEKDAY_NUMBERS.get(wd.lower()) if wd is not None else None
    if month is None or (wd is not None and weekday is None):
        return None
    year, placeholder = year_of(raw_year)
    fields = date_fields(year, month, int(m.group("d")), placeholder=placeholder)
    if weekday is not None:
        fields["weekday"] = weekday
    return Atom(m.start(), end, "date", fields)


def _end_before_year(text: str, year_start: int) -> int:
    """Where a named date ends without the year at ``year_start``: before the ``,?{SP}+``
    that separates them (the date itself ends in a letter, a digit or a dot)."""
    end = year_start
    while text[end - 1] in SP_CHARS:
        end -= 1
    return end - 1 if text[end - 1] == "," else end


def _numeric_date_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    sep = m.group("sep")
    raw_year = m.group("y")
    if sep != "/" and len(raw_year) != 4:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    if sep == ".":
        day, month = a, b  # dotted dates are day-first everywhere they are used
    elif date_order == "DMY":
        day, month = a, b
    else:
        month, day = a, b
    year, _ = year_of(raw_year)
    if not (1 <= month <= 12 and 1 <= day <= 31) or year == 0:  # no year 0: not a date
        return None
    return Atom(m.start(), m.end(), "date", date_fields(year, month, day))


def _alpha_num_date_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    mon = m.group("mon") or m.group("mon2")
    month = MONTH_NUMBERS.get(mon.lower())  # None for a look-alike letter, as above
    if not is_capitalised(mon) or month is None:
        return None
    day = int(m.group("d") or m.group("d2"))
    year, _ = year_of(m.group("y") or m.group("y2"))
    if not 1 <= day <= 31 or year == 0:  # no year 0, as for ISO dates: not a date
        return None
    return Atom(m.start(), m.end(), "date", date_fields(year, month, day))


def _iso_date_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    month, day = int(m.group("mo")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31) or int(m.group("y")) < 1:
        return None
    return Atom(m.start(), m.end(), "date", date_fields(int(m.group("y")), month, day))


def _short_date_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    a, b = int(m.group("a")), int(m.group("b"))
    month, day = (b, a) if date_order == "DMY" or a > 12 else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Atom(m.start(), m.end(), "date", date_fields(None, month, day))


DATE_SCANNERS: tuple[Scanner, ...] = (
    Scanner(hints.NUMERIC_DATE, _ISO_DATE_RE, _iso_date_atom),
    Scanner(hints.NUMERIC_DATE, _NUM_DATE_RE, _numeric_date_atom),
    Scanner(hints.NUMERIC_DATE, _SHORT_DATE_RE, _short_date_atom),
    Scanner(hints.MONTH_AND_DASH, _ALPHA_NUM_DATE_RE, _alpha_num_date_atom),
    Scanner(hints.MONTH, _MONTH_FIRST_RE, _named_date_atom),
    Scanner(hints.DAY_MONTH, _DAY_FIRST_RE, _named_date_atom),
)
"""The date rows of the grammar, in priority order (on equal spans the first wins)."""
