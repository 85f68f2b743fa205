"""The lazy ``dateparser`` fallback for month-name dates in layouts the fast path does not read
("March the 3rd, 2024"). ``dateparser`` is imported on first need only."""

from __future__ import annotations

import bisect
import functools
import re
from datetime import datetime
from typing import Any

from pmlint.document.time.dates import date_fields
from pmlint.document.time.tokens import MONTH, Atom, is_capitalised
from pmlint.lazy_re import LazyPattern

__all__ = ["fallback_atoms"]

_LOOSE_TOKEN = r"(?:\d{1,4}(?:st|nd|rd|th)?|the|of|day)"
_MONTH_WORD_RE = LazyPattern(rf"(?<![A-Za-z])(?P<mon>{MONTH})\.?(?![A-Za-z])")
_LOOSE_BEFORE_RE = LazyPattern(rf"(?:{_LOOSE_TOKEN}[ \t,./\-]+){{1,3}}$", re.IGNORECASE)
_LOOSE_AFTER_RE = LazyPattern(rf"(?:[ \t,./\-]+{_LOOSE_TOKEN}(?![A-Za-z])){{1,3}}", re.IGNORECASE)
_DIGIT_NEAR_RE = re.compile(r"\d")
_DAYLIKE_RE = LazyPattern(r"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)")
_YEARLIKE_RE = LazyPattern(r"(?<!\d)(?:19[7-9]\d|20\d\d)(?!\d)")


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


def fallback_atoms(text: str, chosen: list[Atom], date_order: str) -> list[Atom]:
    """Month-name dates in layouts the fast path does not read ("March the 3rd, 2024")."""
    covered = sorted((a.start, a.end) for a in chosen)
    starts = [s for s, _ in covered]

    def overlaps(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end)  # spans starting before `end`
        return i > 0 and covered[i - 1][1] > start

    out: list[Atom] = []
    for m in _MONTH_WORD_RE.finditer(text):
        if not is_capitalised(m.group("mon")) or overlaps(m.start(), m.end()):
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
            fields = date_fields(parsed.year, parsed.month, parsed.day)
        else:
            fields = date_fields(None, parsed.month, parsed.day)
        out.append(Atom(start, end, "date", fields))
    return out


# ======================================================================= public API
