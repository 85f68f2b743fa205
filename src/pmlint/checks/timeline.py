"""PM2xx: the timeline: untimed entries, order, invalid times, missing and mixed zones."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import msgspec

from pmlint.checks.time_text import CLOCK_PROBLEM_RE, fmt_clock, text_blocks
from pmlint.checks.timeline_events import heads_items, is_event, tells_events
from pmlint.document.stamped import zone_family
from pmlint.document.time import TimeExpr
from pmlint.document.zone_mentions import find_zone_declarations, names_zone
from pmlint.document.zone_shift import shifted_timeline
from pmlint.document.zones import get_zone, zone_table
from pmlint.findings import Finding, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block
    from pmlint.document.timeline import Entry


class TimelineEntryWithoutTime(Rule):
    """## What it does
    Finds entries of a timeline (list items, table rows, one-event lines) that carry no time
    or date, when the timeline is meant to be timed: some of its entries have one, or the
    document states the incident's start and end (so its times were known). A line that
    is only a labelled link noted under an event ("PR: https://...") is not an entry.

    ## Why is this bad?
    A timeline is the order and spacing of events. An entry without a time cannot be placed,
    so the reader cannot tell how long detection, escalation or recovery took.

    ## Example
    ```
    Timeline:
    - 10:02 UTC: alert fires for the checkout API
    - Escalated to the database team   <- when?
    ```
    """

    code = "PM201"
    name = "timeline-entry-without-time"
    summary = "A timeline entry carries no time or date"
    severity = Severity.WARNING
    tags = ("timeline", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per timeline listing its untimed entries of substance, when at least
        one entry of the timeline is timed or the document states a window."""
        entries = doc.timeline.entries
        if (
            not any(e.any_time for e in entries)
            and doc.incident.window is None
            and not tells_events(entries)
        ):
            return  # an untimed timeline in a document that gives no window: notes
        # in a timeline of timed items or rows, an untimed paragraph is commentary (and so
        # is a paragraph that only mentions a time: "Note: ... at 19:40")
        structured = any(e.time is not None and e.block.kind != "paragraph" for e in entries)
        prose_events = any(
            e.block.kind == "paragraph" and (e.time is not None or (e.any_time and not structured))
            for e in entries
        )
        untimed = [
            e
            for i, e in enumerate(entries)
            if not e.any_time
            and (prose_events or e.block.kind != "paragraph")
            and is_event(e)
            and not heads_items(e, entries[i + 1] if i + 1 < len(entries) else None)
        ]
        if not untimed:
            return
        first = untimed[0]
        excerpt = " ".join(first.text.split())
        if len(excerpt) > 50:
            excerpt = excerpt[:47].rstrip() + "..."
        if len(untimed) == 1:
            message = f'timeline entry "{excerpt}" has no time'
        else:
            lines = ", ".join(str(e.line) for e in untimed[:10])
            more = f" and {len(untimed) - 10} more" if len(untimed) > 10 else ""
            message = (
                f"{len(untimed)} timeline entries have no time (lines {lines}{more}), "
                f'the first "{excerpt}"'
            )
        yield self.finding(
            doc,
            first.start,
            _first_line_end(first),
            f'{message}: start each with the time it happened (for example "14:05 UTC:")',
        )


def _first_line_end(entry: Entry) -> int:
    text = entry.block.masked
    rel = entry.start - entry.block.start
    nl = text.find("\n", rel)
    return entry.block.start + (nl if 0 <= nl < entry.end - entry.block.start else len(text))


class TimelineOutOfOrder(Rule):
    """## What it does
    Finds timeline entries that come before the entry above them, after applying date
    sub-headers, dates written on the entries and midnight rollover ("23:50" then "00:10" is
    the next day). A timeline written newest first is checked in that direction.

    ## Why is this bad?
    Readers take the timeline's order as the order of events; one misplaced entry changes the
    story of detection and response.

    ## Example
    ```
    - 14:20 rollback started
    - 14:05 alert fired     <- before 14:20
    ```
    """

    code = "PM202"
    name = "timeline-out-of-order"
    summary = "Timeline entries are not in chronological order"
    severity = Severity.ERROR
    tags = ("timeline", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Compare each timed entry with the previous one of the same part of the timeline."""
        timed = [e for e in doc.timeline.timed if e.moment is not None and not e.parent_timed]
        pairs = [
            (a, b)
            for a, b in itertools.pairwise(timed)
            if a.segment == b.segment or (a.day is not None and b.day is not None)
        ]
        down = sum(1 for a, b in pairs if b.moment < a.moment)  # type: ignore[operator]
        up = sum(1 for a, b in pairs if b.moment > a.moment)  # type: ignore[operator]
        descending = down >= 2 and down > 2 * up
        for a, b in pairs:
            assert a.moment is not None and b.moment is not None and b.time and a.time
            wrong = b.moment > a.moment if descending else b.moment < a.moment
            if not wrong:
                continue
            order = "newest first" if descending else "oldest first"
            word = "before" if descending else "after"
            yield self.finding(
                doc,
                b.block.start + b.time.start,
                b.block.start + b.time.end,
                f"entry {fmt_clock(b.time)} comes {word} {fmt_clock(a.time)} (line {a.line}) "
                f"in a timeline written {order}: move it to its place or correct the time",
            )


class UnparseableTime(Rule):
    """## What it does
    Finds text written as a clock time that cannot be one: `25:10`, `9:75`, `13:30 PM`,
    or an impossible UTC offset.

    ## Why is this bad?
    An impossible time is a typo that hides the real one; every duration computed from it
    is wrong.

    ## Example
    `13:30 PM: rollback finished` (13:30 is already afternoon: write 13:30 or 1:30 PM).
    """

    code = "PM203"
    name = "unparseable-time"
    summary = "Something written as a time is not a valid time"
    severity = Severity.WARNING
    tags = ("timeline", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Report every clock-shaped expression with a clock problem or a misspelling."""
        for block in text_blocks(doc):
            for t in doc.block_times[block]:
                problem = t.problem or t.spelling
                if problem and CLOCK_PROBLEM_RE.search(problem):
                    yield self.finding(
                        doc,
                        block.start + t.start,
                        block.start + t.end,
                        f'"{fmt_clock(t)}" is not a valid time: {problem}',
                    )


def _zone_evidence(doc: Document) -> bool:
    """Whether the document names a zone anywhere (times, declarations, mentions, settings)."""
    timeline = doc.settings.get("timeline")
    if isinstance(timeline, dict) and timeline.get("timezone"):
        return True
    for block in text_blocks(doc):
        if any(t.zone is not None for t in doc.block_times[block]):
            return True
    parts = [b.masked for b in text_blocks(doc)]
    if doc.front_matter is not None:
        parts.append(doc.front_matter.body)
    text = "\n".join(parts)
    return names_zone(text) or any(
        get_zone(m.group(1).upper()) is not None for m in _LOWER_ZONE_AFTER_CLOCK.finditer(text)
    )


# "from 12:15 AM to 6:45 AM (wat)": a zone written in small letters, in brackets after a time
_LOWER_ZONE_AFTER_CLOCK = re.compile(r"(?i:\d|[ap]\.?m\.?)[ \t]?\(([a-z]{2,5})\)")


class MissingTimezone(Rule):
    """## What it does
    Finds documents that give clock times but never say in which timezone: not on the
    times, not in a heading or line such as "(all times UTC)", not in the settings.

    ## Why is this bad?
    "10:00" means different moments to readers in different places; comparing the
    timeline with logs, dashboards or another team's report becomes guesswork.

    ## Example
    `The outage occurred from 12:00 PM to 2:30 PM.` with no zone anywhere: write
    `12:00 PM to 2:30 PM UTC`, or add "All times are in UTC" above the timeline.
    """

    code = "PM204"
    name = "missing-timezone"
    summary = "Clock times are given but no timezone is stated anywhere"
    severity = Severity.WARNING
    tags = ("timeline", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding on the first clock time when no zone is named anywhere."""
        first: tuple[Block, TimeExpr] | None = None
        for block in text_blocks(doc):
            for t in doc.block_times[block]:
                if t.has_clock and not t.problem and not t.relative:
                    first = (block, t)
                    break
            if first:
                break
        if first is None or _zone_evidence(doc):
            return
        block, t = first
        yield self.finding(
            doc,
            block.start + t.start,
            block.start + t.end,
            f'clock times such as "{fmt_clock(t)}" are given but no timezone is stated '
            'anywhere: add the zone to the times or a line such as "All times are in UTC"',
        )


class InconsistentTimezones(Rule):
    """## What it does
    Finds timeline and window times written in different zones (different UTC offsets)
    without saying so, ambiguous zone abbreviations (IST, CST, BST) that readers can read in
    more than one way, on a time or in the line that declares the timeline's zone ("Timeline
    (times in BST)", unless the UTC offset is written beside it), and a timeline with no
    zone that runs whole hours off a window stated in a zone (its start and resolution
    entries match the window's, shifted). A heading or line declaring a zone by its generic
    name ("all times Pacific Time", "PT", "all times are Eastern") declares the zone and its
    summer twin (PST and PDT).

    ## Why is this bad?
    Mixed zones silently shift events by hours; an ambiguous abbreviation leaves the reader
    to guess which one was meant.

    ## Example
    `14:05 PST: alert` then `22:20 UTC: rollback` in the same timeline; `10:00 IST`
    (India, Ireland or Israel?).
    """

    code = "PM205"
    name = "inconsistent-timezones"
    summary = "Times in different zones are mixed, or a zone abbreviation is ambiguous"
    severity = Severity.WARNING
    tags = ("timeline", "time")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """An ambiguous zone once, then the first time stamped in a second zone."""
        stamps = doc.zone_stamps
        ambiguous = next(
            ((s.start, s.end, s.time.zone or "") for s in stamps if s.time.zone_ambiguous),
            None,
        ) or _ambiguous_declaration(doc)
        if ambiguous is not None:
            start, end, zone = ambiguous
            info = get_zone(zone)
            readings = ", ".join(info.candidates) if info and info.candidates else ""
            yield self.finding(
                doc,
                start,
                end,
                f'"{zone}" is ambiguous{f" ({readings})" if readings else ""}: '
                "write the UTC offset or an unambiguous zone",
            )
        first: tuple[int, str, int] | None = None  # (standard offset, zone, line)
        declared = False  # a declaration comes first, looked for once a zone is to compare
        for s in stamps:
            t = s.time
            family = zone_family(t)
            if family is None:
                continue
            if not declared:
                declared = True
                d = next(self._declarations(doc), None)
                if d is not None:
                    first = (d.family, d.zone, d.line)
            if first is None:
                first = (family, t.zone or "", s.line)
                continue
            if family != first[0]:
                yield self.finding(
                    doc,
                    s.start,
                    s.end,
                    f"{fmt_clock(t)} is in {t.zone}, but the document gives its times in "
                    f"{first[1]} (line {first[2]}): write every time in one zone, or give "
                    "both zones on the line",
                )
                return
        yield from self._unnamed_zone(doc)

    def _unnamed_zone(self, doc: Document) -> Iterator[Finding]:
        """A timeline without zones that runs a whole number of hours off the window stated
        in a zone: it is in another zone, unsaid."""
        shifted = shifted_timeline(doc)
        w = doc.incident.window
        if shifted is None or w is None:
            return
        start, end = shifted.start_entry.time, shifted.end_entry.time
        assert start is not None and end is not None
        at = shifted.end_entry.block.start
        hours = abs(shifted.shift) / 60
        way = "behind" if shifted.shift > 0 else "ahead of"
        yield self.finding(
            doc,
            at + end.start,
            at + end.end,
            f"the timeline gives no zone and runs {hours:g} h {way} the window stated as "
            f"{fmt_clock(w.first.expr)} to {fmt_clock(w.last.expr)} (line {w.first.line}): "
            f"its {fmt_clock(start)} and {fmt_clock(end)} match the window's start and end; "
            "say which zone the timeline uses",
        )

    @staticmethod
    def _declarations(doc: Document) -> Iterator[_Declared]:
        """Zone declarations ("all times PST") in the timeline and its heading."""
        for block in _timeline_and_headings(doc):
            for d in find_zone_declarations(block.masked):
                info = get_zone(d.zone)
                family = info.family if info is not None else None
                if family is not None:  # "all times Pacific Time" declares PST/PDT's family
                    yield _Declared(d.zone, family, block.line)


class _Declared(msgspec.Struct, frozen=True):
    zone: str
    family: int  # standard-time offset (see zone_family)
    line: int


_OFFSET_GIVEN = re.compile(r"(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d")  # "(IST, UTC+5:30)": explained


@functools.cache
def _ambiguous_words() -> frozenset[str]:
    """The zone table's ambiguous abbreviations ("ist", "bst") as lower-cased words."""
    return frozenset(a.lower() for a, z in zone_table().by_abbr.items() if z.ambiguous)


def _ambiguous_declaration(doc: Document) -> tuple[int, int, str] | None:
    """The first zone declaration of the timeline or its heading that names an ambiguous
    zone ("## Timeline (times in BST)") with no UTC offset beside it, as (start, end,
    zone), when no time carries one."""
    ambiguous = _ambiguous_words()
    for block in _timeline_and_headings(doc):
        if block.words.isdisjoint(ambiguous):
            continue  # most blocks: no ambiguous abbreviation in their words
        for d in find_zone_declarations(block.masked):
            if d.ambiguous and not _OFFSET_GIVEN.search(block.masked):
                at = block.masked.find(d.zone, d.start, d.end)
                at = at if at >= 0 else d.start
                return block.start + at, block.start + at + len(d.zone), d.zone
    return None


def _timeline_and_headings(doc: Document) -> Iterator[Block]:
    for section in doc.sections_for("timeline"):
        if section.heading is not None:
            yield section.heading
    yield from doc.blocks_in("timeline")
