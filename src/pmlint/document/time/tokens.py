"""Tokens of the time grammar: month and weekday words, shared regex fragments, the
:class:`Atom` (one matched piece of a time: a date, a clock time, a timestamp, a relative
marker) that the date and clock parsers produce, and the :class:`Scanner` rows that drive
them."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pmlint.document.zones import ZONE_TOKEN_PATTERN

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
DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
ORD = r"(?P<ord>st|nd|rd|th)"
# a year: real (1970-2099) or a template ("20XX"); a 4-digit number followed by a zone is a
# military clock time ("Feb 9 1924 UTC"), not a year
YEAR = (
    r"(?P<y>19[7-9]\d|20\d\d|20[Xx]{2}|[Yy]{4})(?![A-Za-z0-9:]|\.\d)"
    rf"(?!{SP}?(?:hrs?\b|hours\b|{ZONE_TOKEN_PATTERN}))"
)
WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY})\.?,?{SP}+(?:the{SP}+)?)?"


@dataclass
class Atom:
    """One matched piece of a time, before dates and clock times are joined."""

    start: int
    end: int
    kind: str  # "date" | "clock" | "datetime" | "relative"
    fields: dict[str, Any]


Builder = Callable[[str, "re.Match[str]", str], "Atom | None"]


@dataclass(frozen=True)
class Scanner:
    """One row of the grammar: a cheap test the text must pass for ``pattern`` to be run at
    all, the pattern, and the builder that turns a match into an :class:`Atom` (or refuses
    it). Builders take ``(text, match, date_order)``."""

    hint: Callable[[str], bool]
    pattern: re.Pattern[str]
    build: Builder


def is_capitalised(word: str) -> bool:
    """True when the word starts with a capital ("May", not "may")."""
    return word[:1].isupper()
