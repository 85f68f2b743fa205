"""``pmlint show --format json``: readings as data, in the shape of ``schema.json``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from pmlint import __version__
from pmlint.show.reading import EntryRead, Reading, TimeRead

SCHEMA_VERSION = 1


def schema() -> dict[str, Any]:
    """The JSON schema of the output (shipped as ``pmlint/show/schema.json``)."""
    text = resources.files("pmlint.show").joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _time(t: TimeRead | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "text": t.text,
        "line": t.line,
        "clock": t.clock,
        "date": t.date,
        "zone": t.zone,
        "utc_offset": t.utc_offset,
        "problem": t.problem,
        "spelling": t.spelling,
    }


def _entry(e: EntryRead) -> dict[str, Any]:
    return {"line": e.line, "text": e.text, "time": _time(e.time), "day": e.day, "minute": e.minute}


def document_data(r: Reading) -> dict[str, Any]:
    """One document's object."""
    w, d, axis = r.window, r.detection, r.axis
    return {
        "path": r.path,
        "sections": [
            {
                "title": s.title,
                "line": s.line,
                "level": s.level,
                "style": s.style,
                "keys": list(s.keys),
            }
            for s in r.sections
        ],
        "declared_zones": [
            {
                "zone": z.zone,
                "utc_offset": z.utc_offset,
                "ambiguous": z.ambiguous,
                "line": z.line,
                "text": z.text,
            }
            for z in r.zones
        ],
        "window": None
        if w is None
        else {
            "start": _time(w.start),
            "end": _time(w.end),
            "how": w.how,
            "source": w.source,
            "minutes": w.minutes,
            "crosses_midnight": w.crosses_midnight,
            "start_minute": w.start_minute,
            "end_minute": w.end_minute,
        },
        "detection": None
        if d is None
        else {
            "time": _time(d.time),
            "how": d.how,
            "why": d.why,
            "minute": d.minute,
            "inside_window": d.inside_window,
        },
        "durations": [
            {
                "text": s.text,
                "line": s.line,
                "minutes": s.minutes,
                "max_minutes": s.max_minutes,
                "approximate": s.approximate,
                "start_minute": s.start_minute,
                "end_minute": s.end_minute,
            }
            for s in r.durations
        ],
        "metrics": [
            {"kind": m.kind, "label": m.label, "text": m.text, "minutes": m.minutes, "line": m.line}
            for m in r.metrics
        ],
        "entries": [_entry(e) for e in r.entries],
        "axis": None
        if axis is None
        else {"origin": axis.origin, "start": axis.start, "end": axis.end, "days": axis.days},
        "time_to_detect": r.time_to_detect,
        "time_to_resolve": r.time_to_resolve,
    }


def render_json(readings: list[Reading]) -> str:
    """The whole output: a versioned envelope with one object per document."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "pmlint_version": __version__,
        "documents": [document_data(r) for r in readings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
