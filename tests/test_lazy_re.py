"""LazyPattern: compiles nothing until first used, then behaves exactly as the compiled
pattern for every method it offers (and calls the compiled pattern's methods directly)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

import pytest

from pmlint import lazy_re
from pmlint.lazy_re import LAZY_PATTERNS, LazyPattern

# (pattern, flags): groups, named groups, anchors, back-references, an empty match, a flag
PATTERNS: list[tuple[str, int]] = [
    (r"(?P<h>\d{1,2}):(?P<m>\d\d)", 0),
    (r"\b(?:outage|incident)s?\b", re.IGNORECASE),
    (r"(\*\*|__)[^*_\n]{1,20}?\1", 0),
    (r"^[ \t]*-[ \t]+", re.MULTILINE),
    (r"[ \t]*", 0),
    (r"(a)|(b)", 0),
    (r"x*$", 0),
]

TEXTS = [
    "",
    "At 10:05 the outage began; by 11:30 the Incidents were closed.",
    "**Root cause**: a __bad__ deploy\n - one\n- two\n\t-  three",
    "abba cab xx",
    "no match here",
    "-- \t\t  ",  # blank from a third on: a match from pos only
    "ab xxxxxx",
]


@pytest.fixture(autouse=True)
def _keep_the_registry() -> Iterator[None]:
    """The patterns made here leave :data:`LAZY_PATTERNS` as it was (the regex-safety test
    checks that every listed pattern is one of pmlint's)."""
    listed = list(LAZY_PATTERNS)
    yield
    LAZY_PATTERNS[:] = listed


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = "ab x*_-:\n\t019OUTAGEoutage"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def _shape(value: Any) -> Any:
    """A comparable form of a method's result (matches by span, groups and named groups)."""
    if isinstance(value, re.Match):
        return ("match", value.span(), value.groups(), value.groupdict(), value.re.pattern)
    if value is None or isinstance(value, (str, int)):
        return value
    return [_shape(item) for item in value]  # a list, or the iterator of finditer


def _calls(text: str) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """Every method with the argument forms callers use (positional, keyword, pos/endpos)."""
    mid, end = len(text) // 3, 2 * len(text) // 3 + 1
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    for name in ("search", "match", "fullmatch", "finditer", "findall"):
        calls += [(name, (text,), {}), (name, (text, mid), {}), (name, (text, mid, end), {})]
        calls += [(name, (text, 0, end), {}), (name, (text, 0, mid), {})]
    calls += [
        ("sub", ("<>", text), {}),
        ("sub", (lambda m: m.group(0).upper(), text), {"count": 1}),
        ("sub", (r"[\g<0>]", text, 2), {}),
        ("split", (text,), {}),
        ("split", (text,), {"maxsplit": 1}),
    ]
    return calls


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_every_method_behaves_as_the_compiled_pattern(pattern: str, flags: int) -> None:
    compiled = re.compile(pattern, flags)
    for text in [*TEXTS, *_random_texts(len(pattern), 40)]:
        for name, args, kwargs in _calls(text):
            # a fresh pattern answers its first call (through its own method) and a used one
            # its later calls (through the compiled pattern's methods put on it): both the same
            fresh, used = LazyPattern(pattern, flags), LazyPattern(pattern, flags)
            getattr(used, name)(*args, **kwargs)
            expected = _shape(getattr(compiled, name)(*args, **kwargs))
            assert _shape(getattr(fresh, name)(*args, **kwargs)) == expected, (name, text)
            assert _shape(getattr(used, name)(*args, **kwargs)) == expected, (name, text)


def test_nothing_is_compiled_until_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lazy_re.re, "compile", counting)
    lazy = LazyPattern(r"(?i)\bnever compiled yet\b")
    assert (lazy.pattern, lazy.flags) == (r"(?i)\bnever compiled yet\b", 0)
    assert compiled == []
    assert lazy in LAZY_PATTERNS  # listed, so that the regex-safety test scans it
    assert lazy.search("it was NEVER compiled yet") is not None
    assert lazy.findall("never compiled yet, never compiled yet") == ["never compiled yet"] * 2
    assert compiled == [r"(?i)\bnever compiled yet\b"]  # once, on the first call only


def test_after_first_use_the_compiled_methods_are_called_directly() -> None:
    lazy = LazyPattern(r"\d+")
    assert lazy.split("a1b22c") == ["a", "b", "c"]
    for name in lazy_re._METHODS:
        method = getattr(lazy, name)
        assert getattr(method, "__self__", None) is lazy.compiled, name
        assert callable(getattr(LazyPattern, name)), name  # offered before first use too


def test_the_compiled_property_compiles_with_the_flags() -> None:
    lazy = LazyPattern(r"^b", re.MULTILINE | re.IGNORECASE)
    assert lazy.compiled is lazy.compiled
    assert lazy.compiled.flags & (re.MULTILINE | re.IGNORECASE)
    assert [m.start() for m in lazy.finditer("a\nB\nb")] == [2, 4]
