"""The person-led blame grammar matches exactly as the one regex it replaces.

:class:`PersonLed` compiles the person (and name) pattern once and tries each branch's
continuation at every place a person or a name can end. Here the alternation is also
written out in full (the person pattern repeated in every branch) and both must give the
same matches and group spans: on hand-written sentences where a person or a name can end
in several places, and on many sentences drawn from a fixed vocabulary with varied
spacing and case.
"""

from __future__ import annotations

import random
import re
import time

import pytest

from pmlint.checks.blame import _patterns, blame_in
from pmlint.checks.blame_grammar import NAME, Branch, Name, Person, PersonLed

MODIFIERS = ["lead", "new", "on-call", "junior", "staff"]
REFERENCES = ["engineer", "on-call", "on-call engineer", "new hire", "ops", "ops team", "her"]
REFERENCES += ["team", "team member", "junior", "staff"]
CONTINUATIONS = {
    "w1": r"\s+(?P<pred>forgot(?:\s+to)?)(?![\w-])",
    "w2": r"(?:\s+(?i:then|just))?\s+(?P<pred2>(?:team\s+)?(?:broke|lead)\s+\w+)",
    "w3": r"\s+(?P<wrong>[a-z]+\s+the\s+wrong)(?![\w-])",
}
PLAIN = r"\b(?P<because>because\s+[A-Z][a-z]+\s+never\s+\w+)"
# After a name: it may start inside the name ("Dan's call" read as "Da" + "n's call"), so
# every way the name can end is tried.
AFTER_NAME = r"(?P<own>n['’]s\s+(?:fault|call)|['’]s\s+fault)"


def _written_out() -> re.Pattern[str]:
    """The alternation as one regex: every person branch repeats the person pattern."""
    person = Person(MODIFIERS, REFERENCES).pattern.pattern
    return re.compile(
        rf"(?P<w1>{person}){CONTINUATIONS['w1']}|{NAME}{AFTER_NAME}|{PLAIN}"
        rf"|(?P<w2>{person}){CONTINUATIONS['w2']}|(?P<w3>{person}){CONTINUATIONS['w3']}"
    )


def _led() -> PersonLed:
    person = Person(MODIFIERS, REFERENCES)
    branches = [
        Branch(re.compile(CONTINUATIONS["w1"]), person, "w1"),
        Branch(re.compile(AFTER_NAME), Name()),
        Branch(re.compile(PLAIN)),
        Branch(re.compile(CONTINUATIONS["w2"]), person, "w2"),
        Branch(re.compile(CONTINUATIONS["w3"]), person, "w3"),
    ]
    return PersonLed("test", branches)


GROUPS = ("w1", "w2", "w3", "pred", "pred2", "wrong", "because", "own")


def _spans(matches: list) -> list[list[tuple[str, tuple[int, int]]]]:
    return [
        [("0", m.span(0))] + [(g, m.span(g)) for g in GROUPS if m.group(g) is not None]
        for m in matches
    ]


SENTENCES = [
    "the on-call engineer forgot to page anyone",
    "The on-call forgot, and the on-call engineer then broke prod",
    "the ops team lead broke it",  # "ops team" then "lead ...", or "ops" then "team lead ..."
    "the team member then broke the build",
    "a new hire forgot the key because Dana never checked",
    "her new hire pushed the wrong file; her team forgot",
    "the Platform Ops Team group forgot to renew",  # two capitalised words, then one
    "the Security Team forgot to rotate it, @jdoe forgot too",
    "staff staff forgot",
    "the staff team broke it",  # "staff" modifying "team", before "staff" alone
    "her team broke it",  # "her" as an article, before "her" the person
    "the junior junior broke everything",
    "mid-team member forgot",  # no person inside a hyphenated word
    "because Sam never looked, the lead engineer broke it",
    "It was Dan's fault, then Dann's call, then Sam Lee's fault",  # a name ends early
    "When Dana Kim's call came, The Ann's fault",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_same_matches_as_the_written_out_regex(sentence: str) -> None:
    """Each hand-written sentence gives the same matches and spans both ways."""
    expected = _spans(list(_written_out().finditer(sentence)))
    assert _spans(list(_led().finditer(sentence))) == expected


def test_hand_written_sentences_match() -> None:
    """The sentences above exercise the grammar: most of them match somewhere."""
    matched = [s for s in SENTENCES if _written_out().search(s)]
    assert len(matched) >= len(SENTENCES) - 2


def test_same_matches_on_drawn_sentences() -> None:
    """Sentences drawn from the grammar's own words, spaced and cased variously."""
    words = [*MODIFIERS, *REFERENCES, "the", "a", "an", "her", "The", "Ops", "Team", "group"]
    words += ["forgot", "to", "then", "just", "broke", "prod", "pushed", "wrong", "because"]
    words += ["Sam", "never", "checked", "@jdoe", "-", ",", "Dan's", "Dann's", "Lee's", "fault"]
    joins = [" "] * 6 + ["  ", "\n", "\t", "-"]
    drawn = random.Random(14)
    written, led = _written_out(), _led()
    matched = 0
    for _ in range(3000):
        picked = [drawn.choice(words) for _ in range(drawn.randint(2, 8))]
        text = picked[0]
        for word in picked[1:]:
            text += drawn.choice(joins) + (word.upper() if drawn.random() < 0.1 else word)
        expected = _spans(list(written.finditer(text)))
        matched += bool(expected)
        assert _spans(list(led.finditer(text))) == expected, text
    assert matched > 150


def test_blame_grammar_keeps_its_groups() -> None:
    """The real subject pattern gives the person and the predicate spans callers use."""
    sentence = "Then the new engineer forgot to renew the certificate."
    match = _patterns()["subject"].search(sentence)
    assert match is not None
    assert match.group("w1") == "the new engineer"
    assert match.group("pred") == "forgot to"
    assert blame_in(sentence) is not None


def test_person_phrases_must_be_words() -> None:
    """A phrase the ordering argument does not cover is refused, not matched wrongly."""
    with pytest.raises(ValueError, match="person phrase"):
        Person(["lead"], ["o'brien"])


@pytest.mark.parametrize("unit", ["the intern forgot ", "Sam's fault ", "her mistake ", "Ab "])
def test_long_sentences_take_linear_time(unit: str) -> None:
    """100 KB of repeated matches is a hang guard, not a speed figure: each branch's
    search is kept between matches, so the scan stays linear (seconds, not minutes)."""
    text = unit * (100_000 // len(unit))
    started = time.perf_counter()
    for key in ("subject", "possessive"):
        for _ in _patterns()[key].finditer(text):
            pass
    assert time.perf_counter() - started < 5.0


@pytest.mark.parametrize(
    "unit", ["improper configuration of ", "wrong change by ", "a bad config was made by the "]
)
def test_faulty_act_by_a_person_takes_linear_time(unit: str) -> None:
    """The doer of a faulty act is looked for within eight words: bounded, so linear."""
    text = unit * (100_000 // len(unit))
    started = time.perf_counter()
    for _ in _patterns()["agent"].finditer(text):
        pass
    assert time.perf_counter() - started < 5.0
