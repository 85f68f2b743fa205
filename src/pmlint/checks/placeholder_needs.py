"""PM402's placeholder patterns: each runs only where the text it needs is."""

from __future__ import annotations

import functools
import re
from typing import Any

from pmlint.data import load_toml


@functools.cache
def _placeholder_needs() -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each ``needs`` text of the placeholder patterns, with the patterns that need it."""
    users: dict[str, list[int]] = {}
    for index, entry in enumerate(placeholder_data()["patterns"]):
        for need in entry["needs"]:
            users.setdefault(need, []).append(index)
    return tuple((need, tuple(indices)) for need, indices in users.items())


@functools.cache
def _placeholder_pattern(indices: tuple[int, ...]) -> re.Pattern[str]:
    """The chosen placeholder patterns as one alternation, in their file order."""
    patterns = placeholder_data()["patterns"]
    return re.compile("|".join(f"(?:{patterns[i]['regex']})" for i in indices), re.IGNORECASE)


def document_needs(text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """The placeholder needs a block of the document ``text`` can hold, tested once.

    A block's masked text only blanks markup to spaces, so the characters of a need found
    in it, but for its spaces (which may be blanked markup: "your*" reads "your "), are in
    the source: each space-free part of the need is.
    """
    folded = text.casefold()
    found = []
    for rare, parts, need in _need_parts():
        if rare not in folded:  # one character, looked for first: most needs stop here
            continue
        for part in parts:
            if part not in folded:
                break
        else:
            found.append(need)
    return tuple(found)


# Characters by how often prose holds them, most often first: a need is looked for by
# its rarest character before its whole text (a character not listed counts as rare).
_COMMON_FIRST = " 0123456789.,-:/etaoinshrdlcumwfgypbvkjxqz"


def _rarity(char: str) -> int:
    index = _COMMON_FIRST.find(char)
    return len(_COMMON_FIRST) if index < 0 else index


@functools.cache
def _need_parts() -> tuple[tuple[str, tuple[str, ...], tuple[str, tuple[int, ...]]], ...]:
    """Each entry of :func:`_placeholder_needs` with the rarest character of its need and
    the need's space-free parts."""
    return tuple(
        (max(need[0].replace(" ", ""), key=_rarity), tuple(need[0].split()), need)
        for need in _placeholder_needs()
    )


def placeholder_spans(
    text: str, needs: tuple[tuple[str, tuple[int, ...]], ...]
) -> list[tuple[int, int]]:
    """Spans of placeholder patterns in ``text``: only patterns whose needs it holds run.

    A pattern that cannot match anywhere changes nothing in an alternation, so leaving it
    out keeps the matches the whole alternation finds. ``needs`` are those of
    :func:`document_needs` for the text's document.
    """
    if not needs:
        return []
    folded = text.casefold()
    chosen = sorted({i for need, indices in needs if need in folded for i in indices})
    if not chosen:
        return []
    return [m.span() for m in _placeholder_pattern(tuple(chosen)).finditer(text)]


@functools.cache
def placeholder_data() -> dict[str, Any]:
    """The ``[placeholders]`` table of ``content.toml``, its word lists as sets."""
    data = dict(load_toml("content.toml")["placeholders"])
    for name in ("status-columns", "value-columns", "status-words", "html-tags", "noun-keywords"):
        data[name] = frozenset(data[name])
    return data
