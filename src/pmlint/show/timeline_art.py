"""``pmlint show --timeline``: the incident drawn in plain text on one time axis.

One row each for the window (``[====]``), the stated durations (``{----}`` from the window
start), the timeline entries (``o``) and the detection (``D``), over an axis with clock
ticks and, when the drawing spans more than one day, a row of day labels at each midnight.
"""

from __future__ import annotations

from pmlint.show.reading import Reading
from pmlint.show.scale import Scale, clock_label, day_index, span_words

_WIDTH = 64  # columns of the plot
_LABEL = 11  # columns of the row names


class _Row:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cells = [" "] * _WIDTH

    def put(self, col: int, text: str) -> None:
        for i, ch in enumerate(text):
            if 0 <= col + i < _WIDTH:
                self.cells[col + i] = ch

    def render(self, note: str = "") -> str:
        return f"{self.name:<{_LABEL}}|{''.join(self.cells)}| {note}".rstrip()


def _col(scale: Scale, minute: float) -> int:
    return max(0, min(_WIDTH - 1, round(scale.at(minute))))


def render_timeline(r: Reading) -> str:
    """The drawing, or one line saying why there is nothing to draw."""
    if r.axis is None:
        return f"{r.path}: no clock time was read, so there is no timeline to draw\n"
    scale = Scale.fit(r.axis, _WIDTH - 1)
    days = r.axis.origin is not None or r.axis.days > 1
    origin = f"from {r.axis.day_label(0)}" if r.axis.origin else "no date written"
    lines = [f"{r.path} (times on one axis, {origin})"]

    w = r.window
    if w is not None and w.start_minute is not None and w.end_minute is not None:
        row = _Row("window")
        a, b = sorted((_col(scale, w.start_minute), _col(scale, w.end_minute)))
        b = max(b, a + 1)
        row.put(a, "[" + "=" * (b - a - 1) + "]")
        length = span_words(w.minutes) if w.minutes is not None else "?"
        lines.append(row.render(f"{w.start.text} to {w.end.text} ({length})"))
    for s in r.durations:
        if s.start_minute is None or s.end_minute is None:
            continue
        row = _Row("stated")
        a, b = _col(scale, s.start_minute), _col(scale, s.end_minute)
        b = max(b, a + 1)
        row.put(a, "{" + "-" * (b - a - 1) + "}")
        lines.append(row.render(f'"{s.text}" (line {s.line})'))
    placed = [e for e in r.entries if e.minute is not None]
    if placed:
        row = _Row("entries")
        for e in placed:
            row.put(_col(scale, e.minute or 0), "o")
        unplaced = len(r.entries) - len(placed)
        note = f"{len(placed)} entries" + (f", {unplaced} without a time" if unplaced else "")
        lines.append(row.render(note))
    elif r.entries:
        lines.append(_Row("entries").render(f"none of the {len(r.entries)} entries has a time"))
    d = r.detection
    if d is not None and d.minute is not None:
        row = _Row("detection")
        row.put(_col(scale, d.minute), "D")
        where = ""
        if d.inside_window is not None:
            where = ", inside the window" if d.inside_window else ", OUTSIDE the window"
        lines.append(row.render(f"{d.time.text} (line {d.time.line}{where})"))

    lines.extend(_axis_rows(scale, r, days))
    lines.append(" " * (_LABEL + 1) + "[==] window  {--} stated duration  o entry  D detection")
    return "\n".join(lines) + "\n"


def _axis_rows(scale: Scale, r: Reading, days: bool) -> list[str]:
    """The axis line (``+`` ticks, ``|`` midnights), clock labels and day labels."""
    line = ["-"] * _WIDTH
    labels = [" "] * (_WIDTH + 8)
    free = 0
    for minute in scale.ticks(6):
        col = _col(scale, minute)
        line[col] = "+"
        text = clock_label(minute)
        if col >= free and col + len(text) <= len(labels):
            labels[col : col + len(text)] = text
            free = col + len(text) + 1
    midnights = scale.midnights()
    for minute in midnights:
        line[_col(scale, minute)] = "|"
    pad = " " * (_LABEL + 1)
    rows = [f"{'':<{_LABEL}}+{''.join(line)}+", pad + "".join(labels).rstrip()]
    if days and r.axis is not None:
        day_row = [" "] * (_WIDTH + 16)
        free = 0
        for minute in midnights:  # each midnight's date, then the first day's if room
            col = _col(scale, minute)
            text = "| " + r.axis.day_label(day_index(minute))
            if col >= free:
                day_row[col : col + len(text)] = text
                free = col + len(text) + 1
        first = r.axis.day_label(day_index(scale.low))
        if not midnights or len(first) < _col(scale, midnights[0]):
            day_row[: len(first)] = first
        rows.append(pad + "".join(day_row).rstrip())
    return rows
