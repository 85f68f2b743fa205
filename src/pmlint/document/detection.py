"""The detection time: the first "detected at <time>" phrase anywhere, else the first
timeline entry that describes the first alert, page or report."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmlint.document.incident import Stamp, stamp_at

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["find_detection"]

# "detected at 11:45PM", "alerted at", "Issue Detected: ... at"
_DETECT_PHRASE_RE = re.compile(
    r"(?i)\b(?:detected|alerted|noticed|identified|discovered|realized|realised|spotted"
    r"|paged|reported)\b[^.\n]{0,40}?(?:\bat|\bon|\baround|@)[ \t]*(?:about|around|approx\w*)?"
    r"[ \t~]*$"
)
_DETECT_WORDS_RE = re.compile(
    r"(?i)\b(?:alert(?:s|ed|ing)?|monitoring|paged|pager|page|noticed|reported|complaints?"
    r"|detected|detection|identified|discovered|observed|realized|realised|spotted)\b"
)


def find_detection(doc: Document, prose: list[Block]) -> tuple[Stamp | None, bool]:
    """The first "detected at <time>" phrase anywhere, else the first timeline entry that
    describes detection."""
    for block in [*prose, *doc.blocks_in("timeline")]:
        if block.kind == "code":
            continue
        masked = block.masked
        for t in doc.block_times[block]:
            if not t.has_clock or t.problem:
                continue
            if _DETECT_PHRASE_RE.search(masked[max(0, t.start - 60) : t.start]):
                return stamp_at(doc, block, t), False
    for entry in doc.timeline.timed:
        if entry.time is not None and _DETECT_WORDS_RE.search(entry.text):
            t = entry.time
            return Stamp(
                t,
                entry.block.start + t.start,
                entry.block.start + t.end,
                entry.line,
            ), True
    return None, False
