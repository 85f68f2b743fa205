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
from pmlint.lazy_re import LazyPattern
from pmlint.source import Source


def parse(source: Source, registry: SectionRegistry, front: FrontMatter | None) -> Parsed:
    """Blocks, headings and sections of one source."""
    lines = source.lines
    if front is not None:
        lines = [""] * front.end_line + lines[front.end_line :]
    lines = _unwrap_fenced_report(lines)
    walker = MarkdownWalk(source, registry)
    # markdown-it ends a line at a lone "\r" too; Source does not: blank it so both agree.
    # Lines left as they were, without a "\r", join back into the text itself.
    unchanged = lines is source.lines and "\r" not in source.text
    text = source.text if unchanged else "\n".join(lines)
    walker.run(text.replace("\r", " ") if "\r" in text else text)
    parsed = walker.out
    parsed.blocks.sort(key=lambda b: b.start)
    build_sections(parsed, source)
    return parsed


_FENCE = LazyPattern(r"[ ]{0,3}(?P<mark>`{3,}|~{3,})[ \t]*(?P<info>[\w-]*)[ \t]*")
_PROSE_INFO = frozenset({"", "text", "txt", "plain", "plaintext", "markdown", "md"})


def _unwrap_fenced_report(lines: list[str]) -> list[str]:
    """The lines with their fences blanked when one code fence wraps the whole report.

    A report pasted inside a single fence (no language, or ``text``/``markdown``) is still
    the report: its headings and labels are read, not skipped as code. A fence with a
    program's language, or several fences, are left alone.
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].lstrip().startswith(("`", "~")):
        return lines  # most reports: the first filled line opens no fence
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 3:
        return lines
    last = filled[-1]
    opening = _FENCE.fullmatch(lines[first])
    closing = _FENCE.fullmatch(lines[last])
    if not opening or not closing or opening.group("info").lower() not in _PROSE_INFO:
        return lines
    mark = opening.group("mark")
    if closing.group("info") or closing.group("mark")[0] != mark[0]:
        return lines
    if len(closing.group("mark")) < len(mark):
        return lines
    if any(line.lstrip().startswith(mark) for line in lines[first + 1 : last]):
        return lines  # a fence inside: more than one block of code
    return [*lines[:first], "", *lines[first + 1 : last], "", *lines[last + 1 :]]


__all__ = ["PSEUDO_LEVEL", "Parsed", "parse"]
