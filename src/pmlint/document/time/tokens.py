"""Tokens of the time grammar: month and weekday words, shared regex fragments, the
:class:`Atom` (one matched piece of a time: a date, a clock time, a timestamp, a relative
marker) that the date and clock parsers produce, the :class:`Scanner` rows that drive
them, and the checks for a zone written next (:func:`zone_follows`, :func:`zone_after`)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from typing import Any

import msgspec

from pmlint.document.zones import match_zone
from pmlint.lazy_re import LazyPattern

MONTH_NUMBERS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        MONTH_NUMBERS[_name.lower()] = _i
        MONTH_NUMBERS[_name[:3].lower()] = _i
MONTH_NUMBERS["sept"] = 9

WEEKDAY_NUMBERS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    WEEKDAY_NUMBERS[_name.lower()] = _i
    WEEKDAY_NUMBERS[_name[:3].lower()] = _i
WEEKDAY_NUMBERS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

MONTH = (
    r"(?i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
WEEKDAY = (
    r"(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Weds|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)"
)
SP = r"[ \t\u00a0]"
SP_CHARS = " \t\u00a0"  # the characters of SP
DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
ORD = r"(?P<ord>st|nd|rd|th)"
# a year: real (1970-2099) or a template ("20XX"); a 4-digit number followed by a zone is a
# military clock time ("Feb 9 1924 UTC"), not a year: the date builders refuse such a year
# with zone_follows (a look-ahead for the zone here would compile the zone pattern again)
YEAR = (
    r"(?P<y>19[7-9]\d|20\d\d|20[Xx]{2}|[Yy]{4})(?![A-Za-z0-9:]|\.\d)"
    rf"(?!{SP}?(?:hrs?\b|hours\b))"
)
WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY})\.?,?{SP}+(?:the{SP}+)?)?"
# what opens a zone written after a clock time: "(", "( **", or up to three spaces
_OPEN_PAREN_RE = re.compile(rf"{SP}*\({SP}*[*_]{{0,2}}")
_OPEN_SPACES_RE = LazyPattern(rf"{SP}{{0,3}}")


class Atom(msgspec.Struct):
    """One matched piece of a time, before dates and clock times are joined."""

    start: int
    end: int
    kind: str  # "date" | "clock" | "datetime" | "relative"
    fields: dict[str, Any]


Builder = Callable[[str, "re.Match[str]", str], "Atom | None"]


class Scanner(msgspec.Struct, frozen=True):
    """One row of the grammar: the hint (a cheap test of :mod:`.hints`, by name) the text
    must pass for ``pattern`` to be run at all, the pattern, and the builder that turns a
    match into an :class:`Atom` (or refuses it). Builders take ``(text, match, date_order)``."""

    hint: str
    pattern: re.Pattern[str] | LazyPattern
    build: Builder


def zone_follows(text: str, pos: int, *, paren: bool) -> bool:
    """Whether a zone token comes next: the look-ahead ``(?={SP}?\\(?{SP}?ZONE)`` at ``pos``
    (``(?={SP}?ZONE)`` without ``paren``), answered by the one compiled zone pattern.

    Exact: a zone token starts with a letter, never with a space or "(", so of the
    positions the optional space, parenthesis and space can reach only the last (each one
    taken when present) can start it; the others fail whatever the engine tries there."""
    end = len(text)
    if pos < end and text[pos] in SP_CHARS:
        pos += 1
    if paren:
        if pos < end and text[pos] == "(":
            pos += 1
        if pos < end and text[pos] in SP_CHARS:
            pos += 1
    return _zone_at(text, pos) is not None


def zone_after(text: str, pos: int) -> tuple[bool, re.Match[str] | None]:
    """The zone token written after ``pos`` and whether "(" opened it: exactly what
    ``(?P<open>{SP}*\\({SP}*[*_]{0,2}|{SP}{0,3})(?P<zone>ZONE)`` matched at ``pos``, with the
    one compiled zone pattern. Each opening is tried taking all it can: a zone token never
    starts with a space, "(", "*" or "_", so no shorter opening could be followed by one."""
    opening = _OPEN_PAREN_RE.match(text, pos)
    zone = _zone_at(text, opening.end()) if opening else None
    if zone:
        return True, zone
    spaces = _OPEN_SPACES_RE.match(text, pos)
    return False, _zone_at(text, spaces.end() if spaces else pos)


def _zone_at(text: str, pos: int) -> re.Match[str] | None:
    """:func:`match_zone` at ``pos``, not asked when no letter is there: every zone token
    (a name, an abbreviation, "UTC+3", "Europe/Berlin") starts with one, and most clock
    times are followed by a digit, a dash or a bar ("2024-03-05", "10:00 - ...")."""
    if pos < len(text) and text[pos].isalpha():
        return match_zone(text, pos)
    return None


def is_capitalised(word: str) -> bool:
    """True when the word starts with a capital ("May", not "may")."""
    return word[:1].isupper()
