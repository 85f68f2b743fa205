"""Labelled values: ``Label: value`` fields and the same written as a table, either one
row per label (``| Start | 10:00 UTC |``, the header row included: a two-column table of
labels often has no real header) or one column per label over a single data row
(``| Start time | End time |`` then ``| 10:00 UTC | 11:30 UTC |``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block

__all__ = ["Labelled", "LabelledValues", "labelled_once", "labelled_values"]

LabelledValues = Callable[[], "list[Labelled]"]


class Labelled(msgspec.Struct, frozen=True):
    """A value under a label: ``key`` is the label lowercased without markup; ``start`` and
    ``end`` are offsets of the value in ``block.masked``."""

    key: str
    block: Block
    start: int
    end: int


def _key(label: str) -> str:
    return " ".join(label.lower().strip(" *_:").split())


def labelled_values(doc: Document) -> list[Labelled]:
    """Every labelled value of the document outside code and the timeline, fields first."""
    out = [
        Labelled(_key(f.label), f.block, f.value_start - f.block.start, f.value_end - f.block.start)
        for f in doc.fields
    ]
    in_timeline = {id(b) for b in doc.blocks_in("timeline")}
    rows = [
        b
        for b in doc.blocks
        if b.kind == "table_row"
        and b.cells
        and id(b) not in in_timeline
        and not all(set(c.text) <= set("-: ") for c in b.cells)
    ]
    per_table = Counter(b.table for b in rows if not b.header)
    for row in rows:
        cells = row.cells
        if len(cells) >= 2 and cells[0].text and not any(ch.isdigit() for ch in cells[0].text):
            value = cells[1]
            out.append(
                Labelled(
                    _key(cells[0].text),
                    row,
                    value.start - row.start,
                    value.end - row.start,
                )
            )
        if not row.header and per_table[row.table] == 1:
            for name, cell in zip(row.column_names, cells, strict=False):
                out.append(Labelled(_key(name), row, cell.start - row.start, cell.end - row.start))
    return out


def labelled_once(doc: Document) -> LabelledValues:
    """:func:`labelled_values` of ``doc``, read on the first call only: the incident's
    window, its windows by section and its stated durations ask for the same list."""
    found: list[list[Labelled]] = []

    def values() -> list[Labelled]:
        if not found:
            found.append(labelled_values(doc))
        return found[0]

    return values
