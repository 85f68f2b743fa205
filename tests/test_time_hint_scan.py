"""The time hints answered in one scan over the digits must be the hints that one search per
hint answers: the same set on every text, so the scanner runs the same rows."""

from __future__ import annotations

import random
import re

import pytest

from conftest import batches, random_texts
from pmlint.document.time import dates, hints
from pmlint.document.time.hints import hints_of

# the searches one per hint, as the hints were first written
_ISO_T = re.compile(r"\d[Tt]\d\d:")
# a numeric date as the date rows need one: a second separator, then the year or day
# standing alone; or a day after one or two digits that stand alone, then a space or T and
# a digit (a short date before its clock time)
_NUM_DATE = re.compile(
    r"\d[-/.]\d{1,2}[-/.](?:\d{1,2}|\d{4})(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9.\-/:,])\d\d?[-/][0-3]?\d[ T]\d"
)
_MER = re.compile(r"\d[ \t\u00a0]?[AaPp]\.?[Mm]")
_FOUR_DIGITS = re.compile(r"\d\d\d\d(?=[ \t\u00a0]?\(?[ \t\u00a0]?[^\W\d_])")
_DOT_DIGIT = re.compile(r"\d\.[0-5]\d")
_SPACED = re.compile(r"\d:[ \t]\d")
_CAPITAL_MONTH = re.compile(
    r"(?<![A-Za-z0-9])(?:(?i:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec))"
    r"(?![A-Za-z0-9])"
)
_LOWER_MONTH_YEAR = re.compile(
    r"(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?[ \t\u00a0]+"
    r"(?:\d{1,2}(?:st|nd|rd|th)?,?[ \t\u00a0]+)?(?:19|20)\d\d"
)
_DAY_MONTH = re.compile(
    r"\d(?:st|nd|rd|th|\.)?[ \t\u00a0]+(?:of[ \t\u00a0]+)?"
    r"(?i:j(?:an|u[nl])|feb|ma[ry]|a(?:pr|ug)|sep|oct|nov|dec)"
)
_T_SIGN = re.compile(r"(?<![A-Za-z0-9])T[ \t]?[\-\u2212]")


def _capital_month(text: str) -> bool:
    # a capitalised month: the name's first letter written as a capital
    return any(m.group(0)[0].isupper() for m in _CAPITAL_MONTH.finditer(text))


def _hints_one_search_each(text: str) -> frozenset[str]:
    found: set[str] = set()
    if ":" in text:
        found.add(hints.COLON)
        if _ISO_T.search(text):
            found.add(hints.ISO_T)
    dash = "-" in text or "/" in text
    if _NUM_DATE.search(text):
        found.add(hints.NUMERIC_DATE)
    if _capital_month(text) or _LOWER_MONTH_YEAR.search(text):
        found.add(hints.MONTH)
        if _DAY_MONTH.search(text):
            found.add(hints.DAY_MONTH)
        if dash:
            found.add(hints.MONTH_AND_DASH)
    if _MER.search(text):
        found.add(hints.MERIDIEM)
        if "." in text:
            found.add(hints.DOTTED_MERIDIEM)
        if _SPACED.search(text):
            found.add(hints.SPACED_CLOCK)
    if _DOT_DIGIT.search(text):
        found.add(hints.DOT)
    if _FOUR_DIGITS.search(text):
        found.add(hints.FOUR_DIGITS)
    lower = text.lower()
    if "noon" in lower or "midday" in lower or "midnight" in lower:
        found.add(hints.NOON)
    if "+" in text or _T_SIGN.search(text):
        found.add(hints.RELATIVE)
    return frozenset(found)


_WRITTEN = [
    "",
    "no digits here",
    "2024-03-05T14:05:00Z deploy; 2024-03-05t14:05 too",
    "03-26 23:04, 1/2/24 and 15.05.2023",
    "15.25 PST, 9.40 (UTC), 2.10 is a version",
    "6PM, 5 pm, 10:00 a.m., 10:00\u00a0AM, 9.15 p.m.",
    "12: 48pm and 9: 30 AM; 12:\t48 PM",
    "12: 48 with no meridiem",
    "2021-12-13, 2024/03/05, 2023-01-04/11:34, 01/16/2024, 01-10-2024, 1/2/24",
    "03-26 23:04, 3/26T23:04, x03-26 23:04, ,5-3 10:00, 1:03-26 23:04, 4.0.1 release",
    "1405Z, 0300 hours, 1936 UTC, 1500 (CET), 2024-03-05, 12345 users",
    "noon, MIDNIGHT, MidDay",
    "T+5m, T-30s, +00:10, PDT - 10:00",
    "May 5, 3rd of March, Monday 3. February, 29 april 2022, deploy in march",
    "2025-Feb-07 and 5/Mar/24",
    "5.3 and 5.30 and 5.60 and 5-3 and 5/3",
    "1:2 3:45 12:3 4: 5pm",
    "\u0661\u0662:\u0663\u0664 Arabic-Indic digits \u0665.\u0663\u0660",
]

# pieces the random texts are made of: digits and every character that follows a digit in a
# hint, in the positions the hints care about
_PIECES = [
    *"0123456789:.-/+ ,()TtZzAaPpMm\t\u00a0\u2212\u0663",
    "T+",
    "T-",
    ": ",
    "am",
    "P.M",
    " a.m.",
    " hours",
    " UTC",
    "Z",
    "(CET)",
    "May",
    "march 2024",
    "Sept",
    " of ",
    "th ",
    "noon",
    "2024-",
    "12:",
]


@pytest.mark.parametrize("texts", batches(_WRITTEN + random_texts(_PIECES, 6000, 141, most=14)))
def test_the_one_scan_answers_as_one_search_per_hint(texts: list[str]) -> None:
    for text in texts:
        assert hints_of(text) == _hints_one_search_each(text), text


def test_the_written_texts_pass_every_digit_hint() -> None:
    # the written texts reach each hint the scan answers, so the comparison above means
    # something for every branch
    passed = set().union(*(hints_of(text) for text in _WRITTEN))
    assert passed == set(hints._ALL)


_DATE_ROWS = (dates._ISO_DATE_RE, dates._NUM_DATE_RE, dates._SHORT_DATE_RE)


def _date_like(rng: random.Random) -> str:
    """Runs of one to four digits between separators, spaces, T and colons, after a
    character the rows look behind at (or none), with a letter or more after some."""
    parts = [rng.choice(["", "x", ",", ".", ":", "-", "/", "0", " ", "\u0663"])]
    sep = rng.choice("-/.")  # mostly one separator, as a date writes it twice
    for _ in range(rng.randint(2, 4)):
        parts.append(rng.choice(["1", "3", "07", "12", "31", "24", "99", "2024", "1999", "123"]))
        parts.append(sep if rng.random() < 0.6 else rng.choice(["-", "/", ".", " ", "T", ":"]))
    parts[-1] = rng.choice(["", "", "x", ".5", "/10:00", " 10:00", "T14:05"])
    return "".join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_the_numeric_date_hint_passes_wherever_a_date_row_matches(seed: int) -> None:
    rng = random.Random(seed)
    matched = 0
    for _ in range(10000):
        text = _date_like(rng)
        if any(next(row.finditer(text), None) for row in _DATE_ROWS):
            matched += 1
            assert hints.NUMERIC_DATE in hints_of(text), text
    assert matched > 100  # the texts reach the rows
