"""The zones a document stamps its clock times in: every clock time written with a zone,
outside code and outside a pasted copy, grouped by line. A line that gives one moment in two
zones ("10:00 UTC (03:00 PDT)") is a conversion, said on purpose, and is left out."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

import msgspec

from pmlint.document.time import TimeExpr
from pmlint.document.zones import get_zone

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["ZoneStamp", "collect_zone_stamps", "zone_family"]

_NEWLINE_RE = re.compile("\n")


class ZoneStamp(msgspec.Struct, frozen=True):
    """One clock time written with a zone: where it is and what it says."""

    block: Block
    time: TimeExpr
    line: int

    @property
    def start(self) -> int:
        """Offset of the time in the document."""
        return self.block.start + self.time.start

    @property
    def end(self) -> int:
        """End offset of the time in the document."""
        return self.block.start + self.time.end


def zone_family(t: TimeExpr) -> int | None:
    """The standard-time UTC offset of a time's zone, so that a zone and its summer twin
    (PST/PDT, CET/CEST, GMT/BST) share one key: mixing those is the season's business, not
    PM205's. GMT and UTC are one zone. None when the zone is ambiguous or unknown."""
    if t.zone is None:
        return None
    info = get_zone(t.zone)
    if info is not None and info.generic:  # "10:00 PT": the family whatever the season
        return info.family
    if t.utc_offset is None:
        return None
    return t.utc_offset - 60 if info is not None and info.dst else t.utc_offset


def collect_zone_stamps(doc: Document) -> list[ZoneStamp]:
    """Zone-stamped clock times in document order, conversion lines left out (read through
    ``doc.zone_stamps``)."""
    paste = doc.pasted_copy
    out: list[ZoneStamp] = []
    for block in doc.blocks:
        if block.kind == "code" or (paste is not None and paste.contains_line(block.line)):
            continue
        stamps = [
            t
            for t in doc.block_times[block]
            if t.has_clock
            and t.zone is not None
            and (t.utc_offset is not None or t.zone_ambiguous)
            and t.zone[:1] not in "+-\u2212"  # a bare offset: the stamp of a quoted log
        ]
        if not stamps:
            continue
        breaks = [m.start() for m in _NEWLINE_RE.finditer(block.masked)]
        by_line: dict[int, list[TimeExpr]] = {}
        for t in stamps:
            line = block.line + bisect.bisect_left(breaks, t.start)  # linear overall
            by_line.setdefault(line, []).append(t)
        for line, times in by_line.items():
            if len({zone_family(t) for t in times} - {None}) > 1:
                continue  # a conversion: one moment in two zones, said on purpose
            out.extend(ZoneStamp(block, t, line) for t in times)
    return out
