"""PM604's document-level gates for keys and addresses never skip a real match.

:class:`_Present` keeps the key prefixes the source holds, whether a secret key name can
be in it (case-folded), and the offsets of each "@" an address can be built around; a
block then runs the prefixed-key pattern only with those prefixes in it, the keyed one
only when a key name can be in the document, and the address pattern only when such an
"@" lies inside it. Every match of those patterns in a block's checked text (masked, or a
code block's raw text) must pass them: on hand-written lines with markup around and
inside values, on the shared corpus, and on random documents made of value fragments.
"""

from __future__ import annotations

import random

from conftest import FIXTURES, SHARED, codes, lint_text
from pmlint.checks.language import _EMAIL, _Present, _secret_patterns
from pmlint.document.document import Document
from pmlint.source import decode

SAMPLES = [
    "Mail <i>ops.lead@corp-mail.net</i> or **oncall@pager.example.io** for access.",
    "Reach _first.last+tag@sub.domain.org_ and x@y.co today.",
    "The handle @jdoe paged @sre-team; nobody wrote an address.",
    "x@y.co\n\nb@c.io",
    "Set **api_key**=Zx9Qw2Er7Ty6Ui5Op4As3Df in the config.",
    "`PASSWORD: 'Hunter2Hunter2Hunter2X'` was in the runbook.",
    "The key AKIA**IOSFODNN7EXAMPLE99** leaked, and ghp_aB3dE5gH7jK9mN1pQ3 too.",
    "```\nexport ACCESS_TOKEN=q8W7e6R5t4Y3u2I1o0PzXc\nxoxb-123456789012-abcdef\n```",
    "| token | sk_live_4eC39HqLyjWDarjtT1zdp7dc |\n|---|---|\n| a | b |",
]

_FRAGMENTS = [
    "api_key",
    "API-KEY",
    "Secret",
    "token",
    "Bearer",
    "pwd",
    "AKIA",
    "ghp_",
    "sk-proj-",
    "SG.",
    "hf_",
    "xoxb-",
    "Zx9Qw2Er7Ty6Ui5Op4As3Df",
    "aB3dE5gH7jK9mN1pQ3rS",
    "@",
    "a.b",
    "mail",
    "corp-mail.net",
    "=",
    ":",
    " = ",
    "'",
    '"',
    "*",
    "**",
    "_",
    "__",
    "`",
    "~~",
    "<b>",
    "</b>",
    "[",
    "]",
    " ",
    " ",
    "\n",
    "\n\n",
    "- ",
    "word",
    "The",
    ".",
    ",",
]


def _random_documents(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = rng.choices(_FRAGMENTS, k=rng.randint(1, 40))
        texts.append("".join(parts))
    return texts


def documents() -> list[Document]:
    """The samples, random documents, PM604's fixtures and the shared corpus."""
    texts = SAMPLES + _random_documents(1500, 604)
    paths = sorted((FIXTURES / "rules").glob("PM604*/*.md"))
    if (SHARED / "corpus" / "real").is_dir():
        paths += sorted((SHARED / "corpus" / "real").glob("*.md"))
    texts += [p.read_text(encoding="utf-8") for p in paths]
    return [Document(decode(t.encode("utf-8"), "doc.md")) for t in texts]


def test_every_key_and_address_passes_the_document_gates() -> None:
    """Each prefixed key, keyed value and address lies where the gates let it be found."""
    prefixed, keyed = _secret_patterns()
    matched = {"prefixed": 0, "keyed": 0, "email": 0}
    for doc in documents():
        present = _Present(doc.text)
        for block in doc.blocks:
            text = block.text if block.kind == "code" else block.masked
            for match in prefixed.finditer(text):
                matched["prefixed"] += 1
                assert any(p in text for p in present.prefixes), (match.group(0), text)
            for match in keyed.finditer(text):
                matched["keyed"] += 1
                assert present.keys, (match.group(0), text)
            if block.kind == "code":
                continue
            for match in _EMAIL.finditer(text):
                matched["email"] += 1
                assert present.email and present.email_in(block), (match.group(0), text)
    assert min(matched.values()) >= 20, matched  # the texts reach every pattern


def test_handles_open_no_address_gate() -> None:
    """Chat handles ("@jdoe") are no address: the document needs no author look-up."""
    present = _Present(SAMPLES[2])
    assert not present.email and not present.personal


def test_values_found_through_the_rule() -> None:
    """Keys, keyed values and addresses wrapped in markup are still reported."""
    for text in (SAMPLES[0], SAMPLES[4], SAMPLES[6]):
        assert "PM604" in codes(lint_text(f"# Incident\n\n{text}\n")), text
