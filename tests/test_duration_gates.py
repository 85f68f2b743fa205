"""``find_durations`` runs each pattern only where its unit or digit can be, and finds
exactly what running every pattern finds.

Compared with the ungated search (every pattern run) on hand-written phrases, on the
shared corpus line by line, and on random texts drawn from duration fragments in mixed
case, some with letters that only case folding turns into a unit (the Kelvin K, a
dotless i).
"""

from __future__ import annotations

import pytest

from conftest import SHARED, random_texts
from pmlint.document import durations
from pmlint.document.durations import find_durations

HAND_WRITTEN = [
    "The outage lasted 2 hours 30 minutes.",
    "Down for 3h42m, then 1m30s more.",
    "About half an hour, a quarter of an hour, a couple of days.",
    "It took 2 WKS and three Days; forty-five MINS later it was back.",
    "Every 5 minutes the job retried for 10 secs.",
    "Nothing here but words and a 2024 date.",
    "Recovery took 90s after 1 HR.",
    "It lasted two mınutes, then 3 wKs.",
    "A two hour disruption, 1½ hours in total.",
    "Fixed within 2 wks.",
    "HALF AN HOUR.",
    "A Quarter Of An Hour",
    "a COUPLE of Weeks",
    "a half-day",
    "Back after 1.25h, then 3.5H (not compact).",
    "Paused 2w.",
    "Paused 10d.",
    "Paused 4s.",
    "Paused 3m.",
    "Build 42 took 17 seconds; v3.2 shipped in 2024.",
    "It came back after 3 HRS.",
    "for",
    "",
]
_FRAGMENTS = [
    "2",
    "45",
    "1.5",
    "½",
    "a",
    "an",
    "two",
    "forty-five",
    "half",
    "quarter",
    "Half",
    "QUARTER",
    "Couple of",
    "5.25",
    "couple of",
    "hour",
    "hours",
    "HOURS",
    "hr",
    "Hrs",
    "min",
    "mins",
    "minute",
    "Minutes",
    "sec",
    "secs",
    "second",
    "day",
    "DAYS",
    "week",
    "wks",
    "Wk",
    "h",
    "m",
    "s",
    "d",
    "w",
    "K",
    "ı",
    "and a half",
    "to",
    "-",
    " ",
    " ",
    " ",
    "of",
    "for",
    "about",
    "every",
    ",",
    ".",
    "lasted",
    "3h",
    "42m",
    "30s",
    "2d",
]


def _corpus_lines() -> list[str]:
    if not (SHARED / "corpus" / "real").is_dir():
        return []
    paths = sorted((SHARED / "corpus" / "real").glob("*.md"))
    return [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()]


TEXTS = HAND_WRITTEN + random_texts(_FRAGMENTS, 4000, 2026, most=12) + _corpus_lines()


def test_gated_search_finds_what_every_pattern_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    gated = [find_durations(text) for text in TEXTS]
    monkeypatch.setattr(durations, "_can_hold", lambda text: (True, True, True))
    found = 0
    for text, expected in zip(TEXTS, gated, strict=True):
        ungated = find_durations(text)
        assert expected == ungated, text
        found += bool(ungated)
    assert found >= 200, found  # the texts reach the patterns


def test_texts_without_units_or_digits_hold_none() -> None:
    assert durations._can_hold("the deploy went out for review") == (False, False, False)
    assert durations._can_hold("retried for 3h") == (False, False, True)
    assert durations._can_hold("retried 3 times in 2024") == (False, False, False)
    assert durations._can_hold("retried after 1.25h") == (False, False, True)
    assert durations._can_hold("two Mınutes") == (True, True, False)
    assert durations._can_hold("two minutes") == (True, False, False)
    assert durations._can_hold("Half An Hour") == (True, True, False)
