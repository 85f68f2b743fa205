"""PM401's units: the cheap test for a block of several sentences agrees with the split."""

from __future__ import annotations

import itertools

import pytest

from pmlint.checks.repeats import _SENTENCE, _may_split, _pairs, _units
from pmlint.document.model import Block

_PIECES = ("", "a", "word two", ".", "!", "?", "\n", "...", " ", "e.g.", "v1.2", "!?\n")


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_may_split_holds_whenever_the_split_finds_two_sentences(length: int) -> None:
    for pieces in itertools.product(_PIECES, repeat=length):
        text = "".join(pieces)
        several = len(list(_SENTENCE.finditer(text))) >= 2
        assert _may_split(text) or not several, repr(text)


def test_may_split_refuses_one_sentence_and_accepts_two() -> None:
    assert not _may_split("The database ran out of connections at noon.")
    assert not _may_split("...the pool was full!\n")
    assert _may_split("The pool was full. Requests queued behind it.")
    assert _may_split("First line of the item\nsecond line of the item")


def _block(text: str, index: int) -> Block:
    start = index * 1000
    return Block("paragraph", start, start + len(text), text, index + 1, index + 1)


def test_a_sentence_repeated_in_the_next_block_pairs_with_it() -> None:
    said = "The cache kept serving the old certificate for most of the afternoon."
    blocks = [
        _block(f"Clients saw handshake errors. {said}", 0),
        _block(f"{said} Nobody rotated it by hand.", 1),
    ]
    pairs = _pairs(list(_units(blocks)))
    assert [(copy.block_index, original.block_index) for copy, original in pairs] == [(1, 0)]
    copy, original = pairs[0]
    assert blocks[1].text[copy.start - blocks[1].start : copy.end - blocks[1].start] == said
    assert original.key == copy.key


def test_one_sentence_blocks_give_whole_block_units_only() -> None:
    text = "The cache kept serving the old certificate for most of the afternoon"
    units = list(_units([_block(text, 0), _block(text, 1)]))
    assert [u.whole_block for u in units] == [True, True]
    assert [(c.block_index, o.block_index) for c, o in _pairs(units)] == [(1, 0)]
