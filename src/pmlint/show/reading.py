"""What pmlint read from one document, as plain typed values.

This module is the one place that reaches into the document model (sections, incident,
timeline, zones); the text, JSON, terminal-timeline and HTML views only see the
:class:`Reading` built here (records in :mod:`pmlint.show.read_model`). Times are placed
on one axis by :mod:`pmlint.show.placing`; the window and the detection are read by
:mod:`pmlint.show.read_window`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmlint.document.document import Document
from pmlint.document.zone_mentions import find_zone_declarations
from pmlint.show.placing import EPOCH, Placer, clean, day_text, time_read
from pmlint.show.read_model import (
    DAY,
    Axis,
    DetectionRead,
    DurationRead,
    EntryRead,
    MetricRead,
    Reading,
    SectionRead,
    TimeRead,
    WindowRead,
    ZoneRead,
)
from pmlint.show.read_window import (
    anchor_day,
    detection_minute,
    detection_read,
    origin_label,
    window_minutes,
    window_read,
)

if TYPE_CHECKING:
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
    anchor = anchor_day(incident, entries)

    entry_abs: list[int | None] = []
    for e in entries:
        if e.moment is None or e.time is None or not e.time.has_clock:
            entry_abs.append(None)
        elif e.day is None and anchor is not None:
            entry_abs.append(e.moment + (anchor.toordinal() - EPOCH.toordinal()) * DAY)
        else:
            entry_abs.append(e.moment)

    window_abs = window_minutes(incident.window, anchor)
    detection_abs, how, why = detection_minute(
        doc, incident, entries, entry_abs, window_abs, anchor
    )
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
    rel = Placer.around(placed, window_abs[0] if window_abs else None)
    axis = (
        Axis(origin_label(rel.origin, incident, entries, anchor), rel.start, rel.end)
        if rel.kept
        else None
    )
    return Reading(
        path=doc.path,
        sections=tuple(_sections(doc)),
        zones=tuple(_zones(doc)),
        window=window_read(doc, incident.window, window_abs, rel),
        detection=detection_read(doc, incident, how, why, detection_abs, window_abs, rel),
        durations=tuple(
            DurationRead(
                text=clean(d.expr.text),
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
                text=clean(m.expr.text),
                minutes=m.expr.minutes,
                line=doc.source.position(m.start).line,
            )
            for m in incident.metrics
        ),
        entries=tuple(
            EntryRead(
                line=e.line,
                text=clean(e.text),
                time=(
                    time_read(doc, e.time, e.block.start + e.time.start, e.block.start + e.time.end)
                    if e.time is not None
                    else None
                ),
                day=day_text(e.day),
                minute=rel.minute(a),
                span=(e.start, e.end),
            )
            for e, a in zip(entries, entry_abs, strict=True)
        ),
        axis=axis,
    )


def _sections(doc: Document) -> list[SectionRead]:
    return [
        SectionRead(
            title=clean(s.title),
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
                    text=clean(d.text),
                )
            )
    return out
