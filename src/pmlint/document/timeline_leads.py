"""How a timeline line opens: the time that leads it (after bullets, markup, "at" or
"around"), a date written alone as a sub-header, a template's question; and the two
small edits of a time the builder makes (shift it, give a clock time its day)."""

from __future__ import annotations

import re
from datetime import date

import msgspec

from pmlint.document.time import TimeExpr
from pmlint.lazy_re import LazyPattern

__all__ = [
    "LEAD_PREFIX_RE",
    "WORD_RE",
    "date_of",
    "date_only",
    "is_column_header",
    "is_prompt",
    "is_reference",
    "is_title",
    "leading_time",
    "shifted",
    "with_day",
]

_DEFAULT_YEAR = 2000  # leap year: any month/day written without a year is valid in it
_LEAD_MAX = 48  # a leading time starts within this many characters of the entry
_DATE_LINE_MAX_WORDS = 4  # a line that is a date plus at most this many other words
WORD_RE = re.compile(r"[A-Za-z]{2,}")  # a word: two letters or more
LEAD_PREFIX_RE = re.compile(
    r"[\s\W_]*(?:(?i:on|at|around|approx\.?|approximately|about|by|circa|ca\.?|~)\s+)?[\s\W_]*"
)
# between a clock time and the date written after it: "13:15 PST 29 April", "10:05, on May 3"
_DATE_AFTER_CLOCK_RE = LazyPattern(r"[ \t]*,?[ \t]*(?:(?i:on)[ \t]+)?\(?")


# A 24-hour clock written as four digits right after an entry's date, then the separator
# before the entry's text: "2022-02-02 1625: ...", "2022-02-03 0457 - ...".
_HHMM_AFTER_DATE = LazyPattern(
    r"[ \t]+(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)(?=[ \t]*[:|\-–—](?:[ \t]|$))"
)


def leading_time(times: list[TimeExpr], text: str, offset: int = 0) -> TimeExpr | None:
    """The first expression when it opens ``text[offset:]`` (after markup, bullets, "at"); a
    clock time takes the date written right after it ("13:15 PST 29 April 2022")."""
    for i, t in enumerate(times):
        if t.start < offset:
            continue
        if t.start - offset > _LEAD_MAX or t.relative:
            return None
        if not LEAD_PREFIX_RE.fullmatch(text, offset, t.start):
            return None
        if t.date is not None and not t.has_clock:  # a year written: "2023" is not next
            clock = _HHMM_AFTER_DATE.match(text, t.end)
            if clock is not None:  # "2022-02-02 1625: ...": a four-digit clock, no colon
                end = clock.end("minute")
                return msgspec.structs.replace(
                    t,
                    hour=int(clock.group("hour")),
                    minute=int(clock.group("minute")),
                    end=end,
                    text=text[t.start : end],
                )
        if t.has_clock and not t.has_date and i + 1 < len(times):
            nxt = times[i + 1]
            if (
                nxt.has_date
                and not nxt.has_clock
                and not nxt.problem
                and _DATE_AFTER_CLOCK_RE.fullmatch(text, t.end, nxt.start)
            ):
                return with_day(t, nxt, keep_start=True)
        return t
    return None


def date_of(t: TimeExpr | None, year: int | None) -> date | None:
    """The day ``t`` names (its month and day in ``year`` when it gives no year)."""
    if t is None:
        return None
    if t.date is not None:
        return t.date
    if t.month_day is not None:
        try:
            return date(year or _DEFAULT_YEAR, *t.month_day)
        except ValueError:
            return None
    return None


def date_only(times: list[TimeExpr], text: str) -> TimeExpr | None:
    """A date written (almost) alone: a date sub-header."""
    if len(times) != 1:
        return None
    t = times[0]
    if t.has_clock or not t.has_date or t.problem:
        return None
    if t.date is not None and _HHMM_AFTER_DATE.match(text, t.end):
        return None  # "2022-02-03 2309: ...": an entry with its clock
    rest = text[: t.start] + " " + text[t.end :]
    if len(WORD_RE.findall(rest)) > _DATE_LINE_MAX_WORDS:
        return None
    return t


_PARENS_RE = re.compile(r"\([^()]*\)")
_HEADER_FIRST = frozenset({"time", "times", "timestamp", "timestamps", "date", "when", "hour"})
_HEADER_WORDS = _HEADER_FIRST | frozenset(
    {"and", "event", "events", "action", "actions", "description", "details", "what"}
    | {"happened", "activity", "update", "updates", "status", "local", "zone", "timezone"}
)


def is_column_header(line: str) -> bool:
    """A line that only names the columns of a timeline written as text ("Time (EAT)",
    "Time        Event", "Date and time | What happened"): not an event."""
    words = WORD_RE.findall(_PARENS_RE.sub(" ", line).lower())
    return bool(words) and words[0] in _HEADER_FIRST and all(w in _HEADER_WORDS for w in words)


_TITLE_WORDS = 5  # a title line has at most this many words
_SMALL_WORDS = frozenset({"a", "an", "and", "the", "of", "to", "in", "on", "for", "at", "by"})


def is_title(line: str) -> bool:
    """A short line that reads as a title, not a sentence: at most five words, no closing
    punctuation, and every word capitalised but the small ones ("The Investigation",
    "Detection and Response"), or opening with an emoji or symbol ("🕵️ The Hunt")."""
    text = line.strip(" \t*_#>")
    words = text.split()
    if not words or len(words) > _TITLE_WORDS or text[-1] in ".!?;,":
        return False
    if not text[0].isalnum():
        return True
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words)


# "Release/Tag: [v9.2.1](https://...)", "PR: https://github.com/...": a labelled link
_REFERENCE_RE = re.compile(
    r"[\s*_>-]*[A-Za-z][\w /&.-]{0,30}:[*_]*[ \t]*"
    r"(?:\[[^\]\n]*\]\([^)\s]*\)|<?https?://[^\s>]+>?)[\s*_.]*"
)


def is_reference(line: str) -> bool:
    """A line that is only a label and a link ("Release/Tag: [v9.2.1](...)", "PR:
    https://..."): a reference noted under an event, not an event."""
    return _REFERENCE_RE.fullmatch(line) is not None


def is_prompt(line: str) -> bool:
    """A question left from a template ("When was the issue detected?"): not an event."""
    return line.rstrip(" \t*_").endswith("?")


def shifted(t: TimeExpr, delta: int) -> TimeExpr:
    """``t`` with its offsets moved by ``delta`` characters."""
    return msgspec.structs.replace(t, start=t.start + delta, end=t.end + delta)


def with_day(clock: TimeExpr, day: TimeExpr, *, keep_start: bool = False) -> TimeExpr:
    """A clock time given the date written before it in another token ("2021-12-13 | 15:50");
    it starts at the date unless ``keep_start``."""
    if clock.has_date:
        return clock
    dated = clock.with_day_of(day)
    return dated if keep_start else msgspec.structs.replace(dated, start=day.start)
