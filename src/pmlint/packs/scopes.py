"""Scopes: which parts of a document a declarative rule reads.

A scope is one or more terms joined with ``&`` (all must hold); ``~`` negates a term.
A rule's ``scope`` is a list of such scopes, and a piece of text is in the rule's scope
when any of them holds (``["section:timeline", "section:root-cause"]``).

Terms: ``document`` (everything but code), ``section:<key>`` (a section by meaning, its
subsections included), ``heading``, ``paragraph``, ``list.item``, ``table.row``,
``table.cell`` (the rule then reads single cells), ``timeline.entry`` (a list item,
table row or line of the timeline) and ``code``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import msgspec

from pmlint.data import load_toml

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block, Cell

_TERM = re.compile(r"(?P<neg>~?)\s*(?P<name>[a-z][a-z.-]*)(?::(?P<arg>[a-z0-9-]+))?")
_SIMPLE = (
    "document",
    "heading",
    "paragraph",
    "list.item",
    "table.row",
    "table.cell",
    "timeline.entry",
    "code",
)
_ENTRY_KINDS = ("list_item", "table_row", "paragraph")


class ScopeError(ValueError):
    """A scope string that does not parse or names an unknown part."""


class Unit(msgspec.Struct, frozen=True):
    """A piece of text in scope: a block, or one cell of a table row."""

    block: Block
    cell: Cell | None = None

    @property
    def start(self) -> int:
        """Source offset of :attr:`text`."""
        return self.cell.start if self.cell else self.block.start

    @property
    def text(self) -> str:
        """Text with markup blanked (offsets preserved), for matching."""
        if self.cell is None:
            return self.block.masked
        offset = self.cell.start - self.block.start
        return self.block.masked[offset : offset + len(self.cell.text)]


class Term(msgspec.Struct, frozen=True):
    """One term of a scope: a name, its argument, and whether it is negated."""

    name: str
    arg: str | None = None
    negated: bool = False

    def holds(self, doc: Document, unit: Unit) -> bool:
        """Whether the unit is in this term (before negation is applied)."""
        block = unit.block
        kind = block.kind
        if self.name == "section":
            return _in_section(block, self.arg or "")
        checks: dict[str, Callable[[], bool]] = {
            "document": lambda: kind != "code",
            "heading": lambda: kind == "heading",
            "paragraph": lambda: kind == "paragraph",
            "list.item": lambda: kind == "list_item",
            "table.row": lambda: kind == "table_row" and not block.header,
            "table.cell": lambda: unit.cell is not None,
            "code": lambda: kind == "code",
            "timeline.entry": lambda: (
                kind in _ENTRY_KINDS and not block.header and _in_section(block, "timeline")
            ),
        }
        return checks[self.name]()


def _in_section(block: Block, key: str) -> bool:
    section = block.section
    while section is not None:
        if key in section.keys:
            return True
        section = section.parent
    return False


@functools.cache
def section_keys() -> frozenset[str]:
    """The canonical section keys shipped in ``sections.toml``."""
    return frozenset(load_toml("sections.toml")["sections"])


def parse_scope(text: str) -> tuple[Term, ...]:
    """Parse ``"section:root-cause & ~list.item"`` into terms; raises :class:`ScopeError`."""
    terms: list[Term] = []
    for part in text.split("&"):
        match = _TERM.fullmatch(part.strip())
        if not match:
            raise ScopeError(f"cannot read scope term {part.strip()!r}")
        name, arg = match.group("name"), match.group("arg")
        if name == "section":
            if arg not in section_keys():
                known = ", ".join(sorted(section_keys()))
                raise ScopeError(f"unknown section {arg!r} in scope (known: {known})")
        elif name not in _SIMPLE or arg is not None:
            raise ScopeError(
                f"unknown scope {part.strip()!r} (known: section:<key>, {', '.join(_SIMPLE)})"
            )
        terms.append(Term(name, arg, bool(match.group("neg"))))
    return tuple(terms)


def units_in(doc: Document, scopes: tuple[tuple[Term, ...], ...]) -> Iterator[Unit]:
    """Every unit of ``doc`` in any of ``scopes``, in document order, each once."""
    wants_cells = any(t.name == "table.cell" and not t.negated for scope in scopes for t in scope)
    wants_code = any(t.name == "code" and not t.negated for scope in scopes for t in scope)
    for block in doc.blocks:
        if block.kind == "code" and not wants_code:
            continue
        candidates = [Unit(block)]
        if wants_cells and block.kind == "table_row" and not block.header:
            candidates += [Unit(block, cell) for cell in block.cells]
        for unit in candidates:
            if any(_matches(doc, unit, scope) for scope in scopes):
                yield unit


def _matches(doc: Document, unit: Unit, scope: tuple[Term, ...]) -> bool:
    cell_term = any(t.name == "table.cell" and not t.negated for t in scope)
    if (unit.cell is not None) != cell_term:
        return False
    return all(term.holds(doc, unit) != term.negated for term in scope)
