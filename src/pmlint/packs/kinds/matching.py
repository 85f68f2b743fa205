"""Shared fields and matching of the token-based kinds (existence, substitution, occurrence)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from pydantic import Field, field_validator

from pmlint.packs.kinds.base import PackRule, RuleSpec
from pmlint.packs.regex_safety import backtracking_problem
from pmlint.packs.scopes import Unit, units_in
from pmlint.phrases import phrase_alternation

if TYPE_CHECKING:
    from pmlint.document.document import Document


class TokenSpec(RuleSpec):
    """A rule that looks for words (``tokens``, or named ``lists``) or regex ``patterns``."""

    tokens: list[str] = Field(default_factory=list)
    lists: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    ignorecase: bool = True
    message: str

    @field_validator("patterns")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {pattern!r}: {exc}") from exc
            problem = backtracking_problem(pattern)
            if problem is not None:
                raise ValueError(
                    f"regular expression {pattern!r} can take very long on some text: "
                    f"{problem}; use a possessive quantifier (a++) or an atomic group (?>...)"
                )
        return value


def word_pattern(tokens: list[str], patterns: list[str], ignorecase: bool) -> re.Pattern[str]:
    """One regex for whole-word tokens (spaces match any whitespace) and raw patterns."""
    parts = [f"(?:{p})" for p in patterns]
    if tokens:
        parts.insert(0, rf"(?<![\w-])(?:{phrase_alternation(tokens)})(?![\w-])")
    return re.compile("|".join(parts) or r"(?!)", re.IGNORECASE if ignorecase else 0)


def render(template: str, **values: str) -> str:
    """Fill ``{match}``-style placeholders without tripping over other braces."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


class TokenRule(PackRule):
    """A pack rule with a compiled ``pattern`` (set when the class is generated)."""

    pattern: ClassVar[re.Pattern[str]]

    def matches(self, doc: Document) -> Iterator[tuple[Unit, re.Match[str]]]:
        """Every match of the rule's pattern in the units of its scope."""
        for unit in units_in(doc, self.spec.scopes()):
            for match in self.pattern.finditer(unit.text):
                if match.group(0).strip():
                    yield unit, match
