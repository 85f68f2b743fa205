"""Cheap necessary conditions for the clock rows of the time grammar: a block is only
scanned by the regexes that can match in it (most of them start with a look-behind, which
makes the regex engine try every position)."""

from __future__ import annotations

import re

__all__ = [
    "has_colon",
    "has_dot",
    "has_dotted_meridiem",
    "has_four_digits",
    "has_iso_t",
    "has_meridiem",
    "has_noon",
    "has_relative",
    "has_spaced_clock",
]

_ISO_T_HINT_RE = re.compile(r"\d[Tt]\d\d:")
_MER_HINT_RE = re.compile(r"\d[ \t\u00a0]?[AaPp]\.?[Mm]")
_FOUR_DIGITS_RE = re.compile(r"\d\d\d\d")
_DOT_DIGIT_HINT_RE = re.compile(r"\d\.[0-5]\d")
_NOON_HINT_RE = re.compile(r"[Nn][Oo][Oo][Nn]|[Mm][Ii][Dd](?:[Dd][Aa][Yy]|[Nn][Ii][Gg][Hh][Tt])")
_T_SIGN_HINT_RE = re.compile(r"T[ \t]?[\-\u2212]")


def has_iso_t(text: str) -> bool:
    """An ISO timestamp's date-T-clock seam ("2024-03-05T14:05")."""
    return _ISO_T_HINT_RE.search(text) is not None


def has_colon(text: str) -> bool:
    """A colon, which every clock time with minutes holds."""
    return ":" in text


def has_meridiem(text: str) -> bool:
    """A digit followed by am or pm ("6PM", "10:00 a.m.")."""
    return _MER_HINT_RE.search(text) is not None


def has_dotted_meridiem(text: str) -> bool:
    """A dotted clock with am or pm ("10.30am")."""
    return "." in text and has_meridiem(text)


def has_dot(text: str) -> bool:
    """A dotted 24-hour clock's digits ("15.25")."""
    return _DOT_DIGIT_HINT_RE.search(text) is not None


def has_four_digits(text: str) -> bool:
    """Four digits in a row ("1405Z", "0300 hours")."""
    return _FOUR_DIGITS_RE.search(text) is not None


def has_noon(text: str) -> bool:
    """Noon, midday or midnight."""
    return _NOON_HINT_RE.search(text) is not None


def has_relative(text: str) -> bool:
    """A relative marker's sign ("T+5m", "+00:10")."""
    return "+" in text or _T_SIGN_HINT_RE.search(text) is not None


_SPACED_HINT_RE = re.compile(r"\d:[ \t]\d")


def has_spaced_clock(text: str) -> bool:
    """A clock time typed with a space after its colon ("12: 48pm")."""
    return _SPACED_HINT_RE.search(text) is not None and has_meridiem(text)
