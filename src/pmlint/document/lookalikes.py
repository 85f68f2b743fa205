"""Letters outside ASCII that a caseless pattern matches for an ASCII letter.

Python's ``re``, ignoring case, matches the long s "ſ" for "s", the Kelvin sign "K" for
"k", and the dotless "ı" and the dotted capital "İ" for "i". A word such a pattern
matched is read through these helpers before a look-up keyed by ASCII words, so "5 ſecs"
reads as "5 secs".
"""

from __future__ import annotations

__all__ = ["folded", "folded_lowered"]

_ASCII_FOLD = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0131": "i", "\u0130": "i"})


def folded(matched: str) -> str:
    """``matched`` lower case, with each lookalike letter as its ASCII one."""
    return matched.lower() if matched.isascii() else matched.translate(_ASCII_FOLD).lower()


def folded_lowered(lowered: str) -> str:
    """A text already lowered with ``str.lower``, with each lookalike letter as its ASCII
    one (a dotted capital i lowers to "i" and a combining dot)."""
    if lowered.isascii():
        return lowered
    return lowered.replace("i\u0307", "i").translate(_ASCII_FOLD)
