"""The cheap tests rules run before a regex never skip text the regex would match.

PM402's placeholder patterns each name in ``content.toml`` the text their matches need,
and the blame patterns of PM601/PM602 are gated by the words of their phrases. Here
every match the patterns find, run without any gate, on the rules' fixtures (and on the
shared corpus when present), must pass its gate.
"""

from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, SHARED
from pmlint.checks.blame import _gate, _patterns
from pmlint.checks.placeholder_needs import placeholder_data
from pmlint.document.model import words_of

FOLDERS = ("PM402", "PM601", "PM602", "PM604")


# One line in our own words per placeholder pattern, in the cases the gate must survive.
SAMPLES = [
    "It began on 3 March 20xX.",
    "Started at Xx:xX and ended later.",
    "Owner: tbd",
    "Review date: Tba",
    "ToDo: write this part",
    "fixMe before publishing",
    "The ticket is xxxx for now",
    "Lead: [Insert  lead here]",
    "Service: < your service >",
    "Region: {{ region.name }}",
    "About ???  % of calls failed",
    "Lorem Ipsum dolor sit amet",
    "YOUR TEAM GOES HERE",
    "We will fill this in later",
    "Impact: To Be Determined",
    "Placeholder Text for the summary",
    "Customers: n/a (fill in)",
    "Date: dd-mm-yyyy",
    "Time: hh:MM:ss",
    "Began around 14:?? local",
]


def texts() -> list[str]:
    """Fixture documents of the gated rules, and the shared corpus when it is there."""
    paths = [p for p in (FIXTURES / "rules").glob("*/*.*") if p.parent.name[:5] in FOLDERS]
    for folder in ("real", "seeds"):
        if (SHARED / "corpus" / folder).is_dir():
            paths += sorted((SHARED / "corpus" / folder).iterdir())
    found = [p.read_text(encoding="utf-8") for p in paths if p.suffix in (".md", ".txt")]
    return [*SAMPLES, *found]


def test_every_placeholder_pattern_needs_something() -> None:
    """A pattern with no ``needs`` would never run."""
    for entry in placeholder_data()["patterns"]:
        assert entry["needs"], f"placeholder pattern {entry['regex']!r} lists no needs"


@pytest.mark.parametrize("index", range(len(placeholder_data()["patterns"])))
def test_placeholder_matches_hold_what_they_need(index: int) -> None:
    """Each match of a placeholder pattern contains one of its ``needs``."""
    entry = placeholder_data()["patterns"][index]
    pattern = re.compile(entry["regex"], re.IGNORECASE)
    matched = 0
    for text in texts():
        for match in pattern.finditer(text):
            matched += 1
            found = match.group(0).casefold()
            assert any(n in found for n in entry["needs"]), (match.group(0), entry)
    assert matched, f"no sample matches {entry['regex']!r}: add one to SAMPLES"


SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;]+|$)")


@pytest.mark.parametrize("key", ["subject", "possessive", "self", "word", "human", "omission"])
def test_blame_matches_open_their_gate(key: str) -> None:
    """A sentence where a blame pattern matches has the words its gate asks for."""
    matched = 0
    for text in texts():
        for sentence in SENTENCE.findall(text):
            if _patterns()[key].search(sentence):
                matched += 1
                assert _gate(key).open(words_of(sentence)), (key, sentence)
    assert matched, f"no fixture sentence matches the {key!r} pattern: the test checks nothing"


def test_gate_needs_every_word_of_a_phrase() -> None:
    """The gate opens on all the words of a phrase, not on one of them."""
    gate = _gate("human")
    assert gate.open(words_of("it was human error, plainly"))
    assert not gate.open(words_of("the error rate rose"))
    assert not gate.open(words_of("a human checked it"))


def test_texts_are_read() -> None:
    """The fixtures exist: an empty list would make the tests above pass vacuously."""
    assert len(texts()) >= len(FOLDERS)
