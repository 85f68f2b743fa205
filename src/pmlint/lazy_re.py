"""Regexes compiled on first use (:class:`LazyPattern`), so that start-up does not pay for
compiling the patterns most documents never run (Python's regex compiler is pure Python:
a few hundred patterns compiled at import cost tens of milliseconds of a cold run)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["LAZY_PATTERNS", "LazyPattern"]

#: Every :class:`LazyPattern` made, so that the regex-safety test can scan them all.
LAZY_PATTERNS: list[LazyPattern] = []

#: The methods a :class:`LazyPattern` offers, each as the compiled pattern's.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """A regex compiled on first use: made at module level like ``re.compile(pattern,
    flags)``, for a pattern that most documents never run, and listed in
    :data:`LAZY_PATTERNS`. Its methods behave as the compiled pattern's; the first call
    compiles it and puts the compiled pattern's own methods on the instance, so that later
    calls go straight to them (no extra Python call per use)."""

    __slots__ = ("__dict__", "_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None
        LAZY_PATTERNS.append(self)

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
            # instance attributes win over these methods (plain functions) from now on
            self.__dict__.update((name, getattr(compiled, name)) for name in _METHODS)
        return compiled

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.search`."""
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.match`."""
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """As :meth:`re.Pattern.fullmatch`."""
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As :meth:`re.Pattern.finditer`."""
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        """As :meth:`re.Pattern.findall`."""
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        """As :meth:`re.Pattern.sub`."""
        return self.compiled.sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        """As :meth:`re.Pattern.split`."""
        return self.compiled.split(string, maxsplit)
