"""A pasted copy needs two repeated headings: documents without them are not compared.

:func:`find_pasted_copy` stops early when fewer than two headings repeat earlier ones;
these documents, in our own words, sit on both sides of that line.
"""

from __future__ import annotations

from pmlint.document.document import Document
from pmlint.document.model import normalise_for_duplicates
from pmlint.source import decode

PART = """## Summary

The billing queue stopped draining after the broker upgrade, so invoices were
created but never sent, and nobody noticed until the finance team asked why.

## Impact

About four thousand invoices went out two hours late to customers in every
region, and support answered some ninety tickets about missing bills that day.
"""


def pasted(text: str) -> object:
    """The document's pasted copy, or None."""
    return Document(decode(text.encode("utf-8"), "doc.md")).pasted_copy


def test_a_report_pasted_twice_is_found() -> None:
    """Two sections, their headings and paragraphs, written again below: a paste."""
    copy = pasted(f"# Billing delay\n\n{PART}\nCopy:\n\n{PART}")
    assert copy is not None
    assert copy.original_line == 3


def test_one_repeated_heading_is_not_a_paste() -> None:
    """The same paragraphs again under one repeated heading and a new one: no paste."""
    second = PART.replace("## Impact", "## Customer effect")
    assert pasted(f"# Billing delay\n\n{PART}\n{second}") is None


def test_normalised_text_keeps_words_only() -> None:
    """Case, punctuation, bullets, URLs and spacing do not count; one space between words."""
    assert normalise_for_duplicates("  * Rolled back -- see https://x.example/a?b=1 NOW!  ") == (
        "rolled back see now"
    )
    assert normalise_for_duplicates("...") == ""
