"""The blame patterns of PM601 and PM602, each compiled when first asked for.

Word lists live in ``rules/packs/language.toml``. "subject" and "possessive" are led by a
person reference or a name (:mod:`.blame_grammar`), the others are phrase lists.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from pmlint.checks.blame_grammar import NAME, Branch, Name, Person, PersonLed
from pmlint.packs import word_list
from pmlint.phrases import phrase_alternation

_ADVERB = r"(?:\s+(?:just|simply|again|also|then|had|has|apparently|clearly))?\s+"
# What may stand between a person at the head of its phrase and the predicate: an
# auxiliary, an adverb, "on call". A noun there ("the ops dashboards failed to") makes
# the person word a modifier of that noun, so it cannot be the one blamed.
_GAP_WORD = (
    r"(?i:had|has|have|then|also|just|simply|again|apparently|clearly|still|already|once"
    r"|later|evidently|obviously|on\s+call|on\s+duty|in\s+charge|[a-z]+ly)(?![\w'’-])"
)
_FILLER = rf"(?:\s+{_GAP_WORD}){{0,2}}\s+"
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
def _person() -> Person:
    return Person(word_list("role-modifiers"), word_list("person-references"))


@functools.cache
def _name() -> Name:
    return Name()


def _blame_noun() -> str:
    return rf"(?i:{_alternation('blame-nouns')})"


def _noun_end() -> str:
    return rf"(?![\w-])(?!\s+(?i:{_alternation('blame-noun-continuations')})\b)"


def _subject() -> PersonLed:
    """ "the intern forgot to", "John neglected": a person, then the blame predicate.

    "the Security Team", "the Platform Ops team": a named team; "@jdoe": a chat or
    GitHub handle names a person (see Person). The person pattern is compiled once: each
    branch keeps only what follows it.
    """
    name_pred = rf"(?P<pred>(?i:{_alternation('name-blame-predicates')}))(?![\w-])"
    pred2 = rf"(?P<pred2>(?i:{_alternation('blame-predicates')}))(?![\w-])"
    adverb = rf"(?P<adverb>(?i:{_alternation('blame-adverbs')})\s+[a-z]+)(?![\w-])"
    because = _BECAUSE_NAME.format(name=NAME, acts=_alternation("neglected-acts"))
    return PersonLed(
        "subject",
        [
            Branch(re.compile(rf"{_FILLER}{name_pred}"), _person(), "w1"),
            Branch(re.compile(rf"{_ADVERB}{name_pred}"), _name()),
            Branch(re.compile(rf"{_FILLER}{pred2}"), _person(), "w2"),
            Branch(re.compile(rf"\s+(?:{_GAP_WORD}\s+)?{_WRONG_ACT}(?![\w-])"), _person(), "w3"),
            Branch(re.compile(rf"\s+{adverb}"), _person(), "w4"),
            Branch(re.compile(rf"{because}(?![\w-])")),
        ],
    )


def _possessive() -> PersonLed:
    """ "the intern's mistake", "John's fault", "his own mistake"."""
    possessed = rf"['’]s\s+(?:(?P<gap>[\w-]+)\s+)?(?P<pred>{_blame_noun()}){_noun_end()}"
    pronoun = rf"(?P<pronoun>(?i:his|her)\s+(?:own\s+)?{_blame_noun()}){_noun_end()}"
    possession = re.compile(possessed)
    return PersonLed(
        "possessive",
        [
            Branch(possession, _person(), "w5"),
            Branch(possession, _name()),
            Branch(re.compile(rf"(?<![\w-]){pronoun}")),
        ],
    )


def _agent() -> re.Pattern[str]:
    """ "improper configuration of the proxy by an engineer": a faulty act, then (within
    eight words, in the same clause) "by" a person named as its doer (``gap``: the words
    between, whose last may say the person found or fixed it instead)."""
    persons = _alternation("person-references")
    return re.compile(
        rf"(?<![\w-])(?P<pred>(?i:{_alternation('faulty-acts')})\s+"
        rf"(?i:{_alternation('faulty-act-nouns')}))"
        rf"(?=(?P<gap>(?:\s+[^\s.;!?]+){{0,8}}?)\s+(?i:by)\s+(?i:an?|the|one\s+of\s+(?:our|the))"
        rf"\s+(?i:{persons})(?![\w-]))"
    )


def _listed(name: str, group: str = "(?P<pred>{})", extra: str = "") -> re.Pattern[str]:
    """The phrases of a word list as whole words, their match the group ``pred``."""
    phrases = group.format(_alternation(name))
    return re.compile(rf"(?<![\w-]){phrases}(?![\w-]){extra}", re.IGNORECASE)


_BUILD: dict[str, Callable[[], re.Pattern[str] | PersonLed]] = {
    "person": lambda: _person().pattern,
    "subject": _subject,
    "possessive": _possessive,
    "self": lambda: _listed("self-blame"),
    "word": lambda: _listed("blame-words"),
    "human": lambda: _listed("human-error-phrases"),
    "omission": lambda: _listed("omission-predicates"),
    "agent": _agent,
    "explanation": lambda: _listed("explanations", "(?:{})"),
    "negation": lambda: _listed("negations", "(?:{})", r"|n['’]t\b"),
}


class _Compiled(dict[str, "re.Pattern[str] | PersonLed"]):
    """The blame patterns by key, each compiled when first asked for: a document may
    need only a few of them, and compiling them all took some 10 ms of a cold start."""

    def __missing__(self, key: str) -> re.Pattern[str] | PersonLed:
        value = self[key] = _BUILD[key]()
        return value


@functools.cache
def patterns() -> _Compiled:
    """The blame patterns by key ("subject", "possessive", "self", "word", "human",
    "omission", "agent", "explanation", "negation", "person")."""
    return _Compiled()
