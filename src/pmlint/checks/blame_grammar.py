"""Alternations led by a person reference or a name, matched as the one regex they replace.

``(?P<w1>PERSON)A|B|(?P<w2>PERSON)C`` compiles the large person pattern once per branch,
and Python compiles patterns slowly (a cold start paid some 15 ms for the blame grammar).
Here the person pattern is compiled once, split into its parts, and each branch keeps only
what follows the person. :class:`PersonLed` tries the branches in order at each place, and
at a place each way the person can end in the order the regex engine would backtrack
through them, so it finds exactly the matches and groups of the single regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from pmlint.lazy_re import LazyPattern
from pmlint.phrases import phrase_alternation

_ARTICLES = ("the", "an?", "their", "that", "this", "one", "some", "another", "his", "her")
_HANDLE = r"@[A-Za-z0-9][\w-]*"
_TEAM = r"(?i:the\s+)(?:[A-Z][\w&-]*\s+){{{reps}}}(?i:team|teams|squad|group)"
_WORDS = LazyPattern(r"[\w-]+(?: [\w-]+)*")


def _by_length(phrases: Iterable[str], suffix: str) -> list[re.Pattern[str]]:
    """One pattern per word count, most words first: each matches at most one way.

    Phrases of words of ``[\\w-]`` that match at one place all have different word counts
    (the one of fewer words a prefix of the other), and the longer comes first in the
    alternation, so trying the counts in this order follows the regex's backtracking.
    """
    groups: dict[int, list[str]] = {}
    for phrase in phrases:
        if not _WORDS.fullmatch(phrase):
            raise ValueError(f"person phrase {phrase!r} is not words of letters, digits or -")
        groups.setdefault(len(phrase.split()), []).append(phrase)
    return [
        re.compile(rf"(?i:{phrase_alternation(groups[n])}){suffix}")
        for n in sorted(groups, reverse=True)
    ]


class Person:
    """A person reference: an optional article and role modifier, then a person word; or
    a named team ("the Platform Ops team"); or a chat handle ("@jdoe").
    """

    def __init__(self, modifiers: Sequence[str], references: Sequence[str]) -> None:
        articles = "|".join(_ARTICLES)
        role = (
            rf"(?i:(?:(?:{articles})\s+)?(?:(?:{phrase_alternation(modifiers)})\s+)?"
            rf"(?:{phrase_alternation(references)}))"
        )
        named_team = _TEAM.format(reps="1,2")
        self.pattern = re.compile(rf"(?<![\w-])(?:{role}|{named_team}|{_HANDLE})(?![\w-])")
        self._article = re.compile(rf"(?i:{articles})\s+")
        self._modifiers = _by_length(modifiers, r"\s+")
        self._references = _by_length(references, r"(?![\w-])")
        # "(?:Word\s+){1,2}" tries two capitalised words before one ("the Ops Team group").
        self._tails = [
            re.compile(rf"(?:{_TEAM.format(reps=2)})(?![\w-])"),
            re.compile(rf"(?:{_TEAM.format(reps=1)})(?![\w-])"),
            re.compile(rf"{_HANDLE}(?![\w-])"),
        ]

    @staticmethod
    def _after(patterns: list[re.Pattern[str]], text: str, at: int) -> Iterator[int]:
        """Where each of ``patterns`` that matches at ``at`` ends, in order."""
        for pattern in patterns:
            found = pattern.match(text, at)
            if found:
                yield found.end()

    def ends(self, text: str, start: int) -> list[int]:
        """Where a person reference starting at ``start`` can end, in the regex's order.

        ``start`` must be a place where :attr:`pattern` matches. Repeated ends are kept
        once: what follows a person depends only on where it ends.
        """
        article = self._article.match(text, start)
        ends: dict[int, None] = {}
        for head in (article.end(), start) if article else (start,):
            for word in (*self._after(self._modifiers, text, head), head):
                ends.update(dict.fromkeys(self._after(self._references, text, word)))
        ends.update(dict.fromkeys(self._after(self._tails, text, start)))
        return list(ends)


class Found:
    """A match of a :class:`PersonLed` alternation: its span and its groups' spans."""

    def __init__(self, text: str, key: str, spans: dict[str, tuple[int, int]]) -> None:
        self.string = text
        self.key = key
        self._spans = spans

    def span(self, group: str | int = 0) -> tuple[int, int]:
        """The span of ``group`` (0: the whole match), (-1, -1) when it did not take part."""
        return self._spans.get(str(group), (-1, -1))

    def start(self, group: str | int = 0) -> int:
        """Where ``group`` starts (0: the whole match)."""
        return self.span(group)[0]

    def end(self, group: str | int = 0) -> int:
        """Where ``group`` ends (0: the whole match)."""
        return self.span(group)[1]

    def group(self, group: str | int = 0) -> str | None:
        """The text of ``group`` (0: the whole match), None when it did not take part."""
        start, end = self.span(group)
        return None if start < 0 else self.string[start:end]


class Name:
    """A capitalised first name and maybe a surname ("John", "Sam Lee"), not a sentence
    opener such as "The" or "When"."""

    def __init__(self) -> None:
        self.pattern = re.compile(NAME)
        self._words = re.compile(_NAME_WORDS)

    def ends(self, text: str, start: int) -> list[int]:
        """Where the name starting at ``start`` can end, in the regex's order: each letter
        of the surname back to its second, then of the first name back to its second."""
        found = self._words.match(text, start)
        if found is None:
            return []
        first_end = found.end("first")
        ends = list(range(found.end(), found.start("second") + 1, -1)) if found["second"] else []
        return ends + list(range(first_end, start + 1, -1))


_NAME_STOPS = (
    "The|This|That|These|Those|Our|We|My|It|Its|An?|Then|After|Before|When|While"
    "|Once|At|On|In|Nobody|No|Everyone|Someone|Everybody|Somebody"
)
#: A capitalised first name (and surname), for "John forgot to".
NAME = rf"\b(?!(?:{_NAME_STOPS})\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
_NAME_WORDS = r"(?P<first>[A-Z][a-z]+)(?:\s+(?P<second>[A-Z][a-z]+))?"


class Branch:
    """One branch of a :class:`PersonLed`: ``pattern`` alone, or a ``lead`` (a
    :class:`Person` or a :class:`Name`; its span the group ``group`` when that is given)
    followed at once by ``pattern``."""

    def __init__(
        self, pattern: re.Pattern[str], lead: Person | Name | None = None, group: str = ""
    ) -> None:
        self.pattern = pattern
        self.lead = lead
        self.group = group


class PersonLed:
    """Branches tried in order at each place, as one regex alternation of them would be.

    A branch with a lead starts with the lead's pattern; its own ``pattern`` is what must
    follow. :meth:`finditer` yields the same matches, with the same group spans, as
    ``re.finditer`` of the alternation written out in full.
    """

    def __init__(self, key: str, branches: Sequence[Branch]) -> None:
        self.key = key
        self._branches = tuple(branches)
        self._leads = list(dict.fromkeys(b.lead for b in branches if b.lead))

    def finditer(self, text: str) -> Iterator[Found]:
        """The matches, left to right, each searched for after the last."""
        state = self._start(text)
        pos = 0
        while (found := self._first(text, pos, *state)) is not None:
            yield found
            pos = found.end()

    def search(self, text: str) -> Found | None:
        """The first match."""
        return self._first(text, 0, *self._start(text))

    def _start(
        self, text: str
    ) -> tuple[dict[int, re.Match[str] | None], dict[Person | Name, re.Match[str] | None]]:
        """The first match of each plain branch and of each lead: kept while the search goes
        on, and searched again only when a match found since has passed them."""
        plain = {i: b.pattern.search(text) for i, b in enumerate(self._branches) if not b.lead}
        return plain, {lead: lead.pattern.search(text) for lead in self._leads}

    def _first(
        self,
        text: str,
        pos: int,
        plain: dict[int, re.Match[str] | None],
        leads: dict[Person | Name, re.Match[str] | None],
    ) -> Found | None:
        """The leftmost match from ``pos``; at one place, the first branch that matches."""
        for i, match in plain.items():
            if match and match.start() < pos:
                plain[i] = self._branches[i].pattern.search(text, pos)
        for lead, match in leads.items():
            if match and match.start() < pos:
                leads[lead] = lead.pattern.search(text, pos)
        while True:
            starts = [m.start() for m in (*plain.values(), *leads.values()) if m]
            if not starts:
                return None
            at = min(starts)
            ends = {lead: lead.ends(text, at) for lead, m in leads.items() if m and m.start() == at}
            for i, branch in enumerate(self._branches):
                if branch.lead is None:
                    match = plain[i]
                    if match and match.start() == at:
                        return self._found(text, match)
                    continue
                for end in ends.get(branch.lead, ()):
                    match = branch.pattern.match(text, end)
                    if match:
                        return self._found(text, match, branch.group, at)
            # Only leads can start here without a branch matching: look past them.
            for lead in ends:
                leads[lead] = lead.pattern.search(text, at + 1)

    def _found(self, text: str, match: re.Match[str], group: str = "", at: int = -1) -> Found:
        spans = {
            name: match.span(name) for name, value in match.groupdict().items() if value is not None
        }
        start = match.start() if at < 0 else at
        if group:
            spans[group] = (start, match.start())
        spans["0"] = (start, match.end())
        return Found(text, self.key, spans)
