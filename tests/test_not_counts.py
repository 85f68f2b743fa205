"""The numbers PM403 blanks (dates, durations, codes...) are the matches of the written-out form.

The pattern writes the month names and the time units once each; here every form is
written out in full, as it was, and both must blank the same spans: on hand-written
sentences and on many sentences drawn from a fixed vocabulary with varied spacing and case.
"""

from __future__ import annotations

import random
import re

import pytest

from pmlint.checks.impact import _NOT_COUNTS

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundreds|thousands|millions|dozens|a dozen|half|a third|a quarter|one in \w+"
)
_UNIT = r"(?:hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?)"
WRITTEN_OUT = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?!\w)"
    r"|(?<![\d.])\d+(?:\.\d+)?(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*(?:hours?|hrs?|minutes?|mins?"
    r"|seconds?|secs?|days?|weeks?|months?|years?|h|m|s|ms)\b"
    rf"|\b(?:{_WORDS}|one|sixty|ninety|several|a few|a couple of|an?)[\s-]+"
    rf"(?:and a half[\s-]+)?{_UNIT}\b"
    r"|\b(?:HTTP|status|code|error|port)\s*:?\s*\d+\b|\b[1-5]\d\d(?=\s+(?:(?-i:[A-Z])|errors?\b|"
    r"status|response|code))|\bv?\d+(?:\.\d+){1,3}\b(?![\d.]|\s*(?:%|per ?cent))",
    re.IGNORECASE,
)

SENTENCES = [
    "On March 3rd at 14:05 pm, 1,200 users saw errors for 45 minutes (2-3 hrs in EU).",
    "The 2nd of May 2024 and 12 sept. 9 and 3 Dec were quiet; 5m, 10ms and 2h outages.",
    "HTTP 503 errors hit 30% of requests; port: 8443 and status 500 Internal were seen.",
    "Almost four hours, a couple of days, one in ten minutes, an hour and a half hours.",
    "Version v2.3.1 and 10.0.0.1 rolled back after two-and a half-weeks; 7 junes 7 june.",
    "Sixty seconds, several weeks, a few mins, 1.5 to 2.5 hours, 3 to 4 mayday 4 may.",
    "mar 12th 12th of mar. 1 of apr 31 december 2023-01-05 1/2/24 5 pm 11 a.m. 9am.",
]


def _same(text: str) -> None:
    expected = [m.span() for m in WRITTEN_OUT.finditer(text)]
    assert [m.span() for m in _NOT_COUNTS.finditer(text)] == expected, text
    assert _NOT_COUNTS.sub(" ", text) == WRITTEN_OUT.sub(" ", text)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_on_written_sentences(sentence: str) -> None:
    """Each sentence holds dates and durations, blanked alike."""
    assert WRITTEN_OUT.search(sentence) is not None
    _same(sentence)


_VOCABULARY_TEXT = """
1 12 3 45 2024 1999 503 8080 1.5 2.3.1 10.0.0.1 7:30 12:05:09 1/2/24 2023-01-05
jan january mar march may june july sept sep. dec. december oct
st nd rd th of to and a half an one in ten two sixty several few couple
hour hours hrs min mins minutes second secs s m h ms day weeks month years
pm a.m am HTTP status code error port errors response Internal users %
"""
VOCABULARY = _VOCABULARY_TEXT.split()
SEPARATORS = [" ", " ", "  ", "-", "", ", ", ".", "\n", "\t"]


def test_same_on_drawn_sentences() -> None:
    """Many sentences from the vocabulary, with varied separators and case."""
    drawn = random.Random(403)
    blanked = 0
    for _ in range(3000):
        parts = []
        for _ in range(drawn.randint(2, 9)):
            word = drawn.choice(VOCABULARY)
            word = word.upper() if drawn.random() < 0.15 else word
            parts += [word, drawn.choice(SEPARATORS)]
        text = "".join(parts)
        _same(text)
        blanked += WRITTEN_OUT.search(text) is not None
    assert blanked > 1000
