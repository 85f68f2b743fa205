"""Find time and date expressions in free text, as people write them in postmortems.

The fast path is a handful of compiled regular expressions that find *atoms* (a clock time
with its zone, a date, an ISO timestamp, a relative marker), then joins a date and the clock
time right after it into one expression. Precision matters more than recall: version
numbers, IP addresses and ports, URLs, ratios, ``24/7``, fractions and Bible-style references
are not times. Things written as a time but invalid ("25:10", "13:30 PM", "February 30") are
returned with ``problem`` set so rules can report them.

``dateparser`` is only a lazy fallback for a month-name date in an unusual layout
("March the 3rd, 2024", "05-Mar-2024"); the common forms never import it.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

from pmlint.document.zones import ZONE_TOKEN_PATTERN, ZoneInfo, get_zone, parse_offset

__all__ = [
    "TimeExpr",
    "TimeRange",
    "apply_range_context",
    "find_time_ranges",
    "find_times",
    "parse_time",
]

DATE_ORDERS = ("MDY", "DMY")


@dataclass(frozen=True)
class TimeExpr:
    """One time or date expression found in text.

    ``start``/``end`` are offsets into the text given to :func:`find_times`. Clock fields are
    24-hour after applying am/pm. ``date`` is set only when day, month and a real year are
    written; ``month_day`` when the year is missing or a template ("20XX"). ``problem`` is set
    when the text is written as a time or date but cannot be one; then the invalid fields
    are ``None``. Relative markers (``T+5m``, ``+00:10``) have no clock fields and carry
    ``relative_seconds`` instead.
    """

    start: int
    end: int
    text: str
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    date: date | None = None
    month_day: tuple[int, int] | None = None
    year_placeholder: bool = False
    weekday: int | None = None
    meridiem: str | None = None
    zone: str | None = None
    utc_offset: int | None = None
    zone_ambiguous: bool = False
    precision: str = "minute"
    relative: bool = False
    problem: str | None = None
    relative_seconds: int | None = None

    @property
    def has_clock(self) -> bool:
        """True when a valid clock time (hour at least) is written."""
        return self.hour is not None

    @property
    def has_date(self) -> bool:
        """True when a day is written (with or without a year)."""
        return self.date is not None or self.month_day is not None

    @property
    def weekday_mismatch(self) -> bool:
        """True when a written weekday contradicts the full date ("Monday, May 16, 2024")."""
        return (
            self.weekday is not None
            and self.date is not None
            and (self.date.weekday() != self.weekday)
        )

    def minutes_of_day(self) -> int | None:
        """Minutes since midnight of the clock time (local to its own zone), or None."""
        if self.hour is None:
            return None
        return self.hour * 60 + (self.minute or 0)

    def seconds_of_day(self) -> int | None:
        """Seconds since midnight of the clock time, or None."""
        if self.hour is None:
            return None
        return self.hour * 3600 + (self.minute or 0) * 60 + (self.second or 0)

    def to_datetime(self, default_date: date | None = None) -> datetime | None:
        """The moment this expression names: aware when the zone offset is known, naive
        otherwise. ``default_date`` supplies the day when only a clock time is written, and the
        year when only month and day are written. None when invalid, relative, or no day."""
        if self.problem is not None or self.relative:
            return None
        day = self.date
        if day is None and self.month_day is not None and default_date is not None:
            try:
                day = date(default_date.year, *self.month_day)
            except ValueError:
                return None
        if day is None and self.month_day is None:
            day = default_date
        if day is None:
            return None
        tz = None if self.utc_offset is None else timezone(timedelta(minutes=self.utc_offset))
        return datetime(
            day.year,
            day.month,
            day.day,
            self.hour or 0,
            self.minute or 0,
            self.second or 0,
            tzinfo=tz,
        )


@dataclass(frozen=True)
class TimeRange:
    """Two expressions joined as a range ("10:00 AM to 12:30 PM", "15:00-18:30")."""

    first: TimeExpr
    second: TimeExpr
    start: int
    end: int


# ======================================================================= vocabulary

_MONTH_NUMBERS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        _MONTH_NUMBERS[_name.lower()] = _i
        _MONTH_NUMBERS[_name[:3].lower()] = _i
_MONTH_NUMBERS["sept"] = 9

_WEEKDAY_NUMBERS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    _WEEKDAY_NUMBERS[_name.lower()] = _i
    _WEEKDAY_NUMBERS[_name[:3].lower()] = _i
_WEEKDAY_NUMBERS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTH = (
    r"(?i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAY = (
    r"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Weds|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)"
)
_SP = r"[ \t\u00a0]"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_ORD = r"(?P<ord>st|nd|rd|th)"
# a year: real (1970-2099) or a template ("20XX"); a 4-digit number followed by a zone is a
# military clock time ("Feb 9 1924 UTC"), not a year
_YEAR = (
    r"(?P<y>19[7-9]\d|20\d\d|20[Xx]{2}|[Yy]{4})(?![A-Za-z0-9:]|\.\d)"
    rf"(?!{_SP}?(?:hrs?\b|hours\b|{ZONE_TOKEN_PATTERN}))"
)
_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY})\.?,?{_SP}+(?:the{_SP}+)?)?"

# "May 15, 2023", "January 10th", "Wed Feb 12", "Monday, May 16, 2024", "Sept. 3 2024"
_MONTH_FIRST_RE = re.compile(
    rf"(?<![A-Za-z0-9]){_WD_PREFIX}(?P<mon>{_MONTH})\.?{_SP}+{_DAY}{_ORD}?(?![A-Za-z0-9]|[:.]\d)"
    rf"(?:,?{_SP}+{_YEAR})?"
)
# "15 May 2023", "Saturday 2nd May", "the 3rd of March 2024", "Monday 3. February 2020",
# "Tue, 1 Nov 2022"
_DAY_FIRST_RE = re.compile(
    rf"(?<![A-Za-z0-9.:/\-]){_WD_PREFIX}{_DAY}(?:{_ORD}|\.)?{_SP}+(?:of{_SP}+)?(?P<mon>{_MONTH})\.?"
    rf"(?![A-Za-z0-9])(?:,?{_SP}+{_YEAR})?"
)
# "2021-12-13", "2024/03/05"
_ISO_DATE_RE = re.compile(
    r"(?<![A-Za-z0-9.\-/:])(?P<y>\d{4})(?P<sep>[-/])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?![A-Za-z0-9]|[.\-/:]\d)"
)
# "01/16/2024", "01-10-2024", "1/2/24", "15.05.2023"
_NUM_DATE_RE = re.compile(
    r"(?<![A-Za-z0-9.\-/:,])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?![A-Za-z0-9]|[.\-/:]\d)"
)
# "2025-Feb-07", "2025-DEC-5", "05-Mar-2024", "5/Mar/24"
_ALPHA_NUM_DATE_RE = re.compile(
    rf"(?<![A-Za-z0-9.\-/:])(?:(?P<y>\d{{4}})(?P<sep>[-/])(?P<mon>{_MONTH})(?P=sep)(?P<d>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})(?P<sep2>[-/])(?P<mon2>{_MONTH})(?P=sep2)(?P<y2>\d{{4}}|\d{{2}}))"
    r"(?![A-Za-z0-9]|[.\-/:]\d)"
)
# "2025-05-06T12:00:00Z", "2024-03-05T14:05:00+03:00", "2019-01-23T16:08:30.123Z"
_ISO_T_RE = re.compile(
    r"(?<![A-Za-z0-9.])(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[Tt](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?"
    r"(?P<z>[Zz](?![A-Za-z0-9])|[+\-\u2212]\d{2}(?::?\d{2})?(?![\d:]))?"
    r"(?![A-Za-z0-9]|[.:]\d)"
)
_MER = r"(?P<mer>[AaPp]\.?[Mm]\.?)(?![A-Za-z0-9])"
# "14:05", "14:05:33", "10:00 AM", "2:30 p.m.", "10:00 hours"
_CLOCK_RE = re.compile(
    r"(?<![A-Za-z0-9./$#@+\u2212])(?<!\d:)(?<!::)(?P<h>\d{1,2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?(?!\d|[.:]\d)"
    rf"(?:{_SP}?{_MER})?"
    rf"(?:{_SP}*(?P<hrs>hours|hrs|hr|h)(?![A-Za-z]))?"
)
# "10.30am", "9.15 p.m." (British dotted clock; only with am/pm, else it is a decimal)
_DOT_CLOCK_RE = re.compile(
    rf"(?<![A-Za-z0-9.:/$#@+\u2212,])(?P<h>\d{{1,2}})\.(?P<mi>[0-5]\d){_SP}?{_MER}"
)
# "6PM", "5 pm", "1AM", "12 noon" handled below
_HOUR_MER_RE = re.compile(rf"(?<![A-Za-z0-9.:/$#@+\u2212,])(?P<h>\d{{1,2}}){_SP}?{_MER}")
# "1405Z", "1936 UTC", "0300 hours"
_MILITARY_RE = re.compile(
    r"(?<![A-Za-z0-9.:/$#@+\-\u2212,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)"
    r"(?:(?=Z(?![A-Za-z0-9]))"
    rf"|{_SP}?(?P<hrs>hours|hrs)(?![A-Za-z])(?!{_SP}+(?:of|ago|later|long|per|each|in\s+total)\b)"
    rf"|(?={_SP}?\(?{_SP}?(?:{ZONE_TOKEN_PATTERN})))"
)
_NOON_RE = re.compile(
    r"(?<![A-Za-z0-9\-])(?:(?P<twelve>12)(?::00)?[ \t]?)?"
    r"(?P<word>(?i:noon|midday|midnight))(?![A-Za-z0-9\-])"
)
_REL_UNIT = r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)(?![A-Za-z])"
# "T+5m", "T-30s", "T+1h30m", "T+0:10", "+00:10", "+5 min"
_RELATIVE_RE = re.compile(
    r"(?<![A-Za-z0-9])T[ \t]?(?P<tsign>[+\-\u2212])[ \t]?"
    r"(?:(?P<th>\d{1,3}):(?P<tm>\d{2})(?::(?P<ts>\d{2}))?(?![\d:])"
    rf"|(?P<tparts>\d+(?:\.\d+)?[ \t]?{_REL_UNIT}(?:[ \t]?\d+[ \t]?{_REL_UNIT}){{0,2}}))"
    r"|(?<![A-Za-z0-9:.+\-)\]])\+(?:(?P<ph>\d{1,3}):(?P<pm>\d{2})(?::(?P<ps>\d{2}))?(?![\d:])"
    rf"|(?P<pparts>\d+[ \t]?{_REL_UNIT}(?:[ \t]?\d+[ \t]?{_REL_UNIT}){{0,2}}))"
)
_REL_PART_RE = re.compile(r"(\d+(?:\.\d+)?)[ \t]?([A-Za-z]+)")

# ---------------------------------------------------------------- zone after a clock time
_ZONE_AFTER_RE = re.compile(
    rf"(?P<open>{_SP}*\({_SP}*[*_]{{0,2}}|{_SP}{{0,3}})(?P<zone>{ZONE_TOKEN_PATTERN})"
)
_CLOSE_RE = re.compile(rf"[*_]{{0,2}}{_SP}*\)")
_ABBR_PAREN_RE = re.compile(rf"{_SP}*\({_SP}*(?P<abbr>[A-Z]{{2,5}}){_SP}*\)")
_ATTACHED_OFFSET_RE = re.compile(r"(?P<off>[+\-\u2212]\d{2}(?::?\d{2})?)(?![\d:])")
_SPACED_OFFSET_RE = re.compile(r"[ \t](?P<off>[+\-\u2212]\d{4}|\+\d{2}:\d{2})(?![\d:])")

# ---------------------------------------------------------------- context filters
_URL_RE = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\[\]]+")
_BIBLE_TEXT = (
    "Genesis Exodus Leviticus Deuteronomy Joshua Judges Ruth Samuel Kings Chronicles Ezra "
    "Nehemiah Esther Psalm Psalms Proverbs Ecclesiastes Isaiah Jeremiah Lamentations Ezekiel "
    "Daniel Hosea Joel Amos Obadiah Jonah Micah Nahum Habakkuk Zephaniah Haggai Zechariah "
    "Malachi Matthew Mark Luke John Romans Corinthians Galatians Ephesians Philippians "
    "Colossians Thessalonians Timothy Titus Philemon Hebrews James Peter Jude Revelation "
    "Revelations Gen Exod Deut Matt Rom Cor Gal Eph Phil Col Heb Rev Ps Prov Isa Jer"
)
_BIBLE_BOOKS = frozenset(_BIBLE_TEXT.split())
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.?[ \t]+$")
_OFFSET_BEFORE_RE = re.compile(r"(?i:UTC|GMT)[ \t]?[+\-\u2212][ \t]?$")
_RATIO_AFTER_RE = re.compile(r"[ \t]*(?i:ratio|odds|split|aspect|scale|mix)\b")
_VERSE_AFTER_RE = re.compile(r"[\-\u2013]\d{1,3}(?![\d:])")
_DATE_CLOCK_SEP_RE = re.compile(
    rf"(?:{_SP}*,{_SP}*|{_SP}+|{_SP}*@{_SP}*)(?:(?:at|@){_SP}+)?~?{_SP}*"
)


# ======================================================================= atoms


@dataclass
class _Atom:
    start: int
    end: int
    kind: str  # "date" | "clock" | "datetime" | "relative"
    fields: dict[str, Any]


def _days_in_month(month: int, year: int | None) -> int:
    if year is None:
        return 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def _date_fields(
    year: int | None, month: int, day: int, *, placeholder: bool = False
) -> dict[str, Any]:
    """Fields of a written date; sets ``problem`` when the day does not exist."""
    name = calendar.month_name[month]
    if day > _days_in_month(month, year):
        if year is not None and month == 2 and day == 29:
            problem = f"February 29, {year} does not exist ({year} is not a leap year)"
        else:
            problem = f"{name} {day} does not exist"
        return {"problem": problem, "precision": "day"}
    if year is None:
        return {"month_day": (month, day), "year_placeholder": placeholder, "precision": "day"}
    return {"date": date(year, month, day), "precision": "day"}


def _year_of(raw: str | None) -> tuple[int | None, bool]:
    """(year, placeholder) from a written year."""
    if raw is None:
        return None, False
    if not raw.isdigit():
        return None, True
    year = int(raw)
    if len(raw) == 2:
        year += 2000
    return year, False


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _named_date_atom(m: re.Match[str]) -> _Atom | None:
    mon = m.group("mon")
    if not _is_capitalised(mon):  # "may 2 servers", "mar"
        return None
    wd = m.group("wd")
    if wd is not None and not _is_capitalised(wd):
        return None
    month = _MONTH_NUMBERS[mon.lower()]
    year, placeholder = _year_of(m.group("y"))
    fields = _date_fields(year, month, int(m.group("d")), placeholder=placeholder)
    if wd is not None:
        fields["weekday"] = _WEEKDAY_NUMBERS[wd.lower()]
    return _Atom(m.start(), m.end(), "date", fields)


def _numeric_date_atom(m: re.Match[str], date_order: str) -> _Atom | None:
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
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year, _ = _year_of(raw_year)
    return _Atom(m.start(), m.end(), "date", _date_fields(year, month, day))


def _alpha_num_date_atom(m: re.Match[str]) -> _Atom | None:
    mon = m.group("mon") or m.group("mon2")
    if not _is_capitalised(mon):
        return None
    day = int(m.group("d") or m.group("d2"))
    year, _ = _year_of(m.group("y") or m.group("y2"))
    if not 1 <= day <= 31:
        return None
    return _Atom(m.start(), m.end(), "date", _date_fields(year, _MONTH_NUMBERS[mon.lower()], day))


def _iso_date_atom(m: re.Match[str]) -> _Atom | None:
    month, day = int(m.group("mo")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _Atom(m.start(), m.end(), "date", _date_fields(int(m.group("y")), month, day))


def _clock_fields(
    hour: int, minute: int | None, second: int | None, mer: str | None, written: str
) -> dict[str, Any]:
    """Validate a clock time; apply am/pm. ``written`` is the "HH:MM" text for messages."""
    meridiem = None
    if mer is not None:
        meridiem = "am" if mer[0] in "Aa" else "pm"
    fields: dict[str, Any] = {"meridiem": meridiem}
    if minute is not None and minute > 59:
        fields["problem"] = f"minute {minute} does not exist"
        return fields
    if second is not None and second > 59:
        fields["problem"] = f"second {second} does not exist"
        return fields
    if hour > 23:
        fields["problem"] = (
            "hour 24 does not exist (write 00:00 of the next day)"
            if hour == 24 and not minute and not second
            else f"hour {hour} does not exist"
        )
        return fields
    if meridiem is not None:
        if hour > 12 or (hour == 0 and meridiem == "pm"):
            fields["problem"] = f"{written} is already 24-hour; {meridiem.upper()} contradicts it"
            fields.update(hour=hour, minute=minute, second=second)
            return fields
        if hour == 12:
            hour = 0 if meridiem == "am" else 12
        elif meridiem == "pm":
            hour += 12
    fields.update(hour=hour, minute=minute, second=second)
    return fields


def _scan_zone(text: str, pos: int, *, dash_offset: bool) -> tuple[int, dict[str, Any]]:
    """Look for a zone right after a clock time ending at ``pos``. Returns the new end and
    the zone fields (empty when none)."""
    # attached "Z"
    if text.startswith(("Z", "z"), pos) and not (pos + 1 < len(text) and text[pos + 1].isalnum()):
        return pos + 1, _zone_fields("Z", get_zone("Z"))
    m = _ATTACHED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+"):
        off = m.group("off")
        return m.end(), _offset_fields(off)
    m = _SPACED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+" or ":" not in m.group("off")):
        return m.end(), _offset_fields(m.group("off"))
    m = _ZONE_AFTER_RE.match(text, pos)
    if m is None:
        return pos, {}
    end = m.end()
    if "(" in m.group("open"):
        close = _CLOSE_RE.match(text, end)
        if close is None:
            return pos, {}
        end = close.end()
    token = m.group("zone")
    zone = get_zone(token)
    if zone is None:
        if token[:3].upper() in ("UTC", "GMT"):  # "UTC+15": written as an offset, invalid
            return end, _offset_fields(token)
        return pos, {}
    # "Pacific Standard Time (PST)": swallow the abbreviation repeated after a long name
    if " " in token:
        extra = _ABBR_PAREN_RE.match(text, end)
        if extra and get_zone(extra.group("abbr")) is not None:
            end = extra.end()
    return end, _zone_fields(" ".join(token.split()), zone)


def _zone_fields(token: str, zone: ZoneInfo | None) -> dict[str, Any]:
    if zone is None:
        return {"zone": token}
    return {"zone": token, "utc_offset": zone.utc_offset, "zone_ambiguous": zone.ambiguous}


def _offset_fields(token: str) -> dict[str, Any]:
    offset = parse_offset(token)
    fields: dict[str, Any] = {"zone": token, "utc_offset": offset}
    if offset is None:
        fields["problem"] = f"{token} is not a valid UTC offset"
    return fields


def _clock_atom(text: str, m: re.Match[str], kind: str) -> _Atom | None:
    """A clock atom from _CLOCK_RE, _HOUR_MER_RE or _MILITARY_RE, with its zone."""
    groups = m.groupdict()
    hour = int(groups["h"])
    minute = int(groups["mi"]) if groups.get("mi") is not None else None
    second = int(groups["s"]) if groups.get("s") is not None else None
    written = m.group(0) if minute is None else f"{groups['h']}:{groups['mi']}"
    if kind == "hour":
        written = groups["h"]
    fields = _clock_fields(
        hour, minute if minute is not None else 0, second, groups.get("mer"), written
    )
    if kind == "hour":
        fields["precision"] = "hour"
    else:
        fields["precision"] = "second" if second is not None else "minute"
    end, zone = _scan_zone(text, m.end(), dash_offset=second is not None)
    if zone.get("problem") and not fields.get("problem"):
        fields["problem"] = zone.pop("problem")
    zone.pop("problem", None)
    fields.update(zone)
    return _Atom(m.start(), end, "clock", fields)


def _iso_t_atom(m: re.Match[str]) -> _Atom | None:
    month, day = int(m.group("mo")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    fields = _date_fields(int(m.group("y")), month, day)
    second = int(m.group("s")) if m.group("s") else None
    clock = _clock_fields(
        int(m.group("h")), int(m.group("mi")), second, None, f"{m.group('h')}:{m.group('mi')}"
    )
    if clock.get("problem") and not fields.get("problem"):
        fields["problem"] = clock["problem"]
    clock.pop("problem", None)
    fields.update(clock)
    fields["precision"] = "second" if second is not None else "minute"
    z = m.group("z")
    if z:
        if z in "Zz":
            fields.update(_zone_fields("Z", get_zone("Z")))
        else:
            off = _offset_fields(z)
            if off.get("problem") and not fields.get("problem"):
                fields["problem"] = off["problem"]
            off.pop("problem", None)
            fields.update(off)
    return _Atom(m.start(), m.end(), "datetime", fields)


def _noon_atom(text: str, m: re.Match[str]) -> _Atom:
    word = m.group("word").lower()
    hour = 0 if word == "midnight" else 12
    fields: dict[str, Any] = {"hour": hour, "minute": 0, "precision": "minute"}
    end, zone = _scan_zone(text, m.end(), dash_offset=False)
    zone.pop("problem", None)
    fields.update(zone)
    return _Atom(m.start(), end, "clock", fields)


_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _relative_atom(m: re.Match[str]) -> _Atom:
    sign = -1 if (m.group("tsign") or "+") in "-\u2212" else 1
    hh = m.group("th") or m.group("ph")
    seconds = 0
    precision = "minute"
    if hh is not None:
        mm = m.group("tm") or m.group("pm")
        ss = m.group("ts") or m.group("ps")
        seconds = int(hh) * 3600 + int(mm) * 60 + int(ss or 0)
        precision = "second" if ss else "minute"
    else:
        parts = m.group("tparts") or m.group("pparts") or ""
        smallest = 86400
        for num, unit in _REL_PART_RE.findall(parts):
            key = unit[0].lower()
            scale = _UNIT_SECONDS[key]
            seconds += round(float(num) * scale)
            smallest = min(smallest, scale)
        precision = {1: "second", 60: "minute", 3600: "hour"}.get(smallest, "day")
    fields = {
        "relative": True,
        "relative_seconds": sign * seconds,
        "precision": precision,
    }
    return _Atom(m.start(), m.end(), "relative", fields)


def _bad_clock_context(text: str, start: int, end: int) -> bool:
    """True when a clock-shaped match is something else: a Bible reference ("John 3:16"),
    a ratio ("1:10 ratio"), or the digits of a UTC offset ("UTC-05:00")."""
    before = text[max(0, start - 16) : start]
    if _OFFSET_BEFORE_RE.search(before):
        return True
    w = _WORD_BEFORE_RE.search(before)
    if w and w.group(1) in _BIBLE_BOOKS:
        return True
    if _VERSE_AFTER_RE.match(text, end) and ":" in text[start:end]:
        prev = w.group(1) if w else ""
        if prev[:1].isupper() and prev.lower() not in _MONTH_NUMBERS:
            return True
    return bool(_RATIO_AFTER_RE.match(text, end))


# Cheap necessary conditions, so a block is only scanned by the regexes that can match in it
# (most of them start with a lookbehind, which makes the regex engine try every position).
_CAPITAL_MONTH_RE = re.compile(r"[JFMASOND](?i:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec)")
_ISO_T_HINT_RE = re.compile(r"\d[Tt]\d\d:")
_NUM_DATE_HINT_RE = re.compile(r"\d[-/.]\d")
_MER_HINT_RE = re.compile(r"\d[ \t\u00a0]?[AaPp]\.?[Mm]")
_FOUR_DIGITS_RE = re.compile(r"\d\d\d\d")
_NOON_HINT_RE = re.compile(r"[Nn][Oo][Oo][Nn]|[Mm][Ii][Dd](?:[Dd][Aa][Yy]|[Nn][Ii][Gg][Hh][Tt])")
_T_SIGN_HINT_RE = re.compile(r"T[ \t]?[\-\u2212]")


def _collect_atoms(text: str, date_order: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    has_month = _CAPITAL_MONTH_RE.search(text) is not None  # lowercase months are rejected
    if _ISO_T_HINT_RE.search(text):
        for m in _ISO_T_RE.finditer(text):
            a = _iso_t_atom(m)
            if a:
                atoms.append(a)
    if _NUM_DATE_HINT_RE.search(text):
        for m in _ISO_DATE_RE.finditer(text):
            a = _iso_date_atom(m)
            if a:
                atoms.append(a)
        for m in _NUM_DATE_RE.finditer(text):
            a = _numeric_date_atom(m, date_order)
            if a:
                atoms.append(a)
    if has_month:
        if "-" in text or "/" in text:
            for m in _ALPHA_NUM_DATE_RE.finditer(text):
                a = _alpha_num_date_atom(m)
                if a:
                    atoms.append(a)
        for regex in (_MONTH_FIRST_RE, _DAY_FIRST_RE):
            for m in regex.finditer(text):
                a = _named_date_atom(m)
                if a:
                    atoms.append(a)
    if ":" in text:
        for m in _CLOCK_RE.finditer(text):
            if _bad_clock_context(text, m.start(), m.end()):
                continue
            a = _clock_atom(text, m, "clock")
            if a:
                atoms.append(a)
    if _MER_HINT_RE.search(text):
        if "." in text:
            for m in _DOT_CLOCK_RE.finditer(text):
                a = _clock_atom(text, m, "clock")
                if a:
                    atoms.append(a)
        for m in _HOUR_MER_RE.finditer(text):
            a = _clock_atom(text, m, "hour")
            if a:
                atoms.append(a)
    if _FOUR_DIGITS_RE.search(text):
        for m in _MILITARY_RE.finditer(text):
            a = _clock_atom(text, m, "military")
            if a:
                atoms.append(a)
    if _NOON_HINT_RE.search(text):
        for m in _NOON_RE.finditer(text):
            atoms.append(_noon_atom(text, m))
    if "+" in text or _T_SIGN_HINT_RE.search(text):
        for m in _RELATIVE_RE.finditer(text):
            atoms.append(_relative_atom(m))
    return atoms


def _select(atoms: Iterable[_Atom], excluded: list[tuple[int, int]], text: str) -> list[_Atom]:
    """Leftmost-longest non-overlapping atoms outside excluded spans (URLs)."""
    chosen: list[_Atom] = []
    last_end = -1
    starts = [s for s, _ in excluded]  # URL spans: sorted and disjoint, so bisect (not quadratic)
    for a in sorted(atoms, key=lambda a: (a.start, -a.end)):
        if a.start < last_end:
            continue
        i = bisect.bisect_left(starts, a.end)  # the last span starting before a.end
        if i and excluded[i - 1][1] > a.start:
            continue
        # glued to a word or number on the right: "10:00abc", "2024-01-01x"
        if a.end < len(text) and text[a.end].isalnum() and a.kind != "relative":
            continue
        chosen.append(a)
        last_end = a.end
    return chosen


def _merge(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join a date atom and the clock atom right after it into one datetime atom."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if a.kind == "date" and i + 1 < len(atoms) and atoms[i + 1].kind == "clock":
            b = atoms[i + 1]
            if _DATE_CLOCK_SEP_RE.fullmatch(text, a.end, b.start):
                fields = dict(b.fields)
                for key, value in a.fields.items():
                    if key == "precision":
                        continue
                    if key == "problem" and fields.get("problem"):
                        continue
                    fields[key] = value
                out.append(_Atom(a.start, b.end, "datetime", fields))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _to_expr(text: str, a: _Atom) -> TimeExpr:
    f = dict(a.fields)
    zone = f.get("zone")
    if zone is not None and f.get("utc_offset") is None and f.get("date") is not None:
        info = get_zone(zone)
        if info is not None and info.generic:
            f["utc_offset"] = info.offset_on(f["date"])
    return TimeExpr(start=a.start, end=a.end, text=text[a.start : a.end], **f)


# ======================================================================= fallback

_LOOSE_TOKEN = r"(?:\d{1,4}(?:st|nd|rd|th)?|the|of|day)"
_MONTH_WORD_RE = re.compile(rf"(?<![A-Za-z])(?P<mon>{_MONTH})\.?(?![A-Za-z])")
_LOOSE_BEFORE_RE = re.compile(rf"(?:{_LOOSE_TOKEN}[ \t,./\-]+){{1,3}}$", re.IGNORECASE)
_LOOSE_AFTER_RE = re.compile(rf"(?:[ \t,./\-]+{_LOOSE_TOKEN}(?![A-Za-z])){{1,3}}", re.IGNORECASE)
_DIGIT_NEAR_RE = re.compile(r"\d")
_DAYLIKE_RE = re.compile(r"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)")
_YEARLIKE_RE = re.compile(r"(?<!\d)(?:19[7-9]\d|20\d\d)(?!\d)")


@functools.cache
def _dateparser_settings(date_order: str) -> dict[str, Any]:
    return {
        "RELATIVE_BASE": datetime(2000, 1, 1),
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": date_order,
        "REQUIRE_PARTS": ["day", "month"],
        "PARSERS": ["absolute-time"],
    }


def _dateparser_parse(fragment: str, date_order: str) -> datetime | None:
    """Parse one candidate with dateparser (imported here, lazily, on first need)."""
    import dateparser  # slow import: only reached for layouts the fast path cannot read

    try:
        result = dateparser.parse(
            fragment, languages=["en"], settings=_dateparser_settings(date_order)
        )
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return result


def _fallback_atoms(text: str, chosen: list[_Atom], date_order: str) -> list[_Atom]:
    """Month-name dates in layouts the fast path does not read ("March the 3rd, 2024")."""
    covered = sorted((a.start, a.end) for a in chosen)
    starts = [s for s, _ in covered]

    def overlaps(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end)  # spans starting before `end`
        return i > 0 and covered[i - 1][1] > start

    out: list[_Atom] = []
    for m in _MONTH_WORD_RE.finditer(text):
        if not _is_capitalised(m.group("mon")) or overlaps(m.start(), m.end()):
            continue
        if not _DIGIT_NEAR_RE.search(text, max(0, m.start() - 12), m.end() + 12):
            continue
        before = _LOOSE_BEFORE_RE.search(text, max(0, m.start() - 32), m.start())
        after = _LOOSE_AFTER_RE.match(text, m.end())
        start = before.start() if before else m.start()
        end = after.end() if after else m.end()
        if overlaps(start, end):
            continue
        fragment = text[start:end]
        stripped = fragment.rstrip(" \t,./-")
        end = start + len(stripped)
        lead = len(stripped) - len(stripped.lstrip(" \t,./-"))
        start += lead
        stripped = stripped.strip(" \t,./-")
        without_years = _YEARLIKE_RE.sub(" ", stripped)
        if not _DAYLIKE_RE.search(without_years):
            continue  # "November 2024": no day written
        parsed = _dateparser_parse(stripped, date_order)
        if parsed is None:
            continue
        if _YEARLIKE_RE.search(stripped):
            fields = _date_fields(parsed.year, parsed.month, parsed.day)
        else:
            fields = _date_fields(None, parsed.month, parsed.day)
        out.append(_Atom(start, end, "date", fields))
    return out


# ======================================================================= public API


def find_times(text: str, *, date_order: str = "MDY", use_fallback: bool = True) -> list[TimeExpr]:
    """All time/date expressions in text, left to right, non-overlapping.

    A date and a clock time right after it on the same line ("May 15, 2023 10:00 UTC",
    "2024-03-05 14:05", "Nov 1, 2022 6:00 AM", "Saturday 2nd May 10:00 hours (East Africa
    Time)") form one expression. Each time carries only its own zone: use
    :func:`apply_range_context` to share a zone written once at the end of a range.
    ``date_order`` ("MDY" or "DMY") decides slash and dash dates; ISO dates are always
    year-first and dotted dates always day-first.
    """
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}, not {date_order!r}")
    excluded = (
        [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
        if "://" in text or "www." in text
        else []
    )
    chosen = _select(_collect_atoms(text, date_order), excluded, text)
    if use_fallback:
        extra = _fallback_atoms(text, chosen, date_order)
        if extra:
            chosen = _select([*chosen, *extra], excluded, text)
    return [_to_expr(text, a) for a in _merge(text, chosen)]


def parse_time(text: str, **kw: Any) -> TimeExpr | None:
    """The single expression filling ``text`` (surrounding whitespace ignored), or None.
    Keyword arguments go to :func:`find_times`. Offsets are relative to the stripped text."""
    stripped = text.strip()
    found = find_times(stripped, **kw)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


_RANGE_SEP_RE = re.compile(
    r"[ \t\u00a0]*(?:-{1,2}|\u2013|\u2014|(?i:to|until|till|through|thru|and))[ \t\u00a0]*"
)
# "between", "between the hours of", "between about" right before the first time
_BETWEEN_RE = re.compile(
    r"(?<![A-Za-z])(?i:between)(?:[ \t\u00a0]+(?i:the[ \t\u00a0]+(?:hours|times)[ \t\u00a0]+of"
    r"|approximately|approx\.?|about|around|roughly))?[ \t\u00a0]*~?[ \t\u00a0]*$"
)
_BETWEEN_LOOKBACK = 40
_TRAILING_DATE_SEP_RE = re.compile(r"[ \t\u00a0]*,?[ \t\u00a0]*(?:(?i:on)[ \t\u00a0]+)?")


def find_time_ranges(text: str, exprs: list[TimeExpr] | None = None) -> list[TimeRange]:
    """Pairs of expressions written as a range on one line: "10:00 AM to 12:30 PM",
    "15:00-18:30", "from 6PM to 7PM GMT", "between (the hours of) 13:00:00 and 17:35:08",
    "November 5, 2023, 10:30 AM - November 5, 2023, 1:15 PM". "and" only counts after
    "between". Pass ``exprs`` (from :func:`find_times` on the same text) to avoid a rescan."""
    if exprs is None:
        exprs = find_times(text)
    out: list[TimeRange] = []
    i = 0
    while i + 1 < len(exprs):
        a, b = exprs[i], exprs[i + 1]
        sep = _RANGE_SEP_RE.fullmatch(text, a.end, b.start)
        ok = (
            sep is not None
            and not a.relative
            and not b.relative
            and (a.has_clock or not b.has_clock)
        )
        if ok and sep is not None and sep.group(0).strip().lower() == "and":
            ok = bool(_BETWEEN_RE.search(text[max(0, a.start - _BETWEEN_LOOKBACK) : a.start]))
        if ok:
            out.append(TimeRange(first=a, second=b, start=a.start, end=b.end))
            i += 2
            continue
        i += 1
    return out


def apply_range_context(text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """Share context inside ranges found by :func:`find_time_ranges`, returning a new list:

    * a zone written once at the end ("10:00 AM to 12:30 PM (UTC)") is given to the first
      time when it has none;
    * a date written on the first time only ("August 5, 2023, 09:00 AM - 11:30 AM") is given
      to the second;
    * a date right after the range ("from 10:00 AM to 12:30 PM (UTC) on May 15, 20XX") is
      given to both clock times when they have none.

    ``start``/``end``/``text`` stay those of what was written; only the derived fields change.
    """
    result = list(exprs)
    index = {id(e): i for i, e in enumerate(exprs)}
    for r in find_time_ranges(text, exprs):
        i, j = index[id(r.first)], index[id(r.second)]
        first, second = result[i], result[j]
        if second.zone is not None and first.zone is None and first.has_clock:
            first = replace(
                first,
                zone=second.zone,
                utc_offset=second.utc_offset,
                zone_ambiguous=second.zone_ambiguous,
            )
        if first.has_date and not second.has_date and second.has_clock:
            second = replace(
                second,
                date=first.date,
                month_day=first.month_day,
                year_placeholder=first.year_placeholder,
                weekday=first.weekday,
            )
        if j + 1 < len(result):
            after = result[j + 1]
            if (
                not after.has_clock
                and after.has_date
                and _TRAILING_DATE_SEP_RE.fullmatch(text, second.end, after.start)
            ):
                day = {
                    "date": after.date,
                    "month_day": after.month_day,
                    "year_placeholder": after.year_placeholder,
                    "weekday": after.weekday,
                }
                if not first.has_date and first.has_clock:
                    first = replace(first, **day)
                if not second.has_date and second.has_clock:
                    second = replace(second, **day)
        result[i], result[j] = first, second
    return result
