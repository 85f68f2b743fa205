"""Zones found without compiling the long names again must be found as the patterns do.

match_zone looks long zone names up in the table: the pattern (:data:`ZONE_TOKEN_PATTERN`)
is compiled here and both are asked at every place of sentences written for this test and
of names drawn from the table with varied case, spacing, truncation and what follows them.
Zone declarations are found with a look-ahead for a zone's first characters, and must be
the matches of the declaration pattern written out.
"""

from __future__ import annotations

import random
import re

import pytest

from pmlint.document import zone_mentions
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


def _drawn_declarations() -> str:
    """Declarations drawn from their forms, zones (some not zones) and endings."""
    drawn = random.Random(9)
    forms = ["All times are in", "all times", "Times listed are", "Timeline (", "Dates (*"]
    forms += ["Timezone:", "tz =", "time zone -", "times are given in the", "Timestamp ("]
    zones = ["UTC", "utc", "PST", "Pacific Time", "pacific time (US & Canada)", "Eastern"]
    zones += ["US Central", "-0500", "+05:30", "UTC+3", "GMT -1", "Europe/London", "UT", "Z"]
    zones += ["India", "TBD", "roughly", "Indochina Time", "IST", "Zulu", "**CET**", "Brasília"]
    ends = ["", ")", " )", "*)", ".", ", roughly", "x", " time", " (EAT)"]
    lines = [
        drawn.choice(["", "Note: ", "see "])
        + drawn.choice(forms)
        + drawn.choice(["", " ", "  ", "\t"])
        + drawn.choice(zones)
        + drawn.choice(ends)
        for _ in range(2000)
    ]
    return "\n".join(lines)


def test_declarations_as_the_written_out_pattern() -> None:
    """Declarations are found where the pattern with the zone written out finds them,
    also where the look-ahead lets a non-zone through ("Timeline (TBD)")."""
    text = _drawn_declarations()
    expected = [m.span() for m in zone_mentions._decl_re().finditer(text)]
    assert len(expected) > 1000
    assert list(zone_mentions._declarations(text)) == expected
