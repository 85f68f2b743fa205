"""Refuse regular expressions that can backtrack for a very long time.

Pack authors write their own ``patterns``; one like ``(a|aa)+$`` or ``(\\w+\\s?)+$`` takes
exponential time on a line that almost matches, and would stop every file at the time
limit. :func:`backtracking_problem` reads the pattern's syntax tree (``re._parser``) and
names the first construct that lets the engine match the same text in more than one
way under a repetition:

- a quantified part inside a repetition that the text around it does not delimit
  (``(a+)+``, ``(\\w+\\s?)+``): the inner repeat's characters can also start what follows it;
- alternatives under a repetition that can start with the same character or match
  nothing (``(a|aa)+``, ``(x|)*``);
- two repeats in a row over overlapping characters (``\\s*\\s*``, ``.*.*``).

Atomic groups ``(?>...)`` and possessive quantifiers (``a++``) cannot backtrack and are
always accepted. The check is conservative: it may refuse a pattern that is in fact
fast; rewriting it with a possessive quantifier or a tighter character class passes.
What it does not bound is the scan itself: a pattern that starts with a repeat (``a+b``)
tries every start position of a long run of its characters, so it is quadratic on such
a run; start it with ``\b`` or a literal. Pack rules run under the per-file time limit,
which bounds that case.
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _compiler
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_SAMPLE = "".join(map(chr, range(0x250))) + "\u2013\u2019\u201c\u00a0\u2009\u3000\u4e00\U0001f600"
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_ATOMS = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.CATEGORY}

Item = tuple[Any, Any]


class _Unsafe(Exception):
    pass


def backtracking_problem(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` may take super-linear time, or None when it is safe."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except re.error as exc:
        return f"invalid regular expression: {exc}"
    checker = _Checker(parsed.state.flags)
    try:
        checker.sequence(list(parsed), under_repeat=False)
    except _Unsafe as exc:
        return str(exc)
    return None


class _Checker:
    def __init__(self, flags: int) -> None:
        self.flags = flags

    def charset(self, atom: Item) -> frozenset[str]:
        return _charset(repr(atom), atom, self.flags)

    def first(self, items: list[Item], last: bool = False) -> tuple[frozenset[str], bool]:
        """The characters that can start (or, with ``last``, end) ``items``, and whether
        it can match nothing."""
        found: set[str] = set()
        for op, av in reversed(items) if last else items:
            chars, nullable = self.first_of(op, av, last)
            found |= chars
            if not nullable:
                return frozenset(found), False
        return frozenset(found), True

    def first_of(self, op: Any, av: Any, last: bool = False) -> tuple[frozenset[str], bool]:
        if op in _ATOMS:
            return self.charset((op, av)), False
        if op in _ZERO_WIDTH or op is sre.GROUPREF:
            return frozenset(), True
        if op in _REPEATS or op is getattr(sre, "POSSESSIVE_REPEAT", None):
            chars, nullable = self.first(list(av[2]), last)
            return chars, nullable or av[0] == 0
        if op is sre.SUBPATTERN:
            return self.first(list(av[3]), last)
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return self.first(list(av), last)
        if op is sre.BRANCH:
            found: set[str] = set()
            nullable = False
            for alternative in av[1]:
                chars, empty = self.first(list(alternative), last)
                found |= chars
                nullable = nullable or empty
            return frozenset(found), nullable
        return frozenset(_SAMPLE), True  # unknown: assume the worst

    def sequence(self, items: list[Item], *, under_repeat: bool, wrap: list[Item] = ()) -> None:
        """Check each item of a sequence; ``wrap`` is what follows the sequence's end."""
        for index, (op, av) in enumerate(items):
            rest = items[index + 1 :]
            if op in _REPEATS and av[0] != av[1]:
                self.repeat(av, rest, wrap, under_repeat)
            elif op in _REPEATS:  # a fixed count {n}
                self.sequence(list(av[2]), under_repeat=under_repeat)
            elif op is sre.SUBPATTERN:
                self.sequence(list(av[3]), under_repeat=under_repeat, wrap=[*rest, *wrap])
            elif op is sre.BRANCH:
                self.branch(av[1], [*rest, *wrap], under_repeat)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                self.sequence(list(av[1]), under_repeat=False)
            # atomic groups and possessive repeats never backtrack into themselves

    def repeat(self, av: Any, rest: list[Item], wrap: list[Item], under_repeat: bool) -> None:
        high, body = av[1], list(av[2])
        _, body_nullable = self.first(body)
        ending, _ = self.first(body, last=True)
        unbounded = high == sre.MAXREPEAT or high > 64
        if unbounded and body_nullable:
            raise _Unsafe("a repeated part can match nothing (like (a*)* or (x|)+)")
        after, _ = self.first([*rest, *wrap])
        if unbounded or under_repeat:
            following = self.first(rest) if not under_repeat else self.first([*rest, *wrap])
            next_repeat = rest and rest[0][0] in _REPEATS and rest[0][1][0] != rest[0][1][1]
            if under_repeat and ending & after:
                raise _Unsafe(
                    "a quantified part inside a repetition can also match what follows it "
                    "(like (a+)+ or (\\w+\\s?)+)"
                )
            if next_repeat and ending & following[0]:
                raise _Unsafe(
                    "two repeats in a row can match the same characters (like \\s*\\s* or .*.*)"
                )
        self.sequence(body, under_repeat=under_repeat or unbounded, wrap=body if unbounded else [])

    def branch(self, alternatives: list[Any], follow: list[Item], under_repeat: bool) -> None:
        if under_repeat:
            seen: set[str] = set()
            for alternative in alternatives:
                chars, nullable = self.first(list(alternative))
                if nullable or chars & seen:
                    raise _Unsafe(
                        "alternatives under a repetition can match the same text "
                        "(like (a|aa)+ or (x|)*); make them start differently"
                    )
                seen |= chars
        for alternative in alternatives:
            self.sequence(list(alternative), under_repeat=under_repeat, wrap=follow)


_CHARSETS: dict[tuple[str, int], frozenset[str]] = {}


def _charset(key: str, atom: Item, flags: int) -> frozenset[str]:
    """The sample characters one single-character item matches (cached by its repr)."""
    cached = _CHARSETS.get((key, flags))
    if cached is None:
        sub = sre_parse.SubPattern(sre_parse.State())
        sub.state.flags = flags
        sub.append(atom)
        try:
            compiled = _compiler.compile(sub, flags)
        except (re.error, TypeError):
            cached = frozenset(_SAMPLE)
        else:
            cached = frozenset(c for c in _SAMPLE if compiled.fullmatch(c))
        _CHARSETS[(key, flags)] = cached
    return cached


__all__ = ["backtracking_problem"]
