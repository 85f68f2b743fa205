"""The fast paths of the per-block word views give what the plain patterns give.

``words_of`` and ``normalise_for_duplicates`` split ASCII text with a translation table and
``str.split`` instead of a pattern: compared here with the patterns they stand for, on
hand-written texts and on random texts drawn from every ASCII character (and a few
others, which take the pattern path).
"""

from __future__ import annotations

import random
import re

from pmlint.document.model import normalise_for_duplicates, words_of

_URL = re.compile(r"https?://\S+|www\.\S+")


def _words_reference(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[\w-]+", text.casefold()))


def _normalised_reference(text: str) -> str:
    text = _URL.sub(" ", text.lower())
    return " ".join(re.findall(r"\w+", text))


_TEXTS = [
    "",
    "   ",
    "John forgot to renew the cert.",
    "The on-call SRE's mistake: api_key=abc123; see https://example.com/x?y=1 now.",
    "  - [x] **Bold** _under_ __init__ ~~gone~~ `code` <b>tag</b> &amp; 10:05 UTC",
    "tabs\there\vand\fform\x1cfeeds\x1fand\x00nul",
    "Ünïcödé wörds — and ’quotes’ and İstanbul, ﬁne straße",
    "www.example.org/path, then WWW.EXAMPLE.ORG and http://a.b",
    "-- leading-dash --- and trailing- _ __ -_-",
]
_ALPHABET = [chr(i) for i in range(128)] + list("é’—İßﬁ\u00a0\u2028ǅ")


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        ascii_only = rng.random() < 0.7
        alphabet = _ALPHABET[:128] if ascii_only else _ALPHABET
        weights = [8 if c.isalnum() else 1 for c in alphabet]
        texts.append("".join(rng.choices(alphabet, weights, k=rng.randint(0, 80))))
    return texts


def test_words_of_matches_the_pattern() -> None:
    for text in _TEXTS + _random_texts(3000, 14):
        assert words_of(text) == _words_reference(text), repr(text)


def test_normalise_matches_the_pattern() -> None:
    for text in _TEXTS + _random_texts(3000, 41):
        assert normalise_for_duplicates(text) == _normalised_reference(text), repr(text)


def test_random_texts_reach_both_paths() -> None:
    texts = _random_texts(3000, 14)
    assert any(t.isascii() for t in texts) and not all(t.isascii() for t in texts)
