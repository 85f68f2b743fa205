"""Nest the headings found by the builder into a tree of sections."""

from __future__ import annotations

from pmlint.document.model import Section
from pmlint.document.parsed import Parsed
from pmlint.source import Source


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
    _set_end_lines(sections, len(source.lines))
    root.end_line = len(source.lines)
    parsed.root = root
    parsed.sections = sections


def _set_end_lines(sections: list[Section], last_line: int) -> None:
    """Each section ends before the next heading of the same or a higher level."""
    open_sections: list[Section] = []  # levels strictly increase; one pass, not quadratic
    for section in sections:
        while open_sections and open_sections[-1].level >= section.level:
            open_sections.pop().end_line = section.line - 1
        open_sections.append(section)
    for section in open_sections:
        section.end_line = last_line
