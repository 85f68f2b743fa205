"""``loose_text._from_first_letter`` returns a title that starts with a letter or digit as it
is, and otherwise drops what comes before its first one: the same as scanning every
character, on hand-written and random titles."""

from __future__ import annotations

import random

from pmlint.document import loose_text


def _scanned(title: str) -> str:
    return title[next((i for i, c in enumerate(title) if c.isalnum()), 0) :]


HAND_WRITTEN = [
    "Timeline",
    "🕰️ Timeline",
    "**Impact",
    "  Root cause",
    "5 Whys",
    "Éléments",
    "_",
    "",
    "🔥🔥",
    "٣ Action items",
]


def _random_titles(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["a", "Z", "7", "٣", "é", " ", "*", "_", "🕰️", "#", ":", "-", "\t", "Timeline"]
    return ["".join(rng.choices(pieces, k=rng.randint(0, 6))) for _ in range(count)]


def test_from_first_letter_is_the_scan() -> None:
    titles = HAND_WRITTEN + _random_titles(5000, 19)
    cut = 0
    for title in titles:
        assert loose_text._from_first_letter(title) == _scanned(title), title
        cut += _scanned(title) != title
    assert cut > 100, cut  # titles with something to drop are among them
