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

_ISO_T_HINT_RE = re.compile(r"\d[Tt]\d\d:")
_NUM_DATE_HINT_RE = re.compile(r"\d[-/.]\d")
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
_MER_HINT_RE = re.compile(r"\d[ \t\u00a0]?[AaPp]\.?[Mm]")
# what a four-digit clock time needs: "hours", "Z" or a zone after at most a space, "(" and a
# space (not "2024-03-05")
_FOUR_DIGITS_RE = re.compile(r"\d\d\d\d(?=[ \t\u00a0]?\(?[ \t\u00a0]?[^\W\d_])")
_DOT_DIGIT_HINT_RE = re.compile(r"\d\.[0-5]\d")
# "T-5m": a T standing alone, as the relative row reads one (not the end of "PDT - ")
_T_SIGN_HINT_RE = re.compile(r"T(?<![A-Za-z0-9].)[ \t]?[\-\u2212]")
_SPACED_HINT_RE = re.compile(r"\d:[ \t]\d")


def hints_of(text: str) -> frozenset[str]:
    """The hints ``text`` passes. Each plain substring test before a regex is implied by
    that regex (a colon before ``\\d[Tt]\\d\\d:``, "19" or "20" before a lowercase month's
    year), so it only saves the search, never changes the answer."""
    found: list[str] = []
    colon = ":" in text
    if colon:
        found.append(COLON)
        if _ISO_T_HINT_RE.search(text):
            found.append(ISO_T)
    dash = "-" in text or "/" in text
    if (dash or "." in text) and _NUM_DATE_HINT_RE.search(text):
        found.append(NUMERIC_DATE)
    if _CAPITAL_MONTH_RE.search(text) or (
        ("19" in text or "20" in text) and _LOWER_MONTH_YEAR_RE.search(text)
    ):  # else lowercase months are rejected
        found.append(MONTH)
        if _DAY_MONTH_RE.search(text):
            found.append(DAY_MONTH)
        if dash:
            found.append(MONTH_AND_DASH)
    if _MER_HINT_RE.search(text):
        found.append(MERIDIEM)
        if "." in text:
            found.append(DOTTED_MERIDIEM)
        if colon and _SPACED_HINT_RE.search(text):
            found.append(SPACED_CLOCK)
    if "." in text and _DOT_DIGIT_HINT_RE.search(text):
        found.append(DOT)
    if _FOUR_DIGITS_RE.search(text):
        found.append(FOUR_DIGITS)
    if _has_noon(text):
        found.append(NOON)
    if "+" in text or _T_SIGN_HINT_RE.search(text):
        found.append(RELATIVE)
    return frozenset(found)


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
