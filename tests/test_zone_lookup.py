"""match_zone looks long zone names up in the table: it must match as the zone pattern does.

The pattern (:data:`ZONE_TOKEN_PATTERN`) is compiled here and both are asked at every
place of sentences written for this test and of names drawn from the table with varied
case, spacing, truncation and what follows them.
"""

from __future__ import annotations

import random
import re

import pytest

from pmlint.document.zones import ZONE_TOKEN_PATTERN, match_zone, zone_table

SENTENCES = [
    "The deploy began at 09:10 Pacific Time (US & Canada) and ended by noon.",
    "Paged at 3am central european summer time, or CEST; the fix landed in Zulu time.",
    "All times are in Eastern time-ish, except the Pacific Timeline and mountain  time.",
    "Logs are in UTC+5:30, GMT-04:00, US/Pacific and Europe/London, not Pacific Timex.",
    "Recorded in Brasília Time and in brasilia time; east\u00a0africa time is EAT.",
    "Reported as zulu, Zulu Time, ZULU TIME or zulutime by the pager.",
]


def _same_everywhere(text: str) -> int:
    """Ask both at every place; return how many places hold a zone."""
    pattern = re.compile(ZONE_TOKEN_PATTERN)
    found = 0
    for pos in range(len(text)):
        expected = pattern.match(text, pos)
        got = match_zone(text, pos)
        assert (got and got.span()) == (expected and expected.span()), (text, pos)
        if expected:
            assert got is not None and got.group(0) == expected.group(0)
            found += 1
    return found


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_as_the_zone_pattern(sentence: str) -> None:
    """Each sentence holds zones, found at the same places with the same spans."""
    assert _same_everywhere(sentence) > 0


def test_same_on_names_drawn_from_the_table() -> None:
    """Every long name, cased, spaced, cut short or followed by letters in many ways."""
    drawn = random.Random(14)
    names = sorted(zone_table().by_name)
    pieces = []
    for _ in range(1500):
        words = drawn.choice(names).split()
        words = [drawn.choice([w, w.upper(), w.capitalize(), w[:-1]]) for w in words]
        text = words[0]
        for word in words[1:]:
            text += drawn.choice([" ", " ", "  ", "\n", "\t", "\u00a0"]) + word
        pieces.append(text + drawn.choice(["", ")", ",", "x", "s", "-based", " (US & Canada)"]))
    assert _same_everywhere(" ; ".join(pieces)) > 500
