"""``pmlint show``: what pmlint read from a document, as text for the author."""

from __future__ import annotations

from pmlint.show.reading import Reading, TimeRead
from pmlint.show.scale import span_words

_TEXT_WIDTH = 60


def _short(text: str, width: int = _TEXT_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def _time(t: TimeRead) -> str:
    """``"2:30PM" = 14:30`` with date, zone and problem when known."""
    parsed = " ".join(part for part in (t.date, t.clock) if part) or "?"
    zone = f" {t.zone}" if t.zone else ""
    if t.utc_offset:  # "UTC (UTC+00:00)" says nothing new
        sign = "+" if t.utc_offset >= 0 else "-"
        hours, minutes = divmod(abs(t.utc_offset), 60)
        zone += f" (UTC{sign}{hours:02d}:{minutes:02d})"
    problem = f" [not a valid time: {t.problem}]" if t.problem else ""
    return f'"{t.text}" = {parsed}{zone}{problem}{_spelling(t)}'


def _spelling(t: TimeRead) -> str:
    """`` [written "13:20pm": 13:20 is already 24-hour; ...]`` for a misspelled time."""
    return f' [written "{t.text}": {t.spelling}]' if t.spelling else ""


def render_text(r: Reading) -> str:
    """Sections, zones, window, detection, durations, metrics and entries, one per line."""
    out = [r.path]
    for part in (_sections, _zones, _window, _detection, _durations, _entries):
        out.extend(part(r))
    return "\n".join(out) + "\n"


def _sections(r: Reading) -> list[str]:
    out = ["  Sections (found by meaning):"]
    if not r.sections:
        out.append("    none found")
    for s in r.sections:
        keys = ", ".join(s.keys) if s.keys else "(no meaning recognised)"
        out.append(f"    line {s.line:<5} {_short(s.title, 40):<40}  {keys}")
    if r.sections and not any(s.keys for s in r.sections):
        out.append("    (no heading matched a known section)")
    return out


def _zones(r: Reading) -> list[str]:
    if not r.zones:
        return ["  Declared zone: none"]
    return [
        f"  Declared zone: {z.zone}{', ambiguous' if z.ambiguous else ''} "
        f'(line {z.line}: "{_short(z.text)}")'
        for z in r.zones
    ]


def _window(r: Reading) -> list[str]:
    w = r.window
    if w is None:
        return ["  Incident window: none found (no start and end stated together)"]
    length = f", {span_words(w.minutes)}" if w.minutes is not None else ""
    midnight = ", crosses midnight" if w.crosses_midnight else ""
    return [
        f"  Incident window: {_time(w.start)} to {_time(w.end)}{length}{midnight}",
        f"    from {w.source}",
    ]


def _detection(r: Reading) -> list[str]:
    d = r.detection
    if d is None:
        return ["  Detection: none found"]
    where = ""
    if d.inside_window is not None:
        where = " (inside the window)" if d.inside_window else " (OUTSIDE the window)"
    ttd = r.time_to_detect
    after = (
        f", {span_words(ttd)} {'after' if ttd >= 0 else 'before'} the start"
        if ttd is not None
        else ""
    )
    return [
        f"  Detection: {_time(d.time)}, line {d.time.line}{where}{after}",
        f"    chosen as {d.why}",
    ]


def _durations(r: Reading) -> list[str]:
    out = ["  Stated durations:" if r.durations else "  Stated durations: none"]
    for s in r.durations:
        hedge = ", approximate" if s.approximate else ""
        upper = f" to {span_words(s.max_minutes)}" if s.max_minutes else ""
        out.append(f'    line {s.line:<5} "{s.text}" = {span_words(s.minutes)}{upper}{hedge}')
    if r.metrics:
        out.append("  Stated metrics:")
    out.extend(
        f'    line {m.line:<5} {m.kind} ("{m.label}"): "{m.text}" = {span_words(m.minutes)}'
        for m in r.metrics
    )
    return out


def _entries(r: Reading) -> list[str]:
    timed = sum(1 for e in r.entries if e.time is not None and e.time.clock)
    out = [f"  Timeline: {len(r.entries)} entries, {timed} with a time"]
    for e in r.entries:
        if e.time is None:
            when = "(no time)"
        else:
            when = " ".join(part for part in (e.day, e.time.clock) if part) or e.time.text
            if e.time.zone:
                when += f" {e.time.zone}"
        spelling = _spelling(e.time) if e.time is not None else ""
        out.append(f"    line {e.line:<5} {when:<22} {_short(e.text)}{spelling}")
    return out
