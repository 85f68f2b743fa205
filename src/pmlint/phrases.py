"""Word lists to regular expressions: the one builder every check uses.

A phrase matches as whole words, case-insensitively by default, with any run of
whitespace where the list has a space. Longer phrases come first, so "forgot to"
wins over "forgot" at the same place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def phrase_alternation(phrases: Iterable[str]) -> str:
    """``a\\s+b|c``: the phrases escaped, longest first, spaces matching any whitespace."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)


def phrase_pattern(phrases: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """The phrases as whole words (not inside a longer word or a hyphenated one)."""
    return re.compile(rf"(?<![\w-])(?:{phrase_alternation(phrases)})(?![\w-])", flags)
