"""Zones found without compiling the long names again must be found as the patterns do.

match_zone looks long zone names up in the table: the pattern (:data:`ZONE_TOKEN_PATTERN`)
is compiled here and both are asked at every place of sentences written for this test and
of names drawn from the table with varied case, spacing, truncation and what follows them.
Zone declarations and mentions are found with a look-ahead for a zone's first characters,
and must be the matches of their patterns written out.
"""

from __future__ import annotations

import random
import re
import time

import pytest

from pmlint.document import zone_mentions
from pmlint.document.zones import (
    ABBR_STRONG_PATTERN,
    ABBR_WEAK_PATTERN,
    NAMES_PATTERN,
    ZONE_TOKEN_PATTERN,
    match_zone,
    name_start_pattern,
    zone_start_pattern,
    zone_table,
)

SENTENCES = [
    "The deploy began at 09:10 Pacific Time (US & Canada) and ended by noon.",
    "Paged at 3am central european summer time, or CEST; the fix landed in Zulu time.",
    "All times are in Eastern time-ish, except the Pacific Timeline and mountain  time.",
    "Logs are in UTC+5:30, GMT-04:00, US/Pacific and Europe/London, not Pacific Timex.",
    "Recorded in Brasília Time and in brasilia time; east\u00a0africa time is EAT.",
    "Not zones: NASA, ESTX, PSTs, CA, AEDTS, EEST9 or UTCX; zones: AEDT, CT, ET. and (WIB).",
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
    zones = [
        "UTC",
        "utc",
        "PST",
        "Pacific Time",
        "pacific time (US & Canada)",
        "Eastern",
        "uk time",
    ]
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


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_start_patterns_hold_where_every_zone_starts(flags: int) -> None:
    """The look-aheads let through every long name, whatever its case, and every zone."""
    names = re.compile(name_start_pattern(), flags)
    zones = re.compile(zone_start_pattern(), flags)
    for name in zone_table().by_name:
        for spelling in (name, name.upper(), name.title(), name.replace(" ", "\t")):
            assert names.match(spelling), spelling
            assert zones.match(spelling), spelling
    abbreviations = [a for a in zone_table().by_abbr if a != "Z"]  # "Z" is not a zone token
    for token in [*abbreviations, "utc+3", "Gmt-1", "UT", "US/Pacific", "Etc/UTC"]:
        assert zones.match(token), token


def test_mentions_as_the_written_out_pattern() -> None:
    """Zone mentions are the matches of the mention pattern with the names written out."""
    tokens_written_out = (  # the abbreviations too, where the pattern has a run of capitals
        r"(?P<off>(?i:UTC|GMT)[+\-\u2212]\d{1,2}(?::?\d{2})?)(?![\d:A-Za-z])"
        rf"|(?P<strong>UTC|GMT|{ABBR_STRONG_PATTERN})(?![A-Za-z0-9])"
        rf"|(?P<weak>UT|{ABBR_WEAK_PATTERN})(?![A-Za-z0-9])"
    )
    written = re.compile(
        rf"(?<![A-Za-z0-9])(?:(?P<name>(?i:(?:{NAMES_PATTERN})))(?![A-Za-z])"
        rf"|{tokens_written_out})|{zone_mentions._MENTION_ZULU}"
    )
    drawn = random.Random(21)
    names = sorted(zone_table().by_name)
    tokens = ["UTC", "GMT+1", "utc-05:30", "PST", "BST", "UT", "2024-01-02T10:00Z", "Z"]
    tokens += ["India", "uk", "Pacificx", "new", "ZULU", "Uk Time", "unit", "10:00 (CAT)"]
    tokens += ["NASA", "ESTX", "PSTs", "CA", "UTCX", "EEST9", "(ABC)", "AEDTS", "CT", "ET."]
    words = [drawn.choice([*tokens, drawn.choice(names).title()]) for _ in range(4000)]
    text = " ".join(w + drawn.choice(["", ",", ")", "s", "."]) for w in words)
    expected = [(m.start(), m.end(), m["weak"] is not None) for m in written.finditer(text)]
    assert len(expected) > 1500
    assert list(zone_mentions._mentions(text)) == expected


@pytest.mark.parametrize("unit", ["(new", "new ", "India", "uk" + " " * 20, "UTC "])
def test_long_texts_take_linear_time(unit: str) -> None:
    """100 KB of places where a name may start is a hang guard: each look-up reads a few
    words of bounded length, so the scan stays linear (seconds, not minutes)."""
    text = unit * (100_000 // len(unit))
    started = time.perf_counter()
    list(zone_mentions._mentions(text))
    list(zone_mentions._declarations("all times " + text))
    assert time.perf_counter() - started < 5.0
