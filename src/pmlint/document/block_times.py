"""The time expressions of each block, parsed once per block on first use.

Reached through ``doc.block_times[block]``; every time rule reads these results rather
than scanning text again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmlint.document.time import TimeExpr, apply_range_context, find_times

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["BlockTimes", "date_order_of"]

_MAYBE_TIME_RE = re.compile(r"\d|(?i:noon|midday|midnight)")


def date_order_of(doc: Document) -> str:
    """The configured date order ("MDY" or "DMY")."""
    timeline = doc.settings.get("timeline")
    if isinstance(timeline, dict):
        order = timeline.get("date-order") or timeline.get("date_order")
        if order in ("MDY", "DMY"):
            return str(order)
    return "MDY"


class BlockTimes:
    """Time expressions per block (offsets into ``block.masked``), ranges sharing their
    zone and date; each block is parsed on first use and kept."""

    def __init__(self, doc: Document) -> None:
        self._order = date_order_of(doc)
        self._found: dict[int, list[TimeExpr]] = {}

    def __getitem__(self, block: Block) -> list[TimeExpr]:
        found = self._found.get(id(block))
        if found is None:
            masked = block.masked
            if _MAYBE_TIME_RE.search(masked):
                found = apply_range_context(
                    masked, find_times(masked, date_order=self._order, use_fallback=False)
                )
            else:
                found = []
            self._found[id(block)] = found
        return found
