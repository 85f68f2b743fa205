"""Glob patterns of config files (``include``, ``exclude``, ``per-file-ignores``).

Patterns follow ``.gitignore`` habits: one without a ``/`` (``*.draft.md``, ``drafts``)
matches a file or directory name anywhere below the config file; one with a ``/``
(``docs/old/*.md``) is anchored at the config file's directory. ``*`` and ``?`` stay within
one path segment; a ``**`` segment matches any number of segments (``**`` inside a
segment, as in ``a**b``, is a plain ``*``). A pattern matching a directory matches every
file below it.

Matching never backtracks: the path's segments run through the pattern as a set of
positions (an NFA), so ten ``**/`` on a path a thousand directories deep cost
ten thousand steps, not minutes; within a segment, ``*`` is matched greedily with one
resume point, in time proportional to the product of the two lengths at most.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import PurePosixPath

import msgspec

_STAR = "*"
_ONE = "?"
Token = str | re.Pattern[str]  # a literal character, "*", "?" or a one-character class


def _segment_tokens(segment: str) -> tuple[Token, ...]:
    """The tokens of one segment; raises :class:`re.error` for a bad ``[...]`` class."""
    tokens: list[Token] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char == "*":
            if not tokens or tokens[-1] != _STAR:  # ``**`` inside a segment is ``*``
                tokens.append(_STAR)
        elif char == "?":
            tokens.append(_ONE)
        elif char == "[" and (close := segment.find("]", i + 1)) != -1:
            body = segment[i + 1 : close].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            tokens.append(re.compile(f"[{body}]"))
            i = close + 1
            continue
        else:
            tokens.append("\\" + char if char in "*?" else char)
        i += 1
    return tuple(tokens)


def _token_matches(token: Token, char: str) -> bool:
    if isinstance(token, str):
        return token in (_ONE, char) or (len(token) == 2 and token[1] == char)
    return token.fullmatch(char) is not None


def _segment_matches(tokens: tuple[Token, ...], name: str) -> bool:
    """Wildcard match of one path segment: greedy, resuming after the last ``*``."""
    t = n = 0
    star = -1
    resume = 0
    while n < len(name):
        if t < len(tokens) and tokens[t] == _STAR:
            star, resume = t, n
            t += 1
        elif t < len(tokens) and _token_matches(tokens[t], name[n]):
            t += 1
            n += 1
        elif star != -1:
            resume += 1
            t, n = star + 1, resume
        else:
            return False
    while t < len(tokens) and tokens[t] == _STAR:
        t += 1
    return t == len(tokens)


_ANY_SEGMENTS = None  # a ``**`` segment


class Glob(msgspec.Struct, frozen=True):
    """A compiled glob over absolute POSIX paths: one entry per segment, None for ``**``."""

    segments: tuple[tuple[Token, ...] | None, ...]

    def _closure(self, states: set[int]) -> set[int]:
        todo = list(states)
        while todo:
            i = todo.pop()
            if i < len(self.segments) and self.segments[i] is None and i + 1 not in states:
                states.add(i + 1)
                todo.append(i + 1)
        return states

    def match(self, path: str, *, parents: bool = False) -> bool:
        """Whether the path (or, with ``parents``, one of its parent directories) matches."""
        end = len(self.segments)
        states = self._closure({0})
        for name in path.split("/"):
            following: set[int] = set()
            for i in states:
                if i == end:
                    continue
                tokens = self.segments[i]
                if tokens is None:
                    following.add(i)
                elif _segment_matches(tokens, name):
                    following.add(i + 1)
            states = self._closure(following)
            if not states:
                return False
            if parents and end in states:
                return True
        return end in states


@lru_cache(maxsize=1024)
def compile_glob(pattern: str, root: str) -> Glob:
    """A matcher for the absolute POSIX paths that ``pattern`` (relative to ``root``)
    means; raises :class:`re.error` for a bad character class such as ``[z-a]``."""
    text = pattern.strip().replace("\\", "/").removeprefix("./").rstrip("/")
    base = PurePosixPath(root.replace("\\", "/")).as_posix().rstrip("/")
    if "/" in text:
        if not text.startswith("/"):
            text = posix_normpath(f"{base}/{text}")
        return Glob(tuple(_compile_segment(part) for part in text.split("/")))
    literal = tuple(tuple("\\" + c if c in "*?" else c for c in part) for part in base.split("/"))
    return Glob((*literal, _ANY_SEGMENTS, _compile_segment(text)))


def _compile_segment(part: str) -> tuple[Token, ...] | None:
    return _ANY_SEGMENTS if part == "**" else _segment_tokens(part)


def posix_normpath(path: str) -> str:
    """``os.path.normpath`` with forward slashes (``..`` resolved lexically)."""
    return os.path.normpath(path).replace("\\", "/")


def matches(patterns: list[str], root: str, path: str, *, parents: bool = True) -> bool:
    """Whether an absolute POSIX ``path`` (or, with ``parents``, a parent) matches a pattern."""
    return any(compile_glob(p, root).match(path, parents=parents) for p in patterns)


def absolute_posix(path: str) -> str:
    """The absolute, normalised POSIX form of a path."""
    return posix_normpath(os.path.abspath(path))
