"""Durations and metrics the document states: "lasted 2 hours", "a 30-minute outage",
"Duration: 45 mins", "Time to detect: 5 minutes"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmlint.document.durations import DurationExpr, find_durations
from pmlint.document.incident import Metric, StatedDuration
from pmlint.document.labelled import Labelled, LabelledValues, labelled_once

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["find_metrics", "find_stated_durations"]

_HEDGE = r"(?:about|around|roughly|approximately|approx\.?|nearly|almost|just|over|under|~)"
# right before a duration: "lasted (for) about", "down for", "interrupted for", "a total of"
_DURATION_CUE_RE = re.compile(
    r"(?i)(?:\blast(?:ed|ing)(?:\s+for)?|\b(?:down|offline|unavailable|inaccessible|unreachable"
    r"|interrupted|disrupted|degraded|impacted|affected|broken|failing|failed|stalled|out)\s+for"
    r"|\bdowntime\s+of|\boutage\s+of|\bfor\s+a\s+(?:total|period)\s+of"
    r"|\btotal(?:\s+downtime)?(?:\s+of)?|\bduration\s+of|\bduration:|\bdowntime:)"
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
    "incident",
    "degradation",
    "unavailability",
)
_DURATION_KEYS = frozenset({"duration", "outage duration", "incident duration", "total duration"})
# "Duration of outage", "Duration of the incident", "Length of the outage"
_DURATION_OF_RE = re.compile(
    r"(?:duration|length) of (?:the )?(?:outage|incident|downtime|disruption|issue)"
)


def _is_duration_key(key: str) -> bool:
    """Whether a field's normalised label names the incident's duration."""
    return key in _DURATION_KEYS or _DURATION_OF_RE.fullmatch(key) is not None


_TTD_KEYS_RE = re.compile(r"(?i)^(?:mean\s+)?time\s+to\s+(?:detect|detection)$|^m?ttd$")
_TTR_KEYS_RE = re.compile(
    r"(?i)^(?:mean\s+)?time\s+to\s+(?:resolve|resolution|recover|recovery|restore|mitigate"
    r"|mitigation|repair)$|^m?ttr$|^m?ttm$"
)
_DOWNTIME_KEYS_RE = re.compile(r"(?i)^(?:total\s+)?downtime$")


def find_stated_durations(
    doc: Document, prose: list[Block], labelled: LabelledValues | None = None
) -> list[StatedDuration]:
    """Durations stated for the incident: after a cue ("lasted", "down for"), before an
    outage noun ("a 30-minute outage"), or as a duration field or table cell
    (``labelled``: the document's labelled values, when they are already asked for)."""
    labelled = labelled or labelled_once(doc)
    out: list[StatedDuration] = []
    fields: list[Labelled] | None = None  # the duration fields, found when first asked for
    for block in prose:
        masked = block.masked
        lower = masked.lower()
        if block.kind != "table_row" and not any(cue in lower for cue in _DURATION_HINTS):
            continue
        for d in find_durations(masked):
            if d.periodic or d.minutes <= 0:
                continue
            before = masked[max(0, d.start - 40) : d.start]
            stated = bool(_DURATION_CUE_RE.search(before) or _DURATION_NOUN_RE.match(masked, d.end))
            if not stated:
                if fields is None:
                    fields = [item for item in labelled() if _is_duration_key(item.key)]
                stated = _in_duration_field(fields, block, d)
            if stated:
                start = block.start + d.start
                out.append(
                    StatedDuration(
                        d, start, block.start + d.end, doc.source.position(start).line, block
                    )
                )
    return out


def _in_duration_field(fields: list[Labelled], block: Block, d: DurationExpr) -> bool:
    return any(f.block is block and f.start <= d.start < f.end for f in fields)


def find_metrics(doc: Document) -> list[Metric]:
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
