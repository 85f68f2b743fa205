"""PM604 tests a document once for what it can hold; the tests never skip a real value.

Every match of the sensitive-value patterns in a block (its masked text, or a code
block's raw text) must pass both the document's test (:class:`_Present`, run on the
source) and the block's own. Markup inside a value is the hard case: the block's masked
text blanks it, the source keeps it.
"""

from __future__ import annotations

from conftest import FIXTURES, SHARED, codes, lint_text
from pmlint.checks.language import (
    _CARD,
    _CARD_HINT,
    _EMAIL,
    _IPV4,
    _IPV6,
    _JWT,
    _PRIVATE_KEY,
    _maybe_ip,
    _Present,
)
from pmlint.document.document import Document
from pmlint.source import decode

# Our own lines, with values split or wrapped by markup the masked text blanks.
SAMPLES = [
    "Card 4111*1111*1111*1111 was charged twice.",
    "The card `5500`-0000-0000-0004 failed.",
    "Traffic came from **8.8.4.4** and <b>1.1.1.1</b>.",
    "The IPv6 peer _2606:4700:4700::1111_ and ::1 were seen.",
    "Mail <i>ops.lead@corp-mail.net</i> for access.",
    "Token eyJhbGciOiJI.eyJzdWIiOiIx.c2lnbmF0dXJl was pasted.",
    "```\n-----BEGIN RSA PRIVATE KEY-----\nabc\n```",
    "Card number 4111111111111111 appeared in a log line.",
]


def documents() -> list[Document]:
    """The samples, PM604's fixtures and the shared corpus when it is there."""
    texts = list(SAMPLES)
    paths = sorted((FIXTURES / "rules").glob("PM604*/*.md"))
    if (SHARED / "corpus" / "real").is_dir():
        paths += sorted((SHARED / "corpus" / "real").glob("*.md"))
    texts += [p.read_text(encoding="utf-8") for p in paths]
    return [Document(decode(t.encode("utf-8"), "doc.md")) for t in texts]


def test_every_match_passes_its_gates() -> None:
    """A block where a pattern matches passes the document's and the block's tests."""
    matched = 0
    for doc in documents():
        present = _Present(doc.text)
        for block in doc.blocks:
            text = block.text if block.kind == "code" else block.masked
            for pattern, gate in (
                (_PRIVATE_KEY, present.tokens),
                (_JWT, present.tokens),
                (_EMAIL, present.email and "@" in text),
                (_IPV4, present.ip and _maybe_ip(text)),
                (_IPV6, present.ip and _maybe_ip(text)),
                (_CARD, present.card and bool(_CARD_HINT.search(text))),
            ):
                for match in pattern.finditer(text):
                    matched += 1
                    assert gate, (pattern.pattern, match.group(0), doc.text[:80])
    assert matched >= len(SAMPLES), "the samples should match: the test checks too little"


def test_values_split_by_markup_are_reported() -> None:
    """Through the whole rule, a card or an address wrapped in markup is still found."""
    for text in (SAMPLES[0], SAMPLES[2], SAMPLES[4]):
        assert "PM604" in codes(lint_text(f"# Incident\n\n{text}\n")), text


def test_a_document_without_values_holds_none() -> None:
    """Dates, clock times and version numbers open no gate a value would need."""
    present = _Present("On 2024-03-05 at 14:05 we rolled back to v1.2 (build 20240305).")
    assert not (present.card or present.ip or present.email or present.tokens)
