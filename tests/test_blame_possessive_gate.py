"""The possessive blame pattern runs only where a possessive is: the gated search finds
exactly what the ungated one finds.

Its nouns ("error", "mistake") are common, the possessive itself ("the intern's", "his
own") rare, so PM601 and PM602 look for "'s " or "his "/"her " before running it. Here
:func:`blame_in` and :func:`human_cause` are run with every gate open (the straightforward
search) and with the gates, on hand-written sentences, drawn sentences and the corpus
and fixtures, and must agree; the block-level gates must open wherever the ungated search
finds blame.
"""

from __future__ import annotations

import random
import re

import pytest

from conftest import FIXTURES, SHARED
from pmlint.checks import blame
from pmlint.checks.blame import blame_in, human_cause, might_be_human_cause, might_blame
from pmlint.document.model import words_of

HAND_WRITTEN = [
    "It was the intern's mistake that the cache was flushed.",
    "The outage was John's fault entirely.",
    "This was her own error, she said.",
    "HIS carelessness caused it.",
    "The on-call engineer’s  oversight let the alert go unanswered.",
    "Sam Lee's error in the config took the site down.",
    "The service's error rate rose to 5%.",
    "Nginx's parse error showed in the logs.",
    "The error was in the deploy script.",
    "It was not the DBA's fault.",
    "Our team's mistake was to skip the canary.",
    "Her\nmistake was obvious.",
]
_WORDS = [
    "the",
    "intern",
    "intern's",
    "engineer’s",
    "John's",
    "John",
    "Sam",
    "his",
    "her",
    "HER",
    "own",
    "mistake",
    "error",
    "fault",
    "fault.",
    "oversight",
    "forgot",
    "to",
    "it",
    "was",
    "service's",
    "'s",
    "’s",
    "deploy",
    "carelessness",
    "negligence",
    "our",
    "team's",
    "not",
    "never",
    "checked",
    "because",
    "wrong",
    "pushed",
    "a",
    "blamed",
    "sre",
    "SRE's",
]


def _drawn(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    spaces = [" ", " ", " ", "  ", "\t", "\n"]
    return [
        "".join(w + rng.choice(spaces) for w in rng.choices(_WORDS, k=rng.randint(2, 14)))
        for _ in range(count)
    ]


def _corpus_sentences() -> list[str]:
    paths = sorted((FIXTURES / "rules").glob("PM60*/*.md"))
    if (SHARED / "corpus" / "real").is_dir():
        paths += sorted((SHARED / "corpus" / "real").glob("*.md"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


SENTENCES = HAND_WRITTEN + _drawn(2500, 601) + _corpus_sentences()


def _key(found: blame.Blame | None) -> tuple[int, int, str] | None:
    return None if found is None else (found.start, found.end, found.text)


@pytest.fixture
def ungated(monkeypatch: pytest.MonkeyPatch):
    """Run the blame search with every pattern gate open."""

    def search(function, sentence: str):
        with monkeypatch.context() as patched:
            patched.setattr(blame, "_can_match", lambda key, words, text: True)
            patched.setattr(blame, "_gate", lambda *keys: _OPEN)
            return function(sentence)

    return search


class _Open:
    def open(self, words: frozenset[str]) -> bool:
        return True


_OPEN = _Open()


def test_gated_search_finds_what_the_ungated_finds(ungated) -> None:
    found = 0
    for sentence in SENTENCES:
        for function in (blame_in, human_cause):
            expected = _key(ungated(function, sentence))
            assert _key(function(sentence)) == expected, (function.__name__, sentence)
            found += expected is not None
    assert found >= 50, found  # the sentences reach the patterns


def test_block_gates_open_where_blame_is(ungated) -> None:
    possessive = 0
    for sentence in SENTENCES:
        words = words_of(sentence)
        if blame._patterns()["possessive"].search(sentence):
            possessive += 1
            assert blame._possessive_open(words, sentence), sentence
        if ungated(blame_in, sentence) is not None:
            assert might_blame(words, sentence), sentence
        if ungated(human_cause, sentence) is not None:
            assert might_be_human_cause(words, sentence), sentence
    assert possessive >= 20, possessive


def test_an_error_without_a_possessive_opens_no_gate() -> None:
    text = "The error rate rose after the deploy."
    assert not might_blame(words_of(text), text)
