"""The blame grammar of PM601 and PM602: a person or role tied to a blame predicate.

Word lists live in ``rules/packs/language.toml``; this module only combines them: a
person reference or a name, then a predicate, within one clause.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.document.model import words_of
from pmlint.packs import word_list
from pmlint.phrases import phrase_alternation

if TYPE_CHECKING:
    from pmlint.document.model import Block

_SENTENCE = re.compile(r"(?<![^.!?;\n])[^.!?;\n]+(?:[.!?;]+|$)")  # linear: run starts only
# A capitalised first name (and surname), for "John forgot to".
_NAME = (
    r"\b(?!(?:The|This|That|These|Those|Our|We|My|It|Its|An?|Then|After|Before|When|While"
    r"|Once|At|On|In|Nobody|No|Everyone|Someone|Everybody|Somebody)\b)[A-Z][a-z]+"
    r"(?:\s+[A-Z][a-z]+)?"
)
_ADVERB = r"(?:\s+(?:just|simply|again|also|then|had|has|apparently|clearly))?\s+"
_ARTICLE = r"(?:(?:the|an?|their|that|this|one|some|another|his|her)\s+)?"
_FILLER = r"(?:\s+[\w'’-]+){0,2}?\s+"
_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|its|their)\s*$", re.IGNORECASE)
_OMISSION_WINDOW = 12
_OWN = re.compile(r"\b(?:our|my|we|I)\s*$", re.IGNORECASE)
# A collective the author belongs to ("our team"): owning a step is an account, not blame.
# A role on it ("our DBA forgot to") is still a person blamed.
_COLLECTIVE = re.compile(
    r"(?:(?:the|an?|their|that|this)\s+)?"
    r"(?:team|teams|staff|ops|devops|engineers|developers|devs|sres|people|employees)\b",
    re.IGNORECASE,
)
# "the contractor pushed the wrong file": any act on the wrong thing.
_WRONG_ACT = r"(?P<wrong>[a-z]+\s+(?:the|a|an)\s+wrong)"
# "because Sam didn't check": a bare name blamed for an omission, after "because".
_BECAUSE_NAME = (
    r"\b(?i:because|since|as)\s+(?:{name})\s+"
    r"(?P<because>(?i:didn['’]t|did not|forgot to|never)\s+(?i:{acts}))"
)


def _alternation(name: str) -> str:
    return phrase_alternation(word_list(name))


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    role = (
        rf"(?i:{_ARTICLE}(?:(?:{_alternation('role-modifiers')})\s+)?"
        rf"(?:{_alternation('person-references')}))"
    )
    # "the Security Team", "the Platform Ops team": a named team.
    named_team = r"(?i:the\s+)(?:[A-Z][\w&-]*\s+){1,2}(?i:team|teams|squad|group)"
    person = rf"(?<![\w-])(?:{role}|{named_team})(?![\w-])"
    blame_noun = rf"(?i:{_alternation('blame-nouns')})"
    i = re.IGNORECASE
    return {
        "person": re.compile(person),
        # "the intern forgot to", "John neglected": a person, then the blame predicate.
        "subject": re.compile(
            rf"(?:{person}(?:{_FILLER}|\s+)|{_NAME}{_ADVERB})"
            rf"(?P<pred>(?i:{_alternation('name-blame-predicates')}))(?![\w-])"
            rf"|{person}(?:{_FILLER}|\s+)"
            rf"(?P<pred2>(?i:{_alternation('blame-predicates')}))(?![\w-])"
            rf"|{person}\s+(?:[\w'’-]+\s+)?{_WRONG_ACT}(?![\w-])"
            rf"|{person}\s+(?P<adverb>(?i:{_alternation('blame-adverbs')})\s+[a-z]+)(?![\w-])"
            rf"|{_BECAUSE_NAME.format(name=_NAME, acts=_alternation('neglected-acts'))}(?![\w-])"
        ),
        "self": re.compile(rf"(?<![\w-])(?P<pred>{_alternation('self-blame')})(?![\w-])", i),
        # "the intern's mistake", "John's fault".
        "possessive": re.compile(
            rf"(?:{person}|{_NAME})['’]s\s+(?:[\w-]+\s+)?(?P<pred>{blame_noun})(?![\w-])"
            rf"|(?<![\w-])(?P<pronoun>(?i:his|her)\s+(?:own\s+)?{blame_noun})(?![\w-])"
            rf"(?!\s+(?i:{_alternation('blame-noun-continuations')})\b)"
        ),
        "word": re.compile(rf"(?<![\w-])(?P<pred>{_alternation('blame-words')})(?![\w-])", i),
        "human": re.compile(
            rf"(?<![\w-])(?P<pred>{_alternation('human-error-phrases')})(?![\w-])", i
        ),
        "omission": re.compile(
            rf"(?<![\w-])(?P<pred>{_alternation('omission-predicates')})(?![\w-])", i
        ),
        "negation": re.compile(rf"(?<![\w-])(?:{_alternation('negations')})(?![\w-])|n['’]t\b", i),
    }


_GROUPS = {
    "subject": ("pred", "pred2", "wrong", "adverb", "because"),
    "possessive": ("pred", "pronoun"),
}
# The word lists whose phrases each pattern needs (one of them, whole), and the extra
# phrases written in the pattern itself.
_GATE_LISTS = {
    "subject": ("name-blame-predicates", "blame-predicates", "blame-adverbs"),
    "possessive": ("blame-nouns",),
    "self": ("self-blame",),
    "word": ("blame-words",),
    "human": ("human-error-phrases",),
    "omission": ("omission-predicates",),
}
_GATE_EXTRA = {"subject": ("wrong", "didn't", "did not", "forgot to", "never")}


class _Gate:
    """Whether a pattern can match in a text, from the text's words (:func:`words_of`).

    Each phrase a pattern needs is a set of words; the pattern can match only in a text
    holding all the words of one phrase. Phrases are looked up by their longest word.
    """

    def __init__(self, phrases: list[str]) -> None:
        self.by_word: dict[str, list[frozenset[str]]] = {}
        for phrase in phrases:
            needed = words_of(phrase)
            key = max(sorted(needed), key=len)
            self.by_word.setdefault(key, []).append(needed)

    def open(self, words: frozenset[str]) -> bool:
        """Whether some phrase has all its words in ``words``."""
        return any(
            needed <= words for key in self.by_word.keys() & words for needed in self.by_word[key]
        )


@functools.cache
def _gate(*keys: str) -> _Gate:
    """One gate for the patterns ``keys``: open when any of them can match."""
    phrases = [
        phrase
        for key in keys
        for phrase in [
            *_GATE_EXTRA.get(key, ()),
            *(w for n in _GATE_LISTS[key] for w in word_list(n)),
        ]
    ]
    return _Gate(phrases)


_BLAME_KEYS = ("subject", "possessive", "self", "word")
_CAUSE_KEYS = ("human", "omission", "subject", "possessive", "self")


def might_blame(words: frozenset[str]) -> bool:
    """Whether :func:`blame_in` can find anything in a text of these words."""
    return _gate(*_BLAME_KEYS).open(words)


def might_be_human_cause(words: frozenset[str]) -> bool:
    """Whether :func:`human_cause` can find anything in a text of these words."""
    return _gate(*_CAUSE_KEYS).open(words)


class Blame:
    """Where blame was found in a sentence: the span of its predicate."""

    def __init__(self, match: re.Match[str], group: str) -> None:
        self.start = match.start(group)
        self.end = match.end(group)
        self.text = match.group(group)


def sentences(block: Block) -> Iterator[tuple[int, str, frozenset[str] | None]]:
    """(offset in block, text, words) of each sentence of a block's masked text.

    The words are the block's (:attr:`Block.words`) when the block is one sentence (the
    text around it holds no word), else None: the sentence's own are found when needed.
    """
    found = [m for m in _SENTENCE.finditer(block.masked) if m.group(0).strip()]
    tokens = block.words if len(found) == 1 else None
    for match in found:
        yield match.start(), match.group(0), tokens


def _people(sentence: str) -> list[re.Match[str]]:
    """Person references not owned by the author ("our team" is the author's own)."""
    return [
        m
        for m in _patterns()["person"].finditer(sentence)
        if not _OWN.search(sentence[: m.start()])
    ]


def blame_in(
    sentence: str, *, words: bool = True, tokens: frozenset[str] | None = None
) -> Blame | None:
    """The blame in a sentence: a person tied to a blame predicate or a blaming word.

    ``words=False`` leaves out blaming words that only sit in the same sentence as a
    person ("banished"): they say the tone is blameful, not that a person was the cause.
    ``tokens`` are the sentence's words (:func:`words_of`) when the caller has them.
    """
    return _blame(sentence, words_of(sentence) if tokens is None else tokens, words=words)


def _blame(sentence: str, tokens: frozenset[str], *, words: bool) -> Blame | None:
    """:func:`blame_in`, given the sentence's words; each pattern runs only if it can match."""
    for key in ("subject", "possessive"):
        if not _gate(key).open(tokens):
            continue
        for match in _patterns()[key].finditer(sentence):
            if _OWN.search(sentence[: match.start()]) and _COLLECTIVE.match(match.group(0)):
                continue
            group = next(g for g in _GROUPS[key] if match.group(g))
            return Blame(match, group)
    own = _patterns()["self"].search(sentence) if _gate("self").open(tokens) else None
    if own:
        return Blame(own, "pred")
    word = _patterns()["word"].search(sentence) if words and _gate("word").open(tokens) else None
    if word and _people(sentence):
        return Blame(word, "pred")
    return None


def negated(sentence: str, start: int) -> bool:
    """Whether a denial ("not", "ruled out") comes just before ``start``."""
    before = sentence[max(0, start - 40) : start]
    return bool(_patterns()["negation"].search(" ".join(before.split()[-4:])))


def human_cause(sentence: str, tokens: frozenset[str] | None = None) -> Blame | None:
    """Human error named as the cause: a phrase, a person's slip, or a person blamed.

    ``tokens`` are the sentence's words (:func:`words_of`) when the caller has them.
    """
    tokens = words_of(sentence) if tokens is None else tokens
    human = _patterns()["human"].search(sentence) if _gate("human").open(tokens) else None
    if human and not negated(sentence, human.start()):
        return Blame(human, "pred")
    omissions = _patterns()["omission"].finditer(sentence) if _gate("omission").open(tokens) else ()
    for omission in omissions:
        before = sentence[: omission.start()]
        people = _people(before)
        if not people or negated(sentence, omission.start()) or _DETERMINER.search(before):
            continue
        if len(before[people[-1].end() :].split()) <= _OMISSION_WINDOW:
            return Blame(omission, "pred")
    blame = _blame(sentence, tokens, words=False)
    if blame and not negated(sentence, blame.start):
        return blame
    return None
