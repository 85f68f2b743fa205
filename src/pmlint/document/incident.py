"""What a postmortem states about its incident: the window (start and end), the stated
durations, the detection time and the stated metrics (time to detect, time to resolve,
downtime). Built by :mod:`.incident_builder` on first use of ``doc.incident``.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import msgspec

from pmlint.document.timeline_sections import incident_field_blocks

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.durations import DurationExpr
    from pmlint.document.model import Block
    from pmlint.document.time import TimeExpr

__all__ = [
    "Incident",
    "Metric",
    "Stamp",
    "StatedDuration",
    "Window",
    "minutes_between",
    "prose_blocks",
    "stamp_at",
]

_DAY = 1440


class Stamp(msgspec.Struct, frozen=True):
    """A time with its source offsets and line."""

    expr: TimeExpr
    start: int
    end: int
    line: int


class Window(msgspec.Struct, frozen=True):
    """The stated incident window; ``how`` is "range", "fields", "front-matter" or
    "sentence" (a start and an end said in one sentence)."""

    first: Stamp
    last: Stamp
    how: str
    block: Block | None = None

    @property
    def span(self) -> tuple[int, int]:
        """Source offsets covering both times."""
        return min(self.first.start, self.last.start), max(self.first.end, self.last.end)

    @property
    def dated(self) -> bool:
        """Both ends carry a full date."""
        return self.first.expr.date is not None and self.last.expr.date is not None

    def raw_minutes(self) -> int | None:
        """End minus start in minutes, without any midnight correction (None if unknown)."""
        return minutes_between(self.first.expr, self.last.expr, rollover=False)

    def minutes(self) -> int | None:
        """Length in minutes; an undated window whose end is earlier crosses midnight."""
        return minutes_between(self.first.expr, self.last.expr, rollover=True)


class StatedDuration(msgspec.Struct, frozen=True):
    """A duration the text states for the incident."""

    expr: DurationExpr
    start: int
    end: int
    line: int
    block: Block


class Metric(msgspec.Struct, frozen=True):
    """A stated metric: ``kind`` is "ttd", "ttr" or "downtime"."""

    kind: str
    label: str
    expr: DurationExpr
    start: int
    end: int


class Incident(msgspec.Struct):
    """Everything stated about the incident."""

    window: Window | None = None
    windows: list[Window] = msgspec.field(default_factory=list)  # every window stated, in order
    detection: Stamp | None = None
    detection_from_timeline: bool = False
    # several incidents: the detection stated in each incident's own section
    detections: list[Stamp] = msgspec.field(default_factory=list)
    durations: list[StatedDuration] = msgspec.field(default_factory=list)
    metrics: list[Metric] = msgspec.field(default_factory=list)


def minutes_between(a: TimeExpr, b: TimeExpr, *, rollover: bool) -> int | None:
    """Minutes from ``a`` to ``b``. With full dates on both, the real difference (zones
    applied when both are known); without, clock difference, plus a day when ``rollover`` and
    ``b`` is earlier on the clock."""
    ma, mb = a.minutes_of_day(), b.minutes_of_day()
    if ma is None or mb is None:
        return None
    diff = mb - ma
    if a.utc_offset is not None and b.utc_offset is not None:
        diff -= b.utc_offset - a.utc_offset
    da, db = _day(a, b), _day(b, a)
    if da is not None and db is not None:
        return diff + (db - da).days * _DAY
    if rollover and diff < 0:
        diff += _DAY
    return diff


def _day(t: TimeExpr, other: TimeExpr) -> date | None:
    """The day of ``t``; a day written without a year takes the other time's year."""
    if t.date is not None:
        return t.date
    if t.month_day is not None:
        year = other.date.year if other.date is not None else 2000
        try:
            return date(year, *t.month_day)
        except ValueError:
            return None
    return None


def stamp_at(doc: Document, block: Block, t: TimeExpr) -> Stamp:
    """A stamp for expression ``t`` of ``block``."""
    start = block.start + t.start
    return Stamp(t, start, block.start + t.end, doc.source.position(start).line)


def prose_blocks(doc: Document) -> list[Block]:
    """Blocks outside the timeline and code, where the window and durations are stated."""
    in_timeline = {id(b) for b in doc.blocks_in("timeline")} - incident_field_blocks(doc)
    return [
        b
        for b in doc.blocks
        if b.kind in ("paragraph", "list_item", "table_row") and id(b) not in in_timeline
    ]
