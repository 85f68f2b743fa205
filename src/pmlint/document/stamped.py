"""The zones a document stamps its clock times in: every clock time written with a zone,
outside code (blocks and inline spans) and outside a pasted copy, grouped by line. A line
that gives one moment in two zones ("10:00 UTC (03:00 PDT)") is a conversion, said on
purpose, and is left out."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from pmlint.document.time import TimeExpr
from pmlint.document.zones import get_zone

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["ZoneStamp", "collect_zone_stamps", "zone_family"]

_NEWLINE = "\n"


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
    block_times = doc.block_times
    out: list[ZoneStamp] = []
    for block in doc.blocks:
        if block.kind == "code" or (paste is not None and paste.contains_line(block.line)):
            continue
        stamps = [
            t
            for t in block_times[block]
            if t.zone is not None
            and t.has_clock
            and (t.utc_offset is not None or t.zone_ambiguous)
            and t.zone[:1] not in "+-\u2212"  # a bare offset: the stamp of a quoted log
        ]
        if stamps and block.inline_code:  # a time quoted in code is a log's, not a stamp
            code = block.inline_code
            stamps = [t for t in stamps if not any(lo <= t.start < hi for lo, hi in code)]
        if not stamps:
            continue
        masked = block.masked
        if len(stamps) == 1:  # one time: one line, no conversion
            t = stamps[0]
            out.append(ZoneStamp(block, t, block.line + masked.count(_NEWLINE, 0, t.start)))
            continue
        by_line: dict[int, list[TimeExpr]] = {}
        counted, breaks = 0, 0  # newlines before ``counted``: linear for times in order
        for t in stamps:
            if t.start < counted:
                counted, breaks = 0, 0
            breaks += masked.count(_NEWLINE, counted, t.start)
            counted = t.start
            by_line.setdefault(block.line + breaks, []).append(t)
        for line, times in by_line.items():
            if len({zone_family(t) for t in times} - {None}) > 1:
                continue  # a conversion: one moment in two zones, said on purpose
            out.extend(ZoneStamp(block, t, line) for t in times)
    return out
