"""The incident window and the detection time as ``pmlint show`` reports them: each end
and the detection placed in minutes since the epoch, and why each was chosen."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from pmlint.document.incident import minutes_between
from pmlint.show.placing import EPOCH, Placer, absolute_minute, clean, day_of, stamp_read
from pmlint.show.read_model import DAY, DetectionRead, WindowRead

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.incident import Incident, Window
    from pmlint.document.timeline import Entry


def anchor_day(incident: Incident, entries: list[Entry]) -> date | None:
    """The day undated times belong to: the window's, else the first dated entry's."""
    w = incident.window
    if w is not None:
        day = day_of(w.first.expr)
        if day is not None:
            return day
    for e in entries:
        if e.day is not None:
            return e.day
    if incident.detection is not None:
        return day_of(incident.detection.expr)
    return None


def window_minutes(w: Window | None, anchor: date | None) -> tuple[int, int] | None:
    """The window's start and end in minutes since the epoch, when both are known."""
    if w is None:
        return None
    first = w.first.expr.minutes_of_day()
    length = w.minutes()
    if first is None or length is None:
        return None
    start = absolute_minute(day_of(w.first.expr) or anchor or EPOCH, first)
    return start, start + length


def detection_minute(
    doc: Document,
    incident: Incident,
    entries: list[Entry],
    entry_abs: list[int | None],
    window_abs: tuple[int, int] | None,
    anchor: date | None,
) -> tuple[int | None, str, str]:
    """The detection in minutes since the epoch (None when it has no clock), how it
    was found (``timeline`` or ``phrase``) and why, in words."""
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
        words = clean(doc.text[doc.source.offset(line) : det.start])[-60:]
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
                offset += DAY  # the window crosses midnight: an early time is the next day
            if offset < -720:
                offset += DAY
            if offset > DAY:
                offset -= DAY
            return window_abs[0] + offset, how, why
    return absolute_minute(day_of(t) or anchor or EPOCH, clock), how, why


def origin_label(
    origin_abs: int,
    incident: Incident,
    entries: list[Entry],
    anchor: date | None,
) -> str | None:
    """The axis origin's label: ISO when a year is written, ``--MM-DD`` when not."""
    if anchor is None:
        return None
    day = EPOCH + timedelta(origin_abs // DAY)
    exprs = [e.time for e in entries if e.time is not None]
    if incident.window is not None:
        exprs += [incident.window.first.expr, incident.window.last.expr]
    if incident.detection is not None:
        exprs.append(incident.detection.expr)
    if any(t.date is not None for t in exprs) or any(e.day and e.day.year != 2000 for e in entries):
        return day.isoformat()
    return f"--{day.month:02d}-{day.day:02d}"


def window_read(
    doc: Document,
    w: Window | None,
    placed: tuple[int, int] | None,
    rel: Placer,
) -> WindowRead | None:
    """The incident window as reported, placed on the axis."""
    if w is None:
        return None
    start, end = stamp_read(doc, w.first), stamp_read(doc, w.last)
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
        or (placed is not None and placed[0] // DAY != (placed[1] - 1) // DAY),
        start_minute=rel.minute(placed[0]) if placed else None,
        end_minute=rel.minute(placed[1]) if placed else None,
    )


def detection_read(
    doc: Document,
    incident: Incident,
    how: str,
    why: str,
    placed: int | None,
    window_abs: tuple[int, int] | None,
    rel: Placer,
) -> DetectionRead | None:
    """The detection as reported, placed on the axis, inside the window or not."""
    if incident.detection is None:
        return None
    inside = None
    if placed is not None and window_abs is not None:
        inside = window_abs[0] <= placed <= window_abs[1]
    return DetectionRead(
        time=stamp_read(doc, incident.detection),
        how=how,
        why=why,
        minute=rel.minute(placed),
        inside_window=inside,
    )
