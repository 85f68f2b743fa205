"""A report pasted twice: find the second copy from the blocks, once per document."""

from __future__ import annotations

import msgspec

from pmlint.document.model import Block

_MIN_BLOCKS = 4  # a paste of the report: several blocks in a row ...
_MIN_HEADINGS = 2  # ... spanning at least two of its sections ...
_MIN_WORDS = 40  # ... with some substance
_MAX_CANDIDATES = 8  # earlier blocks with the same text tried as the copy's original
_MAX_INTRO_WORDS = 5


class PastedCopy(msgspec.Struct, frozen=True):
    """The second copy of a pasted report: blocks ``first..last`` repeat ``original``.

    ``start``/``line`` include the short line that introduces the copy ("Question 2:"),
    when there is one; ``first`` is the index (in ``Document.blocks``) of the copy's
    first repeated block.
    """

    start: int
    end: int
    line: int
    end_line: int
    first: int
    last: int
    original_first: int
    original_last: int
    original_line: int
    original_end_line: int

    def contains_line(self, line: int) -> bool:
        """Whether ``line`` lies inside the copy (its introducing line included)."""
        return self.line <= line <= self.end_line


def find_pasted_copy(blocks: list[Block]) -> PastedCopy | None:
    """The longest run of blocks repeating an earlier run (non-overlapping), if it is a paste.

    A run must hold ``_MIN_BLOCKS`` blocks, ``_MIN_HEADINGS`` headings and ``_MIN_WORDS``
    words. Linear in practice: each start is tried against a few earlier blocks and the
    scan jumps past every run it finds.
    """
    if not _repeats_headings(blocks):
        return None
    keys = [f"{b.kind == 'heading'}:{b.normalised}" for b in blocks]
    seen: dict[str, list[int]] = {}
    best: tuple[int, int, int] | None = None  # (length, copy start, original start)
    i = 0
    while i < len(keys):
        length, start_j = 0, 0
        for j in seen.get(keys[i], [])[:_MAX_CANDIDATES]:
            run = _run_length(keys, j, i)
            if run > length:
                length, start_j = run, j
        if length and (best is None or length > best[0]) and _is_paste(blocks, i, length):
            best = (length, i, start_j)
        for index in range(i, i + max(length, 1)):
            seen.setdefault(keys[index], []).append(index)
        i += max(length, 1)
    if best is None:
        return None
    length, first, original = best
    last = first + length - 1
    start_block = blocks[first]
    intro = blocks[first - 1] if first - 1 > original + length - 1 else None
    if intro is not None and _is_intro(intro):
        start_block = intro
    return PastedCopy(
        start=start_block.start,
        end=blocks[last].end,
        line=start_block.line,
        end_line=blocks[last].end_line,
        first=first,
        last=last,
        original_first=original,
        original_last=original + length - 1,
        original_line=blocks[original].line,
        original_end_line=blocks[original + length - 1].end_line,
    )


def _repeats_headings(blocks: list[Block]) -> bool:
    """Whether ``_MIN_HEADINGS`` headings repeat earlier ones, as a paste's copy needs.

    A copy's headings equal its original's, which come before it: with fewer repeated
    headings there is no paste, and the other blocks need not be compared.
    """
    seen: set[str] = set()
    repeated = 0
    for block in blocks:
        if block.kind == "heading":
            if block.normalised in seen:
                repeated += 1
                if repeated >= _MIN_HEADINGS:
                    return True
            seen.add(block.normalised)
    return False


def _run_length(keys: list[str], original: int, copy: int) -> int:
    """How many keys from ``copy`` on repeat those from ``original``, without overlap."""
    length = 0
    while (
        copy + length < len(keys)
        and original + length < copy
        and keys[original + length] == keys[copy + length]
    ):
        length += 1
    return length


def _is_paste(blocks: list[Block], first: int, length: int) -> bool:
    run = blocks[first : first + length]
    headings = sum(1 for b in run if b.kind == "heading")
    words = sum(b.word_count for b in run)
    return length >= _MIN_BLOCKS and headings >= _MIN_HEADINGS and words >= _MIN_WORDS


def _is_intro(block: Block) -> bool:
    """A one-line, few-word line right before the copy ("Question 2:", "Copy:")."""
    return (
        block.line == block.end_line
        and block.kind in ("paragraph", "heading")
        and 0 < block.word_count <= _MAX_INTRO_WORDS
        and (block.section is None or not block.section.keys or block.kind != "heading")
    )
