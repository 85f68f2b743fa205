"""A timeline written in an unnamed zone: its entries carry no zone, the document declares
none, the incident window is stated in a zone, and the timeline's last resolution entry
and some entry sit exactly the same whole or half number of hours off the window's end and
start. Then the timeline is in another zone than the window, unsaid (PM205)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from pmlint.document.event_words import RESOLVED_RE
from pmlint.document.zone_mentions import find_zone_declarations

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.timeline import Entry

__all__ = ["ShiftedTimeline", "shifted_timeline"]

_DAY = 1440
_MAX_SHIFT = 14 * 60  # the largest UTC offset apart two zones can be (in minutes)
_STEP = 30  # zones differ by whole or half hours


class ShiftedTimeline(msgspec.Struct, frozen=True):
    """Entries at ``shift`` minutes from the window's start and end (window minus entry)."""

    start_entry: Entry
    end_entry: Entry
    shift: int


def shifted_timeline(doc: Document) -> ShiftedTimeline | None:
    """The timeline's offset from the window when it is in an unnamed zone, else None."""
    w = doc.incident.window
    if w is None or (w.first.expr.utc_offset is None and w.last.expr.utc_offset is None):
        return None
    entries = [e for e in doc.timeline.timed if e.time is not None]
    if len(entries) < 2 or any(e.time is not None and e.time.zone for e in entries):
        return None
    if any(find_zone_declarations(b.masked) for b in doc.blocks if b.kind != "code"):
        return None
    start, end = w.first.expr.minutes_of_day(), w.last.expr.minutes_of_day()
    if start is None or end is None:
        return None
    at: dict[int, Entry] = {}
    for e in entries:
        minute = e.time.minutes_of_day() if e.time is not None else None
        if minute is not None:
            at.setdefault(minute, e)
    if start in at or end in at:
        return None  # the timeline agrees with the window somewhere: same zone
    for shift in range(-_MAX_SHIFT, _MAX_SHIFT + 1, _STEP):
        if shift == 0:
            continue
        first = at.get((start - shift) % _DAY)
        last = at.get((end - shift) % _DAY)
        if first is not None and last is not None and RESOLVED_RE.search(last.text):
            return ShiftedTimeline(first, last, shift)
    return None
