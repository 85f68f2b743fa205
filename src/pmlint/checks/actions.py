"""PM5xx: action items exist, have an owner and a ticket or due date, and are actionable.

Action items are the list items and table rows of the action-items section (found by
meaning: "Action Items", "Corrective and Preventative Measures", "Follow-ups", ...),
sub-lists and checkboxes included. A nested list item belongs to the item above it (a
sub-bullet "Owner: @dana" gives that item its owner).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import msgspec

from pmlint.findings import Finding, Severity
from pmlint.lazy_re import LazyPattern
from pmlint.packs import word_list
from pmlint.phrases import phrase_alternation, phrase_pattern
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block, Section

_HANDLE = LazyPattern(r"(?<![\w.@/])@[A-Za-z][\w.-]*[\w](?:/[\w.-]+)?")
_TICKET = LazyPattern(r"(?<![\w/-])(?:[A-Z][A-Z0-9]{1,9}-\d+|#\d+|GH-\d+)(?![\w-])")
_URL = LazyPattern(r"https?://\S+", re.IGNORECASE)
_QUARTER = LazyPattern(
    r"\b(?:Q[1-4]|H[12])\s*(?:'|20)?\d{2}\b|\b(?:end of|by) (?:the )?"
    r"(?:week|month|quarter|sprint|year)\b|\bnext (?:week|sprint|release)\b",
    re.IGNORECASE,
)


@functools.cache
def _loose_item() -> re.Pattern[str]:
    """A list item written loosely (a bullet character, a number, an indented line): compiled
    on first use, as only an action section with no list items asks it."""
    return re.compile(
        r"<li\b|^(?:[ \t>]|&nbsp;|&#160;)*(?:[•◦▪●‣∙○■□➢➤►▸✓✔]|[-*+]\s|-(?=[A-Z])|\d{1,2}[.)]\s)"
        r"|\n(?:[ ]{2,}|\t)\S[^\n]*\n(?:[ ]{2,}|\t)\S",
        re.IGNORECASE | re.MULTILINE,
    )


_LEAD = re.compile(
    r"[\s*_`>]*(?:\[[ xX]\]\s*)?(?:(?:action|todo|task|item|ai)\s*\d*\s*[:.)-]\s*"
    r"|(?:[A-Z][A-Z0-9]+-\d+|#\d+)\s*[:.)-]?\s*|\d+[.)]\s*)*",
    re.IGNORECASE,
)


@functools.cache
def _words(name: str) -> re.Pattern[str]:
    return phrase_pattern(word_list(name))


@functools.cache
def _labelled(name: str) -> re.Pattern[str]:
    """``Label: value`` or ``(label: value)`` for the labels of a word list."""
    body = phrase_alternation(word_list(name))
    return re.compile(rf"(?<![\w-])(?:{body})\s*[:=]\s*(?P<value>[^\s,;)|][^,;)|]*)", re.IGNORECASE)


@functools.cache
def _vague_opener() -> re.Pattern[str]:
    return re.compile(rf"(?:{phrase_alternation(word_list('vague-openers'))})(?![\w-])", re.I)


class ActionItem(msgspec.Struct):
    """One action item: its block, and the text of its nested sub-items."""

    block: Block
    children: list[Block]

    @property
    def text(self) -> str:
        """The item's own text and its sub-items', markup blanked."""
        return "\n".join([self.block.masked, *(c.masked for c in self.children)])


def action_blocks(doc: Document) -> list[Block]:
    """List items and table rows (not header rows) of the action-items sections."""
    return [
        b
        for b in doc.blocks_in("action-items")
        if b.kind == "list_item" or (b.kind == "table_row" and not b.header)
    ]


def action_items(doc: Document) -> list[ActionItem]:
    """Action items, each with the deeper list items that follow it as its children."""
    items: list[ActionItem] = []
    barrier = 0  # items before a label line ("Tasks:") do not take the items under it
    for block in action_blocks(doc):
        if is_label_item(block):
            barrier = len(items)
            continue
        parent = items[-1] if len(items) > barrier else None
        if (
            parent is not None
            and block.kind == "list_item"
            and parent.block.kind == "list_item"
            and block.depth > parent.block.depth
            and block.section is parent.block.section
        ):
            parent.children.append(block)
        else:
            items.append(ActionItem(block, []))
    return items


_LABEL_ITEM_WORDS = 6


def is_label_item(block: Block) -> bool:
    """A list item that only heads the items under it ("Improvements/Fixes:", "Tasks:")."""
    text = block.plain.strip().rstrip("*_ ").strip()
    return (
        block.kind == "list_item"
        and text.endswith(":")
        and 0 < block.word_count <= _LABEL_ITEM_WORDS
        and block.line == block.end_line
    )


def _column(block: Block, names: list[str]) -> str | None:
    """The text of the first non-empty cell under one of the named columns."""
    for column, cell in zip(block.column_names, block.cells, strict=False):
        if column.lower() in names and cell.text.strip(" -–—*_"):
            return cell.text
    return None


def is_done(item: ActionItem) -> bool:
    """A checked box, a Status column saying done, or a leading DONE/~~struck~~ item."""
    block = item.block
    if block.checked:
        return True
    if block.kind == "table_row":
        status = _column(block, word_list("status-columns"))
        return status is not None and bool(_words("done-words").match(status.strip(" *_")))
    text = block.text.lstrip(" *_[")
    if text.startswith("~~"):
        return True
    return bool(re.match(r"(?:DONE|COMPLETED?|FIXED)\b|\((?:done|completed?)\)", text))


def has_owner(item: ActionItem) -> bool:
    """An ``@handle``, an ``Owner: name`` or ``(owner: team)`` label, or an Owner column."""
    if item.block.kind == "table_row" and _column(item.block, word_list("owner-columns")):
        return True
    text = item.text
    return bool(_HANDLE.search(text) or _labelled("owner-labels").search(text))


def has_tracking(item: ActionItem) -> bool:
    """A ticket (``ABC-123``, ``#123``, an issue URL) or a due date, inline, in a column,
    or in the heading of the item's section ("Long-term (Q4 2025)", "Short-term (#4012)")."""
    if item.block.kind == "table_row" and _column(item.block, word_list("tracking-columns")):
        return True
    section = item.block.section
    if section is not None and section.heading is not None and _tracks(section.title):
        return True
    return _tracks(item.text)


def _tracks(text: str) -> bool:
    """Whether text holds a ticket, a tracking URL, a quarter or a date."""
    from pmlint.document.time import find_times

    if _TICKET.search(text) or _QUARTER.search(text):
        return True
    parts = [p.lower() for p in word_list("tracking-url-parts")]
    if any(any(p in url.group(0).lower() for p in parts) for url in _URL.finditer(text)):
        return True
    return any(t.has_date for t in find_times(_URL.sub(" ", text)))


def _anchor(item: ActionItem) -> tuple[int, int]:
    block = item.block
    first_line_end = block.text.find("\n")
    end = block.end if first_line_end == -1 else block.start + first_line_end
    return block.start, end


_UNMARKED_ITEMS = 3  # lines that make an unmarked list
_ITEM_WORDS = 25  # longest line read as one item
_LINE_END = (".", "!", ":", ")")


def _unmarked_items(blocks: list[Block]) -> int:
    """How many lines of the blocks read as one unmarked item each.

    An item line starts with a capital or a digit, holds 2 to 25 words, and is not a
    wrapped sentence: it ends a sentence, or the next line starts with a capital. A line
    ending in a colon ("We will:") introduces the items and is not one.
    """
    lines = [
        line.strip()
        for b in blocks
        if b.kind == "paragraph"
        for line in b.plain.splitlines()
        if line.strip()
    ]
    count = 0
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        opens = line[:1].isupper() or line[:1].isdigit()
        sized = 2 <= len(line.split()) <= _ITEM_WORDS and not line.endswith((":", ","))
        ends = line.endswith(_LINE_END) or not following or following[:1].isupper()
        count += opens and sized and ends
    return count


class NoActionItems(Rule):
    """## What it does
    Checks that the action-items section ("Action Items", "Corrective and Preventative
    Measures", "What is being done about this?", ...) lists its items: at least one
    list item or table row (HTML `<li>`, loose `•` bullets, indented lines and three or
    more short lines written one item per line without markers count). A section that
    only holds prose is reported, and only when no other action-items section of the
    document holds items.

    ## Why is this bad?
    Follow-up work written as a paragraph has no clear items, so nobody can own, track or
    close them; the same incident comes back.

    ## Example
    "## Corrective and Preventative Measures" followed by "A monitoring service should be
    used." Write each measure as its own list item.
    """

    code = "PM501"
    name = "no-action-items"
    summary = "The action-items section holds no list item or table row"
    severity = Severity.ERROR
    tags = ("actions",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding, at the first action-items heading, when only prose follows."""
        sections = [s for s in doc.sections_for("action-items") if _asks_for_items(doc, s)]
        if not sections or action_blocks(doc):
            return
        content = [b for b in doc.blocks_in("action-items") if b.kind != "heading"]
        if not content or any(_loose_item().search(b.text) for b in content if b.kind != "code"):
            return
        if _unmarked_items(content) >= _UNMARKED_ITEMS:
            return  # one item per line without markers: a list in substance
        heading = sections[0].heading
        assert heading is not None
        yield self.finding(
            doc,
            heading.start,
            heading.end,
            f"'{sections[0].title}' has no action items, only prose: write each follow-up "
            "as its own list item (or table row) so it can be owned and tracked",
        )


class ActionItemWithoutOwner(Rule):
    """## What it does
    Checks that each open action item names an owner: an `@handle`, an `Owner: name` or
    `(owner: team)` label, or an Owner/Who/Assignee column. Checked (`- [x]`) and done
    items are skipped.

    ## Why is this bad?
    An item without an owner belongs to everyone, which means no one.

    ## Example
    `- Add an alert on replication lag`: add `(owner: @storage-team)`.
    """

    code = "PM502"
    name = "action-item-without-owner"
    summary = "An action item names no owner"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("actions",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per open item without an owner."""
        for item in action_items(doc):
            if not is_done(item) and not has_owner(item):
                start, end = _anchor(item)
                yield self.finding(
                    doc,
                    start,
                    end,
                    "this action item has no owner: add an @handle, 'Owner: name' or an "
                    "Owner column",
                )


class ActionItemWithoutTracking(Rule):
    """## What it does
    Checks that each open action item has a ticket (`ABC-123`, `#123`, an issue URL) or a
    due date, inline, in a Ticket/Bug/Due column, or in the heading of its section
    ("Long-term improvements (Q4 2026)"). Checked and done items are skipped.

    ## Why is this bad?
    Untracked items are forgotten once the review meeting ends.

    ## Example
    `- Add an alert on replication lag (owner: @dana)`: add the ticket, `OPS-412`, or a
    due date.
    """

    code = "PM503"
    name = "action-item-without-tracking"
    summary = "An action item has neither a ticket nor a due date"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("actions",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per open item without a ticket or due date."""
        for item in action_items(doc):
            if not is_done(item) and not has_tracking(item):
                start, end = _anchor(item)
                yield self.finding(
                    doc,
                    start,
                    end,
                    "this action item is not tracked: link a ticket (ABC-123, #123, an issue "
                    "URL) or give a due date",
                )


class VagueActionItem(Rule):
    """## What it does
    Finds action items that open with a vague verb or phrase ("improve", "look into",
    "consider", "ensure", "be more careful", "better ...") and name no concrete end state:
    no number, threshold, trigger ("when ..."), schedule or named artifact.

    ## Why is this bad?
    "Improve monitoring" cannot be finished or verified, so it never is. "Alert when p99
    latency of the orders database exceeds 500 ms" can.

    ## Example
    `- Improve monitoring`: say what will alert, on what condition.
    """

    code = "PM504"
    name = "vague-action-item"
    summary = "An action item opens with a vague verb and names no concrete end"
    severity = Severity.WARNING
    tags = ("actions",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per vague item, over its opening words."""
        for item in action_items(doc):
            block = item.block
            text = block.masked
            if block.kind == "table_row":
                cell = next((c for c in block.cells if c.text.strip()), None)
                if cell is None:
                    continue
                offset = cell.start - block.start
                text = text[offset : offset + len(cell.text)]
            else:
                offset = 0
            lead = _LEAD.match(text)
            start = lead.end() if lead else 0
            opener = _vague_opener().match(text, start)
            if opener is None or self._concrete(item.text):
                continue
            yield self.finding(
                doc,
                block.start + offset + start,
                block.start + offset + opener.end(),
                f"vague action item: '{opener.group(0)}' names no end state; say what will "
                "exist or be true when it is done (a check, an alert and its threshold, a "
                "limit, a date)",
            )

    @staticmethod
    def _concrete(text: str) -> bool:
        return bool(
            re.search(r"\d|`|https?://", text)
            or _words("concrete-markers").search(text)
            or _TICKET.search(text)
        )


def _asks_for_items(doc: Document, section: Section) -> bool:
    """Whether the section must list action items: a heading, not a part of the resolution
    that only a loose pattern reads so ("### Long-term solution" under "## Resolution")."""
    if section.heading is None or doc.registry.is_alias(section.title):
        return section.heading is not None
    parent = section.parent
    while parent is not None and "action-items" not in parent.keys:
        if "resolution" in parent.keys:
            return False
        parent = parent.parent
    return True
