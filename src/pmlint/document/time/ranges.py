"""Ranges and windows: two expressions joined on one line ("10:00 AM to 12:30 PM",
"between 13:00 and 17:35"), and the context a range shares between its two ends."""

from __future__ import annotations

import re
from datetime import timedelta

import msgspec

from pmlint.document.time.expr import TimeExpr, TimeRange
from pmlint.document.time.scan import find_times
from pmlint.lazy_re import LazyPattern

__all__ = ["apply_range_context", "find_time_ranges"]

_RANGE_SEP_RE = re.compile(
    r"[ \t\u00a0]*(?:-{1,2}|\u2013|\u2014|~|(?i:to|until|till|til|through|thru|and|at))"
    r"[ \t\u00a0]*"
)
# "from" (with a hedge) right before the first time: "from 9:46 am and 10:25 am"
_FROM_RE = LazyPattern(
    r"(?<![A-Za-z])(?i:from)(?:[ \t\u00a0]+(?i:approximately|approx\.?|about|around|roughly))?"
    r"[ \t\u00a0]*~?[ \t\u00a0]*$"
)
# "between", "between the hours of", "between about" right before the first time
_BETWEEN_RE = LazyPattern(
    r"(?<![A-Za-z])(?i:between)(?:[ \t\u00a0]+(?i:the[ \t\u00a0]+(?:hours|times)[ \t\u00a0]+of"
    r"|approximately|approx\.?|about|around|roughly))?[ \t\u00a0]*~?[ \t\u00a0]*$"
)
_BETWEEN_LOOKBACK = 40
_TRAILING_DATE_SEP_RE = LazyPattern(r"[ \t\u00a0]*,?[ \t\u00a0]*(?:(?i:on)[ \t\u00a0]+)?")


def find_time_ranges(text: str, exprs: list[TimeExpr] | None = None) -> list[TimeRange]:
    """Pairs of expressions written as a range on one line: "10:00 AM to 12:30 PM",
    "15:00-18:30", "from 6PM to 7PM GMT", "between (the hours of) 13:00:00 and 17:35:08",
    "November 5, 2023, 10:30 AM - November 5, 2023, 1:15 PM", "09:05am ~ 09:20am". "and"
    only counts after "between" or "from", "at" only after "from". Pass ``exprs`` (from
    :func:`find_times` on the same text) to avoid a rescan."""
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
        if ok and sep is not None:
            ok = _separator_fits(sep.group(0).strip().lower(), text, a, b)
        if ok:
            out.append(TimeRange(first=a, second=b, start=a.start, end=b.end))
            i += 2
            continue
        i += 1
    return out


def _separator_fits(word: str, text: str, a: TimeExpr, b: TimeExpr) -> bool:
    """ "and" joins a range after "between" (or "from"); "at" only after "from" ("from 9:46
    a.m. at 10:15 p.m."); "~" only between two clock times ("09:05am ~ 09:20am")."""
    if word not in ("and", "at", "~"):
        return True
    if word == "~":
        return a.has_clock and b.has_clock
    before = text[max(0, a.start - _BETWEEN_LOOKBACK) : a.start]
    if word == "and" and _BETWEEN_RE.search(before):
        return True
    return a.has_clock and b.has_clock and bool(_FROM_RE.search(before))


def _shared_meridiem(first: TimeExpr, second: TimeExpr) -> TimeExpr:
    """ "9:00 to 9:45 PM": an unmarked 12-hour first time takes the second's PM when that
    keeps the range going forward by less than twelve hours ("11:00 to 1:00 PM" stays AM);
    "12:00-12:30 AM": an unmarked 12 takes the second's AM the same way (midnight, not noon)."""
    if first.meridiem is not None or first.hour is None or second.hour is None:
        return first
    if second.meridiem == "pm" and 1 <= first.hour <= 11:
        hour, meridiem = first.hour + 12, "pm"
    elif second.meridiem == "am" and first.hour == 12:
        hour, meridiem = 0, "am"
    else:
        return first
    start = hour * 60 + (first.minute or 0)
    end = second.hour * 60 + (second.minute or 0)
    if not 0 <= end - start < 720:
        return first
    return msgspec.structs.replace(first, hour=hour, meridiem=meridiem)


def apply_range_context(text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """Share context inside ranges found by :func:`find_time_ranges`, returning a new list:

    * a zone written once at the end ("10:00 AM to 12:30 PM (UTC)") is given to the first
      time when it has none, and a PM at the end to an unmarked first time ("9:00 to 9:45
      PM") when that keeps the range forward;
    * a date written on the first time only ("August 5, 2023, 09:00 AM - 11:30 AM") is given
      to the second;
    * a date right after the range ("from 10:00 AM to 12:30 PM (UTC) on May 15, 20XX") is
      given to both clock times when they have none.

    ``start``/``end``/``text`` stay those of what was written; only the derived fields change.
    """
    result = list(exprs)
    if len(exprs) < 2:  # no range (most blocks): skip the index and the pairing
        return result
    index = {id(e): i for i, e in enumerate(exprs)}
    for r in find_time_ranges(text, exprs):
        i, j = index[id(r.first)], index[id(r.second)]
        first, second = result[i], result[j]
        if second.zone is not None and first.zone is None and first.has_clock:
            first = msgspec.structs.replace(
                first,
                zone=second.zone,
                utc_offset=second.utc_offset,
                zone_ambiguous=second.zone_ambiguous,
            )
        first = _shared_meridiem(first, second)
        if second.has_date and not first.has_date and first.has_clock and second.has_clock:
            first = first.with_day_of(second)  # "from 10:00 to 12:30 UTC on May 15"
            if _backwards(first, second) and second.text[:1].isdigit():
                second = _next_day(second)  # "10:42 PM to 6:05 AM on June 8": the night of
        if first.has_date and not second.has_date and second.has_clock:
            second = second.with_day_of(first)
            if _backwards(first, second):
                second = _next_day(second)  # "June 8, 10:42 PM to 6:05 AM": the next morning
        if j + 1 < len(result):
            after = result[j + 1]
            if (
                not after.has_clock
                and after.has_date
                and _TRAILING_DATE_SEP_RE.fullmatch(text, second.end, after.start)
            ):
                if not first.has_date and first.has_clock:
                    first = first.with_day_of(after)
                if not second.has_date and second.has_clock:
                    second = second.with_day_of(after)
                    if _backwards(first, second):
                        second = _next_day(second)
        result[i], result[j] = first, second
    return result


def _backwards(first: TimeExpr, second: TimeExpr) -> bool:
    """Whether a range dated once runs back on the clock ("10:42 PM to 6:05 AM"): it
    crosses midnight, so its end is on the next day."""
    a, b = first.minutes_of_day(), second.minutes_of_day()
    return a is not None and b is not None and b < a and first.date == second.date


def _next_day(t: TimeExpr) -> TimeExpr:
    """``t`` on the day after its date (unchanged without a full date)."""
    if t.date is None:
        return t
    return msgspec.structs.replace(t, date=t.date + timedelta(days=1), weekday=None)
