"""What a postmortem states about its incident: the window (start and end), the stated
durations, the detection time and the stated metrics (time to detect, time to resolve,
downtime). Built lazily with :func:`incident_of` and cached on the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pmlint.document.durations import DurationExpr, find_durations
from pmlint.document.time import TimeExpr, find_time_ranges, find_times
from pmlint.document.timeline import block_times, date_order_of, timeline_of

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = [
    "Incident",
    "Metric",
    "Stamp",
    "StatedDuration",
    "Window",
    "document_date",
    "incident_of",
    "minutes_between",
    "window_in",
]

_DAY = 1440

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
_FRONT_LINE_RE = re.compile(r"(?m)^[ \t]*\"?(?P<key>[A-Za-z_]+)\"?[ \t]*[:=][ \t]*(?P<value>.+)$")

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
_HEDGE = r"(?:about|around|roughly|approximately|approx\.?|nearly|almost|just|over|under|~)"
# right before a duration: "lasted (for) about", "down for", "interrupted for", "a total of"
_DURATION_CUE_RE = re.compile(
    r"(?i)(?:\blast(?:ed|ing)(?:\s+for)?|\b(?:down|offline|unavailable|inaccessible|unreachable"
    r"|interrupted|disrupted|degraded|impacted|affected|broken|failing|out)\s+for"
    r"|\bdowntime\s+of|\boutage\s+of|\bfor\s+a\s+(?:total|period)\s+of"
    r"|\btotal(?:\s+downtime)?(?:\s+of)?|\bduration\s+of|\bduration:)"
    rf"\s*(?:a\s+little\s+|just\s+|well\s+)?{_HEDGE}?\s*(?:of\s+)?$"
)
# right after a duration used as an adjective: "a 30-minute outage", "a two hour disruption"
_DURATION_NOUN_RE = re.compile(
    r"(?i)[ \t-]*(?:long[ \t]+)?(?:outage|downtime|disruption|interruption|incident"
    r"|degradation|service[ \t]+outage|period[ \t]+of[ \t]+(?:downtime|unavailability))\b"
)
_DURATION_HINTS = (
    "last",
    "down",
    "duration",
    "total",
    "outage",
    "for",
    "disruption",
    "interruption",
)
_DURATION_KEYS = frozenset({"duration", "outage duration", "incident duration", "total duration"})
_TTD_KEYS_RE = re.compile(r"(?i)^(?:mean\s+)?time\s+to\s+(?:detect|detection)$|^m?ttd$")
_TTR_KEYS_RE = re.compile(
    r"(?i)^(?:mean\s+)?time\s+to\s+(?:resolve|resolution|recover|recovery|restore|mitigate"
    r"|mitigation|repair)$|^m?ttr$|^m?ttm$"
)
_DOWNTIME_KEYS_RE = re.compile(r"(?i)^(?:total\s+)?downtime$")


@dataclass(frozen=True)
class Stamp:
    """A time with its source offsets and line."""

    expr: TimeExpr
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Window:
    """The stated incident window; ``how`` is "range", "fields", "front-matter"."""

    first: Stamp
    last: Stamp
    how: str
    block: Block | None = None

    @property
    def span(self) -> tuple[int, int]:
        """Source offsets covering both times."""
        return min(self.first.start, self.last.start), max(self.first.end, self.last.end)

    @property
    def dated(self) -> bool:
        """Both ends carry a full date."""
        return self.first.expr.date is not None and self.last.expr.date is not None

    def raw_minutes(self) -> int | None:
        """End minus start in minutes, without any midnight correction (None if unknown)."""
        return minutes_between(self.first.expr, self.last.expr, rollover=False)

    def minutes(self) -> int | None:
        """Length in minutes; an undated window whose end is earlier crosses midnight."""
        return minutes_between(self.first.expr, self.last.expr, rollover=True)


@dataclass(frozen=True)
class StatedDuration:
    """A duration the text states for the incident."""

    expr: DurationExpr
    start: int
    end: int
    line: int
    block: Block


@dataclass(frozen=True)
class Metric:
    """A stated metric: ``kind`` is "ttd", "ttr" or "downtime"."""

    kind: str
    label: str
    expr: DurationExpr
    start: int
    end: int


@dataclass
class Incident:
    """Everything stated about the incident."""

    window: Window | None = None
    detection: Stamp | None = None
    detection_from_timeline: bool = False
    durations: list[StatedDuration] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)


def minutes_between(a: TimeExpr, b: TimeExpr, *, rollover: bool) -> int | None:
    """Minutes from ``a`` to ``b``. With full dates on both, the real difference (zones
    applied when both are known); without, clock difference, plus a day when ``rollover`` and
    ``b`` is earlier on the clock."""
    ma, mb = a.minutes_of_day(), b.minutes_of_day()
    if ma is None or mb is None:
        return None
    diff = mb - ma
    if a.utc_offset is not None and b.utc_offset is not None:
        diff -= b.utc_offset - a.utc_offset
    da, db = _day(a), _day(b)
    if da is not None and db is not None:
        return diff + (db - da).days * _DAY
    if rollover and diff < 0:
        diff += _DAY
    return diff


def _day(t: TimeExpr) -> date | None:
    if t.date is not None:
        return t.date
    if t.month_day is not None:
        try:
            return date(2000, *t.month_day)
        except ValueError:
            return None
    return None


def incident_of(doc: Document) -> Incident:
    """The incident as the document states it, built on first use and cached."""
    cached = doc.__dict__.get("_pmlint_incident")
    if cached is None:
        cached = _build(doc)
        doc.__dict__["_pmlint_incident"] = cached
    return cached


def _stamp(doc: Document, block: Block, t: TimeExpr) -> Stamp:
    start = block.start + t.start
    return Stamp(t, start, block.start + t.end, doc.source.position(start).line)


def _prose_blocks(doc: Document) -> list[Block]:
    """Blocks outside the timeline and code, where the window and durations are stated."""
    in_timeline = {id(b) for b in doc.blocks_in("timeline")}
    return [
        b
        for b in doc.blocks
        if b.kind in ("paragraph", "list_item", "table_row") and id(b) not in in_timeline
    ]


def _build(doc: Document) -> Incident:
    incident = Incident()
    prose = _prose_blocks(doc)
    incident.window = (
        _window_from_front_matter(doc)
        or _window_from_fields(doc)
        or _window_from_ranges(doc, prose)
    )
    incident.detection, incident.detection_from_timeline = _detection(doc, prose)
    incident.durations = _durations(doc, prose)
    incident.metrics = _metrics(doc)
    return incident


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


def _window_from_fields(doc: Document) -> Window | None:
    first = last = None
    for f in doc.fields:
        key = f.label.lower().strip(" *_")
        if key not in _START_KEYS and key not in _END_KEYS:
            continue
        times = [t for t in block_times(doc, f.block) if not t.problem]
        rel = f.value_start - f.block.start
        rel_end = f.value_end - f.block.start
        mine = [t for t in times if rel <= t.start < rel_end and t.has_clock]
        if not mine:
            continue
        stamp = _stamp(doc, f.block, mine[0])
        if key in _START_KEYS and first is None:
            first = stamp
        elif key in _END_KEYS and last is None:
            last = stamp
    if first is not None and last is not None:
        return Window(first, last, "fields")
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
        mine = [t for t in block_times(doc, f.block) if rel <= t.start < rel_end]
        if mine and mine[0].date is not None and not mine[0].problem:
            return _stamp(doc, f.block, mine[0])
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
    for block in prose:
        times = block_times(doc, block)
        if len(times) < 2:
            continue
        masked = block.masked
        for r in find_time_ranges(masked, times):
            if not (r.first.has_clock and r.second.has_clock):
                continue
            if r.first.problem or r.second.problem:
                continue
            if limit is not None and not limit[0] <= r.start < limit[1]:
                continue
            line_start = masked.rfind("\n", 0, r.start) + 1
            line_end = masked.find("\n", r.end)
            sentence = masked[line_start : line_end if line_end >= 0 else len(masked)]
            if not _WINDOW_CUE_RE.search(sentence) and not re.search(
                r"(?i)\bduration\b|\bfrom\b", masked[max(0, r.start - 40) : r.start]
            ):
                continue
            return Window(_stamp(doc, block, r.first), _stamp(doc, block, r.second), "range", block)
    return None


def _detection(doc: Document, prose: list[Block]) -> tuple[Stamp | None, bool]:
    """The first "detected at <time>" phrase anywhere, else the first timeline entry that
    describes detection."""
    for block in [*prose, *doc.blocks_in("timeline")]:
        if block.kind == "code":
            continue
        masked = block.masked
        for t in block_times(doc, block):
            if not t.has_clock or t.problem:
                continue
            if _DETECT_PHRASE_RE.search(masked[max(0, t.start - 60) : t.start]):
                return _stamp(doc, block, t), False
    for entry in timeline_of(doc).timed:
        if entry.time is not None and _DETECT_WORDS_RE.search(entry.text):
            t = entry.time
            return Stamp(
                t,
                entry.block.start + t.start,
                entry.block.start + t.end,
                entry.line,
            ), True
    return None, False


def _durations(doc: Document, prose: list[Block]) -> list[StatedDuration]:
    out: list[StatedDuration] = []
    for block in prose:
        masked = block.masked
        lower = masked.lower()
        if not any(cue in lower for cue in _DURATION_HINTS):
            continue
        for d in find_durations(masked):
            if d.periodic or d.minutes <= 0:
                continue
            before = masked[max(0, d.start - 40) : d.start]
            if (
                _DURATION_CUE_RE.search(before)
                or _DURATION_NOUN_RE.match(masked, d.end)
                or _in_duration_field(doc, block, d)
            ):
                start = block.start + d.start
                out.append(
                    StatedDuration(
                        d, start, block.start + d.end, doc.source.position(start).line, block
                    )
                )
    return out


def _in_duration_field(doc: Document, block: Block, d: DurationExpr) -> bool:
    at = block.start + d.start
    return any(
        f.block is block
        and f.label.lower().strip(" *_") in _DURATION_KEYS
        and f.value_start <= at < f.value_end
        for f in doc.fields
    )


def _metrics(doc: Document) -> list[Metric]:
    out: list[Metric] = []
    for f in doc.fields:
        label = f.label.strip(" *_")
        if _TTD_KEYS_RE.match(label):
            kind = "ttd"
        elif _TTR_KEYS_RE.match(label):
            kind = "ttr"
        elif _DOWNTIME_KEYS_RE.match(label):
            kind = "downtime"
        else:
            continue
        rel = f.value_start - f.block.start
        value = f.block.masked[rel : f.value_end - f.block.start]
        durations = [d for d in find_durations(value) if not d.periodic]
        if durations:
            d = durations[0]
            out.append(Metric(kind, label, d, f.value_start + d.start, f.value_start + d.end))
    return out
