"""What the block builder produces, and the sink both of its readers write blocks into."""

from __future__ import annotations

import bisect

import msgspec

from pmlint.document.model import Block, Section
from pmlint.document.sections import SectionRegistry
from pmlint.source import Source

PSEUDO_LEVEL = 7
# Keys that stand on their own: a label for one of these right after an empty label is
# its sibling, not its subsection.
_MAJOR_KEYS = frozenset({"summary", "timeline", "root-cause", "resolution", "action-items"})


class HeadingMark(msgspec.Struct):
    """A heading found while reading: its block, title, level, style and section keys."""

    block: Block
    title: str
    level: int
    style: str
    keys: frozenset[str]


class Parsed(msgspec.Struct):
    """What the builder produces; :class:`pmlint.document.Document` wraps it."""

    blocks: list[Block] = msgspec.field(default_factory=list)
    headings: list[HeadingMark] = msgspec.field(default_factory=list)
    code_lines: set[int] = msgspec.field(default_factory=set)
    root: Section | None = None
    sections: list[Section] = msgspec.field(default_factory=list)


class BlockSink:
    """Turns source spans into :class:`Block` objects and headings, collected in order."""

    def __init__(self, source: Source, registry: SectionRegistry) -> None:
        self.source = source
        self.registry = registry
        self.out = Parsed()
        self.last_heading_had_content = True

    def line_text(self, index: int) -> str:
        """Line ``index`` (0-based) of the source."""
        return self.source.lines[index]

    def add(self, block: Block) -> Block:
        """Keep a content block."""
        self.out.blocks.append(block)
        if block.kind != "heading":
            self.last_heading_had_content = True
        return block

    def block(self, kind: str, start: int, end: int, **extra: object) -> Block:
        """A block of ``kind`` over ``[start, end)``, trailing whitespace trimmed."""
        text = self.source.text[start:end]
        trimmed = len(text.rstrip())
        end = start + trimmed
        # 1-based lines (``source.position(offset).line`` without a Position); an offset
        # past the text is on the last line, as every line start is before it
        starts = self.source.line_starts
        line = bisect.bisect_right(starts, max(start, 0))
        end_line = bisect.bisect_right(starts, end - 1, line - 1) if end > start else line
        return Block(
            kind=kind,  # type: ignore[arg-type]
            start=start,
            end=end,
            text=text[:trimmed],
            line=line,
            end_line=end_line,
            **extra,  # type: ignore[arg-type]
        )

    def heading(self, start: int, end: int, title: str, level: int, style: str) -> None:
        """Keep a heading; a pseudo-heading right under an empty one may be its child."""
        pseudo = style in ("bold", "label", "centred")
        keys = self.registry.keys_for(title, heading=style != "label")
        if pseudo and not self.last_heading_had_content and self.out.headings:
            previous = self.out.headings[-1]
            refines = keys <= previous.keys or not keys & _MAJOR_KEYS
            if previous.style in ("bold", "label", "centred") and refines:
                level = previous.level + 1
        block = self.block("heading", start, end)
        self.out.blocks.append(block)
        self.out.headings.append(HeadingMark(block, title.strip(), level, style, keys))
        self.last_heading_had_content = False
