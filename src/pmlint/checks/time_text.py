"""How the time rules quote what was written: a time without markup, and the blocks a
reader sees as text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.lazy_re import LazyPattern

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block
    from pmlint.document.time import TimeExpr

__all__ = ["CLOCK_PROBLEM_RE", "clean_time_text", "fmt_clock", "text_blocks"]

# problems of the clock part (PM203's), as opposed to a date that does not exist (PM305's)
CLOCK_PROBLEM_RE = LazyPattern(r"^(?:minute|second|hour)\b|24-hour|UTC offset")


def fmt_clock(t: TimeExpr) -> str:
    """The time as written, without surrounding markup or unbalanced parentheses."""
    return clean_time_text(t.text)


def clean_time_text(raw: str) -> str:
    """Written time text for a message: no markup, sentence dot or unbalanced parenthesis."""
    text = " ".join(raw.strip(" *_|").split())
    if re.search(r"[AaPp][Mm]\.$", text):
        text = text[:-1]
    if text.endswith(")") and text.count("(") < text.count(")"):
        text = text[:-1].rstrip()
    if text.count("(") > text.count(")"):
        text = text.rstrip(" *_") + ")"
    return text


def text_blocks(doc: Document) -> Iterator[Block]:
    """Every block a reader sees as text (headings included, code excluded)."""
    return (b for b in doc.blocks if b.kind != "code")
