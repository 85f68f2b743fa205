"""Section meaning: normalise a title and map it to canonical keys (summary, timeline, ...)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import msgspec

from pmlint.data import load_toml
from pmlint.document.lazy import lazy

_HTML_TAG = re.compile(r"<[^<>]*>")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\[\]\n]*\)")  # no "[" inside: linear on "[[[["
_NUMBERING = re.compile(
    r"^(?:(?:\d+|[ivxlc]+|[a-z])[.)]|\d+(?:\.\d+)*\.?|step \d+:?|part \d+:?)\s+"
)
_PARENS = re.compile(r"[(\[][^()\[\]]{0,80}[)\]]")
_NON_WORD = re.compile(r"[^\w;&/,'’ -]+")
_SPACES = re.compile(r"\s+")
_SPLIT = re.compile(r"\s*(?:\band\b|&|/|,|\+)\s*")
_ARTICLE = re.compile(r"^(?:the|our)\s+")
_SUBTITLE = re.compile(r"^([^:]{2,60}):\s*\S")
_TYPO_MIN_LEN = 5  # words this long may carry one typo ("Symmary", "Timline")
_KNOWN_TITLES = 16384  # titles whose keys a registry remembers before it starts afresh
_V = TypeVar("_V")


def _remembered(known: dict[Any, _V], key: Hashable, compute: Callable[..., _V], *args: Any) -> _V:
    """``known[key]``, computed by ``compute(*args)`` on first ask; ``known`` is emptied when
    it reaches :data:`_KNOWN_TITLES` entries (the same titles come back file after file)."""
    value = known.get(key)
    if value is None:
        if len(known) >= _KNOWN_TITLES:
            known.clear()
        value = known[key] = compute(*args)
    return value


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one substitution, insertion, deletion or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1 :]


@functools.lru_cache(maxsize=16384)
def _near_words(vocabulary: frozenset[str], word: str) -> tuple[str, ...]:
    """The words of ``vocabulary`` one edit from ``word``, sorted.

    Remembered: titles repeat across files, and a lookup reads the whole vocabulary.
    """
    return tuple(sorted(v for v in vocabulary if _one_edit_apart(word, v)))


@functools.lru_cache(maxsize=4096)
def normalise_title(title: str) -> str:
    """Lower-case a title and strip decoration: markdown, HTML, numbering, emoji, colon.

    Remembered: the same titles and labels come back line after line and file after file.

    >>> normalise_title("**3. Root Cause & Resolution:**")
    'root cause & resolution'
    """
    text = _HTML_TAG.sub("", title)
    text = _MD_LINK.sub(r"\1", text)
    text = text.replace("*", "").replace("_", " ").replace("`", "").replace("#", " ")
    text = text.strip().lower()
    text = _PARENS.sub("", text)
    text = _NON_WORD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" -:;,/")
    text = _NUMBERING.sub("", text)
    return _ARTICLE.sub("", text.strip(" -:;,/"))


class SectionRegistry(msgspec.Struct, frozen=True, dict=True):
    """Canonical section keys, with the aliases and heading patterns that mean them (its
    ``__dict__`` holds what it remembers)."""

    aliases: dict[str, frozenset[str]]
    patterns: tuple[tuple[re.Pattern[str], str], ...]

    @lazy
    def _known(self) -> dict[tuple[str, bool], frozenset[str]]:
        """The keys of each title asked for (see :meth:`keys_for`)."""
        return {}

    @lazy
    def _known_aliases(self) -> dict[str, bool]:
        """Whether each label asked for is an alias (see :meth:`is_alias`)."""
        return {}

    def keys_for(self, title: str, *, heading: bool) -> frozenset[str]:
        """The keys a title means; ``heading`` allows the looser heading-only patterns.

        A title with a subtitle after a colon ("Timeline: A Journey") means what the
        part before the colon means; in a heading, one typo in a long word is forgiven.
        Remembered per title: the same headings and labels come back file after file.
        """
        return _remembered(self._known, (title, heading), self._title_keys, title, heading)

    def _title_keys(self, title: str, heading: bool) -> frozenset[str]:
        subtitle = _SUBTITLE.match(title.strip())
        if subtitle:
            keys = self._keys(normalise_title(subtitle.group(1)), heading=heading)
            if keys:
                return keys
        return self._keys(normalise_title(title), heading=heading)

    def _keys(self, norm: str, *, heading: bool) -> frozenset[str]:
        if not norm:
            return frozenset()
        keys = set(self._alias_keys(norm))
        if heading and not keys:
            corrected = self._corrected(norm)
            keys = set(self._alias_keys(corrected))
            if not keys and len(norm.split()) <= 10:
                keys = {key for pattern, key in self.patterns if pattern.search(corrected)}
        return frozenset(keys)

    def _alias_keys(self, norm: str) -> set[str]:
        """Keys of the whole title, else of each part of a merged title."""
        keys = set(self.aliases.get(norm, ()))
        if not keys:
            parts = [p for p in _SPLIT.split(norm) if p]
            if len(parts) > 1:
                for part in parts:
                    keys |= self.aliases.get(part, set())
        return keys

    def _corrected(self, norm: str) -> str:
        """``norm`` with each unknown long word replaced by the alias word one edit away."""
        vocabulary = self.vocabulary
        words = norm.split()
        for index, word in enumerate(words):
            if len(word) < _TYPO_MIN_LEN or word in vocabulary:
                continue
            near = _near_words(vocabulary, word)
            if len(near) == 1:
                words[index] = near[0]
        return " ".join(words)

    @lazy
    def vocabulary(self) -> frozenset[str]:
        """The long words of every alias: what a typo in a heading is corrected to."""
        return frozenset(
            w for alias in self.aliases for w in alias.split() if len(w) >= _TYPO_MIN_LEN
        )

    def is_alias(self, title: str) -> bool:
        """Whether a loose-text label names a section exactly (all of its parts);
        remembered per title, as :meth:`keys_for` is."""
        return _remembered(self._known_aliases, title, self._names_alias, title)

    def _names_alias(self, title: str) -> bool:
        norm = normalise_title(title)
        if norm in self.aliases:
            return True
        parts = [p for p in _SPLIT.split(norm) if p]
        return len(parts) > 1 and all(p in self.aliases for p in parts)

    def subtitled_alias(self, title: str) -> bool:
        """Whether ``title`` is an alias followed by a subtitle ("Timeline: How It Went")."""
        match = _SUBTITLE.match(title.strip())
        return match is not None and self.is_alias(match.group(1))

    def with_aliases(self, extra: dict[str, list[str]]) -> SectionRegistry:
        """A copy with more aliases (from ``[tool.pmlint.sections]``)."""
        merged = {alias: set(keys) for alias, keys in self.aliases.items()}
        for key, names in extra.items():
            for name in names:
                merged.setdefault(normalise_title(name), set()).add(key)
        return SectionRegistry(
            {a: frozenset(k) for a, k in merged.items()},
            self.patterns,
        )


@functools.cache
def default_section_registry() -> SectionRegistry:
    """The registry from the shipped ``sections.toml``."""
    data = load_toml("sections.toml")["sections"]
    aliases: dict[str, set[str]] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for key, entry in data.items():
        for alias in entry.get("aliases", []):
            aliases.setdefault(normalise_title(alias), set()).add(key)
        for pattern in entry.get("patterns", []):
            patterns.append((re.compile(pattern), key))
    return SectionRegistry({a: frozenset(k) for a, k in aliases.items()}, tuple(patterns))
