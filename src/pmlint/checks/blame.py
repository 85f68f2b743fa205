"""The blame grammar of PM601 and PM602: a person or role tied to a blame predicate.

Word lists live in ``rules/packs/language.toml`` and the patterns made of them in
:mod:`.blame_patterns`; this module decides which matches blame a person: a person
reference or a name, then a predicate, within one clause.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.checks.blame_grammar import Found
from pmlint.checks.blame_patterns import patterns as _patterns
from pmlint.document.model import words_of
from pmlint.lazy_re import LazyPattern
from pmlint.packs import word_list

if TYPE_CHECKING:
    from pmlint.document.model import Block

# A sentence: a run of non-terminators that starts only after a terminator or a line
# break (linear); a line break before a lowercase word continues the sentence (a wrapped
# paragraph), any other line break ends it (a new item or timeline line).
_SENTENCE = re.compile(r"(?<![^.!?;\n])(?:[^.!?;\n]|\n(?=[ \t]*[a-z]))+(?:[.!?;]+|(?=\n)|$)")
# The words before a role that leave it a person ("the operator", "our admin").
_DETERMINERS = frozenset(
    {"the", "a", "an", "our", "their", "his", "her", "my", "your", "that", "this", "one"}
    | {"some", "another", "each", "every", "any"}
)
_NEXT_WORD = LazyPattern(r"[ \t]*([A-Za-z][\w'’-]*)")
# A new clause: ", and the admission controller ...".
_NEXT_CLAUSE = LazyPattern(r",\s*(?:and|but|while|so|then|yet)\b", re.IGNORECASE)
_POSSESSOR = LazyPattern(r"['’]s?\s")
_WHO = ("w1", "w2", "w3", "w4", "w5")
_DETERMINER = LazyPattern(r"\b(?:the|a|an|this|that|its|their)\s*$", re.IGNORECASE)
_OMISSION_WINDOW = 12
_OWN = LazyPattern(r"\b(?:our|my|we|I)\s*$", re.IGNORECASE)
# A collective the author belongs to ("our team"): owning a step is an account, not blame.
# A role on it ("our DBA forgot to") is still a person blamed.
_COLLECTIVE = LazyPattern(
    r"(?:(?:the|an?|their|that|this)\s+)?"
    r"(?:team|teams|staff|ops|devops|engineers|developers|devs|sres|people|employees)\b",
    re.IGNORECASE,
)
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
    "agent": ("faulty-acts",),
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
        # a set of the keys: intersecting it with a text's words walks the smaller of the
        # two (intersecting the dict's keys view first copies every key into a new set)
        self.keys = frozenset(self.by_word)

    def open(self, words: frozenset[str]) -> bool:
        """Whether some phrase has all its words in ``words``."""
        if self.keys.isdisjoint(words):  # most texts: no set is built to tell
            return False
        by_word = self.by_word
        return any(needed <= words for key in self.keys & words for needed in by_word[key])


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


_BLAME_KEYS = ("subject", "self", "word")  # and "possessive", see _possessive_open
_CAUSE_KEYS = ("human", "omission", "agent", "subject", "self")
# Every branch of the possessive pattern holds one of these: "'s" then a space after a
# person or a name, or "his"/"her" then a space. Its nouns ("error") are common words, the
# possessive itself rare: the gate alone opened for most blocks that mention an error.
_POSSESSION = re.compile(r"['’]s\s|(?i:his|her)\s")


def _possessive_open(words: frozenset[str], text: str) -> bool:
    """Whether the possessive pattern can match in ``text`` of these words."""
    return _gate("possessive").open(words) and _POSSESSION.search(text) is not None


def _can_match(key: str, words: frozenset[str], text: str) -> bool:
    """Whether the pattern ``key`` can match in ``text``, a text of these words."""
    return _possessive_open(words, text) if key == "possessive" else _gate(key).open(words)


def might_blame(words: frozenset[str], text: str) -> bool:
    """Whether :func:`blame_in` can find anything in ``text``, a text of these words.

    Most texts open no gate at all: one look-up of every key tells, before the gates are
    asked one by one.
    """
    if not _gate(*_BLAME_KEYS, "possessive").open(words):
        return False
    return _gate(*_BLAME_KEYS).open(words) or _possessive_open(words, text)


def might_be_human_cause(words: frozenset[str], text: str) -> bool:
    """Whether :func:`human_cause` can find anything in ``text``, a text of these words."""
    if not _gate(*_CAUSE_KEYS, "possessive").open(words):
        return False
    return _gate(*_CAUSE_KEYS).open(words) or _possessive_open(words, text)


class Blame:
    """Where blame was found in a sentence: the span of its predicate."""

    def __init__(self, match: re.Match[str] | Found, group: str) -> None:
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


@functools.cache
def _words(*names: str) -> frozenset[str]:
    """The lowercased one-word entries of the named word lists, and the first words of the rest."""
    return frozenset(w.split()[0].lower() for n in names for w in word_list(n))


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _at_head(sentence: str, end: int) -> bool:
    """Whether the person word ending at ``end`` heads its phrase (is not a modifier).

    A person word is the head when what follows is punctuation, the end, an auxiliary,
    a preposition, a verb form (-ed, an irregular past, a blame word) or an adverb; a
    noun after it ("the ops dashboards", "the QA environment") makes it a modifier. A
    plural-looking word is a verb only when an object or particle follows it ("the team
    steps up", "the team pages the on-call").
    """
    if _POSSESSOR.match(sentence, end):
        return False  # "the team's runbook": the runbook heads the phrase
    nxt = _NEXT_WORD.match(sentence, end)
    if nxt is None:
        return True
    word = nxt.group(1).lower().replace("’", "'")
    if word in _words("head-followers", *_GATE_LISTS["subject"], "blame-words"):
        return True
    if word.endswith("ly") or (word.endswith("ed") and not word.endswith("eed")):
        return True
    if word.endswith("s") and not word.endswith("ss") and nxt.group(1)[0].islower():
        after = _NEXT_WORD.match(sentence, nxt.end())
        return after is not None and after.group(1).lower() in _words("verb-objects")
    return False


def _is_person(sentence: str, start: int, end: int, *, possessor: bool = False) -> bool:
    """Whether the person reference at ``start:end`` names a person, not a thing.

    It must head its phrase (:func:`_at_head`), and a role that also names software
    ("operator", "admin", "manager") must stand alone or after a determiner or a human
    modifier: "the Kubernetes operator" and "the certificate manager" are things. A
    ``possessor`` ("the intern's mistake") is read before its noun, so it needs no head.
    """
    if not possessor and not _at_head(sentence, end):
        return False
    words = sentence[start:end].split()
    if words[-1].lower() not in _words("thing-roles") or len(words) > 1:
        return True
    before = sentence[max(0, start - 40) : start].split()
    if not before:
        return True
    previous = before[-1].lower()
    if previous[-1] in ":;,(" or not any(c.isalpha() for c in previous):
        return True  # after a bullet, a time or a label: the role stands alone
    return previous in _DETERMINERS or previous in _words("role-modifiers")


def _thing_pronoun(text: str) -> bool:
    """Whether a person reference is "they"/"them", which refer to things as often."""
    return _plain(text) in _words("thing-pronouns")


def _weak_holds(sentence: str, pred_end: int, pred: str) -> bool:
    """Whether a weak predicate (things do it too) still blames the person before it.

    Not when the sentence goes on to explain it ("because the pager was down"), and
    "failed to" only before a human act ("failed to check", not "failed to start").
    """
    after = sentence[pred_end:]
    clause = _NEXT_CLAUSE.split(after, maxsplit=1)[0]  # the explanation must be its own
    if _patterns()["explanation"].search(clause):
        return False
    if _plain(pred) != "failed to":
        return True
    nxt = _NEXT_WORD.match(after)
    return nxt is not None and nxt.group(1).lower() in _words("neglected-acts")


def _accepted(sentence: str, match: Found, group: str) -> bool:
    """Whether a subject or possessive match blames a person (see :func:`_is_person`).

    They/them take only the strong predicates; a weak predicate (``weak-blame-predicates``)
    must also pass :func:`_weak_holds`.
    """
    if _technical_error(match):
        return False
    spans = [match.span(g) for g in _WHO if match.group(g)]
    if not spans:
        return True
    start, end = spans[0]
    if not _is_person(sentence, start, end, possessor=match.key == "possessive"):
        return False
    strong = group == "pred"
    if not strong and _thing_pronoun(sentence[start:end]):
        return False
    if group == "pred2" and _plain(match.group(group)) in _weak_phrases():
        return _weak_holds(sentence, match.end(group), match.group(group))
    return True


def _technical_error(match: Found) -> bool:
    """Whether a possessive "error" after a non-blaming word ("Nginx's parse error",
    not "John's careless error") names a kind of error a program reports."""
    gap = match.group("gap")
    if not gap or (match.group("pred") or "").lower() != "error":
        return False
    return gap.lower() not in _words("error-blame-modifiers", "blame-words")


@functools.cache
def _weak_phrases() -> frozenset[str]:
    return frozenset(_plain(p) for p in word_list("weak-blame-predicates"))


def _people(sentence: str) -> list[re.Match[str]]:
    """Person references not owned by the author ("our team" is the author's own).

    Only references that name a person (:func:`_is_person`): "the ops dashboards" and
    "the Kubernetes operator" are things.
    """
    return [
        m
        for m in _patterns()["person"].finditer(sentence)
        if not _OWN.search(sentence[: m.start()]) and _is_person(sentence, m.start(), m.end())
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
        if not _can_match(key, tokens, sentence):
            continue
        for match in _patterns()[key].finditer(sentence):
            if _OWN.search(sentence[: match.start()]) and _COLLECTIVE.match(match.group(0)):
                continue
            group = next(g for g in _GROUPS[key] if match.group(g))
            if _accepted(sentence, match, group):
                return Blame(match, group)
    own = _patterns()["self"].search(sentence) if _gate("self").open(tokens) else None
    if own:
        return Blame(own, "pred")
    word = _patterns()["word"].search(sentence) if words and _gate("word").open(tokens) else None
    if word and any(not _thing_pronoun(m.group(0)) for m in _people(sentence)):
        return Blame(word, "pred")  # they/them name things as often: not enough here
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
        if len(before[people[-1].end() :].split()) > _OMISSION_WINDOW:
            continue
        weak = _plain(omission.group("pred")) in _weak_phrases()
        if weak and (
            _thing_pronoun(people[-1].group(0))
            or not _weak_holds(sentence, omission.end(), omission.group("pred"))
        ):
            continue
        return Blame(omission, "pred")
    agents = _patterns()["agent"].finditer(sentence) if _gate("agent").open(tokens) else ()
    for agent in agents:
        gap = agent.group("gap").lower().split()[-2:]  # "found by", "rolled back by"
        finder = bool(_words("finder-verbs").intersection(gap))
        if not finder and not negated(sentence, agent.start()):
            return Blame(agent, "pred")
    blame = _blame(sentence, tokens, words=False)
    if blame and not negated(sentence, blame.start):
        return blame
    return None
