"""The clock builder's gates (a word before a clock time looked for only after a letter or
its dot, a ratio's word only after one of its first letters, an abbreviation read straight
from the zone table) decide as the plain code they skip: compared here with that code on
hand-written and random texts."""

from __future__ import annotations

import re

import pytest

from conftest import batches, plain_zone_of, random_texts
from pmlint.document.time import clock_zone, clocks
from pmlint.document.time.tokens import MONTH_NUMBERS
from pmlint.document.zones import match_zone, zone_table


def _bad_context_plain(text: str, start: int, end: int) -> bool:
    """The clock context test with every search run."""
    before = text[max(0, start - 16) : start]
    if clocks._OFFSET_BEFORE_RE.search(before):
        return True
    w = clocks._WORD_BEFORE_RE.search(before)
    if w and w.group(1) in clocks._BIBLE_BOOKS:
        return True
    if clocks._VERSE_AFTER_RE.match(text, end) and ":" in text[start:end]:
        prev = w.group(1) if w else ""
        if prev[:1].isupper() and prev.lower() not in MONTH_NUMBERS:
            return True
    return bool(clocks._RATIO_AFTER_RE.match(text, end))


_PIECES = [
    *"0123456789:. \t\n-|(+",
    "3:16",
    "10:00",
    "1:10",
    "John ",
    "Rev. ",
    "Psalm\t",
    "May ",
    "at ",
    "| ",
    "- ",
    "x.",
    "\u00e9 ",
    " ratio",
    " RATIO",
    " Odds",
    " split",
    " \u017fplit",
    " \u017fcale",
    " aSpect",
    " mix",
    " MIXED",
    "Ratio",
    "             ",
    "-17",
    "UTC-",
]


_WRITTEN = [
    "John 3:16, Rev. 2:10, Psalm\t23:4 and at 9:30 then | 10:00 and - 10:05",
    "1:10 ratio, 1:10 \u017fplit, 2:1 ODDS, 16:9 aspect, 1:10\t\tmix, 3:2 Scale",
    "1:10                 ratio (many spaces) and 1:10 rationale and 1:10 mixing",
    "Mark 4:3-9 and May 4:3-9 and x. 4:3-9",
]


@pytest.mark.parametrize("texts", batches(_WRITTEN + random_texts(_PIECES, 2500, 7, most=10)))
def test_the_gated_context_test_refuses_as_the_plain_one(texts: list[str]) -> None:
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, min(len(text), start + 6) + 1):
                got = clocks._bad_clock_context(text, start, end)
                assert got == _bad_context_plain(text, start, end), (text, start, end)


def test_the_written_contexts_reach_both_answers() -> None:
    answers = [
        clocks._bad_clock_context(t, m.start(), m.end())
        for t in _WRITTEN
        for m in re.finditer(r"\d+:\d+", t)
    ]
    assert answers.count(True) >= 8 and answers.count(False) >= 4


_AFTER = ["{} deploy", "{}", "{} (PST)", "{}, then", "{}-1", "{}/Berlin"]


@pytest.mark.parametrize("abbr", sorted(zone_table().by_abbr))
def test_an_abbreviation_reads_as_get_zone_reads_it(abbr: str) -> None:
    for form in [*_AFTER, "Pacific Standard Time (PST)", "Europe/Berlin", "UTC+3", "Zulu"]:
        text = "10:00 " + form.format(abbr)
        m = match_zone(text, 6)
        if m is None:
            continue
        got = clock_zone._zone_of(text, 5, m, m.end())
        assert got == plain_zone_of(text, 5, m, m.end()), text
        assert clock_zone.scan_zone(text, 5, dash_offset=False) == (
            plain_zone_of(text, 5, m, m.end())
        ), text
