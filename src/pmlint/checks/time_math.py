"""Arithmetic shared by the PM3xx rules: tolerances, minutes as words, where a time lies
relative to the stated window, AM/PM flips."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from pmlint.checks.time_text import fmt_clock
from pmlint.document.incident import minutes_between

if TYPE_CHECKING:
    from pmlint.document.durations import DurationExpr
    from pmlint.document.incident import Window
    from pmlint.document.time import TimeExpr

_MIN_TOLERANCE = 5
_RATIO = 0.05
_APPROX_MIN_TOLERANCE = 15
_APPROX_RATIO = 0.25


def tolerance(minutes: float, approximate: bool = False) -> float:
    """The larger of 5 minutes and 5% (15 minutes and 25% for hedged wording)."""
    if approximate:
        return max(_APPROX_MIN_TOLERANCE, _APPROX_RATIO * minutes)
    return max(_MIN_TOLERANCE, _RATIO * minutes)


def fmt_minutes(minutes: float) -> str:
    """ "1 h 45 min", "30 min", "2 days 3 h"."""
    total = round(minutes)
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days > 1 else ''}")
    if hours:
        parts.append(f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return " ".join(parts)


def disagrees(stated: DurationExpr, actual: float) -> bool:
    """Whether ``actual`` minutes lie outside the stated duration and its tolerance."""
    low = stated.minutes
    high = stated.max_minutes if stated.max_minutes is not None else stated.minutes
    tol = tolerance(actual, stated.approximate)
    if stated.bound == "upper":
        return actual > high + tol
    if stated.bound == "lower":
        return actual < low - tol
    return actual < low - tol or actual > high + tol


def window_text(w: Window) -> str:
    """ "10:00 UTC to 11:30 UTC"."""
    return f"{fmt_clock(w.first.expr)} to {fmt_clock(w.last.expr)}"


def duration_words(minutes: float) -> str:
    """ "1 hour 45 minutes", the replacement text for a wrong duration."""
    total = round(minutes)
    hours, mins = divmod(total, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins or not parts:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


def offset_in_window(w: Window, t: TimeExpr) -> int | None:
    """Minutes from the window start to ``t`` (negative before), handling midnight."""
    rel = minutes_between(w.first.expr, t, rollover=False)
    if rel is None:
        return None
    length = w.minutes()
    if length is None:
        return None
    dated = w.first.expr.has_date and t.has_date
    if not dated and rel < 0 and (w.raw_minutes() or 0) < 0:
        rel += 1440  # the window crosses midnight: an early time is on the next day
    if not dated and rel < -720:
        rel += 1440
    if not dated and rel > 1440:
        rel -= 1440
    return rel


def flipped(t: TimeExpr) -> TimeExpr | None:
    """``t`` with AM and PM swapped (None without a meridiem)."""
    if t.meridiem is None or t.hour is None:
        return None
    return msgspec.structs.replace(
        t, hour=(t.hour + 12) % 24, meridiem="am" if t.meridiem == "pm" else "pm", date=t.date
    )
