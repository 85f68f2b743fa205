"""Findings, their locations and their fixes: what every rule produces.

All are frozen structs (slotted, built in C): a large run holds many of them.
"""

from __future__ import annotations

import enum

import msgspec


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse, so severities compare."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name used in config and output (``error``)."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        """Read ``error``/``warning``/``info`` (or a one-letter ``E``/``W``/``I``)."""
        if isinstance(value, Severity):
            return value
        text = value.strip().lower()
        for member in cls:
            if text in (member.label, member.label[0]):
                return member
        raise ValueError(f"unknown severity {value!r} (expected error, warning or info)")


class Applicability(enum.Enum):
    """Whether a fix can be applied without a human checking it (ruff's fix safety)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    SUGGESTION = "suggestion"
    """Shown to people, never applied: ``--fix`` found that it would add a finding."""


class Position(msgspec.Struct, frozen=True, order=True):
    """A 1-based line and column (columns count characters, not bytes)."""

    line: int
    column: int


class Span(msgspec.Struct, frozen=True):
    """A half-open range of the source text: character offsets plus line/column ends."""

    start_offset: int
    end_offset: int
    start: Position
    end: Position


class Edit(msgspec.Struct, frozen=True):
    """Replace the characters ``[start_offset, end_offset)`` of the text with ``content``."""

    start_offset: int
    end_offset: int
    content: str


class Fix(msgspec.Struct, frozen=True):
    """A titled set of edits that together correct one finding."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.UNSAFE


class Finding(msgspec.Struct, frozen=True):
    """One problem found in one document."""

    code: str
    name: str
    message: str
    severity: Severity
    span: Span
    path: str = ""
    fix: Fix | None = None
    url: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Deterministic order: path, line, column, code, message."""
        return (self.path, self.span.start.line, self.span.start.column, self.code, self.message)
