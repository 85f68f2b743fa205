"""Cheap necessary conditions for the rows of the time grammar: a text is only scanned by
the regexes that can match in it (most of them start with a look-behind, which makes the
regex engine try every position). :func:`hints_of` answers all of them in one pass, each
test run once however many rows share it; a row names the hint it needs."""

from __future__ import annotations

import re

__all__ = [
    "COLON",
    "DAY_MONTH",
    "DOT",
    "DOTTED_MERIDIEM",
    "FOUR_DIGITS",
    "ISO_T",
    "MERIDIEM",
    "MONTH",
    "MONTH_AND_DASH",
    "NOON",
    "NUMERIC_DATE",
    "RELATIVE",
    "SPACED_CLOCK",
    "hint_bit",
    "hint_mask",
    "hints_of",
    "may_hold_time",
]

COLON = "colon"  # a colon, which every clock time with minutes holds
ISO_T = "iso_t"  # an ISO timestamp's date-T-clock seam ("2024-03-05T14:05")
NUMERIC_DATE = "numeric_date"  # digits around a date separator ("03-26", "1/2/24")
MONTH = "month"  # a month name read as one (capitalised, or lowercase before a year)
DAY_MONTH = "day_month"  # a month read as one, written after a day ("5 May", "3rd of Mar")
MONTH_AND_DASH = "month_and_dash"  # a month name and a dash or slash ("2025-Feb-07")
MERIDIEM = "meridiem"  # a digit followed by am or pm ("6PM", "10:00 a.m.")
DOTTED_MERIDIEM = "dotted_meridiem"  # a dotted clock with am or pm ("10.30am")
SPACED_CLOCK = "spaced_clock"  # a clock typed with a space after its colon ("12: 48pm")
DOT = "dot"  # a dotted 24-hour clock's digits ("15.25")
FOUR_DIGITS = "four_digits"  # four digits then a letter ("1405Z", "0300 hours", "1936 UTC")
NOON = "noon"  # noon, midday or midnight
RELATIVE = "relative"  # a relative marker's sign ("T+5m", "+00:10")

# the month names of tokens.MONTH by first letter: each pattern below opens with that letter
# written out, so the regex engine skips to the letters that can start one (a pattern opening
# with a look-behind is tried at every position), then looks behind the letter
_CAPITAL_MONTHS = {
    "J": "anuary|une|uly|an|un|ul",
    "F": "ebruary|eb",
    "M": "arch|ay|ar",
    "A": "pril|ugust|pr|ug",
    "S": "eptember|ept|ep",
    "O": "ctober|ct",
    "N": "ovember|ov",
    "D": "ecember|ec",
}
# a capitalised month name standing as a word, as the date rows read one ("May 5", "5-Mar-24";
# not "Deploy", "Market")
_CAPITAL_MONTH_RE = re.compile(
    "(?:"
    + "|".join(rf"{first}(?<![A-Za-z0-9].)(?i:{rest})" for first, rest in _CAPITAL_MONTHS.items())
    + ")(?![A-Za-z0-9])"
)
_LOWER_MONTHS = {
    "j": "an|un|ul",
    "f": "eb",
    "m": "ar|ay",
    "a": "pr|ug",
    "s": "ep",
    "o": "ct",
    "n": "ov",
    "d": "ec",
}
# a lowercase month is read only with a year after it ("29 april 2022")
_LOWER_MONTH_YEAR_RE = re.compile(
    "(?:"
    + "|".join(rf"{first}(?<![a-z].)(?:{rest})" for first, rest in _LOWER_MONTHS.items())
    + r")[a-z]{0,6}\.?[ \t\u00a0]+"
    r"(?:\d{1,2}"
    r"(?:st|nd|rd|th)?,?[ \t\u00a0]+)?(?:19|20)\d\d"
)
# a day then a month, as every day-first date is written: the day's last digit, its ordinal
# or dot, spaces, "of", and the first three letters of the month, ignoring case as the date
# row does ("5 May", "3rd of March", "Monday 3. February")
_DAY_MONTH_RE = re.compile(
    r"\d(?:st|nd|rd|th|\.)?[ \t\u00a0]+(?:of[ \t\u00a0]+)?"
    r"(?i:j(?:an|u[nl])|feb|ma[ry]|a(?:pr|ug)|sep|oct|nov|dec)"
)
# "T-5m": a T standing alone, as the relative row reads one (not the end of "PDT - ")
_T_SIGN_HINT_RE = re.compile(r"T(?<![A-Za-z0-9].)[ \t]?[\-\u2212]")
# every hint that starts with a digit, in one scan over the digits: after the digit, each
# branch is one hint's pattern past its first digit, marked by the empty group after it. A
# branch takes only characters that are not digits (the others are looked ahead at), so no
# digit that could start another hint is passed over; each opens with the one character or
# set it needs next, so the engine drops most branches at once. At one digit at most one
# branch can match (their next characters differ: T, a separator, a meridiem letter, a
# space, a colon, a digit; the two date branches differ in what follows the day: a second
# separator or a space or T), except that a dotted clock's digits ("15.25.2023") may be a
# numeric date's too: the numeric date's branch then passes DOT with a group of its own
_DIGIT_HINTS_RE = re.compile(
    r"\d(?:"
    r"[Tt](?=\d\d:)()"  # ISO_T: "2024-03-05T14:05"
    # NUMERIC_DATE, as the date rows need it after the digit before the first separator:
    # a second separator after one or two digits, then the year or day standing alone
    # ("1/2/24", "2021-12-13", "15.05.2023"; not the date of "2024-03-05T14:05", which the
    # ISO timestamp row reads), with a dotted clock's digits after the dot ("15.25.2023")
    # passing DOT too; or a day after one or two digits (the first not written after a
    # letter, digit or separator), then a space or T and a digit ("03-26 23:04")
    r"|[-/.](?=\d{1,2}[-/.](?:\d{1,2}|\d{4})(?![A-Za-z0-9]))()(?:(?<=\.)(?=[0-5]\d)())?"
    r"|[-/](?:(?<![A-Za-z0-9.\-/:,]..)|(?<=\d..)(?<![A-Za-z0-9.\-/:,]...))"
    r"(?=[0-3]?\d[ T]\d)()"
    r"|\.(?=[0-5]\d)()"  # DOT: "15.25"
    r"|[AaPp]\.?[Mm]()"  # MERIDIEM: "6PM", "10:00am"
    r"|[ \t\u00a0][AaPp]\.?[Mm]()"  # MERIDIEM after a space: "10:00 a.m."
    r"|:[ \t](?=\d)()"  # a spaced clock's colon ("12: 48"), SPACED_CLOCK with a meridiem
    # FOUR_DIGITS: "hours", "Z" or a zone after at most a space, "(" and a space
    # ("1405Z", "0300 hours", "1936 UTC"; not "2024-03-05")
    r"|(?=\d\d\d[ \t\u00a0]?\(?[ \t\u00a0]?[^\W\d_])()"
    r")"
)
_ALL = (
    COLON,
    ISO_T,
    NUMERIC_DATE,
    MONTH,
    DAY_MONTH,
    MONTH_AND_DASH,
    MERIDIEM,
    DOTTED_MERIDIEM,
    SPACED_CLOCK,
    DOT,
    FOUR_DIGITS,
    NOON,
    RELATIVE,
)
_BIT = {name: 1 << i for i, name in enumerate(_ALL)}
_SPACED_COLON = 1 << len(_ALL)  # a spaced clock's colon, without a meridiem yet
# the bits each group of _DIGIT_HINTS_RE passes, by group number
_DIGIT_GROUP_BITS = (
    0,
    _BIT[ISO_T],
    _BIT[NUMERIC_DATE],
    _BIT[NUMERIC_DATE] | _BIT[DOT],
    _BIT[NUMERIC_DATE],
    _BIT[DOT],
    _BIT[MERIDIEM],
    _BIT[MERIDIEM],
    _SPACED_COLON,
    _BIT[FOUR_DIGITS],
)
_NAMES: dict[int, frozenset[str]] = {}


def hint_mask(text: str) -> int:
    """The hints ``text`` passes, as bits (see :func:`hint_bit`). The digit-led hints come
    from one scan; each plain substring test before a regex is implied by that regex ("19"
    or "20" before a lowercase month's year), so it only saves the search, never changes
    the answer."""
    found = 0
    for m in _DIGIT_HINTS_RE.finditer(text):
        found |= _DIGIT_GROUP_BITS[m.lastindex or 0]
    if ":" in text:
        found |= _BIT[COLON]
    if found & _SPACED_COLON:  # a spaced clock is read only with a meridiem
        found ^= _SPACED_COLON
        if found & _BIT[MERIDIEM]:
            found |= _BIT[SPACED_CLOCK]
    if found & _BIT[MERIDIEM] and "." in text:
        found |= _BIT[DOTTED_MERIDIEM]
    if _CAPITAL_MONTH_RE.search(text) or (
        ("19" in text or "20" in text) and _LOWER_MONTH_YEAR_RE.search(text)
    ):  # else lowercase months are rejected
        found |= _BIT[MONTH]
        if _DAY_MONTH_RE.search(text):
            found |= _BIT[DAY_MONTH]
        if "-" in text or "/" in text:
            found |= _BIT[MONTH_AND_DASH]
    if _has_noon(text):
        found |= _BIT[NOON]
    if "+" in text or _T_SIGN_HINT_RE.search(text):
        found |= _BIT[RELATIVE]
    return found


def hint_bit(name: str) -> int:
    """The bit of :func:`hint_mask` that stands for the hint ``name``."""
    return _BIT[name]


def hints_of(text: str) -> frozenset[str]:
    """The hints ``text`` passes, by name."""
    mask = hint_mask(text)
    names = _NAMES.get(mask)
    if names is None:
        names = _NAMES[mask] = frozenset(n for n in _ALL if mask & _BIT[n])
    return names


_DIGIT_RE = re.compile(r"\d")


def _has_noon(text: str) -> bool:
    """Noon, midday or midnight in ASCII letters of any case (lowering keeps ASCII letters
    in place, so the words are found in the lowered text exactly when written so)."""
    lower = text.lower()
    return "noon" in lower or "midday" in lower or "midnight" in lower


def may_hold_time(text: str) -> bool:
    """Whether the grammar can find anything in ``text`` (without the month-name fallback):
    every row but the noon one needs a digit."""
    return _DIGIT_RE.search(text) is not None or _has_noon(text)
