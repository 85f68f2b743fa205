"""Section meaning: normalise a title and map it to canonical keys (summary, timeline, ...)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pmlint.data import load_toml

_HTML_TAG = re.compile(r"<[^<>]*>")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\[\]\n]*\)")  # no "[" inside: linear on "[[[["
_NUMBERING = re.compile(
    r"^(?:(?:\d+|[ivxlc]+|[a-z])[.)]|\d+(?:\.\d+)*\.?|step \d+:?|part \d+:?)\s+"
)
_PARENS = re.compile(r"[(\[][^()\[\]]{0,80}[)\]]")
_NON_WORD = re.compile(r"[^\w;&/,'’ -]+")
_SPACES = re.compile(r"\s+")
_SPLIT = re.compile(r"\s*(?:\band\b|&|/|,|\+)\s*")


def normalise_title(title: str) -> str:
    """Lower-case a title and strip decoration: markdown, HTML, numbering, emoji, colon.

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
    return text.strip(" -:;,/")


@dataclass(frozen=True)
class SectionRegistry:
    """Canonical section keys, with the aliases and heading patterns that mean them."""

    aliases: dict[str, frozenset[str]]
    patterns: tuple[tuple[re.Pattern[str], str], ...]

    def keys_for(self, title: str, *, heading: bool) -> frozenset[str]:
        """The keys a title means; ``heading`` allows the looser heading-only patterns."""
        norm = normalise_title(title)
        if not norm:
            return frozenset()
        keys = set(self.aliases.get(norm, ()))
        if not keys:
            parts = [p for p in _SPLIT.split(norm) if p]
            if len(parts) > 1:
                for part in parts:
                    keys |= self.aliases.get(part, set())
        if heading and not keys and len(norm.split()) <= 10:
            keys = {key for pattern, key in self.patterns if pattern.search(norm)}
        return frozenset(keys)

    def is_alias(self, title: str) -> bool:
        """Whether a loose-text label names a section exactly (all of its parts)."""
        norm = normalise_title(title)
        if norm in self.aliases:
            return True
        parts = [p for p in _SPLIT.split(norm) if p]
        return len(parts) > 1 and all(p in self.aliases for p in parts)

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
def default_registry() -> SectionRegistry:
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
