"""The time scanner's shortcuts must never change what it finds: a row's hint passes on every
text its pattern finds a time in (a match its builder keeps), and no zone token starts at a
position without a letter (the scanner does not ask the zone table there)."""

from __future__ import annotations

import pytest

from conftest import batches, random_texts
from pmlint.document.time import DATE_ORDERS, find_times
from pmlint.document.time.hints import hints_of, may_hold_time
from pmlint.document.time.scan import _GRAMMAR
from pmlint.document.time.tokens import zone_after, zone_follows
from pmlint.document.zones import match_zone, zone_table

# pieces the random texts are made of: digits, separators, meridiems, months, weekdays, zones,
# relative markers, and characters that ignore-case matching treats as ASCII letters
_PIECES = [
    *"0123456789:.-/+ ,()TtZzOoAaPpMm\t\u00a0\u2212\u017f\u212a",
    "May ",
    "sept ",
    "Sept. ",
    "march 2024",
    "Monday, ",
    "the ",
    "of ",
    "12: ",
    "2024-",
    "T+",
    "T-",
    "noon",
    "MIDNIGHT",
    "MidDay",
    " UTC",
    " PST",
    "(CET)",
    " hours",
    " hrs",
    "am",
    "p.m.",
    "Europe/Berlin",
    "Pacific Standard Time",
    "GMT+3",
]


_WRITTEN = [
    "Deploy finished at 2023-06-01T08:15:00Z and traffic recovered by 2023-06-01T08:40Z.",
    "On 04/12/2023 the queue backed up; on 12.04.2023 it happened again; 07-19 14:30 too.",
    "The 2025-Mar-07 change, then Tuesday, April 9th, 2024 and the 3rd of March 2024.",
    "Paged at 9.15 p.m., acknowledged 9: 40 PM, fixed by 22.05 CET on 5 May.",
    "Alert at 0310Z, escalation at 1500 hours, rollback around noon, done by midnight.",
    "T+5m the pool drained; +00:10 it refilled; T-30s the deploy had started at 6PM.",
    "logs from 29 april 2022 and may 3 2021 were kept",
]


@pytest.mark.parametrize("texts", batches(_WRITTEN + random_texts(_PIECES, 4000, 14, most=12)))
def test_a_row_runs_wherever_it_finds_a_time(texts: list[str]) -> None:
    for text in texts:
        passed = hints_of(text)
        for row in _GRAMMAR:
            for date_order in DATE_ORDERS:
                if any(row.build(text, m, date_order) for m in row.pattern.finditer(text)):
                    assert row.hint in passed, (row.build.__name__, text)


def test_the_written_examples_are_found() -> None:
    # each example holds several times, so the rows above really ran on them
    for text in _WRITTEN:
        assert len(find_times(text)) >= 2, text


def test_every_zone_in_the_table_starts_with_a_letter() -> None:
    table = zone_table()
    names = [*table.by_name, *table.by_abbr]
    assert names
    assert all(name[:1].isalpha() for name in names)


@pytest.mark.parametrize("texts", batches(random_texts(_PIECES, 3000, 41, most=12)))
def test_no_zone_starts_without_a_letter(texts: list[str]) -> None:
    for text in texts:
        for pos in range(len(text)):
            if not text[pos].isalpha():
                assert match_zone(text, pos) is None, (text, pos)


def test_zones_after_clock_times_are_still_read() -> None:
    assert zone_after("10:00 (UTC)", 5)[1] is not None
    assert zone_after("10:00 Pacific Standard Time", 5)[1] is not None
    assert zone_after("10:00 - restarted", 5)[1] is None
    assert zone_follows("1405 Europe/Berlin", 4, paren=True)
    assert not zone_follows("2024-03-05", 4, paren=True)


@pytest.mark.parametrize(
    "text",
    [
        "Auguſt 5, 2024 10:00 UTC",  # long s, which ignoring case reads as "s"
        "Tueſday, May 7, 2024",
        "5-Auguſt-2024",
        "Aprıl 3, 2024",  # dotless i
    ],
)
def test_a_month_or_weekday_with_a_look_alike_letter_is_not_read(text: str) -> None:
    # it used to raise KeyError (every time rule crashed); the grammar rows refuse it
    found = find_times(text, use_fallback=False)
    assert all(t.month_day is None and t.date is None for t in found)


@pytest.mark.parametrize("texts", batches(random_texts(_PIECES, 3000, 77, most=12)))
def test_a_text_that_may_hold_no_time_holds_none(texts: list[str]) -> None:
    # the document's blocks skip the scan when may_hold_time says no
    for text in texts:
        if not may_hold_time(text):
            assert find_times(text, use_fallback=False) == []


def test_noon_and_digits_may_hold_a_time() -> None:
    assert may_hold_time("restarted at NOON")
    assert may_hold_time("step 3")
    assert not may_hold_time("restarted at dawn, mıdnight")
