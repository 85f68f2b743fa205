"""``substitution``: suggest better wording for a phrase, with an unsafe fix."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from pmlint.findings import Applicability, Edit, Finding, Fix
from pmlint.packs.kinds.base import PackRule, RuleSpec
from pmlint.packs.kinds.matching import render
from pmlint.packs.scopes import units_in
from pmlint.phrases import phrase_pattern
from pmlint.rule import Context

if TYPE_CHECKING:
    from pmlint.document.document import Document


class SubstitutionSpec(RuleSpec):
    """``swap`` maps a phrase to its replacement; ``message`` may use ``{match}`` and
    ``{replacement}``."""

    kind: Literal["substitution"]
    swap: dict[str, str] = Field(min_length=1)
    ignorecase: bool = True
    message: str


def keep_case(found: str, replacement: str) -> str:
    """The replacement, capitalised like the text it replaces."""
    if found[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


class SubstitutionRule(PackRule):
    """Base class of generated substitution rules."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per phrase found, with a fix that swaps in the replacement."""
        spec: SubstitutionSpec = self.spec  # type: ignore[assignment]
        flags = re.IGNORECASE if spec.ignorecase else 0
        lookup = {k.lower() if spec.ignorecase else k: v for k, v in spec.swap.items()}
        pattern = phrase_pattern(spec.swap, flags)
        for unit in units_in(doc, spec.scopes()):
            for match in pattern.finditer(unit.text):
                found = match.group(0)
                key = " ".join(found.split())
                replacement = keep_case(found, lookup[key.lower() if spec.ignorecase else key])
                start, end = unit.start + match.start(), unit.start + match.end()
                fix = Fix(
                    f"Replace with '{replacement}'",
                    (Edit(start, end, replacement),),
                    Applicability.UNSAFE,
                )
                message = render(spec.message, match=found, replacement=replacement)
                yield self.finding(doc, start, end, message, fix=fix)
