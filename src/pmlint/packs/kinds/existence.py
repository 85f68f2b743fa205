"""``existence``: report every occurrence of a word, phrase or pattern in a scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pmlint.findings import Finding
from pmlint.packs.kinds.matching import TokenRule, TokenSpec, render
from pmlint.rule import Context

if TYPE_CHECKING:
    from pmlint.document.document import Document


class ExistenceSpec(TokenSpec):
    """``message`` may use ``{match}``."""

    kind: Literal["existence"]


class ExistenceRule(TokenRule):
    """Base class of generated existence rules."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per match."""
        for unit, match in self.matches(doc):
            start = unit.start + match.start()
            yield self.finding(
                doc,
                start,
                unit.start + match.end(),
                render(self.spec.message, match=match.group(0)),
            )
