"""Build blocks and sections from Markdown or loose text: the parts, in order.

:mod:`.markdown_walk` reads the Markdown block structure, :mod:`.loose_text` reads the
lines of each paragraph, :mod:`.section_tree` nests the headings into sections.
"""

from __future__ import annotations

from pmlint.document.markdown_walk import MarkdownWalk
from pmlint.document.model import FrontMatter
from pmlint.document.parsed import PSEUDO_LEVEL, Parsed
from pmlint.document.section_tree import build_sections
from pmlint.document.sections import SectionRegistry
from pmlint.source import Source


def parse(source: Source, registry: SectionRegistry, front: FrontMatter | None) -> Parsed:
    """Blocks, headings and sections of one source."""
    lines = source.lines
    if front is not None:
        lines = [""] * front.end_line + lines[front.end_line :]
    walker = MarkdownWalk(source, registry)
    # markdown-it ends a line at a lone "\r" too; Source does not: blank it so both agree
    text = "\n".join(lines)
    walker.run(text.replace("\r", " ") if "\r" in text else text)
    parsed = walker.out
    parsed.blocks.sort(key=lambda b: b.start)
    build_sections(parsed, source)
    return parsed


__all__ = ["PSEUDO_LEVEL", "Parsed", "parse"]
