"""The detection time: the first "detected at <time>" phrase anywhere, else the first
timeline entry that describes the first alert, page or report."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from pmlint.document.incident import Stamp, stamp_at
from pmlint.lazy_re import LazyPattern

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block
    from pmlint.document.time import TimeExpr

__all__ = ["find_detection"]

# "detected at 11:45PM", "alerted at", "Issue Detected: ... at"
_SIGNAL = r"(?:alert|alarm|page|notification|ticket)s?"
_DETECT_VERB = (
    r"(?:detected|detection|alerted|noticed|identified|discovered|realized|realised|spotted"
    r"|paged|reported|flagged|complained|complaints?|caught|lit[ \t]+up|became[ \t]+aware"
    r"|first[ \t]+(?:observed|seen)"
    rf"|(?:received|got|raised|sent)[ \t]+(?:(?:an?|the|its|our|first)[ \t]+){{0,2}}{_SIGNAL}"
    rf"|{_SIGNAL}[ \t]+(?:(?:was|were)[ \t]+)?(?:fired|triggered|sounded|raised|received"
    r"|went[ \t]+off|came[ \t]+in|arrived|started[ \t]+arriving))"
)
# "detected at 11:45PM", "alerted at", "first reported errors around", "Detected: 09:45",
# "**Detected at:** 09:45" (its letters all lower case: see _search)
_DETECT_PHRASE = (
    rf"\b{_DETECT_VERB}\b[^.\n]{{0,40}}?(?:\bat|\bon|\baround|@|:)[ \t*_:~]*"
    r"(?:about|around|approx\w*)?[ \t~]*$"
)
_DETECT_PHRASE_RE = LazyPattern(_DETECT_PHRASE, re.IGNORECASE)
_DETECT_PHRASE_LOWER_RE = re.compile(_DETECT_PHRASE)
# "At 09:45 UTC, users first reported errors": the time opens its sentence ...
_OPENS_RE = re.compile(
    r"[ \t>*_\u2022-]*(?:(?i:at|around|about|by|approximately|approx\.?|shortly[ \t]+after"
    r"|just[ \t]+after)[ \t]+)?~?[ \t*_]*"
)


@functools.cache
def _verb_after_re() -> re.Pattern[str]:
    """... and the detection verb follows in the same clause (compiled on first use: only
    documents whose detection time opens a timeline sentence ask it)."""
    return re.compile(rf"(?i)[^.;\n]{{0,80}}?\b{_DETECT_VERB}\b")


_DIAGNOSIS_RE = LazyPattern(r"(?i)\b(?:cause|culprit|fix|solution|reason|root|bug)\b")
_SENTENCE_END_RE = re.compile(r"[.!?][ \t]+|\n")
_DETECT_WORDS = (
    r"\b(?:alert(?:s|ed|ing)?|alarms?|monitoring|paged|pager|page|noticed|reported|reports"
    r"|complaints?|complained|detected|detection|identified|discovered|observed|realized"
    r"|realised|spotted|lit[ \t]+up)\b"
)
_DETECT_WORDS_RE = LazyPattern(_DETECT_WORDS, re.IGNORECASE)
_DETECT_WORDS_LOWER_RE = re.compile(_DETECT_WORDS)
_TRAILING_DATE_RE = LazyPattern(r"[ \t]*,?[ \t]*(?:(?i:on)[ \t]+)?")
_LOOKBACK = 60


def _search(
    text: str, caseless: re.Pattern[str] | LazyPattern, lower: re.Pattern[str]
) -> re.Match[str] | None:
    """``caseless.search(text)``, where ``lower`` is the same pattern without IGNORECASE,
    all its letters lower case: on ASCII text that is ``lower.search(text.lower())`` (same
    span, letters lowered), and a pattern that matches case faster than a caseless one."""
    return lower.search(text.lower()) if text.isascii() else caseless.search(text)


def find_detection(
    doc: Document, prose: list[Block], span: tuple[int, int] | None = None
) -> tuple[Stamp | None, bool]:
    """The first "detected at <time>" phrase anywhere (within the lines of ``span`` when
    given: one incident's section), else the first timeline entry that describes detection."""
    in_prose = {id(b) for b in prose}
    lo, hi = span if span is not None else (0, len(doc.text) + 1)
    for block in [*prose, *doc.blocks_in("timeline")]:
        if block.kind == "code" or not lo <= block.line <= hi:
            continue
        masked = block.masked
        times = doc.block_times[block]
        for i, t in enumerate(times):
            if not t.has_clock or t.problem:
                continue
            nxt = times[i + 1] if i + 1 < len(times) else None
            if _says_detected(masked, t, nxt, opening=id(block) in in_prose):
                return stamp_at(doc, block, _dated(masked, t, nxt)), False
    for entry in doc.timeline.timed:
        if not lo <= entry.line <= hi:
            continue
        if entry.time is not None and _search(entry.text, _DETECT_WORDS_RE, _DETECT_WORDS_LOWER_RE):
            t = entry.time
            return Stamp(
                t,
                entry.block.start + t.start,
                entry.block.start + t.end,
                entry.line,
            ), True
    return None, False


def _says_detected(masked: str, t: TimeExpr, nxt: TimeExpr | None, *, opening: bool) -> bool:
    """ "detected at <t>", or (with ``opening``, in prose: timeline entries are read in
    order afterwards) "At <t>, monitoring alerted ..." (the time opens its sentence and the
    clause after it says detection, not about the next time)."""
    before = masked[max(0, t.start - _LOOKBACK) : t.start]
    phrase = _search(before, _DETECT_PHRASE_RE, _DETECT_PHRASE_LOWER_RE)
    if phrase is not None:  # "identified the root cause at 10:40" is diagnosis, not detection
        return not _DIAGNOSIS_RE.search(phrase.group(0))
    if not opening:
        return False
    line_start = masked.rfind("\n", 0, t.start) + 1
    opening = line_start
    for m in _SENTENCE_END_RE.finditer(masked, max(line_start, t.start - _LOOKBACK), t.start):
        opening = m.end()
    if not _OPENS_RE.fullmatch(masked, opening, t.start):
        return False
    stop = nxt.start if nxt is not None else min(len(masked), t.end + 120)
    after = _verb_after_re().match(masked, t.end, stop)
    if after is None:
        return False
    # "At 10:00 the deploy ran; it was detected at 10:20": the verb belongs to the next time
    return nxt is None or not _search(
        masked[max(t.end, nxt.start - _LOOKBACK) : nxt.start],
        _DETECT_PHRASE_RE,
        _DETECT_PHRASE_LOWER_RE,
    )


def _dated(masked: str, t: TimeExpr, nxt: TimeExpr | None) -> TimeExpr:
    """``t`` with the date written right after it ("at 10:20 UTC on February 4, 2024")."""
    if t.has_date or nxt is None or nxt.has_clock or not nxt.has_date:
        return t
    if not _TRAILING_DATE_RE.fullmatch(masked, t.end, nxt.start):
        return t
    return t.with_day_of(nxt)
