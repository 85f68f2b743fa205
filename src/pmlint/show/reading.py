"""What pmlint read from one document, as plain typed values.

This module is the one place that reaches into the document model (sections, incident,
timeline, zones); the text, JSON, terminal-timeline and HTML views only see the
:class:`Reading` built here. It also places every time it read on one axis: minutes since
the midnight that starts the first day drawn (``Axis.origin``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmlint.document.document import Document
from pmlint.document.incident import Stamp, minutes_between
from pmlint.document.zone_mentions import find_zone_declarations

if TYPE_CHECKING:
    from pmlint.document.incident import Incident, Window
    from pmlint.document.time import TimeExpr
    from pmlint.document.timeline import Entry
    from pmlint.engine import Linter
    from pmlint.source import Source

__all__ = [
    "Axis",
    "DetectionRead",
    "DurationRead",
    "EntryRead",
    "MetricRead",
    "Reading",
    "SectionRead",
    "TimeRead",
    "WindowRead",
    "ZoneRead",
    "read_document",
    "read_source",
]

_DAY = 1440
_EPOCH = date(2000, 1, 1)  # the timeline's own epoch; year 2000 also stands for "no year"
_MAX_SPREAD_DAYS = 7  # times this far from the incident are listed but not drawn
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class TimeRead:
    """A time or date as written and as parsed.

    ``clock`` is ``HH:MM`` on a 24-hour clock; ``date`` is ISO (``2024-03-05``) or
    ``--03-05`` when no year is written; ``utc_offset`` is minutes east of UTC.
    ``span`` is the source offsets of the text.
    """

    text: str
    line: int
    clock: str | None
    date: str | None
    zone: str | None
    utc_offset: int | None
    problem: str | None
    span: tuple[int, int]


@dataclass(frozen=True)
class SectionRead:
    """A section found by its heading: title, line, level, heading style, meaning keys."""

    title: str
    line: int
    level: int
    style: str
    keys: tuple[str, ...]


@dataclass(frozen=True)
class ZoneRead:
    """A line that declares the zone of the times ("All times are in UTC")."""

    zone: str
    utc_offset: int | None
    ambiguous: bool
    line: int
    text: str


@dataclass(frozen=True)
class WindowRead:
    """The incident window: both ends, where they came from, length and axis position."""

    start: TimeRead
    end: TimeRead
    how: str
    source: str
    minutes: int | None
    crosses_midnight: bool
    start_minute: int | None
    end_minute: int | None


@dataclass(frozen=True)
class DetectionRead:
    """The detection time, how it was found, why, and where it falls."""

    time: TimeRead
    how: str
    why: str
    minute: int | None
    inside_window: bool | None


@dataclass(frozen=True)
class DurationRead:
    """A duration the text states, drawn as a bracket from the window start."""

    text: str
    line: int
    minutes: float
    max_minutes: float | None
    approximate: bool
    span: tuple[int, int]
    start_minute: int | None
    end_minute: int | None


@dataclass(frozen=True)
class MetricRead:
    """A stated metric: ``kind`` is ``ttd``, ``ttr`` or ``downtime``."""

    kind: str
    label: str
    text: str
    minutes: float
    line: int


@dataclass(frozen=True)
class EntryRead:
    """One timeline entry: its text, the time it opens with (if any), its day, position."""

    line: int
    text: str
    time: TimeRead | None
    day: str | None
    minute: int | None
    span: tuple[int, int]


@dataclass(frozen=True)
class Axis:
    """The time axis: ``origin`` is the first day drawn (ISO, ``--MM-DD`` without a year,
    ``None`` when no date is written); ``start``/``end`` the extent in minutes since it."""

    origin: str | None
    start: int
    end: int

    @property
    def days(self) -> int:
        """How many calendar days the extent touches."""
        return (max(self.end - 1, self.start)) // _DAY - self.start // _DAY + 1

    def day_label(self, index: int) -> str:
        """A label for day ``index`` (0 is the origin): its date, or "day N"."""
        if self.origin is None:
            return f"day {index + 1}"
        if self.origin.startswith("--"):
            day = date(2000, int(self.origin[2:4]), int(self.origin[5:7])) + timedelta(index)
            return day.strftime("%b %-d")
        day = date.fromisoformat(self.origin) + timedelta(index)
        return day.isoformat()


@dataclass(frozen=True)
class Reading:
    """Everything pmlint read from one document that a person may want to check."""

    path: str
    sections: tuple[SectionRead, ...]
    zones: tuple[ZoneRead, ...]
    window: WindowRead | None
    detection: DetectionRead | None
    durations: tuple[DurationRead, ...]
    metrics: tuple[MetricRead, ...]
    entries: tuple[EntryRead, ...]
    axis: Axis | None

    @property
    def time_to_detect(self) -> int | None:
        """Minutes from the window start to the detection, when both are placed."""
        if self.window is None or self.detection is None:
            return None
        if self.window.start_minute is None or self.detection.minute is None:
            return None
        return self.detection.minute - self.window.start_minute

    @property
    def time_to_resolve(self) -> int | None:
        """The window's length in minutes."""
        return self.window.minutes if self.window else None


# --------------------------------------------------------------------------- conversion


def _clean(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _time(doc: Document, t: TimeExpr, start: int, end: int) -> TimeRead:
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
        text=_clean(t.text),
        line=doc.source.position(start).line,
        clock=clock,
        date=day,
        zone=t.zone,
        utc_offset=t.utc_offset,
        problem=t.problem,
        span=(start, end),
    )


def _stamp(doc: Document, s: Stamp) -> TimeRead:
    return _time(doc, s.expr, s.start, s.end)


def _day_of(t: TimeExpr) -> date | None:
    if t.date is not None:
        return t.date
    if t.month_day is not None:
        try:
            return date(2000, *t.month_day)
        except ValueError:
            return None
    return None


def _day_text(day: date | None) -> str | None:
    """ISO date; ``--MM-DD`` for the model's stand-in year 2000 (no year written)."""
    if day is None:
        return None
    return f"--{day.month:02d}-{day.day:02d}" if day.year == _EPOCH.year else day.isoformat()


def _absolute(day: date, minute_of_day: int) -> int:
    """Minutes since the timeline epoch of a wall-clock moment."""
    return (day.toordinal() - _EPOCH.toordinal()) * _DAY + minute_of_day


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class _Placer:
    """Turns absolute minutes (since the timeline epoch) into minutes on the axis; times
    more than a week from the incident are left off so one stray date cannot squash it."""

    reference: int
    origin: int
    kept: tuple[int, ...]

    @classmethod
    def around(cls, values: list[int], reference: int | None) -> _Placer:
        if reference is None:
            reference = sorted(values)[len(values) // 2] if values else 0
        kept = tuple(v for v in values if abs(v - reference) <= _MAX_SPREAD_DAYS * _DAY)
        origin = (min(kept) // _DAY) * _DAY if kept else 0
        return cls(reference, origin, kept)

    def minute(self, value: int | None) -> int | None:
        """Minutes since the axis origin, or ``None`` when not drawn."""
        if value is None or abs(value - self.reference) > _MAX_SPREAD_DAYS * _DAY:
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


def read_source(source: Source, linter: Linter | None = None) -> Reading:
    """Parse ``source`` the way ``linter`` would (its section aliases and settings, such as
    the date order) and read it; the defaults without a linter."""
    if linter is None:
        return read_document(Document(source))
    settings = linter.settings.model_dump(by_alias=True)
    return read_document(Document(source, linter.sections, settings))


def read_document(doc: Document) -> Reading:
    """Read a parsed document into a :class:`Reading` (times placed on one axis)."""
    incident = doc.incident
    entries = doc.timeline.entries
    anchor = _anchor_day(incident, entries)

    entry_abs: list[int | None] = []
    for e in entries:
        if e.moment is None or e.time is None or not e.time.has_clock:
            entry_abs.append(None)
        elif e.day is None and anchor is not None:
            entry_abs.append(e.moment + (anchor.toordinal() - _EPOCH.toordinal()) * _DAY)
        else:
            entry_abs.append(e.moment)

    window_abs = _window_abs(incident.window, anchor)
    detection_abs, how, why = _detection_abs(doc, incident, entries, entry_abs, window_abs, anchor)
    duration_anchor = (
        window_abs[0]
        if window_abs is not None
        else next((a for a in entry_abs if a is not None), None)
    )
    duration_abs = [
        None
        if duration_anchor is None
        else (duration_anchor, duration_anchor + round(d.expr.minutes))
        for d in incident.durations
    ]

    placed = [
        *(window_abs or ()),
        *(a for a in entry_abs if a is not None),
        *([detection_abs] if detection_abs is not None else []),
        *(v for pair in duration_abs if pair for v in pair),
    ]
    rel = _Placer.around(placed, window_abs[0] if window_abs else None)
    axis = (
        Axis(_origin_label(rel.origin, incident, entries, anchor), rel.start, rel.end)
        if rel.kept
        else None
    )
    return Reading(
        path=doc.path,
        sections=tuple(_sections(doc)),
        zones=tuple(_zones(doc)),
        window=_window(doc, incident.window, window_abs, rel),
        detection=_detection(doc, incident, how, why, detection_abs, window_abs, rel),
        durations=tuple(
            DurationRead(
                text=_clean(d.expr.text),
                line=d.line,
                minutes=d.expr.minutes,
                max_minutes=d.expr.max_minutes,
                approximate=d.expr.approximate,
                span=(d.start, d.end),
                start_minute=rel.minute(pair[0]) if pair else None,
                end_minute=rel.minute(pair[1]) if pair else None,
            )
            for d, pair in zip(incident.durations, duration_abs, strict=True)
        ),
        metrics=tuple(
            MetricRead(
                kind=m.kind,
                label=m.label,
                text=_clean(m.expr.text),
                minutes=m.expr.minutes,
                line=doc.source.position(m.start).line,
            )
            for m in incident.metrics
        ),
        entries=tuple(
            EntryRead(
                line=e.line,
                text=_clean(e.text),
                time=(
                    _time(doc, e.time, e.block.start + e.time.start, e.block.start + e.time.end)
                    if e.time is not None
                    else None
                ),
                day=_day_text(e.day),
                minute=rel.minute(a),
                span=(e.start, e.end),
            )
            for e, a in zip(entries, entry_abs, strict=True)
        ),
        axis=axis,
    )


def _anchor_day(incident: Incident, entries: list[Entry]) -> date | None:
    """The day undated times belong to: the window's, else the first dated entry's."""
    w = incident.window
    if w is not None:
        day = _day_of(w.first.expr)
        if day is not None:
            return day
    for e in entries:
        if e.day is not None:
            return e.day
    if incident.detection is not None:
        return _day_of(incident.detection.expr)
    return None


def _window_abs(w: Window | None, anchor: date | None) -> tuple[int, int] | None:
    if w is None:
        return None
    first = w.first.expr.minutes_of_day()
    length = w.minutes()
    if first is None or length is None:
        return None
    start = _absolute(_day_of(w.first.expr) or anchor or _EPOCH, first)
    return start, start + length


def _detection_abs(
    doc: Document,
    incident: Incident,
    entries: list[Entry],
    entry_abs: list[int | None],
    window_abs: tuple[int, int] | None,
    anchor: date | None,
) -> tuple[int | None, str, str]:
    det = incident.detection
    if det is None:
        return None, "", ""
    line = det.line
    if incident.detection_from_timeline:
        how = "timeline"
        why = (
            f"no 'detected at' phrase; the first timeline entry that mentions an alert, "
            f"monitoring, a page or a report (line {line})"
        )
        for e, a in zip(entries, entry_abs, strict=True):
            if e.time is not None and e.block.start + e.time.start == det.start:
                return a, how, why
    else:
        how = "phrase"
        words = _clean(doc.text[doc.source.offset(line) : det.start])[-60:]
        why = f'the time after "{words}" (line {line})'
    t = det.expr
    clock = t.minutes_of_day()
    if clock is None:
        return None, how, why
    w = incident.window
    if w is not None and window_abs is not None and not (t.has_date and w.first.expr.has_date):
        offset = minutes_between(w.first.expr, t, rollover=False)
        if offset is not None:
            if offset < 0 and (w.raw_minutes() or 0) < 0:
                offset += _DAY  # the window crosses midnight: an early time is the next day
            if offset < -720:
                offset += _DAY
            if offset > _DAY:
                offset -= _DAY
            return window_abs[0] + offset, how, why
    return _absolute(_day_of(t) or anchor or _EPOCH, clock), how, why


def _origin_label(
    origin_abs: int,
    incident: Incident,
    entries: list[Entry],
    anchor: date | None,
) -> str | None:
    if anchor is None:
        return None
    day = _EPOCH + timedelta(origin_abs // _DAY)
    exprs = [e.time for e in entries if e.time is not None]
    if incident.window is not None:
        exprs += [incident.window.first.expr, incident.window.last.expr]
    if incident.detection is not None:
        exprs.append(incident.detection.expr)
    if any(t.date is not None for t in exprs) or any(e.day and e.day.year != 2000 for e in entries):
        return day.isoformat()
    return f"--{day.month:02d}-{day.day:02d}"


def _window(
    doc: Document,
    w: Window | None,
    placed: tuple[int, int] | None,
    rel: _Placer,
) -> WindowRead | None:
    if w is None:
        return None
    start, end = _stamp(doc, w.first), _stamp(doc, w.last)
    if w.how == "range":
        source = f"a range in a sentence (line {start.line})"
    elif w.how == "fields":
        source = f"start and end fields (lines {start.line} and {end.line})"
    elif w.how == "sentence":
        source = f"a start and an end in one sentence (line {start.line})"
    else:
        source = f"front-matter keys (lines {start.line} and {end.line})"
    raw = w.raw_minutes()
    return WindowRead(
        start=start,
        end=end,
        how=w.how,
        source=source,
        minutes=w.minutes(),
        crosses_midnight=(raw is not None and raw < 0 and not w.dated)
        or (placed is not None and placed[0] // _DAY != (placed[1] - 1) // _DAY),
        start_minute=rel.minute(placed[0]) if placed else None,
        end_minute=rel.minute(placed[1]) if placed else None,
    )


def _detection(
    doc: Document,
    incident: Incident,
    how: str,
    why: str,
    placed: int | None,
    window_abs: tuple[int, int] | None,
    rel: _Placer,
) -> DetectionRead | None:
    if incident.detection is None:
        return None
    inside = None
    if placed is not None and window_abs is not None:
        inside = window_abs[0] <= placed <= window_abs[1]
    return DetectionRead(
        time=_stamp(doc, incident.detection),
        how=how,
        why=why,
        minute=rel.minute(placed),
        inside_window=inside,
    )


def _sections(doc: Document) -> list[SectionRead]:
    return [
        SectionRead(
            title=_clean(s.title),
            line=s.line,
            level=s.level,
            style=s.style,
            keys=tuple(sorted(s.keys)),
        )
        for s in doc.sections
        if s.heading is not None
    ]


def _zones(doc: Document) -> list[ZoneRead]:
    out: list[ZoneRead] = []
    for block in doc.blocks:
        if block.kind == "code":
            continue
        for d in find_zone_declarations(block.masked):
            out.append(
                ZoneRead(
                    zone=d.zone,
                    utc_offset=d.utc_offset,
                    ambiguous=d.ambiguous,
                    line=doc.source.position(block.start + d.start).line,
                    text=_clean(d.text),
                )
            )
    return out
