"""The incident as an inline SVG: the window as a bar, stated durations as brackets, timeline
entries as dots, the detection as a diamond, on one time axis (with dates at each midnight).

Every mark carries ``data-pm-kind`` (``window``, ``duration``, ``entry``, ``detection``),
``data-pm-minute`` (minutes since the axis origin) and, for spans, ``data-pm-minute-end``;
a mark a finding points at also carries ``data-pm-finding`` and is drawn in red *and* in a
different shape or with a written note, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape

from pmlint.show.reading import Reading
from pmlint.show.scale import Scale, clock_label, day_index, span_words

WIDTH = 960
_LEFT = 104  # room for the row names
_RIGHT = 24
_ROW = 30
_TOP = 34  # room for the day labels
_AXIS = 40
_MAX_DURATIONS = 4
_TITLE_MAX = 140


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _short(text: str) -> str:
    return text if len(text) <= _TITLE_MAX else text[: _TITLE_MAX - 3].rstrip() + "..."


def _kind_attrs(kind: str, minute: int, end: int | None, codes: list[str]) -> str:
    attrs = f'data-pm-kind="{kind}" data-pm-minute="{minute}"'
    if end is not None:
        attrs += f' data-pm-minute-end="{end}"'
    if codes:
        attrs += f' data-pm-finding="{_attr(" ".join(codes))}"'
    return attrs


def _flags(span: tuple[int, int], flagged: Mapping[int, list[str]]) -> list[str]:
    """Codes of the findings that point inside ``span`` (by source offset)."""
    return sorted(
        {code for at, codes in flagged.items() if span[0] <= at < span[1] for code in codes}
    )


def _window_words(start: str, end: str) -> str:
    """``12:00 PM to 2:30 PM``, or just the end when both are long (dates)."""
    return end if len(start) + len(end) > 28 else f"{start} to {end}"


def describe(r: Reading) -> str:
    """A text alternative of the drawing: what is where, in words."""
    parts: list[str] = []
    w, d = r.window, r.detection
    if w is not None:
        length = f" ({span_words(w.minutes)})" if w.minutes is not None else ""
        parts.append(f"Incident window {w.start.text} to {w.end.text}{length}.")
    else:
        parts.append("No incident window was found.")
    if d is not None:
        where = ""
        if d.inside_window is not None:
            where = ", inside the window" if d.inside_window else ", outside the window"
        parts.append(f"Detected at {d.time.text}{where}.")
    timed = sum(1 for e in r.entries if e.minute is not None)
    parts.append(f"{timed} of {len(r.entries)} timeline entries placed on the axis.")
    for s in r.durations[:_MAX_DURATIONS]:
        parts.append(f'Stated duration "{s.text}" ({span_words(s.minutes)}).')
    return " ".join(parts)


def render_svg(r: Reading, ident: str, flagged: Mapping[int, list[str]]) -> str:
    """The SVG of one reading (``""`` when nothing is placed on the axis). ``flagged`` maps
    the source offsets findings point at to their codes; ``ident`` makes ids unique."""
    if r.axis is None:
        return ""
    scale = Scale.fit(r.axis, WIDTH - _LEFT - _RIGHT)
    rows: list[str] = []
    marks: list[str] = []

    def x(minute: float) -> float:
        return round(_LEFT + scale.at(minute), 1)

    def row(name: str) -> float:
        y = _TOP + len(rows) * _ROW + _ROW / 2
        rows.append(
            f'<text class="pm-row" x="{_LEFT - 8}" y="{y + 4}" text-anchor="end">'
            f"{escape(name)}</text>"
        )
        return y

    w = r.window
    if w is not None and w.start_minute is not None and w.end_minute is not None:
        y = row("window")
        a, b = sorted((x(w.start_minute), x(w.end_minute)))
        codes = _flags((w.start.span[0], w.end.span[1]), flagged)
        tip = f"Incident window: {w.start.text} to {w.end.text}, from {w.source}"
        note = " !" if codes else ""
        marks.append(
            f'<rect class="pm-window{" pm-flag" if codes else ""}" '
            f"{_kind_attrs('window', w.start_minute, w.end_minute, codes)} "
            f'x="{a}" y="{y - 8}" width="{max(b - a, 2):.1f}" height="16" rx="3">'
            f"<title>{escape(_short(tip))}</title></rect>"
            f'<text class="pm-note" x="{b + 6:.1f}" y="{y + 4}">'
            f"{escape(_window_words(w.start.text, w.end.text))}{note}</text>"
        )
    for s in r.durations[:_MAX_DURATIONS]:
        if s.start_minute is None or s.end_minute is None:
            continue
        y = row("stated")
        a, b = x(s.start_minute), x(s.end_minute)
        codes = _flags(s.span, flagged)
        label = f'"{s.text}"' + (" disagrees !" if codes else "")
        marks.append(
            f'<path class="pm-duration{" pm-flag" if codes else ""}" '
            f"{_kind_attrs('duration', s.start_minute, s.end_minute, codes)} "
            f'd="M{a} {y + 7}V{y - 5}H{b}V{y + 7}">'
            f"<title>{escape(_short(f'Stated duration {s.text} (line {s.line})'))}</title></path>"
            f'<text class="pm-note" x="{max(a, b) + 6:.1f}" y="{y + 4}">{escape(label)}</text>'
        )
    placed = [e for e in r.entries if e.minute is not None]
    if placed:
        y = row("timeline")
        for e in placed:
            minute = e.minute or 0
            cx = x(minute)
            codes = _flags(e.span, flagged)
            when = e.time.text if e.time else ""
            tip = escape(_short(f"line {e.line}, {when}: {e.text}"))
            attrs = _kind_attrs("entry", minute, None, codes)
            if codes:  # a cross instead of a dot
                marks.append(
                    f'<path class="pm-entry pm-flag" {attrs} '
                    f'd="M{cx - 5} {y - 5}L{cx + 5} {y + 5}M{cx - 5} {y + 5}L{cx + 5} {y - 5}">'
                    f"<title>{tip} ({', '.join(codes)})</title></path>"
                )
            else:
                marks.append(
                    f'<circle class="pm-entry" {attrs} cx="{cx}" cy="{y}" r="4.5">'
                    f"<title>{tip}</title></circle>"
                )
    d = r.detection
    if d is not None and d.minute is not None:
        y = row("detection")
        cx = x(d.minute)
        codes = _flags(d.time.span, flagged)
        outside = d.inside_window is False
        label = f"detected {d.time.text}" + (" (outside the window)" if outside else "")
        anchor = "end" if cx > WIDTH - 260 else "start"
        lx = cx - 10 if anchor == "end" else cx + 10
        marks.append(
            f'<path class="pm-detection{" pm-flag" if codes or outside else ""}" '
            f"{_kind_attrs('detection', d.minute, None, codes)} "
            f'd="M{cx} {y - 8}L{cx + 8} {y}L{cx} {y + 8}L{cx - 8} {y}Z">'
            f"<title>{escape(_short(f'Detection: {d.time.text} (line {d.time.line}), {d.why}'))}"
            f"</title></path>"
            f'<text class="pm-note" x="{lx}" y="{y - 10}" text-anchor="{anchor}">'
            f"{escape(label)}</text>"
        )
    height = _TOP + len(rows) * _ROW + _AXIS
    axis = _axis(scale, r, _TOP + len(rows) * _ROW, x)
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    return (
        f'<svg class="pm-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{title_id} {desc_id}">'
        f'<title id="{title_id}">Incident timeline of {escape(r.path)}</title>'
        f'<desc id="{desc_id}">{escape(describe(r))}</desc>'
        f"{axis}{''.join(rows)}{''.join(marks)}</svg>"
    )


def _axis(scale: Scale, r: Reading, bottom: float, x: Callable[[float], float]) -> str:
    """Tick lines and clock labels under the rows; a dashed line and date at each midnight."""
    out = [
        f'<line class="pm-axis" x1="{_LEFT}" y1="{bottom}" x2="{WIDTH - _RIGHT}" y2="{bottom}"/>'
    ]
    for minute in scale.ticks(8):
        tx = x(minute)
        out.append(
            f'<line class="pm-tick" x1="{tx}" y1="{_TOP}" x2="{tx}" y2="{bottom + 5}"/>'
            f'<text class="pm-clock" x="{tx}" y="{bottom + 18}" text-anchor="middle">'
            f"{clock_label(minute)}</text>"
        )
    axis = r.axis
    if axis is not None and (axis.origin is not None or axis.days > 1):
        midnights = scale.midnights()
        if not midnights or x(midnights[0]) - _LEFT > 110:  # room for the first day's label
            first = axis.day_label(day_index(scale.low))
            out.append(f'<text class="pm-day" x="{_LEFT}" y="{_TOP - 12}">{escape(first)}</text>')
        for minute in midnights:
            mx = x(minute)
            out.append(
                f'<line class="pm-midnight" x1="{mx}" y1="{_TOP - 8}" x2="{mx}" y2="{bottom}"/>'
                f'<text class="pm-day" x="{mx + 4}" y="{_TOP - 12}">'
                f"{escape(axis.day_label(day_index(minute)))}</text>"
            )
    return "".join(out)
