"""The timeline builder's look-up of a block's times in a range (bisection, and a block with
one time or none answered at once) finds what filtering every time of the block finds."""

from __future__ import annotations

import random

import pytest

from pmlint.document.document import Document
from pmlint.document.timeline_builder import _Builder
from pmlint.source import decode

_LINES = [
    "- 10:00 UTC: paged",
    "- 10:05 UTC: rollback, done at 10:20 UTC, confirmed 10:25 UTC",
    "- escalated to the database team",
    "| 2024-03-05T14:05Z | deploy | 14:10 |",
    "The outage ran from 09:00 to 11:30 PST on May 5, 2024.",
    "No time here.",
    "noon: lunch, then 1:00 PM: resumed",
]


def _document(rng: random.Random) -> Document:
    lines = ["# Incident", "", "## Timeline", ""]
    lines += [rng.choice(_LINES) for _ in range(rng.randint(1, 8))]
    text = "\n".join(lines) + "\n"
    return Document(decode(text.encode(), "t.md"))


@pytest.mark.parametrize("seed", range(40))
def test_times_in_a_range_are_the_times_starting_in_it(seed: int) -> None:
    doc = _document(random.Random(seed))
    builder = _Builder(doc)
    for block in doc.blocks:
        times = doc.block_times[block]
        n = len(block.masked)
        for lo in range(-1, n + 2):
            for hi in [*range(lo, n + 3, 5), lo + 1]:
                expected = [t for t in times if lo <= t.start < hi]
                assert builder.times_in(block, lo, hi) == expected, (block.masked, lo, hi)


def test_the_lines_give_blocks_of_no_time_one_and_several() -> None:
    text = "\n".join(["# Incident", "", "## Timeline", "", *_LINES]) + "\n"
    doc = Document(decode(text.encode(), "t.md"))
    assert {min(len(doc.block_times[b]), 2) for b in doc.blocks} == {0, 1, 2}
