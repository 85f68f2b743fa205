"""PM604's key look-ups skip a group of words when the text lacks the separator they share.

:class:`_Present` finds the key prefixes a document holds, and whether it holds a key
name, by testing first whether each group's separator ("_", "-", "." or none) is in the
text, and for key names only the fewest names some one of which every name holds. Both
must answer exactly as testing every word does: on hand-written lines, on random texts
built from the words' pieces, and on the fixtures and the shared corpus.
"""

from __future__ import annotations

import random

from conftest import FIXTURES, SHARED
from pmlint.checks.language import _gated_words, _Present
from pmlint.packs import word_list

SAMPLES = [
    "",
    "No secrets here, just prose: a deploy at 10:00 UTC.",
    "token: abc",
    "Set access_key=... and API-KEY: x",
    "The CLIENT_SECRET was rotated; secret_key too.",
    "AKIA and ASIA and AIza are prefixes; so is EAACEdEose0cBA",
    "ghp_ gho_ github_pat_ sk_live_ rk_live_ pk_live_ npm_ shpat_ dop_v1_ hf_ glc_",
    "glpat- xoxb- xapp- sk-proj- sk-ant- pypi- ya29. SG.",
    "Passwd: hunter2; PWD=/home; Bearer: abc",
    "private-key: no (hyphen), private_key: yes",
    "api key: spaced, apikey: joined",
    "Straße: ß casefolds to ss; ﬁ ligature; İstanbul",
]

_PIECES = [
    *word_list("secret-prefixes"),
    *word_list("secret-keys"),
    *(k.upper() for k in word_list("secret-keys")),
    *(p[:-1] for p in word_list("secret-prefixes")),
    "_",
    "-",
    ".",
    ":",
    "=",
    " ",
    "\n",
    "a",
    "key",
    "pass",
    "word",
    "ß",
    "İ",
]


def _plain(text: str) -> tuple[set[str], bool]:
    """Every prefix and every key name tested on its own, as before the gate."""
    prefixes = {p for p in word_list("secret-prefixes") if p in text}
    folded = text.casefold() if "=" in text or ":" in text else ""
    keys = any(k.casefold() in folded for k in word_list("secret-keys"))
    return prefixes, keys


def _texts() -> list[str]:
    rng = random.Random(1404)
    texts = list(SAMPLES)
    texts += ["".join(rng.choices(_PIECES, k=rng.randint(1, 12))) for _ in range(4000)]
    paths = sorted((FIXTURES / "rules").glob("PM604*/*.md"))
    if (SHARED / "corpus" / "real").is_dir():
        paths += sorted((SHARED / "corpus" / "real").glob("*.md"))
    return texts + [p.read_text(encoding="utf-8") for p in paths]


def test_gated_look_ups_equal_the_plain_ones() -> None:
    """Same prefixes and same key answer as testing every word, with both answers seen."""
    seen = {"prefix": 0, "no-prefix": 0, "key": 0, "no-key": 0}
    for text in _texts():
        present = _Present(text)
        prefixes, keys = _plain(text)
        assert set(present.prefixes) == prefixes, text
        assert present.keys == keys, text
        seen["prefix" if prefixes else "no-prefix"] += 1
        seen["key" if keys else "no-key"] += 1
    assert min(seen.values()) >= 100, seen


def test_groups_hold_every_prefix_once_under_its_separator() -> None:
    """Each prefix is in exactly one group, whose separator it holds."""
    prefixes, keys = _gated_words()
    grouped = [w for _, group in prefixes for w in group]
    assert sorted(grouped) == sorted(word_list("secret-prefixes"))
    for sep, group in (*prefixes, *keys):
        assert all(sep in word for word in group), (sep, group)
    fewest = [k for _, group in keys for k in group]
    assert len(fewest) < len(word_list("secret-keys"))  # the shortcut drops some names
