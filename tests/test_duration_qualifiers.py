"""The qualifier before a duration ("about", "less than an") is found as ignoring case finds it.

On ASCII text the pattern runs on the lowered text without IGNORECASE; here both are asked
right before every place of hand-written and drawn texts, ASCII or not (with characters
that change case or length, and the Kelvin sign and long s, which match "k" and "s").
"""

from __future__ import annotations

import random
import re

import pytest

from pmlint.document.durations import _QUAL, _qualifier

IGNORING_CASE = re.compile(_QUAL, re.IGNORECASE)

TEXTS = [
    "Down for About 2 hours, then LESS THAN\tan hour, then just  over 5 minutes.",
    "Approx. 3 hours; approx 4; ca. 20 minutes; ~5 min; \u2248 6 hours; no more than a day.",
    "xabout 5 hours, 1under 3, Within an hour, up to  an hour, at  most 2, An estimated 9.",
    "\u0130stanbul was down for \u017fome 2 hours, almo\u017ft 3, about \u212a 4 and nearly 5.",
]


def _same_everywhere(text: str) -> int:
    found = 0
    for start in range(len(text) + 1):
        expected = IGNORING_CASE.search(text, max(0, start - 24), start)
        got = _qualifier(text, start)
        assert got == (expected and (expected.start(), expected.group("q").lower())), start
        found += expected is not None
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_same_on_written_texts(text: str) -> None:
    """Each text holds qualifiers, found at the same places."""
    assert _same_everywhere(text) > 0


WORDS = ["about", "ABOUT", "Less", "than", "an", "a", "just", "over", "up", "to", "at", "most"]
WORDS += ["approx.", "approx", "ca.", "~", "\u2248", "within", "no", "more", "estimated", "5"]
WORDS += ["hours", "\u017fome", "\u212a", "\u0130", "x", "some", "circa", "nearly", "Under"]


def test_same_on_drawn_texts() -> None:
    """Texts drawn from qualifier words and others, with varied spacing and case."""
    drawn = random.Random(24)
    text = "".join(
        drawn.choice(WORDS) + drawn.choice([" ", " ", "  ", "\t", "", ",", "\n"])
        for _ in range(3000)
    )
    assert _same_everywhere(text) > 1000
