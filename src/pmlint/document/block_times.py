"""The time expressions of each block, parsed once per block on first use.

Reached through ``doc.block_times[block]``; every time rule reads these results rather
than scanning text again.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from pmlint.document.time import TimeExpr, apply_range_context, find_times
from pmlint.document.time.hints import may_hold_time

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["BlockTimes", "date_order_of"]

# a block that ends right after "on" (its date wrapped onto the next line)
_ENDS_ON_RE = re.compile(r"[ \t]*(?:,[ \t]*)?on[ \t]*\Z")  # one comma between the runs: linear
_DATE_HEAD = 40  # characters of the next block where its date must start


def date_order_of(doc: Document) -> str:
    """The configured date order ("MDY" or "DMY")."""
    timeline = doc.settings.get("timeline")
    if isinstance(timeline, dict):
        order = timeline.get("date-order") or timeline.get("date_order")
        if order in ("MDY", "DMY"):
            return str(order)
    return "MDY"


class BlockTimes(dict["Block", "list[TimeExpr]"]):
    """Time expressions per block (offsets into ``block.masked``), ranges sharing their
    zone and date; each block is parsed on first use and kept. Blocks compare and hash by
    identity, so a block read again is a plain dictionary look-up (rules ask some 200
    times per document)."""

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self._doc = doc
        self._order = date_order_of(doc)
        self._next: dict[int, Block] | None = None

    def __missing__(self, block: Block) -> list[TimeExpr]:
        masked = block.masked
        if may_hold_time(masked):
            found = find_times(masked, date_order=self._order, use_fallback=False)
            if found and _ENDS_ON_RE.match(masked, found[-1].end):
                found[-1] = self._wrapped_date(block, found[-1])
            found = apply_range_context(masked, found)
        else:
            found = []
        self[block] = found
        return found

    def _wrapped_date(self, block: Block, last: TimeExpr) -> TimeExpr:
        """ "... to 01:10 UTC on" with "2024-09-15, ..." opening the next line, which the
        document model made a block of its own: the clock time takes that date."""
        if not last.has_clock or last.has_date:
            return last
        if self._next is None:
            blocks = self._doc.blocks
            self._next = {id(a): b for a, b in itertools.pairwise(blocks)}
        nxt = self._next.get(id(block))
        if nxt is None or nxt.kind != "paragraph" or nxt.line != block.end_line + 1:
            return last
        head = find_times(nxt.masked[:_DATE_HEAD], date_order=self._order, use_fallback=False)
        if not head or head[0].start != 0 or head[0].has_clock or not head[0].has_date:
            return last
        day = head[0]
        if day.problem:
            return last
        return last.with_day_of(day)
