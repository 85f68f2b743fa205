"""PM301-PM303: does the stated window agree with the stated durations, the detection time
and itself?"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import msgspec

from pmlint.checks.time_math import (
    disagrees,
    duration_words,
    flipped,
    fmt_minutes,
    offset_in_window,
    window_text,
)
from pmlint.checks.time_text import clean_time_text, fmt_clock, text_blocks
from pmlint.document.incident import Stamp, Window, minutes_between
from pmlint.document.windows import own_window, window_in
from pmlint.findings import Applicability, Edit, Finding, Fix, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.durations import DurationExpr
    from pmlint.document.time import TimeExpr

_FLIP_NEAR = 60  # minutes: a flipped AM/PM this close to the window is worth a hint


class DurationMismatch(Rule):
    """## What it does
    Compares a stated duration ("lasted 2 hours 30 minutes", "Duration: 66 minutes", a
    Duration cell of a table) with the stated start and end of the incident. Tolerance: the
    larger of 5 minutes and 5% (wider for "about", "approximately"). When a document tells of
    several incidents, each duration is compared with the window of its own section. When
    flipping AM/PM on one end makes the two agree, the message says so.

    ## Why is this bad?
    Two numbers for the same outage mean at least one is wrong, and readers cannot tell
    which; reports and SLO budgets get the wrong one.

    ## Example
    `The outage lasted 30 minutes, from 13:45 to 15:30` (that is 1 h 45 min).
    """

    code = "PM301"
    name = "duration-mismatch"
    summary = "A stated duration disagrees with the stated start and end"
    severity = Severity.ERROR
    tags = ("consistency", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Each stated duration against the window's length."""
        incident = doc.incident
        for d in incident.durations:
            w = window_in(doc, d.block, d.start) or own_window(doc, d.line)
            actual = w.minutes() if w is not None else None
            if w is None or actual is None or actual <= 0 or not disagrees(d.expr, actual):
                continue
            fix = None
            slip = _meridiem_slip(w, d.expr)
            if slip:
                yield self.finding(
                    doc,
                    d.start,
                    d.end,
                    f"stated duration {d.expr.text.strip()}, but {window_text(w)} is "
                    f"{fmt_minutes(actual)}: {slip}",
                )
                continue
            if not d.expr.approximate and d.expr.bound is None:
                fix = Fix(
                    f"Replace with {fmt_minutes(actual)}",
                    (Edit(d.start, d.end, duration_words(actual)),),
                    Applicability.UNSAFE,
                )
            yield self.finding(
                doc,
                d.start,
                d.end,
                f"stated duration {d.expr.text.strip()}, but {window_text(w)} is "
                f"{fmt_minutes(actual)}: correct the duration or the times",
                fix=fix,
            )


def _meridiem_slip(w: Window, stated: DurationExpr) -> str:
    """ "did you mean 10:15 a.m.?" when flipping AM/PM on one end makes the window agree
    with the stated duration (an AM/PM slip, not a wrong duration); "" otherwise."""
    for stamp, first in ((w.last, False), (w.first, True)):
        other = flipped(stamp.expr)
        if other is None:
            continue
        a, b = (other, w.last.expr) if first else (w.first.expr, other)
        length = minutes_between(a, b, rollover=True)
        if length is not None and length > 0 and not disagrees(stated, length):
            return f"did you mean {clean_time_text(_flip_text(stamp.expr.text))}?"
    return ""


class DetectionOutsideWindow(Rule):
    """## What it does
    Compares the detection time ("detected at", "alerted at", or the timeline entry that
    describes the first alert, page or report) with the stated incident window: before the
    start or after the end is an error. When flipping AM/PM would put it inside the window
    or within an hour of it, the message says so; a fix is offered only where the flipped
    time lies inside the window. When a document tells of several incidents, each one's
    detection is compared with the window stated in its own section.

    ## Why is this bad?
    An incident cannot be detected before it starts; such a time is usually an AM/PM slip
    or a wrong window, and it breaks time-to-detect.

    ## Example
    `The outage occurred from 12:00 PM to 2:30 PM` and `detected at 11:45 PM` (11:45 AM?).
    """

    code = "PM302"
    name = "detection-outside-incident-window"
    summary = "The detection time lies outside the incident window"
    severity = Severity.ERROR
    tags = ("consistency", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Detection before the start or after the end of the window (of each incident's
        window, when the document tells of several)."""
        incident = doc.incident
        found = [incident.detection] if incident.detection is not None else []
        found += [d for d in incident.detections if d not in found]
        for det in found:
            yield from self._check_one(doc, det)

    def _check_one(self, doc: Document, det: Stamp) -> Iterator[Finding]:
        w = own_window(doc, det.line)
        if w is None or det.start in range(*w.span):
            return
        length = w.minutes()
        rel = offset_in_window(w, det.expr)
        if rel is None or length is None or length <= 0 or length > 3 * 1440:
            return
        if 0 <= rel <= length:
            return
        before = rel < 0
        hint, fix = _flip_hint(w, det, length)
        where = "before the start" if before else "after the end"
        if not hint:
            hint = (
                ": correct the time or the window"
                if before
                else " (late discovery? say so, or correct the time)"
            )
        yield self.finding(
            doc,
            det.start,
            det.end,
            f"detected at {fmt_clock(det.expr)}{_day_text(det.expr, w)}, but the outage ran "
            f"{window_text(w)} ({fmt_minutes(abs(rel) if before else rel - length)} {where})"
            f"{hint}",
            fix=fix,
        )


def _flip_hint(w: Window, det: Stamp, length: int) -> tuple[str, Fix | None]:
    """ "did you mean 11:45 AM?" when flipping AM/PM puts the detection inside the window or
    within an hour of it (a fix only when inside); "did you mean March 4?" when the
    detection's clock time on the window's day lies inside it."""
    other = flipped(det.expr)
    if other is not None:
        frel = offset_in_window(w, other)
        if frel is not None and -_FLIP_NEAR <= frel <= length + _FLIP_NEAR:
            new = _flip_text(det.expr.text)
            fix = None
            if 0 <= frel <= length:
                fix = Fix(
                    f"Change to {clean_time_text(new)}",
                    (Edit(det.start, det.end, new),),
                    Applicability.UNSAFE,
                )
            return f": did you mean {clean_time_text(new)}?", fix
    day = w.first.expr.date
    if det.expr.date is not None and day is not None and det.expr.date != day:
        moved = msgspec.structs.replace(det.expr, date=day, month_day=None, weekday=None)
        drel = offset_in_window(w, moved)
        if drel is not None and 0 <= drel <= length:
            return f": did you mean {day:%B} {day.day}, {day.year}?", None
    return "", None


def _day_text(t: TimeExpr, w: Window) -> str:
    """ " on February 4, 2024" when the detection is dated another day than the window."""
    if t.date is None or t.date == w.first.expr.date or t.date.strftime("%B") in t.text:
        return ""
    return f" on {t.date:%B} {t.date.day}, {t.date.year}"


def _flip_text(text: str) -> str:
    out = []
    for ch_index, ch in enumerate(text):
        nxt = text[ch_index + 1 : ch_index + 2]
        if ch in "AaPp" and nxt.lower() in ("m", ".") and _is_meridiem_at(text, ch_index):
            swap = {"A": "P", "a": "p", "P": "A", "p": "a"}[ch]
            out.append(swap)
        else:
            out.append(ch)
    return "".join(out)


def _is_meridiem_at(text: str, i: int) -> bool:
    before = text[:i].rstrip()
    return bool(before) and before[-1].isdigit()


class EndBeforeStart(Rule):
    """## What it does
    Finds a stated incident window that ends before it starts. A window that crosses
    midnight ("22:30 to 01:15") is fine; with dates written on both ends, or an end more
    than 12 hours "before" the start, it is not.

    ## Why is this bad?
    A negative window makes every duration and metric computed from it meaningless; it is
    almost always a swapped or mistyped time.

    ## Example
    `The error started on Saturday 2nd May 10:00 ... solved on Saturday 2nd May 03:00`.
    """

    code = "PM303"
    name = "end-before-start"
    summary = "A stated incident window ends before it starts"
    severity = Severity.ERROR
    tags = ("consistency", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """The window, and start/end sentences written apart."""
        for first, last in _windows(doc):
            raw = minutes_between(first.expr, last.expr, rollover=False)
            if raw is None or raw >= 0:
                continue
            dated = first.expr.has_date and last.expr.has_date
            if not dated and raw <= -720:
                continue  # "22:30 to 01:15": crosses midnight
            yield self.finding(
                doc,
                last.start,
                last.end,
                f"the incident ends at {fmt_clock(last.expr)} (line {last.line}), "
                f"{fmt_minutes(-raw)} before it starts at {fmt_clock(first.expr)} "
                f"(line {first.line}): correct the start or the end",
            )
            return


_START_CUES = ("started", "began", "begun", "realized", "realised", "occurred", "first noticed")
_END_CUES = ("solved", "resolved", "restored", "fixed", "recovered", "ended", "mitigated")


def _windows(doc: Document) -> Iterator[tuple[Stamp, Stamp]]:
    w = doc.incident.window
    if w is not None:
        yield w.first, w.last
        return
    first = last = None
    for block in text_blocks(doc):
        if block.kind == "heading":
            continue
        masked = block.masked
        lower = masked.lower()
        for t in doc.block_times[block]:
            if not t.has_clock or t.problem or not t.has_date:
                continue
            start_of = max(lower.rfind(".", 0, t.start), lower.rfind("\n", 0, t.start)) + 1
            sentence = lower[start_of : t.start]
            stamp = Stamp(
                t,
                block.start + t.start,
                block.start + t.end,
                doc.source.position(block.start + t.start).line,
            )
            if first is None and any(c in sentence for c in _START_CUES):
                first = stamp
            elif first is not None and last is None and any(c in sentence for c in _END_CUES):
                last = stamp
    if first is not None and last is not None:
        yield first, last
