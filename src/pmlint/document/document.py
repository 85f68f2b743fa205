"""The :class:`Document`: one linted file, with views computed on first use."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.document.builder import Parsed, parse
from pmlint.document.frontmatter import find_front_matter
from pmlint.document.lazy import lazy
from pmlint.document.model import Block, Field, FrontMatter, Section
from pmlint.document.paste import PastedCopy, find_pasted_copy
from pmlint.document.sections import (
    SectionRegistry,
    default_section_registry,
    normalise_title,
)
from pmlint.source import Source

if TYPE_CHECKING:
    from pmlint.document.block_times import BlockTimes
    from pmlint.document.incident import Incident
    from pmlint.document.stamped import ZoneStamp
    from pmlint.document.timeline import Timeline

_FIELD = re.compile(
    r"[ \t>]*(?:[-+•◦▪●·]\s+|\d{1,2}[.)]\s+)?"
    r"(?P<label>[A-Za-z][A-Za-z'’/&()# -]{0,48}?)[ \t]*:(?!//)[ \t]*(?P<value>[^\n]*)"
)
_MAX_LABEL_WORDS = 6


class Document:
    """A parsed postmortem: source, blocks, sections, fields, and (lazily) times."""

    def __init__(
        self,
        source: Source,
        registry: SectionRegistry | None = None,
        settings: dict[str, object] | None = None,
    ) -> None:
        self.source = source
        self.registry = registry or default_section_registry()
        self.settings: dict[str, object] = settings or {}
        self.front_matter: FrontMatter | None = find_front_matter(source)
        parsed: Parsed = parse(source, self.registry, self.front_matter)
        self.blocks: list[Block] = parsed.blocks
        self.root: Section = parsed.root  # type: ignore[assignment]
        self.sections: list[Section] = parsed.sections
        self.code_lines: frozenset[int] = frozenset(parsed.code_lines)
        self._blocks_in: dict[str, tuple[Block, ...]] = {}

    @property
    def path(self) -> str:
        """The path shown to the user."""
        return self.source.path

    @property
    def text(self) -> str:
        """The full text."""
        return self.source.text

    def sections_for(self, key: str) -> list[Section]:
        """Every section whose title means ``key``, in document order."""
        return [s for s in self.sections if key in s.keys]

    def has_section(self, key: str) -> bool:
        """Whether some section means ``key``."""
        return any(key in s.keys for s in self.sections)

    def blocks_in(self, key: str) -> list[Block]:
        """Content blocks (not headings) under every section meaning ``key`` (a new list:
        the blocks are gathered once per key, and several rules ask for the same key)."""
        found = self._blocks_in.get(key)
        if found is None:
            found = self._blocks_in[key] = self._gather_blocks(key)
        return list(found)

    def _gather_blocks(self, key: str) -> tuple[Block, ...]:
        seen: set[int] = set()
        out: list[Block] = []
        for section in self.sections_for(key):
            for block in section.all_blocks():
                if block.kind != "heading" and id(block) not in seen:
                    seen.add(id(block))
                    out.append(block)
        return tuple(out)

    def content_blocks(self) -> Iterator[Block]:
        """All blocks except headings."""
        return (b for b in self.blocks if b.kind != "heading")

    @lazy
    def fields(self) -> list[Field]:
        """``Label: value`` lines, with the value taken from the next line if empty."""
        found: list[Field] = []
        for block in self.blocks:
            if block.kind in ("code", "table_row", "heading"):
                continue
            masked = block.masked
            if ":" not in masked:  # most blocks: every field has a colon
                continue
            lines = masked.split("\n")
            position = 0
            for number, line in enumerate(lines):
                match = _FIELD.match(line) if ":" in line else None
                if match and self._is_label(match.group("label")):
                    value_start = position + match.start("value")
                    value_end = position + match.end("value")
                    if not match.group("value").strip() and number + 1 < len(lines):
                        nxt = position + len(line) + 1
                        value_start = nxt + (
                            len(lines[number + 1]) - len(lines[number + 1].lstrip())
                        )
                        value_end = nxt + len(lines[number + 1].rstrip())
                    value = block.text[value_start:value_end].strip()
                    label = match.group("label").strip()
                    found.append(
                        Field(
                            label=label,
                            key=normalise_title(label),
                            value=value,
                            label_start=block.start + position + match.start("label"),
                            value_start=block.start + value_start,
                            value_end=block.start + value_end,
                            block=block,
                        )
                    )
                position += len(line) + 1
        return found

    @staticmethod
    def _is_label(label: str) -> bool:
        words = label.split()
        return 0 < len(words) <= _MAX_LABEL_WORDS and label.lower() not in ("http", "https")

    def release(self) -> None:
        """Break the document's reference cycles once it is done with: each block's link to
        its section, each section's to its parent, and the views (some of which hold the
        document). Reference counting then frees the whole document at once, where the cycle
        collector would have had to trace it first. The document is empty afterwards."""
        for block in self.blocks:
            block.section = None
        for section in self.sections:
            section.parent = None
        self.root.parent = None
        self.__dict__.clear()

    def field(self, *keys: str) -> Field | None:
        """The first field whose normalised label is one of ``keys``."""
        for item in self.fields:
            if item.key in keys:
                return item
        return None

    @lazy
    def intro_blocks(self) -> list[Block]:
        """Prose before the first section that means something: an implicit summary."""
        first_keyed = next(
            (s.heading.start for s in self.sections if s.keys and s.heading), len(self.source.text)
        )
        return [
            b for b in self.blocks if b.kind in ("paragraph", "list_item") and b.start < first_keyed
        ]

    @lazy
    def pasted_copy(self) -> PastedCopy | None:
        """The second copy of a report pasted twice (with its introducing line), or None.

        Other rules do not report inside it: PM401 reports the paste once.
        """
        return find_pasted_copy(self.blocks)

    # Time views: parsed on first use (the time layer is imported only then).

    @lazy
    def block_times(self) -> BlockTimes:
        """Time expressions of each block: ``doc.block_times[block]``."""
        from pmlint.document.block_times import BlockTimes

        return BlockTimes(self)

    @lazy
    def timeline(self) -> Timeline:
        """The entries of the timeline section(s), with days and moments."""
        from pmlint.document.timeline_builder import build_timeline

        return build_timeline(self)

    @lazy
    def incident(self) -> Incident:
        """What the document states about its incident: window, detection, durations."""
        from pmlint.document.incident_builder import build_incident

        return build_incident(self)

    @lazy
    def zone_stamps(self) -> list[ZoneStamp]:
        """Clock times written with a zone, conversion lines left out."""
        from pmlint.document.stamped import collect_zone_stamps

        return collect_zone_stamps(self)
