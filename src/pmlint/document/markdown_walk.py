"""Walk markdown-it's block tokens into blocks: headings, list items, table rows, code, HTML.

markdown-it-py finds the Markdown structure (headings, lists, tables, fences); the
paragraphs it finds are read line by line by :class:`LooseText`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pmlint.document.loose_text import BULLET, LooseText
from pmlint.document.model import Block, Cell, plain_text
from pmlint.document.sections import normalise_title
from pmlint.lazy_re import LazyPattern

_HTML_HEADING = LazyPattern(r"<h([1-6])\b[^<>]*>(.*?)</h\1\s*>", re.IGNORECASE)
_HTML_HEADING_SPANNING = LazyPattern(
    r"<h([1-6])\b[^<>]*>([^<]*(?:<(?!/h\1)[^<]*)*)</h\1\s*>", re.IGNORECASE
)
_HTML_ITEM = LazyPattern(r"[ \t]*(?:<(?:ol|ul)\b[^<>]*>[ \t]*)?<li\b[^<>]*>", re.IGNORECASE)
_PIPE = LazyPattern(r"(?<!\\)\|")


def _markdown() -> MarkdownIt:
    # Only block structure is used (an inline token's .content is set without the inline
    # rule), so skip inline parsing: it was a third of the time of a whole lint.
    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")


_MD = _markdown()


class MarkdownWalk(LooseText):
    """One pass over the block tokens; paragraphs go to the loose-text reader."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.tables = 0
        self.depth = 0
        self.list_items: list[int] = []  # token index of open list items
        self.first_para_of_item = False
        self.table_columns: tuple[str, ...] = ()
        self.in_head = False

    def run(self, text: str) -> None:
        """Parse ``text`` (the source, front matter blanked) and walk its tokens."""
        tokens = _MD.parse(text)
        handler_of = _HANDLERS.get
        count = len(tokens)
        i = 0
        while i < count:
            handler = handler_of(tokens[i].type)
            i = handler(self, tokens, i) if handler else i + 1

    # -- token handlers: each returns the index of the next token to read ----------
    def on_heading(self, tokens: list[Token], i: int) -> int:
        """An ATX or setext heading."""
        tok = tokens[i]
        if not tok.map:
            return i + 1
        style = "atx" if tok.markup.startswith("#") else "setext"
        start_line = tok.map[0]
        start = self.source.line_starts[start_line]  # source.offset(start_line + 1)
        end = self.source.line_end(tok.map[1] - 1 if style == "setext" else start_line + 1)
        self.heading(start, end, tokens[i + 1].content, int(tok.tag[1]), style)
        return i + 3

    def on_list_open(self, tokens: list[Token], i: int) -> int:
        """A list opens: items inside are one level deeper."""
        self.depth += 1
        return i + 1

    def on_list_close(self, tokens: list[Token], i: int) -> int:
        """A list closes."""
        self.depth -= 1
        return i + 1

    def on_item_open(self, tokens: list[Token], i: int) -> int:
        """A list item opens; one without a paragraph (an empty item) is one line."""
        tok = tokens[i]
        self.list_items.append(i)
        self.first_para_of_item = True
        if tokens[i + 1].type != "paragraph_open" and tok.map:
            self.list_item_line(tok.map[0], self.depth - 1, tok.markup or tok.info)
        return i + 1

    def on_item_close(self, tokens: list[Token], i: int) -> int:
        """A list item closes."""
        self.list_items.pop()
        self.first_para_of_item = False
        return i + 1

    def on_paragraph(self, tokens: list[Token], i: int) -> int:
        """A paragraph: an item's first one is the item; others are loose text."""
        tok = tokens[i]
        if tok.map:
            item_start = tokens[i - 1].type == "list_item_open"
            if item_start and self.first_para_of_item and self.list_items:
                self.list_item_paragraph(tok.map, self.depth - 1, tokens[i - 1])
            else:
                self.loose_lines(range(*tok.map), base_depth=max(self.depth - 1, 0))
        self.first_para_of_item = False
        return i + 1

    def on_code_block(self, tokens: list[Token], i: int) -> int:
        """An indented block: in postmortems, usually indented loose text, not code."""
        if tokens[i].map:
            self.loose_lines(range(*tokens[i].map), indented=True)  # type: ignore[misc]
        return i + 1

    def on_fence(self, tokens: list[Token], i: int) -> int:
        """A fenced code block: one block; its lines are code."""
        tok = tokens[i]
        if tok.map:
            start = self.source.offset(tok.map[0] + 1)
            end = self.source.line_end(min(tok.map[1], len(self.source.lines)))
            self.add(self.block("code", start, end, marker=tok.info.strip() or None))
            self.out.code_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
        return i + 1

    def on_table_open(self, tokens: list[Token], i: int) -> int:
        """A table opens: rows get its number."""
        self.tables += 1
        self.table_columns = ()
        return i + 1

    def on_thead(self, tokens: list[Token], i: int) -> int:
        """The header part of a table opens or closes."""
        self.in_head = tokens[i].type == "thead_open"
        return i + 1

    def on_row(self, tokens: list[Token], i: int) -> int:
        """A table row; the header row names the columns."""
        if tokens[i].map:
            row = self.table_row(tokens[i].map[0], self.in_head, self.table_columns)  # type: ignore[index]
            if self.in_head:
                self.table_columns = tuple(normalise_title(c.text) for c in row.cells)
        return i + 1

    def on_html_block(self, tokens: list[Token], i: int) -> int:
        """An HTML block, read line by line: headings, ``<li>`` items, loose text."""
        tok = tokens[i]
        if not tok.map or tok.content.strip().startswith("<!--"):
            return i + 1
        whole = _HTML_HEADING_SPANNING.match(tok.content.strip())
        if whole and not any(_HTML_HEADING.search(self.line_text(n)) for n in range(*tok.map)):
            start = self.source.offset(tok.map[0] + 1)
            end = self.source.line_end(tok.map[1])
            self.heading(start, end, plain_text(whole.group(2)), int(whole.group(1)), "html")
            return i + 1
        pending: list[int] = []
        for index in range(*tok.map):
            line = self.line_text(index)
            heading = _HTML_HEADING.search(line)
            item = _HTML_ITEM.match(line)
            if heading is None and item is None:
                pending.append(index)
                continue
            self._loose_run(pending)
            pending = []
            start = self.source.offset(index + 1)
            end = self.source.line_end(index + 1)
            if heading is not None:
                title = plain_text(heading.group(2))
                self.heading(start, end, title, int(heading.group(1)), "html")
            elif plain_text(line).strip():
                self.add(self.block("list_item", start + item.end(), end, depth=self.depth))  # type: ignore[union-attr]
        self._loose_run(pending)
        return i + 1

    def _loose_run(self, indices: list[int]) -> None:
        """Read the non-heading lines of an HTML block as loose text, by consecutive runs."""
        run: list[int] = []
        for index in indices:
            if run and index != run[-1] + 1:
                self.loose_lines(range(run[0], run[-1] + 1))
                run = []
            run.append(index)
        if run:
            self.loose_lines(range(run[0], run[-1] + 1))

    # -- blocks ----------------------------------------------------------------
    def table_row(self, index: int, header: bool, columns: tuple[str, ...]) -> Block:
        """A table row with its cells (escaped pipes stay inside a cell)."""
        start = self.source.line_starts[index]  # source.offset(index + 1)
        line = self.source.lines[index]  # the text from there to line_end(index + 1)
        end = start + len(line)
        stripped = line.strip()
        lead = line.find(stripped[:1]) if stripped else 0
        body_start = lead + (1 if stripped.startswith("|") else 0)
        body_end = len(line.rstrip())
        if stripped.endswith("|") and not stripped.endswith("\\|") and body_end > body_start:
            body_end -= 1
        cells: list[Cell] = []
        pos = body_start
        for match in _PIPE.finditer(line[body_start:body_end]):
            cut = body_start + match.start()
            cells.append(_cell(line, start, pos, cut))
            pos = cut + 1
        cells.append(_cell(line, start, pos, body_end))
        block = self.block(
            "table_row",
            start,
            end,
            cells=tuple(cells),
            header=header,
            table=self.tables,
            column_names=columns,
        )
        return self.add(block)

    def list_item_line(self, index: int, depth: int, marker: str) -> None:
        """A list item that is one line with no paragraph (markdown-it's empty item)."""
        line = self.line_text(index)
        match = BULLET.match(line)
        offset = self.source.offset(index + 1)
        content = offset + (match.end() if match else len(line) - len(line.lstrip()))
        end = self.source.line_end(index + 1)
        self.add(self.block("list_item", content, end, depth=max(depth, 0), marker=marker or None))

    def list_item_paragraph(self, span: list[int], depth: int, item: Token) -> None:
        """An item's first paragraph; a lazy continuation line that is a label ends it."""
        first, stop = span
        cut = next(
            (i for i in range(first + 1, stop) if self.classify_label(self.line_text(i))),
            stop,
        )
        match = BULLET.match(self.line_text(first))
        checked = None
        if match and match.group("box"):
            checked = match.group("box").strip()[1] in "xX"
        start = self.source.line_starts[first] + (match.end() if match else 0)
        end = self.source.line_end(cut)
        marker = item.markup or None
        self.add(
            self.block("list_item", start, end, depth=max(depth, 0), marker=marker, checked=checked)
        )
        if cut < stop:
            self.loose_lines(range(cut, stop))


_HANDLERS: dict[str, Callable[[MarkdownWalk, list[Token], int], int]] = {
    "heading_open": MarkdownWalk.on_heading,
    "bullet_list_open": MarkdownWalk.on_list_open,
    "ordered_list_open": MarkdownWalk.on_list_open,
    "bullet_list_close": MarkdownWalk.on_list_close,
    "ordered_list_close": MarkdownWalk.on_list_close,
    "list_item_open": MarkdownWalk.on_item_open,
    "list_item_close": MarkdownWalk.on_item_close,
    "paragraph_open": MarkdownWalk.on_paragraph,
    "code_block": MarkdownWalk.on_code_block,
    "fence": MarkdownWalk.on_fence,
    "html_block": MarkdownWalk.on_html_block,
    "table_open": MarkdownWalk.on_table_open,
    "thead_open": MarkdownWalk.on_thead,
    "thead_close": MarkdownWalk.on_thead,
    "tr_open": MarkdownWalk.on_row,
}
"""Each token type's handler (a function of the walk, the tokens and the token's index),
kept on the class rather than as bound methods on each walk, which would make every walk a
reference cycle that only the cycle collector frees."""


def _cell(line: str, base: int, lo: int, hi: int) -> Cell:
    """A trimmed cell of ``line`` between ``lo`` and ``hi``, with source offsets."""
    raw = line[lo:hi]
    text = raw.strip()
    offset = lo + (raw.find(text) if text else 0)
    return Cell(text, base + offset, base + offset + len(text))
