"""PM402 looks for a need's rarest character before the need: the needs found are those
the plain search finds.

``document_needs`` skips a need whose rarest character the document lacks; compared here
with looking for every part of every need, on the placeholder fixtures, the shared
corpus, and random documents of placeholder fragments in mixed case (with characters
that case folding changes).
"""

from __future__ import annotations

import random

from conftest import FIXTURES, SHARED
from pmlint.checks import placeholder_needs
from pmlint.checks.placeholder_needs import document_needs

_FRAGMENTS = [
    "19",
    "20",
    "XX",
    "xx",
    "?",
    "??",
    ":",
    "TBD",
    "tba",
    "ToDo",
    "FIXME",
    "[",
    "]",
    "<",
    ">",
    "{{",
    "}}",
    "lorem",
    "IPSUM",
    "your",
    "fill",
    "to",
    "be",
    "placeholder",
    "text",
    "(",
    "DD",
    "MM",
    "YY",
    "HH",
    "/",
    ".",
    "-",
    " ",
    " ",
    "\n",
    "ß",
    "İ",
    "word",
]


def _plain_needs(text: str) -> tuple:
    folded = text.casefold()
    return tuple(
        need
        for need in placeholder_needs._placeholder_needs()
        if all(part in folded for part in need[0].split())
    )


def _documents() -> list[str]:
    rng = random.Random(402)
    texts = ["".join(rng.choices(_FRAGMENTS, k=rng.randint(1, 30))) for _ in range(3000)]
    paths = sorted((FIXTURES / "rules").glob("PM402*/*.md"))
    if (SHARED / "corpus" / "real").is_dir():
        paths += sorted((SHARED / "corpus" / "real").glob("*.md"))
    return texts + [p.read_text(encoding="utf-8") for p in paths]


def test_same_needs_as_the_plain_search() -> None:
    found = 0
    for text in _documents():
        expected = _plain_needs(text)
        assert document_needs(text) == expected, text[:80]
        found += len(expected)
    assert found >= 3000, found  # the documents hold needs


def test_each_need_is_looked_for_by_one_of_its_characters() -> None:
    for rare, _parts, need in placeholder_needs._need_parts():
        assert rare in need[0] and rare != " ", need
