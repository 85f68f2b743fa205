"""PM4xx: what the text says: duplicates, placeholders, impact, detection."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.checks.placeholder_needs import document_needs, placeholder_data, placeholder_spans
from pmlint.checks.repeats import Unit, repeated_units
from pmlint.data import load_toml
from pmlint.document.paste import PastedCopy
from pmlint.document.sections import normalise_title
from pmlint.findings import Applicability, Edit, Finding, Fix, Severity
from pmlint.lazy_re import LazyPattern
from pmlint.phrases import phrase_alternation
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block


def delete_lines_edit(doc: Document, first_line: int, last_line: int) -> Edit:
    """An edit removing whole lines ``first_line..last_line`` and their newlines."""
    start = doc.source.offset(first_line)
    if last_line < len(doc.source.line_starts):
        end = doc.source.line_starts[last_line]
    else:
        end = len(doc.source.text)
    return Edit(start, end, "")


def delete_lines_fix(doc: Document, first_line: int, last_line: int, title: str) -> Fix:
    """An unsafe fix removing whole lines ``first_line..last_line`` and their newlines."""
    return Fix(title, (delete_lines_edit(doc, first_line, last_line),), Applicability.UNSAFE)


def _parallel_sections(copy: Block, original: Block) -> bool:
    """Whether two blocks sit in same-titled sections of different parents.

    A report of several incidents gives each its own "Root causes" list; a cause that
    recurs in two incidents is stated again on purpose, not pasted.
    """
    a, b = copy.section, original.section
    if a is None or b is None or a is b or a.parent is None or b.parent is None:
        return False
    if a.parent is b.parent or normalise_title(a.title) != normalise_title(b.title):
        return False
    return normalise_title(a.parent.title) != normalise_title(b.parent.title)


class DuplicatedContent(Rule):
    """## What it does
    Finds a paragraph, list item or table row of eight words or more that appears twice,
    exactly or nearly (case, whitespace, punctuation and bullets ignored), a sentence
    pasted twice back to back, and a whole report pasted twice (reported once).

    A sentence restated in another section, the same event at another time, two
    neighbouring entries that differ in a word of their own (a warning logged, then an
    error), text quoted in two excerpts, and an item repeated in same-titled sections of
    different parents (a cause that recurs in two incidents of one report) are not
    duplication.

    ## Why is this bad?
    Repetition is almost always a paste error, and it makes the reader wonder which copy
    is current.

    ## Example
    "The root cause was a misconfigured load balancer pool." written twice in a row.
    """

    code = "PM401"
    name = "duplicated-content"
    summary = "A paragraph, item or sentence of substance appears twice"
    severity = Severity.ERROR
    tags = ("content",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """A pasted report once; runs of repeated blocks once; repeated sentences once each."""
        copy = doc.pasted_copy
        if copy is not None:
            yield self._report_paste(doc, copy)
        blocks = [
            b
            for b in doc.content_blocks()
            if b.kind in ("paragraph", "list_item", "table_row")
            and not b.header
            and not b.text.lstrip().startswith(">")
            and (copy is None or not copy.contains_line(b.line))
        ]
        pairs = [
            (dup, orig)
            for dup, orig in repeated_units(blocks)
            if not _parallel_sections(blocks[dup.block_index], blocks[orig.block_index])
        ]
        yield from self._report(doc, pairs)

    def _report_paste(self, doc: Document, copy: PastedCopy) -> Finding:
        message = (
            f"lines {copy.line}-{copy.end_line} repeat lines {copy.original_line}-"
            f"{copy.original_end_line}: the report is pasted twice; delete the second copy"
        )
        fix = delete_lines_fix(doc, copy.line, copy.end_line, "Remove the pasted copy")
        return self.finding(doc, copy.start, doc.source.line_end(copy.line), message, fix=fix)

    def _report(self, doc: Document, pairs: list[tuple[Unit, Unit]]) -> Iterator[Finding]:
        reported_blocks: set[int] = set()
        runs: list[list[tuple[Unit, Unit]]] = []
        for dup, orig in pairs:
            if not dup.whole_block:
                continue
            last = runs[-1][-1] if runs else None
            if (
                last
                and dup.block_index - last[0].block_index <= 2
                and 0 < orig.block_index - last[1].block_index <= 2
            ):
                runs[-1].append((dup, orig))
            else:
                runs.append([(dup, orig)])
        for run in runs:
            dup_first, orig_first = run[0]
            dup_last, orig_last = run[-1]
            reported_blocks.update(range(dup_first.block_index, dup_last.block_index + 1))
            if len(run) >= 3:
                message = (
                    f"lines {dup_first.line}-{dup_last.end_line} repeat lines "
                    f"{orig_first.line}-{orig_last.end_line}: this part of the report "
                    "appears twice; delete one copy"
                )
            else:
                message = (
                    f"this text repeats line {orig_first.line}; delete one copy or say "
                    "something new"
                )
            # Only the repeated blocks themselves: unique text between them stays.
            edits = tuple(delete_lines_edit(doc, dup.line, dup.end_line) for dup, _ in run)
            fix = Fix("Remove the repeated text", edits, Applicability.UNSAFE)
            yield self.finding(
                doc, dup_first.start, doc.source.line_end(dup_first.line), message, fix=fix
            )
        for dup, orig in pairs:
            if dup.whole_block or dup.block_index in reported_blocks:
                continue
            where = (
                "earlier in this paragraph"
                if dup.block_index == orig.block_index
                else f"line {orig.line}"
            )
            yield self.finding(
                doc,
                dup.start,
                dup.end,
                f"this sentence repeats one {where}; delete one copy",
                fix=Fix(
                    "Remove the repeated sentence",
                    (Edit(dup.start, dup.end, ""),),
                    Applicability.UNSAFE,
                ),
            )


@functools.cache
def _fill_in_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Bracketed and angle-bracketed fill-ins, and the words that explain an unknown."""
    data = placeholder_data()
    nouns = phrase_alternation(data["fill-in-nouns"])
    bracket = re.compile(
        rf"\[(?P<fill>(?:[\w'’/&-]+[ _]){{0,5}}(?i:{nouns}))\](?![(\[:])", re.UNICODE
    )
    angle = re.compile(
        rf"<(?P<fill>(?:[A-Za-z][\w'’-]*[ _-]){{0,4}}(?i:{nouns}))>|<(?P<tag>[A-Za-z][\w-]*)>"
    )
    explained = phrase_alternation(data["explained-unknown"])
    return bracket, angle, re.compile(rf"\b(?:{explained})\b", re.IGNORECASE)


# A code comment marker just before a keyword: "# TODO: retry", "// FIXME".
_COMMENT_BEFORE = LazyPattern(r"(?:#|//|/\*|--|;)[ \t]*\Z")
_NOUN_WINDOW = 20


@functools.cache
def _noun_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A determiner ending the text before a keyword; a noun head starting the text after."""
    data = placeholder_data()
    before = re.compile(
        rf"(?<![\w-])(?:{phrase_alternation(data['noun-determiners'])})[ \t]+\Z", re.IGNORECASE
    )
    after = re.compile(rf"[ \t]+(?:{phrase_alternation(data['noun-heads'])})\b", re.IGNORECASE)
    return before, after


def _keyword_as_noun(block: Block, start: int, end: int) -> bool:
    """Whether the keyword at ``start:end`` of the block is a noun in prose or a comment.

    "like a TODO", "the TODO comments" and "# TODO: retry" use the word; a bare "TODO",
    "TODO: fill in", "Owner: TBD" and "[TODO]" leave a blank.
    """
    if block.text[start:end].lower() not in placeholder_data()["noun-keywords"]:
        return False
    before, after = _noun_patterns()
    masked = block.masked  # markup blanked: "a **TODO** list" reads as "a TODO list"
    if before.search(masked[max(0, start - _NOUN_WINDOW) : start]) or after.match(masked, end):
        return True
    window = block.text[max(0, start - _NOUN_WINDOW) : start]
    return block.kind != "heading" and bool(_COMMENT_BEFORE.search(window))


_EXPLAIN_WINDOW = 60


class TemplatePlaceholder(Rule):
    """## What it does
    Finds template text left unfilled: a year like `20XX`, `XX:XX`, `TBD`, `TODO`,
    `FIXME`, `[insert ...]`, a bracketed fill-in such as `[Lead Name]` or `<service>`,
    a date or time mask (`DD/MM/YYYY`, `HH:MM`), `??%`, "lorem ipsum", "will fill here".
    Code is skipped, and so are TODO/DONE as the status of an action item, a keyword
    used as a noun in prose ("like a TODO", "the TODO comments") or in a code comment
    ("# TODO: retry"), and an unknown the text explains ("14:?? (exact minute unknown)").

    ## Why is this bad?
    A placeholder is a fact the report promised and does not give. `May 15, 20XX` leaves
    the reader unable to place the incident at all.

    ## Example
    `The outage occurred on May 15, 20XX.`: write the real year.
    """

    code = "PM402"
    name = "template-placeholder"
    summary = "Template text was left unfilled"
    severity = Severity.ERROR
    tags = ("content", "template")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per placeholder occurrence."""
        data = placeholder_data()
        status_columns = data["status-columns"]
        status_words = data["status-words"]
        needs = document_needs(doc.text)
        for block in doc.blocks:
            if block.kind == "code":
                continue
            for start, end in self._placeholders(block, needs):
                text = block.text[start:end].strip(" *_")
                if text.lower() in status_words and (
                    _in_action_items(block)
                    or _in_action_table(doc, block, block.start + start, data["value-columns"])
                ):
                    continue  # an action item's state: TODO, DONE
                if block.kind == "table_row" and self._in_status_cell(
                    block, block.start + start, status_columns
                ):
                    continue
                yield self.finding(
                    doc,
                    block.start + start,
                    block.start + end,
                    f"template placeholder '{block.text[start:end].strip()}' was left in; "
                    "replace it with the real value",
                )

    @staticmethod
    def _placeholders(
        block: Block, needs: tuple[tuple[str, tuple[int, ...]], ...]
    ) -> Iterator[tuple[int, int]]:
        """Spans (in the block) of placeholders outside inline code, not explained."""
        bracket, angle, explained = _fill_in_patterns()
        text = block.text
        spans = placeholder_spans(block.masked, needs)
        if "[" in text:
            spans += [m.span() for m in bracket.finditer(text)]
        if "<" in text:
            tags = placeholder_data()["html-tags"]
            spans += [
                m.span()
                for m in angle.finditer(text)
                if m.group("fill") and m.group("fill").lower() not in tags
            ]
        if not spans:
            return
        code = block.inline_code
        seen: set[int] = set()
        for start, end in sorted(spans):
            if start in seen or any(lo <= start < hi for lo, hi in code):
                continue
            if _keyword_as_noun(block, start, end):
                continue
            seen.add(start)
            if explained.search(block.text[end : end + _EXPLAIN_WINDOW]):
                continue
            yield start, end

    @staticmethod
    def _in_status_cell(block: Block, offset: int, status_columns: frozenset[str]) -> bool:
        return block.column_at(offset) in status_columns


def _in_action_table(doc: Document, block: Block, offset: int, values: frozenset[str]) -> bool:
    """Whether ``offset`` is in a row of a table of action items (a column is named as the
    section would be: "Action Item", "Follow-up"), wherever the table stands, and not in a
    column whose cells are values to fill in (an owner, a due date)."""
    if block.kind != "table_row" or not any(
        "action-items" in doc.registry.keys_for(name, heading=False) for name in block.column_names
    ):
        return False
    column = block.column_at(offset)
    return column is not None and column.strip(" *_").lower() not in values


def _in_action_items(block: Block) -> bool:
    """Whether the block (or the heading it is) lies in an action-items section."""
    section = block.section
    while section is not None:
        if "action-items" in section.keys:
            return True
        section = section.parent
    return False


@functools.cache
def _detection_pattern() -> re.Pattern[str]:
    """The detection words of ``content.toml`` as one pattern, compiled once."""
    words = load_toml("content.toml")["detection"]["words"]
    return re.compile(rf"\b(?:{phrase_alternation(words)})\b", re.IGNORECASE)


class DetectionNotDescribed(Rule):
    """## What it does
    Checks that the report says how the incident was detected: an alert, monitoring, a
    page, a customer report, an engineer noticing.

    ## Why is this bad?
    How an incident was found is the first question of every review: it tells whether
    monitoring works or customers are the alerting system.

    ## Example
    A timeline that starts at "we began investigating" without saying what prompted it.
    """

    code = "PM404"
    name = "detection-not-described"
    summary = "Nothing says how the incident was detected"
    severity = Severity.INFO
    default_enabled = False
    tags = ("content", "detection")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding for the document when no detection wording appears."""
        if doc.has_section("detection"):
            return
        if any(_detection_pattern().search(b.plain) for b in doc.content_blocks()):
            return
        yield self.finding(
            doc,
            0,
            doc.source.line_end(1),
            "nothing says how the incident was detected: name the alert, "
            "dashboard or report that revealed it",
        )
