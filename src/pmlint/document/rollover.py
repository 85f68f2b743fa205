"""Moments of timeline entries: minutes since 2000-01-01 on the wall clock, with midnight
rollover only where it is plausible (late evening to early morning) and unmarked afternoon
times after a PM time, or after an unmarked noon hour on a 12-hour clock, read as the
afternoon."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmlint.document.time import TimeExpr
    from pmlint.document.timeline import Entry

__all__ = ["assign_moments"]

_MINUTES_PER_DAY = 1440
_ROLLOVER_GAP = 12 * 60  # an earlier clock time this far back is the next day ...
_LATE_EVENING = 18 * 60  # ... when the sequence goes from late evening (this or later) ...
_EARLY_MORNING = 12 * 60  # ... to early morning (before this)
_DEFAULT_YEAR = 2000


def assign_moments(entries: list[Entry]) -> None:
    """Minutes since 2000-01-01 (wall clock) for every timed entry, rolling over midnight."""
    epoch = date(_DEFAULT_YEAR, 1, 1).toordinal()
    last: Entry | None = None
    shift = 0  # days added by rollovers since the last written day
    afternoon_clock = False  # the last marked time of this day was PM
    for entry in entries:
        t = entry.time
        if t is None or not t.has_clock:
            continue
        same_day = (
            last is not None
            and last.moment is not None
            and last.segment == entry.segment
            and last.day == entry.day
            and not t.has_date
        )
        if not same_day:
            shift = 0
            afternoon_clock = False
        if t.meridiem is not None:
            afternoon_clock = t.meridiem == "pm"
        base = (entry.day.toordinal() - epoch) if entry.day else 0
        moment = (base + shift) * _MINUTES_PER_DAY + (t.minutes_of_day() or 0)
        if same_day and last is not None and last.moment is not None:
            afternoon = (
                t.meridiem is None
                and t.hour is not None
                and 1 <= t.hour < 12
                and (afternoon_clock or _after_noon(last, t))
            )
            if afternoon and moment < last.moment <= moment + 720:
                moment += 720  # "3:15" right after "2:50 PM", "1:52" after "12:16": afternoon
                afternoon_clock = True  # and the unmarked times after it too
            if last.moment - moment >= _ROLLOVER_GAP and _plausible_rollover(last, t):
                shift += 1
                moment += _MINUTES_PER_DAY
        entry.moment = moment
        last = entry


def _after_noon(last: Entry, t: TimeExpr) -> bool:
    """Whether ``t`` reads as a 12-hour clock's afternoon after the unmarked noon hour
    before it: "12:16" then "1:52" (an hour written without its leading zero, as a
    24-hour clock would not)."""
    before = last.time
    return (
        before is not None
        and before.meridiem is None
        and before.hour == 12
        and t.text[:1].isdigit()
        and not t.text[1:2].isdigit()
    )


def _plausible_rollover(last: Entry, t: TimeExpr) -> bool:
    """A clock time going backwards is the next day only from late evening to early morning
    ("23:50" then "00:20"); "07:33" then "07:11" is out of order, not a 23-hour wrap."""
    before = last.time.minutes_of_day() if last.time is not None else None
    now = t.minutes_of_day()
    if before is None or now is None:
        return False
    return before >= _LATE_EVENING and now < _EARLY_MORNING
