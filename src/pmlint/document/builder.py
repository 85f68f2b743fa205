"""Build blocks and sections from Markdown or loose text.

markdown-it-py finds the Markdown structure (headings, lists, tables, fences). Every
paragraph, and every indented block that CommonMark would call code, then goes
through one line classifier that recognises the shapes of loose text: section labels
(``Timeline:``), bold pseudo-headings, ``•`` bullets, ``Label: value`` fields and
one-event-per-line timeline lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pmlint.document.model import Block, Cell, FrontMatter, Section, mask_markup, plain_text
from pmlint.document.sections import SectionRegistry, normalise_title
from pmlint.source import Source

PSEUDO_LEVEL = 7
# Keys that stand on their own: a label for one of these right after an empty label is
# its sibling, not its subsection.
_MAJOR_KEYS = frozenset({"summary", "timeline", "root-cause", "resolution", "action-items"})
_BULLET = re.compile(
    r"(?P<indent>[ \t]*)"
    r"(?P<marker>[•◦▪●·‣∙○■□➢➤►▸✓✔-]|[*+](?=[ \t])|\d{1,3}[.)]|[a-zA-Z][.)](?=[ \t]))"
    r"[ \t]+(?P<box>\[[ xX]\][ \t]+)?(?=\S)"
)
_LOOSE_BULLET = re.compile(r"(?P<indent>[ \t]*)(?P<marker>[•◦▪●·‣∙○■□➢➤►▸✓✔])[ \t]*(?=\S)")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|(?=[^#\s]))(?=\S)")
_TIME_START = re.compile(
    r"[ \t>*_-]*(?:\d{1,2}:\d{2}|\d{1,2}\s?[ap]\.?m\b|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|T\+|\+\d{1,2}:\d{2})",
    re.IGNORECASE,
)
_FIELD_LINE = re.compile(r"[ \t]*([A-Z][A-Za-z'’/&() -]{0,40}?)[ \t]*:[ \t]*(?=\S)(?!//)")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCKQUOTE = re.compile(r"\A[ \t]*(?:>[ \t]?)+")
_MAX_LABEL_WORDS = 8


def _is_title_case(title: str) -> bool:
    """A short line whose words all start with a capital (or are ALL CAPS)."""
    words = title.split()
    if not 1 <= len(words) <= 5 or not title[-1:].isalnum():
        return False
    minor = {"and", "of", "the", "to", "in", "for", "a", "on", "&"}
    return all(w[:1].isupper() or w in minor for w in words)


def _markdown() -> MarkdownIt:
    # Only block structure is used (an inline token's .content is set without the inline
    # rule), so skip inline parsing: it was a third of the time of a whole lint.
    return MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")


_MD = _markdown()


@dataclass
class _Heading:
    block: Block
    title: str
    level: int
    style: str
    keys: frozenset[str]


@dataclass
class Parsed:
    """What the builder produces; :class:`pmlint.document.Document` wraps it."""

    blocks: list[Block] = field(default_factory=list)
    headings: list[_Heading] = field(default_factory=list)
    code_lines: set[int] = field(default_factory=set)
    root: Section | None = None
    sections: list[Section] = field(default_factory=list)


def find_front_matter(source: Source) -> FrontMatter | None:
    """YAML (``---``), TOML (``+++``) or JSON (``{``) front matter on the first line."""
    lines = source.lines
    if not lines:
        return None
    first = lines[0].strip()
    fences = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}
    if first in fences:
        kind, closers = fences[first]
        for index in range(1, min(len(lines), 500)):
            if lines[index].strip() in closers:
                body_start = source.offset(2)
                body = "\n".join(lines[1:index])
                if kind == "yaml" and not any(":" in line for line in lines[1:index]):
                    return None
                return FrontMatter(kind, 1, index + 1, body, body_start)  # type: ignore[arg-type]
        return None
    if first == "{":
        for index in range(1, min(len(lines), 500)):
            if lines[index].rstrip() == "}":
                body = "\n".join(lines[: index + 1])
                return FrontMatter("json", 1, index + 1, body, 0)
    return None


class _Builder:
    def __init__(self, source: Source, registry: SectionRegistry) -> None:
        self.source = source
        self.registry = registry
        self.out = Parsed()
        self.tables = 0
        self.last_heading_had_content = True

    # -- helpers ---------------------------------------------------------------
    def line_text(self, index: int) -> str:
        return self.source.lines[index]

    def add(self, block: Block) -> Block:
        self.out.blocks.append(block)
        if block.kind != "heading":
            self.last_heading_had_content = True
        return block

    def block(self, kind: str, start: int, end: int, **extra: object) -> Block:
        text = self.source.text[start:end]
        trimmed = len(text.rstrip())
        end = start + trimmed
        return Block(
            kind=kind,  # type: ignore[arg-type]
            start=start,
            end=end,
            text=text[:trimmed],
            line=self.source.position(start).line,
            end_line=self.source.position(max(start, end - 1)).line
            if end > start
            else self.source.position(start).line,
            **extra,  # type: ignore[arg-type]
        )

    def heading(self, start: int, end: int, title: str, level: int, style: str) -> None:
        pseudo = style in ("bold", "label")
        keys = self.registry.keys_for(title, heading=style != "label")
        if pseudo and not self.last_heading_had_content and self.out.headings:
            previous = self.out.headings[-1]
            refines = keys <= previous.keys or not keys & _MAJOR_KEYS
            if previous.style in ("bold", "label") and refines:
                level = previous.level + 1
        block = self.block("heading", start, end)
        self.out.blocks.append(block)
        self.out.headings.append(_Heading(block, title.strip(), level, style, keys))
        self.last_heading_had_content = False

    # -- markdown tokens -------------------------------------------------------
    def run(self, text: str) -> Parsed:
        tokens = _MD.parse(text)
        self.walk(tokens)
        return self.out

    def walk(self, tokens: list[Token]) -> None:
        depth = 0
        list_items: list[int] = []  # token index of open list items
        first_para_of_item = False
        table_columns: tuple[str, ...] = ()
        in_head = False
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open" and tok.map:
                inline = tokens[i + 1]
                level = int(tok.tag[1])
                style = "atx" if tok.markup.startswith("#") else "setext"
                start_line = tok.map[0]
                start = self.source.offset(start_line + 1)
                end = self.source.line_end(tok.map[1] if style == "setext" else start_line + 1)
                if style == "setext":
                    end = self.source.line_end(tok.map[1] - 1)
                self.heading(start, end, inline.content, level, style)
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            elif kind == "list_item_open":
                list_items.append(i)
                first_para_of_item = True
                if tokens[i + 1].type not in ("paragraph_open",) and tok.map:
                    self.list_item_line(tok.map[0], depth - 1, tok.markup or tok.info)
            elif kind == "list_item_close":
                list_items.pop()
                first_para_of_item = False
            elif kind == "paragraph_open" and tok.map:
                if tokens[i - 1].type == "list_item_open" and first_para_of_item and list_items:
                    self.list_item_paragraph(tok.map, depth - 1, tokens[i - 1])
                else:
                    self.loose_lines(range(tok.map[0], tok.map[1]), base_depth=max(depth - 1, 0))
                first_para_of_item = False
            elif kind == "code_block" and tok.map:
                self.loose_lines(range(tok.map[0], tok.map[1]), indented=True)
            elif kind == "fence" and tok.map:
                start = self.source.offset(tok.map[0] + 1)
                end = self.source.line_end(min(tok.map[1], len(self.source.lines)))
                self.add(self.block("code", start, end, marker=tok.info.strip() or None))
                self.out.code_lines.update(range(tok.map[0] + 1, tok.map[1] + 1))
            elif kind == "html_block" and tok.map:
                self.html_block(tok)
            elif kind == "table_open":
                self.tables += 1
                table_columns = ()
            elif kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
            elif kind == "tr_open" and tok.map:
                row = self.table_row(tok.map[0], in_head, table_columns)
                if in_head:
                    table_columns = tuple(normalise_title(c.text) for c in row.cells)
            i += 1

    # -- blocks ----------------------------------------------------------------
    def table_row(self, index: int, header: bool, columns: tuple[str, ...]) -> Block:
        start = self.source.offset(index + 1)
        end = self.source.line_end(index + 1)
        line = self.source.text[start:end]
        cells: list[Cell] = []
        pos = 0
        stripped = line.strip()
        lead = line.find(stripped[:1]) if stripped else 0
        body_start = lead + (1 if stripped.startswith("|") else 0)
        body_end = len(line.rstrip())
        if stripped.endswith("|") and not stripped.endswith("\\|") and body_end > body_start:
            body_end -= 1
        pos = body_start
        for match in re.finditer(r"(?<!\\)\|", line[body_start:body_end]):
            cut = body_start + match.start()
            cells.append(self.cell(line, start, pos, cut))
            pos = cut + 1
        cells.append(self.cell(line, start, pos, body_end))
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

    @staticmethod
    def cell(line: str, base: int, lo: int, hi: int) -> Cell:
        raw = line[lo:hi]
        text = raw.strip()
        offset = lo + (raw.find(text) if text else 0)
        return Cell(text, base + offset, base + offset + len(text))

    def list_item_line(self, index: int, depth: int, marker: str) -> None:
        line = self.line_text(index)
        match = _BULLET.match(line)
        offset = self.source.offset(index + 1)
        content = offset + (match.end() if match else len(line) - len(line.lstrip()))
        self.add(
            self.block(
                "list_item",
                content,
                self.source.line_end(index + 1),
                depth=max(depth, 0),
                marker=marker or None,
            )
        )

    def list_item_paragraph(self, span: list[int], depth: int, item: Token) -> None:
        first, stop = span
        # A lazy continuation line that is really a section label ends the item.
        cut = stop
        for index in range(first + 1, stop):
            if self.classify_label(self.line_text(index)) is not None:
                cut = index
                break
        line = self.line_text(first)
        match = _BULLET.match(line)
        checked = None
        if match and match.group("box"):
            checked = match.group("box").strip()[1] in "xX"
        start = self.source.offset(first + 1) + (match.end() if match else 0)
        end = self.source.line_end(cut)
        self.add(
            self.block(
                "list_item",
                start,
                end,
                depth=max(depth, 0),
                marker=item.markup or None,
                checked=checked,
            )
        )
        if cut < stop:
            self.loose_lines(range(cut, stop))

    def html_block(self, tok: Token) -> None:
        assert tok.map is not None
        content = tok.content.strip()
        if content.startswith("<!--"):
            return
        match = _HTML_HEADING.search(content)
        if match and content.lower().startswith("<h"):
            start = self.source.offset(tok.map[0] + 1)
            end = self.source.line_end(tok.map[1])
            self.heading(start, end, plain_text(match.group(2)), int(match.group(1)), "html")
            return
        self.loose_lines(range(tok.map[0], tok.map[1]))

    def classify_label(self, line: str) -> tuple[str, str] | None:
        """``(title, style)`` when a line is a section label, else None.

        A label is a bold-only line naming a section (``**Timeline**``), or a
        plain line that is exactly a section alias, with or without a colon.
        """
        body = _BLOCKQUOTE.sub("", line, count=1) if line.lstrip().startswith(">") else line
        stripped = body.strip()
        if not stripped or len(stripped) > 120:
            return None
        visible = plain_text(stripped).strip()
        if not visible or len(visible.split()) > _MAX_LABEL_WORDS:
            return None
        title = visible.rstrip(":").strip()
        if not title or visible.count(":") > 1 or visible.endswith((".", ",", ";")):
            return None
        emphasised = re.fullmatch(r"(\*\*|__)(.+?)\1:?", re.sub(r"<[^>]*>", "", stripped))
        if emphasised:
            if self.registry.keys_for(title, heading=True):
                return title, "bold"
            return None
        if self.registry.is_alias(title) and (visible.endswith(":") or title[:1].isupper()):
            return title, "label"
        if (
            not visible.endswith(":")
            and _is_title_case(title)
            and self.registry.keys_for(title, heading=True)
        ):
            return title, "label"
        return None

    def loose_lines(self, indices: range, *, base_depth: int = 0, indented: bool = False) -> None:
        """Classify each line of a paragraph (or indented block) of loose text."""
        current: list[int] = []  # line indices of the open block
        current_kind = "paragraph"
        current_start = 0
        current_depth = 0
        current_marker: str | None = None
        current_checked: bool | None = None

        def flush() -> None:
            nonlocal current
            if current:
                end = self.source.line_end(current[-1] + 1)
                self.add(
                    self.block(
                        current_kind,
                        current_start,
                        end,
                        depth=current_depth,
                        marker=current_marker,
                        checked=current_checked,
                    )
                )
            current = []

        for index in indices:
            line = self.line_text(index)
            if not line.strip():
                flush()
                continue
            offset = self.source.offset(index + 1)
            quoted = _BLOCKQUOTE.match(line) if line.lstrip().startswith(">") else None
            body_offset = quoted.end() if quoted else 0
            body = line[body_offset:]
            atx = _ATX.match(body)
            if atx:
                flush()
                title = body[atx.end() :].strip().rstrip("#").strip()
                self.heading(
                    offset + body_offset,
                    self.source.line_end(index + 1),
                    title,
                    len(atx.group(1)),
                    "atx",
                )
                continue
            bullet = _LOOSE_BULLET.match(body) or (
                _BULLET.match(body) if indented or current or index == indices.start else None
            )
            label = None if bullet else self.classify_label(body)
            if label is not None:
                flush()
                self.heading(
                    offset + body_offset,
                    self.source.line_end(index + 1),
                    label[0],
                    PSEUDO_LEVEL,
                    label[1],
                )
                continue
            if bullet:
                flush()
                indent = bullet.group("indent").expandtabs(4)
                current = [index]
                current_kind = "list_item"
                current_start = offset + body_offset + bullet.end()
                current_depth = base_depth + len(indent) // 4
                current_marker = bullet.group("marker")
                box = bullet.groupdict().get("box")
                current_checked = (box.strip()[1] in "xX") if box else None
                continue
            starts_entry = _TIME_START.match(body) is not None or _FIELD_LINE.match(body)
            if indented or starts_entry or not current:
                flush()
                stripped_at = len(body) - len(body.lstrip())
                current = [index]
                current_kind = "list_item" if indented else "paragraph"
                current_start = offset + body_offset + stripped_at
                current_depth = base_depth
                current_marker = None
                current_checked = None
                continue
            current.append(index)
        flush()


def build_sections(parsed: Parsed, source: Source) -> None:
    """Nest the headings into a section tree and give each block its section."""
    root = Section(title="", keys=frozenset(), level=0, style="root")
    stack = [root]
    sections: list[Section] = []
    heading_of = {id(h.block): h for h in parsed.headings}
    for block in parsed.blocks:
        heading = heading_of.get(id(block))
        if heading is None:
            block.section = stack[-1]
            stack[-1].blocks.append(block)
            continue
        while len(stack) > 1 and stack[-1].level >= heading.level:
            stack.pop()
        section = Section(
            title=heading.title,
            keys=heading.keys,
            level=heading.level,
            style=heading.style,  # type: ignore[arg-type]
            heading=block,
            parent=stack[-1],
        )
        block.section = section
        stack[-1].children.append(section)
        stack.append(section)
        sections.append(section)
    last_line = len(source.lines)
    open_sections: list[Section] = []  # levels strictly increase; one pass, not quadratic
    for section in sections:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().end_line = section.line - 1
        open_sections.append(section)
    for section in open_sections:
        section.end_line = last_line
    root.end_line = last_line
    parsed.root = root
    parsed.sections = sections


def parse(source: Source, registry: SectionRegistry, front: FrontMatter | None) -> Parsed:
    """Blocks, headings and sections of one source."""
    lines = source.lines
    if front is not None:
        lines = [""] * front.end_line + lines[front.end_line :]
    builder = _Builder(source, registry)
    # markdown-it ends a line at a lone "\r" too; Source does not: blank it so both agree
    text = "\n".join(lines)
    parsed = builder.run(text.replace("\r", " ") if "\r" in text else text)
    parsed.blocks.sort(key=lambda b: b.start)
    build_sections(parsed, source)
    return parsed


__all__ = ["PSEUDO_LEVEL", "Parsed", "find_front_matter", "mask_markup", "parse"]
