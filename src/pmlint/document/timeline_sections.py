"""Which blocks make the timeline: the outermost timeline sections, or, when one wraps a
subsection per incident each with its own timeline, those inner timelines; a bold label
line ends a timeline headed by a bold label."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from pmlint.lazy_re import LazyPattern

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block, Section

__all__ = ["incident_field_blocks", "timeline_parts"]

_BOLD_LABEL_RE = LazyPattern(r"(\*\*|__)[^*_\n]{1,60}?:?\1:?")
# keys of sections that mean something other than a phase of the incident's events
_OTHER_KEYS = frozenset(
    {"root-cause", "contributing-factors", "action-items", "lessons", "five-whys", "resolution"}
)
_LEAD_CLOCK_MAX = 12  # a block whose clock time starts this near its start is a timed event


def timeline_parts(doc: Document) -> list[list[Block]]:
    """The blocks (headings included) inside each of the outermost timeline sections, one
    list per section, in order: each section is a timeline of its own (a report pasted
    again in other words restarts its timeline). An outer timeline section that wraps one
    subsection per incident, each holding its own timeline section ("## Incident Timeline" >
    "### October 21" > "**Timeline:**"), is read through those inner timelines only: the
    rest of it is each incident's fields and prose."""
    found = [s for s in doc.sections_for("timeline") if s.heading is not None]
    wrapped = [s for s in found if _is_wrapped(s)]
    wrappers = {id(_timeline_ancestor(s)) for s in wrapped}
    sections = sorted(
        (
            s
            for s in found
            if (not _has_timeline_ancestor(s) and id(s) not in wrappers) or _is_wrapped(s)
        ),
        key=lambda s: s.heading.line if s.heading else 0,
    )
    paste = doc.pasted_copy
    blocks = doc.blocks
    lines = [b.line for b in blocks]  # in order: each section's blocks found by bisection
    parts: list[list[Block]] = []
    for section in sections:
        out: list[Block] = []
        parts.append(out)
        first = section.heading.line if section.heading else 0
        # an incident's own timeline starts with its heading: a new segment, a new day
        after = first - 1 if _is_wrapped(section) else first
        last = max(min(section.end_line, _other_start(doc, section) - 1), first)
        for b in blocks[bisect.bisect_right(lines, after) : bisect.bisect_right(lines, last)]:
            if b.kind == "code":
                continue
            if paste is not None and paste.contains_line(b.line):
                continue
            if section.style in ("bold", "label") and _is_bold_label(doc, b):
                break  # "**Timeline:**" ... "**Incident Escalation:**": the next section
            out.append(b)
    return parts


def _other_start(doc: Document, section: Section) -> int:
    """The heading line of the first deeper section under a timeline heading that means
    something else ("### Timeline" > "#### Root Cause Analysis"), where the timeline ends;
    past the section's end when none. A sub-section whose blocks open with clock times is a
    phase of the timeline ("#### Resolution" > "- 10:05 restarted"), not this."""
    for child in section.walk():
        if child is section or child.heading is None or child.level <= section.level:
            continue
        if "timeline" in child.keys or not child.keys & _OTHER_KEYS:
            continue
        if not any(_opens_with_clock(doc, b) for b in child.all_blocks()):
            return child.heading.line
    return section.end_line + 1


def _opens_with_clock(doc: Document, block: Block) -> bool:
    """Whether a clock time starts within the first few characters of the block."""
    return any(t.has_clock and t.start <= _LEAD_CLOCK_MAX for t in doc.block_times[block])


def _is_bold_label(doc: Document, block: Block) -> bool:
    """A paragraph that is one bold line ending in a colon or standing alone, such as
    "**Incident Escalation:**": under a bold "**Timeline:**" label it starts a new section,
    as the catalog reads bold lines (a date in bold is a date sub-header, not this)."""
    if block.kind != "paragraph" or "\n" in block.masked.strip():
        return False
    raw = doc.text[block.start : block.end].strip()
    if not _BOLD_LABEL_RE.fullmatch(raw):
        return False
    return not doc.block_times[block]


def incident_field_blocks(doc: Document) -> set[int]:
    """Ids of the blocks of a timeline section that wraps one subsection per incident, outside
    the incidents' own timelines: each incident's fields ("**Duration:** 19:28 to 21:31 UTC")
    and prose, read like the rest of the document's prose."""
    found = [s for s in doc.sections_for("timeline") if s.heading is not None]
    wrapped = [s for s in found if _is_wrapped(s)]
    if not wrapped:
        return set()
    inner = [(s.line, s.end_line) for s in wrapped]
    out: set[int] = set()
    for wrapper in {id(a): a for a in map(_timeline_ancestor, wrapped) if a}.values():
        lo, hi = wrapper.line, wrapper.end_line  # type: ignore[attr-defined]
        out.update(
            id(b)
            for b in doc.blocks
            if lo < b.line <= hi and not any(a <= b.line <= z for a, z in inner)
        )
    return out


def _timeline_ancestor(section: object) -> object | None:
    """The nearest enclosing timeline section, if any."""
    parent = getattr(section, "parent", None)
    while parent is not None:
        if "timeline" in parent.keys:
            return parent
        parent = parent.parent
    return None


def _has_timeline_ancestor(section: object) -> bool:
    return _timeline_ancestor(section) is not None


def _is_wrapped(section: object) -> bool:
    """A timeline section inside a timeline section, under a subsection that is not one
    (an incident's own "Timeline:" inside "## Incident Timeline" > "### October 21")."""
    parent = getattr(section, "parent", None)
    if parent is None or "timeline" in parent.keys:
        return False
    ancestor = _timeline_ancestor(section)
    return ancestor is not None and _timeline_ancestor(ancestor) is None
