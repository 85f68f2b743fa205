"""PM402 tests a document once for the placeholder needs it holds; no match is lost.

A block's placeholder patterns run on its masked text, where markup is blanked to spaces,
while :func:`document_needs` reads the source. Every match found in a block with all the
patterns must belong to a pattern whose need the document's test kept.
"""

from __future__ import annotations

import re

from conftest import FIXTURES, SHARED, codes, lint_text
from pmlint.checks.placeholder_needs import document_needs, placeholder_data
from pmlint.document.document import Document
from pmlint.source import decode

# Our own lines: needs with a space made by blanked markup, needs wrapped in markup.
SAMPLES = [
    "Owner: *your*team goes here",
    "We will*fill*later, after the review.",
    "Impact: to*be*determined",
    "Detected at <b>XX:XX</b> by the on-call.",
    "Started on 12 May **20XX**.",
    "Lorem*ipsum* dolor sit amet.",
]


def documents() -> list[Document]:
    """The samples, PM402's fixtures and the shared corpus when it is there."""
    texts = list(SAMPLES)
    paths = sorted((FIXTURES / "rules").glob("PM402*/*.md"))
    if (SHARED / "corpus" / "real").is_dir():
        paths += sorted((SHARED / "corpus" / "real").glob("*.md"))
    texts += [p.read_text(encoding="utf-8") for p in paths]
    return [Document(decode(t.encode("utf-8"), "doc.md")) for t in texts]


def test_every_match_keeps_its_need() -> None:
    """A pattern that matches in a block has a need the document's test kept."""
    patterns = [re.compile(e["regex"], re.IGNORECASE) for e in placeholder_data()["patterns"]]
    matched = 0
    for doc in documents():
        kept = {index for _, indices in document_needs(doc.text) for index in indices}
        for block in doc.blocks:
            for index, pattern in enumerate(patterns):
                for match in pattern.finditer(block.masked):
                    matched += 1
                    assert index in kept, (match.group(0), doc.text[:80])
    assert matched >= len(SAMPLES), "the samples should match: the test checks too little"


def test_needs_made_by_blanked_markup_are_reported() -> None:
    """Through the whole rule, a placeholder whose space is blanked markup is found."""
    for text in SAMPLES[:3]:
        assert "PM402" in codes(lint_text(f"# Incident\n\n{text}\n")), text


def test_a_filled_document_keeps_few_needs() -> None:
    """Plain prose without template text keeps no need but its common words' ones."""
    kept = {need for need, _ in document_needs("The deploy at 14:05 UTC failed; we rolled back.")}
    assert not kept & {"tbd", "todo", "xx:xx", "lorem ipsum", "[", "<"}
