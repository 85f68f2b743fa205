"""The timeline of a postmortem: one entry per list item, table row or one-event line of the
timeline section(s), each with the time written at its start and the day it belongs to.

Built by :mod:`.timeline_builder` on first use of ``doc.timeline``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from pmlint.document.model import Block
    from pmlint.document.time import TimeExpr

__all__ = ["Entry", "Timeline"]

_WORD_RE = re.compile(r"[A-Za-z]{2,}")
# a run never crosses the bracket that opens another ("<<<...", "[a]([a](..."): linear
_NOT_WORDS_RE = re.compile(r"!\[[^\[\]]*\]\([^)]*\)?|\]\([^()]*\)|https?://\S+|www\.\S+|<[^<>]*>")


class Entry(msgspec.Struct):
    """One event of the timeline.

    ``time`` is the expression written at the start of the entry (or in the time column of a
    table row), ``None`` when the entry does not open with one; ``any_time`` tells whether a
    time or date is written anywhere in it. ``day`` is the day the entry belongs to (from the
    entry itself, a date sub-header, or a midnight rollover; ``None`` when unknown) and
    ``moment`` its minutes since 2000-01-01 when the clock time is known, for ordering.
    ``segment`` changes at each sub-heading or table without a date, across which order is
    not compared.
    """

    block: Block
    start: int
    end: int
    line: int
    text: str
    depth: int
    time: TimeExpr | None
    any_time: bool
    day: date | None = None
    moment: int | None = None
    segment: int = 0
    parent_timed: bool = False

    @property
    def words(self) -> int:
        """Number of words in the entry (images, links' targets and URLs left out)."""
        return len(_WORD_RE.findall(_NOT_WORDS_RE.sub(" ", self.text)))


class Timeline(msgspec.Struct):
    """The entries of the timeline section(s), in document order."""

    entries: list[Entry] = msgspec.field(default_factory=list)

    @property
    def timed(self) -> list[Entry]:
        """Entries that open with a clock time."""
        return [e for e in self.entries if e.time is not None and e.time.has_clock]
