"""PM403's blanking pattern asks first whether a form can start at a place; it blanks
exactly what the forms alone blank.

``_NOT_COUNTS`` is ``_NOT_COUNTS_FORMS`` behind a look-ahead for a digit or the start of
a word. Both are compiled here and compared, span by span and by their substitution, on
hand-written impact lines, the shared corpus line by line, and random texts drawn from
numbers, dates, units, status codes and punctuation in mixed case, with letters that only
case folding relates to ASCII (the long s, the Kelvin sign, a dotless i) and digits of
other scripts.
"""

from __future__ import annotations

import re

from conftest import SHARED, random_texts
from pmlint.checks.impact import _NOT_COUNTS, _NOT_COUNTS_FORMS

FORMS = re.compile(_NOT_COUNTS_FORMS, re.IGNORECASE)

HAND_WRITTEN = [
    "About 1,200 users (8% of traffic) could not check out for 45 minutes on March 3.",
    "Some customers were unable to log in to the dashboard and saw errors.",
    "x5 hours, a5m, 10.5.2 and v2.1; HTTP:503, 502 Bad Gateway, 404 errors.",
    "On 2024-03-05 at 9:15 a.m. (12/3/24), ſeptember 3 and ſeveral days went by.",
    "٣ hours and ٤٥ minutes; twenty-five mins; a couple of weeks; an hour and a half hours",
    "(3 hours)[2 days]{4 weeks}-5 secs_6 mins.7 years",
    "",
]
_FRAGMENTS = [
    "1",
    "12",
    "2024",
    "03",
    "9:15",
    "12:30",
    "pm",
    "a.m.",
    "/",
    "-",
    ".",
    ",",
    ":",
    "%",
    "March",
    "mar",
    "SEPT",
    "ſept",
    "december",
    "of",
    "3rd",
    "21st",
    "hours",
    "hrs",
    "min",
    "Minutes",
    "secs",
    "days",
    "weeks",
    "months",
    "years",
    "h",
    "m",
    "s",
    "ms",
    "two",
    "Twenty",
    "a few",
    "a couple of",
    "an",
    "a",
    "and a half",
    "several",
    "one in",
    "HTTP",
    "status",
    "code",
    "error",
    "errors",
    "port",
    "503",
    "Bad",
    "response",
    "v",
    "2.3.1",
    "per cent",
    "users",
    "K",
    "ı",
    "٣",
    "x",
    "_",
    " ",
    " ",
    " ",
    "\n",
    "(",
    ")",
]


def _corpus_lines() -> list[str]:
    if not (SHARED / "corpus" / "real").is_dir():
        return []
    paths = sorted((SHARED / "corpus" / "real").glob("*.md"))
    return [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()]


TEXTS = HAND_WRITTEN + random_texts(_FRAGMENTS, 5000, 403, most=16) + _corpus_lines()


def test_same_spans_and_blanks_as_the_forms_alone() -> None:
    blanked = 0
    for text in TEXTS:
        expected = [m.span() for m in FORMS.finditer(text)]
        assert [m.span() for m in _NOT_COUNTS.finditer(text)] == expected, text
        assert _NOT_COUNTS.sub(" ", text) == FORMS.sub(" ", text), text
        blanked += bool(expected)
    assert blanked >= 2000, blanked  # the texts reach the forms
