"""Which timeline entries tell events (PM201): not notes, intro lines, images, measures or
labels heading the items under them; and whether a timeline with no time at all still
tells a story of events (then its entries lack times) rather than a template's prompts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmlint.document.durations import find_durations
from pmlint.lazy_re import LazyPattern

if TYPE_CHECKING:
    from pmlint.document.timeline import Entry

__all__ = ["heads_items", "is_event", "tells_events"]

_MIN_WORDS = 2  # an entry of substance has at least this many words
_LABEL_WORDS = 4  # a line ending in a colon with at most this many words is a label
_NOT_EVENT_RE = re.compile(r"(?i)(?:!\[|<img\b|(?:note|nb|n\.b\.|source|legend|key)\b\s*[:.-])")
_INTRO_RE = LazyPattern(
    r"(?i)\b(?:timeline|following|below|all\s+times|times\s+are|chronolog|summar"
    r"|(?:time|date)[ \t]?stamps?|date[ \t]*/[ \t]*time|(?:captured|taken|copied|sourced)"
    r"[ \t]+from|(?:times|dates)[ \t]+(?:shown|given|listed|quoted))"
)
# "Detection delay: 4 hours 14 minutes", "**Total impact:** 2h": a measure, not an event
_MEASURE_LINE_RE = re.compile(r"[*_]{0,2}[A-Za-z][A-Za-z /'-]{0,40}?[*_]{0,2}:[*_]{0,2}[ \t]*")
# an act told in the past: "confirmed", "was escalated", "began", "found"
_PAST_RE = LazyPattern(
    r"(?i)\b(?:was|were|had|began|found|saw|made|sent|took|ran|went|knew|got|told|came"
    r"|brought|[a-z]{2,}ed)\b"
)
# a template's prompt, not an event: "when outage began", "what was done"
_PROMPT_RE = LazyPattern(r"(?i)[\W_]*(?:when|what|who|how|which|where|why|list|describe)\b")
_MIN_TOLD = 2  # past-tense events that make an untimed timeline a story


def tells_events(entries: list[Entry]) -> bool:
    """Whether most of an untimed timeline's events are acts told in the past ("confirmed
    the route was announced", "the incident was escalated"), at least two: a story whose
    times are missing, not a list of a template's prompts ("when outage began")."""
    events = [e for e in entries if is_event(e)]
    told = [e for e in events if _PAST_RE.search(e.text) and not _PROMPT_RE.match(e.text)]
    return len(told) >= _MIN_TOLD and 2 * len(told) >= len(events)


def heads_items(entry: Entry, following: Entry | None) -> bool:
    """A label line ending in a colon that heads the items under it ("Actions Taken:"): a
    paragraph line, a short label, or a list item whose next entry sits deeper or is a
    paragraph."""
    if not entry.text.rstrip(" *_").endswith(":"):
        return False
    if entry.block.kind == "paragraph" or following is None or entry.words <= _LABEL_WORDS:
        return True  # a short "Actions Taken:" heads what follows even at the same depth
    return following.depth > entry.depth or following.block.kind != entry.block.kind


def is_event(entry: Entry) -> bool:
    """An entry that tells an event: not a note or intro line, an image, a label heading the
    items under it ("Actions Taken:"), nor a one-word item (a host, a command)."""
    if entry.parent_timed or entry.words < _MIN_WORDS:
        return False
    text = entry.text.strip(" *_>")
    if _NOT_EVENT_RE.match(text) or _is_measure(text):
        return False
    return not (entry.block.kind == "paragraph" and _INTRO_RE.search(entry.text))


def _is_measure(text: str) -> bool:
    """A "Label: <duration>" line: a figure about the timeline, not an event in it."""
    m = _MEASURE_LINE_RE.match(text)
    if m is None:
        return False
    durations = find_durations(text[m.end() :])
    return bool(durations) and durations[0].start == 0
