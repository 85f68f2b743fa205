"""PM304-PM306: does the timeline agree with the window, do the dates exist, and do the
stated metrics agree with the times they come from?"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.checks.time_math import (
    disagrees,
    fmt_minutes,
    offset_in_window,
    tolerance,
)
from pmlint.checks.time_text import CLOCK_PROBLEM_RE, fmt_clock, text_blocks
from pmlint.document.event_words import IMPACT_START_RE, RESOLVED_RE
from pmlint.document.incident import Stamp
from pmlint.document.windows import document_date, incident_sections, own_window
from pmlint.findings import Finding, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.incident import Window
    from pmlint.document.timeline import Entry


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
        spans = incident_sections(doc, doc.incident.windows)
        if not spans:
            yield from self._against(doc, doc.incident.window, doc.timeline.timed)
            return
        for lo, hi in spans:  # several incidents: each one's timeline against its window
            yield from self._against(
                doc, own_window(doc, lo), [e for e in doc.timeline.timed if lo <= e.line <= hi]
            )

    def _against(self, doc: Document, w: Window | None, entries: list[Entry]) -> Iterator[Finding]:
        if w is None:
            return
        length = w.minutes()
        if length is None or length <= 0 or length > 3 * 1440:
            return
        timed = [e for e in entries if e.time is not None]
        began = [e for e in timed if IMPACT_START_RE.search(e.text)]
        if began:
            yield from self._start(doc, w, began[0], length)
        resolved = [e for e in timed if RESOLVED_RE.search(e.text)]
        if not resolved:
            return
        e = resolved[-1]
        assert e.time is not None
        rel = offset_in_window(w, e.time)
        if rel is None or rel < 0:
            return
        gap = rel - length
        if abs(gap) <= tolerance(length) or _told_end_agrees(doc, e, w, length):
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
        rel = offset_in_window(w, e.time)
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


def _told_end_agrees(doc: Document, e: Entry, w: Window, length: int) -> bool:
    """Whether the resolution entry, or a detail line under it, also says a later recovery
    time that agrees with the stated end ("12:30 PM: Resolution" with "complete recovery by
    1:30 PM" under it)."""
    entries = doc.timeline.entries
    i = next((k for k, x in enumerate(entries) if x is e), None)
    if i is None:
        return False
    told = [e]
    for x in entries[i + 1 :]:
        if not x.parent_timed:
            break
        told.append(x)
    for x in told:
        if not RESOLVED_RE.search(x.text):
            continue
        lo, hi = x.start - x.block.start, x.end - x.block.start
        for t in doc.block_times[x.block]:
            if not (lo <= t.start < hi) or not t.has_clock or t.problem or t is e.time:
                continue
            rel = offset_in_window(w, t)
            if rel is not None and abs(rel - length) <= tolerance(length):
                return True
    return False


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
            for t in doc.block_times[block]:
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
        w = doc.incident.window
        start: Stamp | None = w.first if w is not None and w.first.expr.date else None
        if start is None:
            entry = next(
                (e for e in doc.timeline.timed if e.time is not None and e.time.date), None
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
        incident = doc.incident
        w, det = incident.window, incident.detection
        if w is None or incident_sections(doc, incident.windows):
            return  # none, or several incidents: whose figures these are is unclear
        length = w.minutes()
        if length is None or length <= 0:
            return
        ttd = offset_in_window(w, det.expr) if det is not None else None
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
            if not candidates or any(not disagrees(m.expr, c) for c in candidates):
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
