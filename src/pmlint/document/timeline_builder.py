"""Builds the timeline: walks the timeline section(s) block by block, tracking the day
(date sub-headers such as ``### 2024-03-05``, ``**March 5**`` or a date alone on a line set
the day of the entries under them) and the segment (a sub-heading or table without a date
starts a new one, across which order is not compared).
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import TYPE_CHECKING

from pmlint.document.rollover import assign_moments
from pmlint.document.time import TimeExpr
from pmlint.document.timeline import Entry, Timeline
from pmlint.document.timeline_dotted import read_dotted_clocks
from pmlint.document.timeline_leads import (
    LEAD_PREFIX_RE,
    WORD_RE,
    date_of,
    date_only,
    is_column_header,
    is_prompt,
    is_reference,
    is_title,
    leading_time,
    shifted,
    with_day,
)
from pmlint.document.timeline_sections import timeline_parts
from pmlint.lazy_re import LazyPattern

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["build_timeline"]

_TIME_COLUMN_RE = LazyPattern(r"(?i)\b(?:time|date|when|timestamp|utc|hour|clock|day)")
_CLOCK_COLUMN_RE = LazyPattern(r"(?i)\b(?:time|when|timestamp|utc|hour|clock)")
_DATE_COLUMN_RE = LazyPattern(r"(?i)\bdate\b")
_DAY_COLUMN_RE = LazyPattern(r"(?i)\bday\b")
_GLUED_BEFORE_RE = LazyPattern(r"\s[-\u2013\u2022][ \t]+[*_]{0,2}$")
_GLUED_LOOKBACK = 16
_GLUED_AFTER_RE = LazyPattern(r"[*_]{0,2}[ \t]*[:\-\u2013]")
# an item that is only quoted code: "`disk full`", "<code>nginx: test failed</code></li>"
_CODE_ONLY_RE = re.compile(r"\s*(?:<code>[^<]*</code>|(`+)[^`]+\1)\s*(?:</li>\s*)?")


def build_timeline(doc: Document) -> Timeline:
    """The document's timeline (read through ``doc.timeline``)."""
    builder = _Builder(doc)
    blocks = [(i, block) for i, part in enumerate(timeline_parts(doc)) for block in part]
    part_of_last = 0
    for part, block in blocks:
        if part != part_of_last:  # another timeline section: a new segment, a new day
            builder.new_segment()
            part_of_last = part
        if block.kind == "heading":
            builder.heading(block)
        elif block.kind == "table_row":
            builder.table_row(block)
        elif block.kind == "list_item":
            builder.list_item(block)
        elif block.kind == "paragraph":
            builder.lines(block)
    read_dotted_clocks(builder.entries)
    assign_moments(builder.entries)
    return Timeline(builder.entries)


class _Builder:
    """Walks the timeline blocks, tracking the current day and segment."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.entries: list[Entry] = []
        self.day: date | None = None
        self.year: int | None = None
        self.segment = 0
        self.table: int | None = None
        self.time_column: int | None = None
        self.timed_heading = False  # the last heading opens with a time: an entry
        self._lines: list[str] | None = None
        self._starts: dict[int, list[int]] = {}  # id(block) -> where its times start
        self._block_at: dict[int, Block] | None = None  # paragraphs by first line
        self._columns: dict[tuple[str, ...], tuple[int | None, int | None]] = {}  # per table

    def times_in(self, block: Block, lo: int, hi: int) -> list[TimeExpr]:
        """The block's times starting in ``[lo, hi)``, found by bisection (the times are in
        order), so that a block of thousands of entries stays linear."""
        times = self.doc.block_times[block]
        if len(times) < 2:  # most blocks: none or one time, nothing to bisect
            return [times[0]] if times and lo <= times[0].start < hi else []
        starts = self._starts.get(id(block))
        if starts is None:
            starts = self._starts[id(block)] = [t.start for t in times]
        return times[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]

    def indent(self, line: int) -> int:
        """The indentation of source line ``line`` (1-based; a tab counts four)."""
        if self._lines is None:
            self._lines = self.doc.text.split("\n")
        if not 1 <= line <= len(self._lines):
            return 0
        text = self._lines[line - 1]
        width = 0
        for ch in text:
            if ch == " ":
                width += 1
            elif ch == "\t":
                width += 4
            else:
                break
        return width

    def new_segment(self) -> None:
        """Start a segment with no day: entries are not compared across segments."""
        self.segment += 1
        self.day = None
        self.timed_heading = False

    def set_day(self, t: TimeExpr) -> None:
        if t.date is not None:
            self.year = t.date.year
        self.day = date_of(t, self.year)
        self.segment += 1

    def add(self, block: Block, start: int, end: int, line: int, lead: TimeExpr | None) -> None:
        text = block.masked[start:end]
        any_time = any(not t.problem for t in self.times_in(block, start, end))
        if lead is not None and lead.has_date:
            if lead.date is not None:
                self.year = lead.date.year
            day = self.day = date_of(lead, self.year)
        else:
            day = self.day
        parent_timed = False
        if block.kind == "list_item" and self._under_timed_lead():
            parent_timed = True  # "1:25 PM: renewed the certificate:" then its steps
        elif block.kind == "list_item":
            indent = self.indent(line)
            for prev in reversed(self.entries):
                if prev.block.kind != "list_item":
                    break
                if prev.depth < block.depth:
                    parent_timed = prev.any_time or prev.parent_timed
                    break
                if prev.depth == block.depth:
                    # plain text gives no depth: a line indented under a timed line
                    # ("10:45 AM: Issue detected" then its indented details) belongs to it
                    prev_indent = self.indent(prev.line)
                    if prev_indent < indent:
                        parent_timed = lead is None and (prev.any_time or prev.parent_timed)
                        break
                    if prev_indent == indent:
                        parent_timed = prev.parent_timed
                        break
                    continue
        self.entries.append(
            Entry(
                block=block,
                start=block.start + start,
                end=block.start + end,
                line=line,
                text=text.strip(),
                depth=block.depth,
                time=lead,
                any_time=any_time,
                day=day,
                segment=self.segment,
                parent_timed=parent_timed,
            )
        )

    def heading(self, block: Block) -> None:
        """A date sub-header sets the day; a heading that opens with a clock time ("### 10:05
        UTC") is an entry whose event is told in the text under it; any other starts a new
        segment."""
        times = self.doc.block_times[block]
        t = date_only(times, block.masked)
        lead = leading_time(times, block.masked) if t is None else None
        self.timed_heading = lead is not None and lead.has_clock
        if t is not None:
            self.set_day(t)
        elif self.timed_heading:
            self.add(block, 0, len(block.masked), block.line, lead)
        else:
            self.new_segment()

    def table_row(self, block: Block) -> None:
        if block.table != self.table:
            self.table = block.table
            self.segment += 1
        names = block.column_names  # the same for every row of a table: read once
        columns = self._columns.get(names)
        if columns is None:
            columns = self._columns[names] = _columns(names)
        self.time_column, date_column = columns
        if block.header or not block.cells:
            return
        if all(set(c.text) <= set("-: ") for c in block.cells):
            return  # delimiter row
        times = self.doc.block_times[block]
        column = self.time_column or 0
        cell = block.cells[column] if column < len(block.cells) else None  # short row
        lead = None
        if cell is not None:
            rel = cell.start - block.start
            lead = next(
                (t for t in times if rel <= t.start < rel + len(cell.text) + 1 and not t.relative),
                None,
            )
            after = times.index(lead) + 1 if lead is not None else len(times)
            if lead is not None and not lead.has_clock and after < len(times):
                nxt = times[after]  # the clock time after a date in the same cell
                if nxt.has_clock and nxt.start < rel + len(cell.text) + 1:
                    lead = with_day(nxt, lead)
        if lead is not None and lead.has_clock and not lead.has_date and date_column is not None:
            day = _date_in_cell(block, date_column, times)
            if day is not None:  # "| Tue | Jan 4 | 00:05 |": the day from its own column
                lead = with_day(lead, day, keep_start=True)
        self.add(block, 0, len(block.masked), block.line, lead)

    def _under_timed_lead(self) -> bool:
        """Whether the last entry is a timed paragraph line ending in a colon, so that the
        list right under it gives that event's steps, not events of their own."""
        last = self.entries[-1] if self.entries else None
        return (
            last is not None
            and last.block.kind == "paragraph"
            and last.any_time
            and last.text.rstrip(" *_").endswith(":")
        )

    def lines(self, block: Block) -> None:
        """A paragraph. When some line opens with a time, each such line starts an entry and
        the other lines continue it (wrapped text); otherwise each line is one event. A date
        alone on a line sets the day."""
        masked = block.masked
        rows: list[tuple[int, int, int, TimeExpr | None, TimeExpr | None]] = []
        pos = 0
        for number, line in enumerate(masked.split("\n")):
            end = pos + len(line)
            inside = self.times_in(block, pos, end)
            # only a line holding one date and no clock time can be a date alone: the
            # others are not shifted to ask
            day = (
                date_only([shifted(inside[0], -pos)], line)
                if len(inside) == 1 and inside[0].has_date and not inside[0].has_clock
                else None
            )
            if day is not None and line.strip().endswith(":"):
                day = None
            lead = None if day is not None else leading_time(inside, masked, pos)
            if line.strip():
                rows.append((pos, end, number, day, lead))
            pos = end + 1
        any_lead = any(lead is not None for *_, lead in rows)
        open_entry: tuple[int, int, TimeExpr] | None = None
        for start, end, number, day, lead in rows:
            if day is not None:
                self._flush(block, open_entry)
                open_entry = None
                self.set_day(day)
            elif lead is not None:
                self._flush(block, open_entry)
                open_entry = (start, number, lead)
            elif open_entry is not None or any_lead:
                continue  # a wrapped line of the open entry (or prose before the first)
            elif (
                not self.timed_heading
                and not is_prompt(masked[start:end])
                and not is_column_header(masked[start:end])
                and not is_reference(masked[start:end])
                and not self._heads_timed_lines(block.line + number, masked[start:end])
            ):
                # else the text of the heading's event, a template's question, or a label
                self.add(block, start, end, block.line + number, None)
        self._flush(block, open_entry, len(masked))

    def _heads_timed_lines(self, line: int, text: str) -> bool:
        """Whether source line ``line`` (``text``) labels the timed lines under it rather
        than telling an event: the next non-blank line opens with a time and is indented
        deeper ("how the incident was resolved" over "    01:45 PM: ...") or ``text`` reads
        as a title ("🕵️ The Investigation", "Detection Phase")."""
        if self._lines is None:
            self._lines = self.doc.text.split("\n")
        below = next(
            (n for n in range(line + 1, len(self._lines) + 1) if self._lines[n - 1].strip()),
            None,
        )
        if below is None:
            return False
        if self.indent(below) <= self.indent(line) and not is_title(text):
            return False
        if self._block_at is None:
            self._block_at = {b.line: b for b in self.doc.blocks if b.kind == "paragraph"}
        under = self._block_at.get(below)
        return (
            under is not None
            and leading_time(self.doc.block_times[under], under.masked) is not None
        )

    def _flush(
        self, block: Block, entry: tuple[int, int, TimeExpr] | None, end: int | None = None
    ) -> None:
        if entry is None:
            return
        start, number, lead = entry
        stop = block.masked.find("\n", start) if end is None else end
        stop = stop if stop >= 0 else len(block.masked)
        self.add_split(block, start, stop, block.line + number, lead)

    def list_item(self, block: Block) -> None:
        times = self.doc.block_times[block]
        first_line = block.masked.split("\n", 1)[0]
        inside = [t for t in times if t.start < len(first_line)]
        date_line = date_only(inside, first_line) if inside else None
        if date_line is not None and "\n" not in block.masked.strip():
            self.set_day(date_line)
            return
        lead = leading_time(times, block.masked)
        if lead is not None and not lead.has_clock:
            idx = times.index(lead)
            if idx + 1 < len(times) and LEAD_PREFIX_RE.fullmatch(
                block.masked, lead.end, times[idx + 1].start
            ):
                lead = with_day(times[idx + 1], lead)
        if lead is None and self.timed_heading:
            return  # told under a timed heading: part of its event
        if lead is None and _CODE_ONLY_RE.fullmatch(self.doc.text, block.start, block.end):
            return  # a quoted log line or command, not an event
        if (
            lead is None
            and "\n" not in block.masked.strip()
            and (
                is_prompt(block.masked)
                or is_column_header(block.masked)
                or is_reference(block.masked)
            )
        ):
            return  # a template's question, the columns' names, a link noted under an event
        self.add_split(block, 0, len(block.masked), block.line, lead)

    def add_split(
        self, block: Block, start: int, end: int, line: int, lead: TimeExpr | None
    ) -> None:
        """Add an entry, split where another "- 1:00 PM:" entry was glued onto its line."""
        masked = block.masked
        pieces: list[tuple[int, TimeExpr | None]] = [(start, lead)]
        if lead is not None:
            told = lead.end  # where the text of the last piece's event begins
            for t in self.times_in(block, lead.end, end):
                if not t.has_clock:
                    continue
                near = max(start, t.start - _GLUED_LOOKBACK)  # bounded: linear on long lines
                glue = _GLUED_BEFORE_RE.search(masked, near, t.start)
                if (
                    glue is not None
                    and _GLUED_AFTER_RE.match(masked, t.end)
                    and WORD_RE.search(masked, told, glue.start())  # not a range "A – B:"
                ):
                    pieces.append((glue.start() + 1, t))  # at the dash or bullet
                    told = t.end
        counted, counted_line = start, line  # counted on from the last piece: linear in cuts
        for i, (piece_start, piece_lead) in enumerate(pieces):
            piece_end = pieces[i + 1][0] if i + 1 < len(pieces) else end
            counted_line += masked.count("\n", counted, piece_start)
            counted = piece_start
            self.add(block, piece_start, piece_end, counted_line, piece_lead)


def _columns(names: tuple[str, ...]) -> tuple[int | None, int | None]:
    """The column holding the entries' times (a "Time" column before any "Date" or "Day"
    one) and, when another, the column holding their dates."""
    clock = next((i for i, n in enumerate(names) if _CLOCK_COLUMN_RE.search(n)), None)
    day = next((i for i, n in enumerate(names) if _DATE_COLUMN_RE.search(n)), None)
    if day is None:
        day = next((i for i, n in enumerate(names) if _DAY_COLUMN_RE.search(n)), None)
    if clock is None:
        clock = next((i for i, n in enumerate(names) if _TIME_COLUMN_RE.search(n)), None)
    return clock, (day if day != clock else None)


def _date_in_cell(block: Block, column: int, times: list[TimeExpr]) -> TimeExpr | None:
    """The date written in cell ``column`` of a table row, if any."""
    if column >= len(block.cells):
        return None
    cell = block.cells[column]
    rel = cell.start - block.start
    return next(
        (
            t
            for t in times
            if rel <= t.start < rel + len(cell.text) + 1 and t.has_date and not t.has_clock
        ),
        None,
    )
