"""Repeated paragraphs, items, rows and sentences: the units PM401 compares."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import msgspec

from pmlint.document.model import Block, normalise_for_duplicates

_MIN_DUP_WORDS = 8
_NEAR_RATIO = 0.92
_RESPELLING = 0.75  # two words at least this similar are one word spelt two ways
_SWAP_MIN = 3  # shorter words ("a", "an", "to") are not what an entry is about
_NEAR_MAX_CHARS = 2000  # longer texts are compared exactly: difflib is quadratic
_BUCKET_CANDIDATES = 16  # earlier units with the same opening words tried as originals
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")  # greedy, no backtracking: linear
_TERMINATORS = ".!?\n"  # the characters a _SENTENCE run stops at
_DIGITS = re.compile(r"\d+")
_URL = re.compile(r"\b(?:https?|ftp|wss?)://[^\s<>()\[\]]+", re.IGNORECASE)


def nearly_equal(a: str, b: str) -> bool:
    """Whether two normalised texts are at least ``_NEAR_RATIO`` similar.

    Texts whose numbers differ are different facts (the same event at another time);
    the cheap upper bounds (length, then difflib's quick ratios) rule most pairs out
    before the full, quadratic comparison runs.
    """
    if min(len(a), len(b)) * 2 < _NEAR_RATIO * (len(a) + len(b)):
        return False
    if max(len(a), len(b)) > _NEAR_MAX_CHARS or _DIGITS.findall(a) != _DIGITS.findall(b):
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _NEAR_RATIO
        and matcher.quick_ratio() >= _NEAR_RATIO
        and matcher.ratio() >= _NEAR_RATIO
    )


def _word_swapped(a: str, b: str) -> bool:
    """Whether each text has a word of its own that is no respelling of one the other has
    ("logs a warning message" and "logs an error message"): two entries next to each other
    that differ so are two events, as two that differ in a number are."""
    words_a, words_b = set(a.split()), set(b.split())
    own_a, own_b = words_a - words_b, words_b - words_a

    def unmatched(words: set[str], others: set[str]) -> bool:
        return any(
            len(word) >= _SWAP_MIN
            and all(difflib.SequenceMatcher(None, word, o).ratio() < _RESPELLING for o in others)
            for word in words
        )

    return unmatched(own_a, own_b) and unmatched(own_b, own_a)


class Unit(msgspec.Struct):
    """A paragraph, list item, row or sentence compared for duplication."""

    key: str
    start: int
    end: int
    line: int
    end_line: int
    block_index: int
    whole_block: bool


def repeated_units(blocks: list[Block]) -> list[tuple[Unit, Unit]]:
    """(copy, original) pairs: whole blocks anywhere, sentences only back to back."""
    return _pairs(list(_units(blocks)))


def _units(blocks: list[Block]) -> Iterator[Unit]:
    """Whole blocks and, in blocks of several sentences, each sentence."""
    for index, block in enumerate(blocks):
        key = block.normalised
        if _words_in(key) >= _MIN_DUP_WORDS:
            yield Unit(key, block.start, block.end, block.line, block.end_line, index, True)
        if block.kind == "table_row" or not _may_split(block.text):
            continue
        sentences = list(_SENTENCE.finditer(_urls_unbroken(block.text)))
        if len(sentences) < 2:
            continue
        for match in sentences:
            sentence = block.text[match.start() : match.end()]
            key = normalise_for_duplicates(sentence)
            if _words_in(key) >= _MIN_DUP_WORDS:
                start = block.start + match.start() + (len(sentence) - len(sentence.lstrip()))
                end = block.start + match.end()
                yield Unit(key, start, end, block.line, block.end_line, index, False)


def _urls_unbroken(text: str) -> str:
    """``text`` with each URL's characters read as letters, so a sentence does not end
    at a dot inside one ("https://github.com/org/repo/issues/522"): same length, same
    offsets."""
    if "://" not in text:
        return text
    return _URL.sub(lambda m: "x" * len(m.group(0)), text)


def _may_split(text: str) -> bool:
    """Whether ``text`` can hold two sentences: a terminator with text on both sides
    (each sentence :data:`_SENTENCE` finds is a run of non-terminators)."""
    inner = text.strip(_TERMINATORS)
    return "." in inner or "\n" in inner or "!" in inner or "?" in inner


def _words_in(key: str) -> int:
    """Number of words of a normalised text (one space between words, none around)."""
    return key.count(" ") + 1 if key else 0


def _pairs(units: list[Unit]) -> list[tuple[Unit, Unit]]:
    """(copy, original) pairs: whole blocks anywhere, sentences only back to back."""
    first_seen: dict[str, Unit] = {}
    buckets: dict[str, list[Unit]] = {}
    pairs: list[tuple[Unit, Unit]] = []
    for unit in units:
        opening = " ".join(unit.key.split(" ", 4)[:4])  # keys: one space between words
        original = first_seen.get(unit.key)
        if original is None:
            for candidate in buckets.get(opening, [])[-_BUCKET_CANDIDATES:]:
                if (
                    candidate.block_index != unit.block_index
                    and candidate.whole_block == unit.whole_block
                    and nearly_equal(candidate.key, unit.key)
                    and not (
                        unit.block_index - candidate.block_index == 1
                        and _word_swapped(candidate.key, unit.key)
                    )
                ):
                    original = candidate
                    break
        if original is None or original.start == unit.start:
            first_seen.setdefault(unit.key, unit)
            buckets.setdefault(opening, []).append(unit)
            continue
        both_blocks = original.whole_block and unit.whole_block
        same_block = unit.block_index == original.block_index
        back_to_back = unit.block_index - original.block_index <= 1 and not (
            same_block and (unit.whole_block or original.whole_block)
        )
        if both_blocks or back_to_back:
            pairs.append((unit, original))
    return pairs
