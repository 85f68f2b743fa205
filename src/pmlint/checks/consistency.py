"""PM3xx: do the stated window, durations, detection time and metrics agree?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from pmlint.checks.timeline import CLOCK_PROBLEM_RE, clean_time_text, fmt_clock, text_blocks
from pmlint.document.durations import DurationExpr
from pmlint.document.incident import (
    Stamp,
    Window,
    document_date,
    incident_of,
    minutes_between,
    window_in,
)
from pmlint.document.time import TimeExpr
from pmlint.document.timeline import Entry, block_times, timeline_of
from pmlint.findings import Applicability, Edit, Finding, Fix, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document

_MIN_TOLERANCE = 5
_RATIO = 0.05
_APPROX_MIN_TOLERANCE = 15
_FLIP_NEAR = 60  # minutes: a flipped AM/PM this close to the window is worth a hint
_APPROX_RATIO = 0.25
_RESOLVED_RE = re.compile(
    r"(?i)\b(?:resolv\w*|resolution|restor(?:ed|ation)|recovered|recovery\s+complete"
    r"|back\s+(?:online|up|to\s+normal)|fully\s+operational|outage\s+end(?:s|ed)?"
    r"|incident\s+closed)\b"
)
# an entry saying the impact began: "errors begin", "outage started", "start of impact"
_BEGIN = r"(?:beg[ai]n|begins|beginning|start(?:s|ed|ing)?)"
_IMPACT_START_RE = re.compile(
    rf"(?i)\b(?:(?:impact|outage|incident|disruption|degradation|downtime|errors?|failures?)"
    rf"\s+{_BEGIN}|(?:start|beginning|onset)\s+of\s+(?:the\s+)?(?:customer\s+)?(?:impact|outage"
    rf"|incident|disruption|degradation|errors))\b"
)


def tolerance(minutes: float, approximate: bool = False) -> float:
    """The larger of 5 minutes and 5% (15 minutes and 25% for hedged wording)."""
    if approximate:
        return max(_APPROX_MIN_TOLERANCE, _APPROX_RATIO * minutes)
    return max(_MIN_TOLERANCE, _RATIO * minutes)


def fmt_minutes(minutes: float) -> str:
    """ "1 h 45 min", "30 min", "2 days 3 h"."""
    total = round(minutes)
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days > 1 else ''}")
    if hours:
        parts.append(f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return " ".join(parts)


def _disagrees(stated: DurationExpr, actual: float) -> bool:
    low = stated.minutes
    high = stated.max_minutes if stated.max_minutes is not None else stated.minutes
    tol = tolerance(actual, stated.approximate)
    if stated.bound == "upper":
        return actual > high + tol
    if stated.bound == "lower":
        return actual < low - tol
    return actual < low - tol or actual > high + tol


def _window_text(w: Window) -> str:
    return f"{fmt_clock(w.first.expr)} to {fmt_clock(w.last.expr)}"


class DurationMismatch(Rule):
    """## What it does
    Compares a stated duration ("lasted 2 hours 30 minutes", "Duration: 66 minutes") with
    the stated start and end of the incident. Tolerance: the larger of 5 minutes and 5%
    (wider for "about", "approximately").

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
        incident = incident_of(doc)
        for d in incident.durations:
            w = window_in(doc, d.block, d.start) or incident.window
            actual = w.minutes() if w is not None else None
            if w is None or actual is None or actual <= 0 or not _disagrees(d.expr, actual):
                continue
            fix = None
            if not d.expr.approximate and d.expr.bound is None:
                fix = Fix(
                    f"Replace with {fmt_minutes(actual)}",
                    (Edit(d.start, d.end, _duration_words(actual)),),
                    Applicability.UNSAFE,
                )
            yield self.finding(
                doc,
                d.start,
                d.end,
                f"stated duration {d.expr.text.strip()}, but {_window_text(w)} is "
                f"{fmt_minutes(actual)}: correct the duration or the times",
                fix=fix,
            )


def _duration_words(minutes: float) -> str:
    total = round(minutes)
    hours, mins = divmod(total, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins or not parts:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


def _offset_in_window(w: Window, t: TimeExpr) -> int | None:
    """Minutes from the window start to ``t`` (negative before), handling midnight."""
    rel = minutes_between(w.first.expr, t, rollover=False)
    if rel is None:
        return None
    length = w.minutes()
    if length is None:
        return None
    dated = w.first.expr.has_date and t.has_date
    if not dated and rel < 0 and (w.raw_minutes() or 0) < 0:
        rel += 1440  # the window crosses midnight: an early time is on the next day
    if not dated and rel < -720:
        rel += 1440
    if not dated and rel > 1440:
        rel -= 1440
    return rel


def _flipped(t: TimeExpr) -> TimeExpr | None:
    if t.meridiem is None or t.hour is None:
        return None
    return replace(
        t, hour=(t.hour + 12) % 24, meridiem="am" if t.meridiem == "pm" else "pm", date=t.date
    )


class DetectionOutsideWindow(Rule):
    """## What it does
    Compares the detection time ("detected at", "alerted at", or the timeline entry that
    describes the first alert, page or report) with the stated incident window: before the
    start or after the end is an error. When flipping AM/PM would put it inside the window
    or within an hour of it, the message says so; a fix is offered only where the flipped
    time lies inside the window.

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
        """Detection before the start or after the end of the window."""
        incident = incident_of(doc)
        w, det = incident.window, incident.detection
        if w is None or det is None or det.start in range(*w.span):
            return
        length = w.minutes()
        rel = _offset_in_window(w, det.expr)
        if rel is None or length is None or length <= 0 or length > 3 * 1440:
            return
        if 0 <= rel <= length:
            return
        before = rel < 0
        hint = ""
        fix = None
        flipped = _flipped(det.expr)
        if flipped is not None:
            frel = _offset_in_window(w, flipped)
            if frel is not None and -_FLIP_NEAR <= frel <= length + _FLIP_NEAR:
                new = _flip_text(det.expr.text)
                hint = f": did you mean {clean_time_text(new)}?"
                if 0 <= frel <= length:  # a fix only where the flipped time is inside
                    fix = Fix(
                        f"Change to {clean_time_text(new)}",
                        (Edit(det.start, det.end, new),),
                        Applicability.UNSAFE,
                    )
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
            f"detected at {fmt_clock(det.expr)}, but the outage ran {_window_text(w)} "
            f"({fmt_minutes(abs(rel) if before else rel - length)} {where}){hint}",
            fix=fix,
        )


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
    w = incident_of(doc).window
    if w is not None:
        yield w.first, w.last
        return
    first = last = None
    for block in text_blocks(doc):
        if block.kind == "heading":
            continue
        masked = block.masked
        lower = masked.lower()
        for t in block_times(doc, block):
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


class TimelineContradictsWindow(Rule):
    """## What it does
    Compares the timeline's first impact event ("errors begin", "outage started") with the
    stated start of the incident (tolerance: the larger of 15 minutes and 15%), and its last
    resolution event ("resolved", "restored", "back to normal") with the stated end
    (tolerance: the larger of 5 minutes and 5%).

    ## Why is this bad?
    When the summary and the timeline disagree on when the incident ended, the stated
    duration and every metric derived from it are in doubt.

    ## Example
    Summary `from 10:00 to 11:00 UTC`, timeline `09:20 UTC: errors begin` or
    `12:30 UTC: service restored`.
    """

    code = "PM304"
    name = "timeline-contradicts-window"
    summary = "The timeline's resolution contradicts the stated window"
    severity = Severity.WARNING
    tags = ("consistency", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """The first impact entry against the window's start, the last resolution entry
        against its end."""
        w = incident_of(doc).window
        if w is None:
            return
        length = w.minutes()
        if length is None or length <= 0 or length > 3 * 1440:
            return
        timed = [e for e in timeline_of(doc).timed if e.time is not None]
        began = [e for e in timed if _IMPACT_START_RE.search(e.text)]
        if began:
            yield from self._start(doc, w, began[0], length)
        resolved = [e for e in timed if _RESOLVED_RE.search(e.text)]
        if not resolved:
            return
        e = resolved[-1]
        assert e.time is not None
        rel = _offset_in_window(w, e.time)
        if rel is None or rel < 0:
            return
        gap = rel - length
        if abs(gap) <= tolerance(length):
            return
        side = "after" if gap > 0 else "before"
        yield self.finding(
            doc,
            e.block.start + e.time.start,
            e.block.start + e.time.end,
            f"the timeline resolves the incident at {fmt_clock(e.time)}, "
            f"{fmt_minutes(abs(gap))} {side} the stated end {fmt_clock(w.last.expr)} "
            f"(line {w.last.line}): make the window and the timeline agree",
        )

    def _start(self, doc: Document, w: Window, e: Entry, length: int) -> Iterator[Finding]:
        """The entry where the timeline says the impact began against the window's start."""
        assert e.time is not None
        rel = _offset_in_window(w, e.time)
        # where impact "began" is fuzzier than where it ended: the approximate tolerance
        if rel is None or abs(rel) <= tolerance(length, approximate=True):
            return
        side = "after" if rel > 0 else "before"
        yield self.finding(
            doc,
            e.block.start + e.time.start,
            e.block.start + e.time.end,
            f"the timeline starts the impact at {fmt_clock(e.time)}, "
            f"{fmt_minutes(abs(rel))} {side} the stated start {fmt_clock(w.first.expr)} "
            f"(line {w.first.line}): make the window and the timeline agree",
        )


class InvalidDate(Rule):
    """## What it does
    Finds dates that do not exist (February 30), weekdays that do not match their date
    ("Monday, May 16, 2024" was a Thursday), and an incident dated after the document's own
    date (a ``date`` in the front matter or a ``Date:`` line in the header).

    ## Why is this bad?
    An impossible date is a typo hiding the real one; readers cannot place the incident.

    ## Example
    `Friday, March 3, 2024` (March 3, 2024 was a Sunday); `Date: 2024-03-05` above
    `The outage lasted from 10:00 to 11:30 on March 9, 2024`.
    """

    code = "PM305"
    name = "invalid-date"
    summary = "A date does not exist or its weekday does not match"
    severity = Severity.WARNING
    tags = ("consistency", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Impossible dates and weekday mismatches anywhere outside code; an incident dated
        after the document."""
        yield from self._after_document(doc)
        names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        for block in text_blocks(doc):
            for t in block_times(doc, block):
                start, end = block.start + t.start, block.start + t.end
                if t.problem and not CLOCK_PROBLEM_RE.search(t.problem):
                    yield self.finding(doc, start, end, f'"{t.text}": {t.problem}')
                elif t.weekday_mismatch and t.date is not None and t.weekday is not None:
                    yield self.finding(
                        doc,
                        start,
                        end,
                        f'"{t.text.strip()}": {t.date:%B} {t.date.day}, {t.date.year} was a '
                        f"{names[t.date.weekday()]}, not a {names[t.weekday]}",
                    )

    def _after_document(self, doc: Document) -> Iterator[Finding]:
        """The incident's start (window, else first dated timeline entry) after the date
        the document gives itself. One day later only counts when the time has no zone
        (a zone can move a time across midnight)."""
        own = document_date(doc)
        if own is None or own.expr.date is None:
            return
        w = incident_of(doc).window
        start: Stamp | None = w.first if w is not None and w.first.expr.date else None
        if start is None:
            entry = next(
                (e for e in timeline_of(doc).timed if e.time is not None and e.time.date), None
            )
            if entry is not None and entry.time is not None:
                start = Stamp(
                    entry.time,
                    entry.block.start + entry.time.start,
                    entry.block.start + entry.time.end,
                    entry.line,
                )
        if start is None or start.expr.date is None:
            return
        days = (start.expr.date - own.expr.date).days
        if days < 1 or (days == 1 and start.expr.zone is not None):
            return
        yield self.finding(
            doc,
            start.start,
            start.end,
            f"the incident starts on {start.expr.date:%B} {start.expr.date.day}, "
            f"{start.expr.date.year}, after the document's own date {own.expr.date:%B} "
            f"{own.expr.date.day}, {own.expr.date.year} (line {own.line}): one of the two "
            "dates is wrong",
        )


class MetricsMismatch(Rule):
    """## What it does
    Compares stated time-to-detect, time-to-resolve and downtime figures with the window
    and detection time they are computed from (tolerance: the larger of 5 minutes and 5%).

    ## Why is this bad?
    Metrics feed reports and trend dashboards; a figure that disagrees with the document's
    own times spreads the error.

    ## Example
    `Start: 10:00`, `Detected: 10:20`, `Time to detect: 5 minutes` (it was 20 minutes).
    """

    code = "PM306"
    name = "metrics-mismatch"
    summary = "Stated TTD, TTR or downtime disagree with the stated times"
    severity = Severity.WARNING
    tags = ("consistency", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Each stated metric against the values computed from the window and detection."""
        incident = incident_of(doc)
        w, det = incident.window, incident.detection
        if w is None:
            return
        length = w.minutes()
        if length is None or length <= 0:
            return
        ttd = _offset_in_window(w, det.expr) if det is not None else None
        for m in incident.metrics:
            if m.kind == "ttd":
                candidates = [ttd] if ttd is not None and ttd >= 0 else []
                what = "detection"
            elif m.kind == "ttr":
                candidates = [length] + ([length - ttd] if ttd is not None and ttd >= 0 else [])
                what = "resolution"
            else:
                candidates = [length]
                what = "the end"
            if not candidates or any(not _disagrees(m.expr, c) for c in candidates):
                continue
            actual = candidates[0]
            yield self.finding(
                doc,
                m.start,
                m.end,
                f"{m.label} is stated as {m.expr.text.strip()}, but from the start "
                f"{fmt_clock(w.first.expr)} to {what} is {fmt_minutes(actual)}: "
                "correct the figure or the times",
            )
