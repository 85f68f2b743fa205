"""PM604's card hint in an ASCII text is two literals of the text's digit shape.

``_card_hint`` answers whether the card hint pattern matches a text; in an ASCII text it
maps each digit to "d" and any other character to "x" and looks for "ddddxdddd" or
thirteen "d"s. It must answer as the pattern does: on hand-written lines (separators,
markup, line breaks, digits of other scripts, which are not ASCII), on random texts of
digits and separators, and on the fixtures and the shared corpus.
"""

from __future__ import annotations

import random

from conftest import FIXTURES, SHARED
from pmlint.checks.language import _CARD_HINT, _card_hint, _Present

SAMPLES = [
    "",
    "1234",
    "1234 5678",
    "1234-567",
    "4111 1111 1111 1111",
    "4111-1111-1111-1111",
    "4111*1111*1111*1111",
    "1234\n5678",
    "1234\t5678 and more",
    "12345678",
    "123456789012",
    "1234567890123",
    "x1234567890123y",
    "On 2024-03-05 at 14:05 we rolled back build 20240305.",
    "Card ٤١١١ ١١١١ ١١١١ ١١١١ in Arabic-Indic digits",
    "Full-width ４１１１ ４１１１ and 1234é5678",
    "1234é5678 has a non-ASCII separator",
    "1234 ５６７８ mixes scripts",
]

_PIECES = ["1", "4", "9", "0", "12", "1234", " ", "-", "\n", ".", "a", "*", "é", "٣", "５"]


def _texts() -> list[str]:
    rng = random.Random(1405)
    texts = list(SAMPLES)
    texts += ["".join(rng.choices(_PIECES, k=rng.randint(1, 30))) for _ in range(5000)]
    ascii_only = [p for p in _PIECES if p.isascii()]
    texts += ["".join(rng.choices(ascii_only, k=rng.randint(1, 30))) for _ in range(5000)]
    paths = sorted((FIXTURES / "rules").glob("PM604*/*.md"))
    if (SHARED / "corpus" / "real").is_dir():
        paths += sorted((SHARED / "corpus" / "real").glob("*.md"))
    return texts + [p.read_text(encoding="utf-8") for p in paths]


def test_shape_answers_as_the_pattern() -> None:
    """Same answer as the pattern on every text, with both answers seen in ASCII texts."""
    seen = {True: 0, False: 0}
    for text in _texts():
        expected = _CARD_HINT.search(text) is not None
        assert _card_hint(text) == expected, text
        assert _Present(text).card == expected, text
        if text.isascii():
            seen[expected] += 1
    assert min(seen.values()) >= 500, seen
