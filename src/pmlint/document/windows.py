"""The incident window as the document states it: front matter keys, ``Start:``/``End:``
fields, or a range of clock times in a sentence that speaks of the incident; and the
document's own date."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import msgspec

from pmlint.document.block_times import date_order_of
from pmlint.document.incident import Stamp, Window, minutes_between, stamp_at
from pmlint.document.labelled import Labelled, LabelledValues, labelled_once
from pmlint.document.time import find_time_ranges, find_times
from pmlint.lazy_re import LazyPattern

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = [
    "document_date",
    "find_window",
    "incident_sections",
    "own_window",
    "stated_windows",
    "window_in",
]

_DAY = 1440
_MAX_WINDOWS = 20  # windows compared pairwise: enough for any real document
_MAX_DAYS = 3  # a window longer than this, read from numbers, may be misread

# words that make a range of clock times the incident window
_WINDOW_CUE_RE = re.compile(
    r"(?i)\b(?:outage|incident|downtime|disruption|degradation|lasted|lasting|occurred|duration"
    r"|between\s+the\s+hours|down|unavailable|inaccessible|impact(?:ed)?|affected|errors?"
    r"|receiving|returning|failing|failed|window)\b"
)
_START_KEYS = frozenset(
    {
        "start time",
        "start",
        "started",
        "started at",
        "incident start",
        "outage start",
        "start date",
        "began",
        "start of incident",
        "incident start time",
        "time started",
    }
)
_END_KEYS = frozenset(
    {
        "end time",
        "end",
        "ended",
        "ended at",
        "incident end",
        "outage end",
        "end date",
        "resolved",
        "resolved at",
        "resolution time",
        "time resolved",
        "incident end time",
        "end of incident",
        "recovered",
    }
)
_FRONT_START = frozenset({"started_at", "start_time", "started", "start", "began_at"})
_FRONT_END = frozenset({"resolved_at", "ended_at", "end_time", "ended", "end", "resolved"})
_FRONT_LINE_RE = LazyPattern(r"(?m)^[ \t]*\"?(?P<key>[A-Za-z_]+)\"?[ \t]*[:=][ \t]*(?P<value>.+)$")


# "The outage began at 10:00 UTC and was resolved at 11:30 UTC": a start and an end said of
# the impact in one sentence
_IMPACT_NOUN_RE = LazyPattern(
    r"(?i)\b(?:outage|incident|errors?|failures?|impact|downtime|disruption|degradation"
    r"|issue|problem|unavailability)\b"
)
_AT = r"[^.\n]{0,30}?\b(?:at|around|by)[ \t]*(?:about|around|approx\w*)?[ \t~]*$"
_STARTED_RE = LazyPattern(
    rf"(?i)\b(?:began|begun|begins|started|starts|commenced|first[ \t]+occurred){_AT}"
)
_ENDED_RE = LazyPattern(
    r"(?i)\b(?:ended|ends|resolved|restored|recovered|mitigated|fixed|over"
    rf"|back[ \t]+(?:up|online|to[ \t]+normal)){_AT}"
)
_NEWLINE_RE = re.compile(r"\n")
_SENTENCE_BREAK_RE = LazyPattern(r"\.[ \t]|\n")
_CUE_LOOKBACK = 60


def _window_from_start_and_end(doc: Document, prose: list[Block]) -> Window | None:
    """A sentence saying when the impact began and when it ended, at two clock times."""
    for block in prose:
        masked = block.masked
        times = [t for t in doc.block_times[block] if t.has_clock and not t.problem]
        for a, b in itertools.pairwise(times):
            if _SENTENCE_BREAK_RE.search(masked, a.end, b.start):
                continue
            before_a = masked[max(0, a.start - _CUE_LOOKBACK) : a.start]
            if not (_STARTED_RE.search(before_a) and _IMPACT_NOUN_RE.search(before_a)):
                continue
            if _ENDED_RE.search(masked[max(a.end, b.start - _CUE_LOOKBACK) : b.start]):
                return Window(stamp_at(doc, block, a), stamp_at(doc, block, b), "sentence", block)
    return None


def find_window(
    doc: Document, prose: list[Block], labelled: LabelledValues | None = None
) -> Window | None:
    """The stated window: front matter, else fields, else a range in the prose
    (``labelled``: the document's labelled values, when they are already asked for)."""
    window = (
        _window_from_front_matter(doc)
        or _window_from_fields(doc, (labelled or labelled_once(doc))())
        or _window_from_ranges(doc, prose)
        or _window_from_start_and_end(doc, prose)
    )
    return _in_plausible_date_order(doc, window) if window is not None else None


def _in_plausible_date_order(doc: Document, w: Window) -> Window:
    """Both ends dated with numbers that read either way ("03-11-2023" to "04-11-2023"):
    when the configured order gives a negative window or one over three days and the other
    order a window within three days, the other order is meant (a month-long window is a
    misreading)."""
    if not w.dated:
        return w
    length = w.minutes()
    if length is not None and 0 <= length <= _MAX_DAYS * _DAY:
        return w
    other = "DMY" if date_order_of(doc) == "MDY" else "MDY"
    ends = []
    for stamp in (w.first, w.last):
        found = find_times(stamp.expr.text, date_order=other, use_fallback=False)
        if len(found) != 1 or found[0].date is None or found[0].problem:
            return w
        ends.append(
            msgspec.structs.replace(
                stamp,
                expr=msgspec.structs.replace(
                    found[0], start=stamp.expr.start, end=stamp.expr.end, text=stamp.expr.text
                ),
            )
        )
    swapped = Window(ends[0], ends[1], w.how, w.block)
    new_length = swapped.minutes()
    ok = new_length is not None and 0 <= new_length <= _MAX_DAYS * _DAY
    return swapped if ok else w


def _window_from_front_matter(doc: Document) -> Window | None:
    fm = doc.front_matter
    if fm is None:
        return None
    found: dict[str, Stamp] = {}
    base = fm.body_start  # a source offset
    for m in _FRONT_LINE_RE.finditer(fm.body):
        key = m.group("key").lower()
        side = "first" if key in _FRONT_START else "last" if key in _FRONT_END else None
        if side is None or side in found:
            continue
        value = m.group("value").strip().strip("\"'")
        times = find_times(value, date_order=date_order_of(doc), use_fallback=False)
        if times and times[0].has_clock:
            t = times[0]
            offset = base + m.start("value")
            end = offset + len(m.group("value"))
            found[side] = Stamp(t, offset, end, doc.source.position(offset).line)
    if len(found) == 2:
        return Window(found["first"], found["last"], "front-matter")
    return None


def _section_field_windows(doc: Document, labelled: list[Labelled]) -> list[Window]:
    """One "Start:"/"End:" window per section that states both (an incident each, in a
    document that tells of several)."""
    spans = sorted((sec.line, sec.end_line) for sec in doc.sections if sec.heading is not None)
    starts = [a for a, _ in spans]
    groups: dict[int, list[Labelled]] = {}
    for item in labelled:
        line = item.block.line
        i = bisect.bisect_right(starts, line) - 1
        while i >= 0 and spans[i][1] < line:  # the innermost section holding the line
            i -= 1
        groups.setdefault(spans[i][0] if i >= 0 else 0, []).append(item)
    found = (_window_from_fields(doc, items) for items in groups.values())
    return [w for w in found if w is not None]


def _window_from_fields(doc: Document, items: list[Labelled]) -> Window | None:
    """ "Start: ..." and "End: ..." fields, or the same as table rows or columns, among
    the labelled values ``items``."""
    first = last = None
    block = None
    for item in items:
        key = item.key
        if key not in _START_KEYS and key not in _END_KEYS:
            continue
        mine = [
            t
            for t in doc.block_times[item.block]
            if item.start <= t.start < item.end and t.has_clock and not t.problem
        ]
        if not mine:
            continue
        stamp = stamp_at(doc, item.block, mine[0])
        if key in _START_KEYS and first is None:
            first, block = stamp, item.block
        elif key in _END_KEYS and last is None:
            last = stamp
    if first is not None and last is not None:
        return Window(first, last, "fields", block)
    return None


_DOC_DATE_KEYS = frozenset({"date", "document date", "report date", "published", "written"})


def document_date(doc: Document) -> Stamp | None:
    """The document's own date: a ``date`` key in the front matter, else a ``Date:`` field in
    the header (before the first section that means something); ``None`` without a full
    date (day, month and year)."""
    fm = doc.front_matter
    if fm is not None:
        base = fm.body_start  # a source offset
        for m in _FRONT_LINE_RE.finditer(fm.body):
            if m.group("key").lower() not in _DOC_DATE_KEYS:
                continue
            value = m.group("value").strip().strip("\"'")
            times = find_times(value, date_order=date_order_of(doc), use_fallback=False)
            if times and times[0].date is not None and not times[0].problem:
                offset = base + m.start("value")
                end = offset + len(m.group("value"))
                return Stamp(times[0], offset, end, doc.source.position(offset).line)
            return None
    header = {id(b) for b in doc.intro_blocks}
    for f in doc.fields:
        if id(f.block) not in header or f.label.lower().strip(" *_") not in _DOC_DATE_KEYS:
            continue
        rel, rel_end = f.value_start - f.block.start, f.value_end - f.block.start
        mine = [t for t in doc.block_times[f.block] if rel <= t.start < rel_end]
        if mine and mine[0].date is not None and not mine[0].problem:
            return stamp_at(doc, f.block, mine[0])
        return None
    return None


def window_in(doc: Document, block: Block, at: int) -> Window | None:
    """The incident window stated as a range on the line of source offset ``at``, if any."""
    masked = block.masked
    rel = at - block.start
    line_start = masked.rfind("\n", 0, rel) + 1
    line_end = masked.find("\n", rel)
    return _window_from_ranges(
        doc, [block], (line_start, line_end if line_end >= 0 else len(masked))
    )


def _window_from_ranges(
    doc: Document, prose: list[Block], limit: tuple[int, int] | None = None
) -> Window | None:
    return next(_range_windows(doc, prose, limit), None)


def stated_windows(
    doc: Document,
    prose: list[Block],
    main: Window | None,
    labelled: LabelledValues | None = None,
) -> list[Window]:
    """The document's window and every range of clock times stated as a window."""
    found = [] if main is None else [main]
    seen = {main.first.start} if main is not None else set()
    fields = (
        _section_field_windows(doc, (labelled or labelled_once(doc))())
        if main is not None and main.how == "fields"
        else []
    )
    for w in [*fields, *_range_windows(doc, prose, None)]:
        if w.first.start not in seen:
            seen.add(w.first.start)
            found.append(w)
        if len(found) >= _MAX_WINDOWS:
            break
    return found


def own_window(doc: Document, line: int) -> Window | None:
    """The window that applies to something stated on ``line``: the document's window,
    unless the document states windows that do not overlap (several incidents, or a
    retelling of the report with other dates); then the window stated in the innermost
    section around ``line`` that states any, when that section states only one (an
    incident's "### October 28" holds its "**Duration:**" field and its own
    "**Timeline:**"; a report's top heading holds its summary's window and its timeline,
    not the "# Humor" retelling after it), else none (precision first)."""
    incident = doc.incident
    if not _several(incident.windows):
        return incident.window
    for start, end in reversed(_section_spans(doc, line)):
        inside = [
            w for w in incident.windows if w.block is not None and start <= w.block.line <= end
        ]
        if inside:
            distinct = {(w.first.expr.text, w.last.expr.text) for w in inside}
            return inside[0] if len(distinct) == 1 else None
    return None


def incident_sections(doc: Document, windows: list[Window]) -> list[tuple[int, int]]:
    """The line spans of the sections stating each of ``windows``, when they tell of several
    incidents (windows that do not overlap); empty otherwise."""
    if not _several(windows):
        return []
    spans = {_section_span(doc, w.block.line) for w in windows if w.block is not None}
    return sorted(spans)


def _several(windows: list[Window]) -> bool:
    """Two of the windows do not overlap: the document tells of several incidents."""
    for i, a in enumerate(windows):
        length_a = a.minutes()
        for b in windows[i + 1 :]:
            offset = minutes_between(a.first.expr, b.first.expr, rollover=False)
            length_b = b.minutes()
            if offset is None or length_a is None or length_b is None:
                continue
            if offset >= length_a or offset + length_b <= 0:
                return True
    return False


def _section_span(doc: Document, line: int) -> tuple[int, int]:
    """The first and last lines of the innermost section holding ``line`` (the whole
    document before any heading)."""
    spans = _section_spans(doc, line)
    return spans[-1] if spans else (1, doc.text.count("\n") + 1)


def _section_spans(doc: Document, line: int) -> list[tuple[int, int]]:
    """The first and last lines of every section under a heading that holds ``line``,
    outermost first."""
    return sorted(
        (section.line, section.end_line)
        for section in doc.sections
        if section.heading is not None and section.line <= line <= section.end_line
    )


def _range_windows(
    doc: Document, prose: list[Block], limit: tuple[int, int] | None
) -> Iterator[Window]:
    for block in prose:
        times = doc.block_times[block]
        if len(times) < 2:
            continue
        masked = block.masked
        breaks = [m.start() for m in _NEWLINE_RE.finditer(masked)] + [len(masked)]
        cued: dict[tuple[int, int], bool] = {}  # lines -> they hold a window cue (searched once)
        for r in find_time_ranges(masked, times):
            if not (r.first.has_clock and r.second.has_clock):
                continue
            if r.first.problem or r.second.problem:
                continue
            if limit is not None and not limit[0] <= r.start < limit[1]:
                continue
            first = bisect.bisect_left(breaks, r.start)  # bisected: linear on long lines
            lines = (
                breaks[first - 1] + 1 if first else 0,
                breaks[bisect.bisect_left(breaks, r.end)],
            )
            if lines not in cued:
                cued[lines] = _WINDOW_CUE_RE.search(masked, *lines) is not None
            if not cued[lines] and not re.search(
                r"(?i)\bduration\b|\bfrom\b", masked[max(0, r.start - 40) : r.start]
            ):
                continue
            yield Window(
                stamp_at(doc, block, r.first), stamp_at(doc, block, r.second), "range", block
            )
