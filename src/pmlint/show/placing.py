"""Times as ``pmlint show`` reports them, and their place on one time axis.

Times are first counted in minutes since the timeline's own epoch (2000-01-01, a year
that also stands for "no year written"); :class:`Placer` turns those into minutes on the
axis and leaves off times too far from the incident.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import msgspec

from pmlint.show.read_model import DAY, TimeRead

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.incident import Stamp
    from pmlint.document.time import TimeExpr

EPOCH = date(2000, 1, 1)  # the timeline's own epoch; year 2000 also stands for "no year"
MAX_SPREAD_DAYS = 7  # times this far from the incident are listed but not drawn
_SPACE_RE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text on one line: runs of white space as one space."""
    return _SPACE_RE.sub(" ", text).strip()


def time_read(doc: Document, t: TimeExpr, start: int, end: int) -> TimeRead:
    """A parsed time as reported, at source offsets ``start``-``end``."""
    if t.hour is not None:
        clock = f"{t.hour:02d}:{t.minute or 0:02d}"
        if t.second is not None:
            clock += f":{t.second:02d}"
    else:
        clock = None
    if t.date is not None:
        day: str | None = t.date.isoformat()
    elif t.month_day is not None:
        day = f"--{t.month_day[0]:02d}-{t.month_day[1]:02d}"
    else:
        day = None
    return TimeRead(
        text=clean(t.text),
        line=doc.source.position(start).line,
        clock=clock,
        date=day,
        zone=t.zone,
        utc_offset=t.utc_offset,
        problem=t.problem,
        span=(start, end),
        spelling=t.spelling,
    )


def stamp_read(doc: Document, s: Stamp) -> TimeRead:
    """A stamp of the incident (window end, detection) as reported."""
    return time_read(doc, s.expr, s.start, s.end)


def day_of(t: TimeExpr) -> date | None:
    """The day a time states (year 2000 when no year is written), or None."""
    if t.date is not None:
        return t.date
    if t.month_day is not None:
        try:
            return date(2000, *t.month_day)
        except ValueError:
            return None
    return None


def day_text(day: date | None) -> str | None:
    """ISO date; ``--MM-DD`` for the model's stand-in year 2000 (no year written)."""
    if day is None:
        return None
    return f"--{day.month:02d}-{day.day:02d}" if day.year == EPOCH.year else day.isoformat()


def absolute_minute(day: date, minute_of_day: int) -> int:
    """Minutes since the timeline epoch of a wall-clock moment."""
    return (day.toordinal() - EPOCH.toordinal()) * DAY + minute_of_day


class Placer(msgspec.Struct, frozen=True):
    """Turns absolute minutes (since the timeline epoch) into minutes on the axis; times
    more than a week from the incident are left off so one stray date cannot squash it."""

    reference: int
    origin: int
    kept: tuple[int, ...]

    @classmethod
    def around(cls, values: list[int], reference: int | None) -> Placer:
        """A placer for ``values`` around ``reference`` (default: their median)."""
        if reference is None:
            reference = sorted(values)[len(values) // 2] if values else 0
        kept = tuple(v for v in values if abs(v - reference) <= MAX_SPREAD_DAYS * DAY)
        origin = (min(kept) // DAY) * DAY if kept else 0
        return cls(reference, origin, kept)

    def minute(self, value: int | None) -> int | None:
        """Minutes since the axis origin, or ``None`` when not drawn."""
        if value is None or abs(value - self.reference) > MAX_SPREAD_DAYS * DAY:
            return None
        return value - self.origin

    @property
    def start(self) -> int:
        """The first minute drawn."""
        return min(self.kept) - self.origin if self.kept else 0

    @property
    def end(self) -> int:
        """The last minute drawn."""
        return max(self.kept) - self.origin if self.kept else 0
