"""Letters outside ASCII that a caseless pattern matches for an ASCII letter (the long s
"ſ", the Kelvin sign "K", the dotless "ı" and the dotted capital "İ" for "i") are read as
that letter in a duration's number, unit and qualifier: never a crash, the same reading."""

from __future__ import annotations

import random

import pytest

from pmlint.document.durations import find_durations

_LOOKALIKES = {"s": ("\u017f",), "k": ("\u212a",), "i": ("\u0131", "\u0130")}

_PHRASES = [
    "5 secs",
    "5 seconds",
    "a 5-second delay",
    "for 30 second",
    "some 5 minutes",
    "just over 5 minutes",
    "at least six minutes",
    "within 2 hours",
    "almost 2 weeks",
    "roughly 3 wks",
    "six minutes",
    "fifty-six minutes",
    "sixteen mins",
    "half a second",
    "a couple of seconds",
    "the outage lasted 2 hours 30 minutes and 15 seconds",
    "it took five to six days to recover",
    "every six minutes",
    "approximately 45 mins",
    "an hour and a half",
    "under 2 days",
]


def _reading(text: str) -> list[tuple[object, ...]]:
    """What find_durations reads in ``text``, its spans and readings (not its text)."""
    return [
        (d.start, d.end, d.minutes, d.max_minutes, d.approximate, d.bound, d.periodic, d.adjectival)
        for d in find_durations(text)
    ]


def _disguised(text: str, rng: random.Random, share: float, *, last: bool = True) -> str:
    """``text`` with a ``share`` of its letters s, k and i as lookalikes, the last letter
    of a word too when ``last`` (the patterns' word ends are ASCII letters, so a lookalike
    there can end a word, "half minuteſ", where its ASCII letter does not)."""
    return "".join(
        rng.choice(_LOOKALIKES[c])
        if c in _LOOKALIKES and rng.random() < share and (last or text[i + 1 : i + 2].isalpha())
        else c
        for i, c in enumerate(text)
    )


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("5 \u017fecs", 5 / 60),
        ("2 wee\u212as", 2 * 7 * 24 * 60),
        ("5 m\u0131nutes", 5.0),
        ("5 m\u0130nutes", 5.0),
        ("\u017fix minutes", 6.0),
    ],
)
def test_a_lookalike_letter_reads_as_its_ascii_letter(text: str, minutes: float) -> None:
    (found,) = find_durations(text)
    assert found.minutes == round(minutes, 6)
    assert (found.start, found.end) == (0, len(text))


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("\u017fome 5 minutes", None),
        ("ju\u017ft over 5 minutes", "lower"),
        ("w\u0131thin 2 hours", "upper"),
    ],
)
def test_a_qualifier_with_a_lookalike_letter_is_read(text: str, bound: str | None) -> None:
    (found,) = find_durations(text)
    assert found.start == 0 and found.approximate and found.bound == bound


@pytest.mark.parametrize("phrase", _PHRASES)
def test_every_lookalike_spelling_reads_as_the_ascii_one(phrase: str) -> None:
    expected = _reading(phrase)
    rng = random.Random(phrase)
    for share in (1.0, 0.5, 0.5, 0.3):
        disguised = _disguised(phrase, rng, share)
        assert _reading(disguised) == expected, disguised


def test_random_texts_with_lookalikes_read_as_their_ascii_spelling() -> None:
    rng = random.Random(17)
    words = ["about", "over", "lasted", "for", "and", "the", "six", "five", "minutes", "secs"]
    words += ["hours", "hrs", "days", "weeks", "wks", "second", "a", "half", "5", "30", "2-3"]
    for _ in range(400):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10)))
        assert _reading(_disguised(text, rng, 0.6, last=False)) == _reading(text), text
