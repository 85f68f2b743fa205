"""The Markdown walk reads a heading's, a table row's and a list item's offsets from the
source's line starts and lines directly (``source.offset(index + 1)`` and the text up to
``source.line_end(index + 1)``): each block's span is checked against those methods on
documents with every line ending, front matter, no final newline and a lone CR."""

from __future__ import annotations

import re

import pytest

from pmlint.document.document import Document
from pmlint.source import decode

# an empty item ("-" alone) is its marker
_MARKER = re.compile(r"(?:[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t]*)?")

BODY = [
    "---",
    "title: Disk filled up",
    "---",
    "# Summary",
    "",
    "The queue stalled.",
    "",
    "Impact",
    "======",
    "",
    "| Time | Event |",
    "|------|-------|",
    "| 10:00 | Alert \\| page |",
    "  | 10:05 | Rolled back |  ",
    "",
    "- [x] Add an alert",
    "  still the same item",
    "- plain item",
    "  1. nested item",
    "-",
    "",
    "## Timeline ##",
]


def _documents() -> list[Document]:
    docs = []
    for newline in ("\n", "\r\n", "\r"):
        for ending in ("", newline):
            text = newline.join(BODY) + ending
            docs.append(Document(decode(text.encode("utf-8"), "walk.md")))
    return docs


@pytest.mark.parametrize("doc", _documents())
def test_walked_blocks_sit_on_their_lines(doc: Document) -> None:
    source = doc.source
    kinds = {"heading": 0, "table_row": 0, "list_item": 0}
    for block in doc.blocks:
        if block.kind not in kinds:
            continue
        kinds[block.kind] += 1
        assert block.text == source.text[block.start : block.end]
        line_start = source.offset(block.line)
        assert line_start <= block.start <= source.line_end(block.line), block
        if block.kind == "table_row":
            assert block.end == source.line_end(block.line) - (
                len(source.lines[block.line - 1]) - len(source.lines[block.line - 1].rstrip())
            )
        if block.kind == "list_item":  # the item's text starts right after its marker
            assert _MARKER.fullmatch(source.text[line_start : block.start]), block
        if block.kind == "heading" and block.text.startswith("#"):
            assert block.start == line_start
    assert kinds == {"heading": 3, "table_row": 3, "list_item": 4}, kinds
