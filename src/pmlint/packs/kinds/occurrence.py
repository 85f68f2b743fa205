"""``occurrence``: a word or pattern must appear at least ``min`` / at most ``max`` times."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import model_validator

from pmlint.findings import Finding
from pmlint.packs.kinds.matching import TokenRule, TokenSpec, render
from pmlint.packs.scopes import units_in
from pmlint.rule import Context

if TYPE_CHECKING:
    from pmlint.document.document import Document


class OccurrenceSpec(TokenSpec):
    """``message`` may use ``{count}``, ``{min}`` and ``{max}``."""

    kind: Literal["occurrence"]
    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _bounds(self) -> OccurrenceSpec:
        if self.min is None and self.max is None:
            raise ValueError("an occurrence rule needs min, max or both")
        return self


class OccurrenceRule(TokenRule):
    """Base class of generated occurrence rules."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding at the first extra match (too many) or at the scope (too few).

        When nothing is in scope (say, the section is absent) there is nothing to count.
        """
        spec: OccurrenceSpec = self.spec  # type: ignore[assignment]
        units = list(units_in(doc, spec.scopes()))
        if not units:
            return
        found = list(self.matches(doc))
        values = {"count": str(len(found)), "min": str(spec.min), "max": str(spec.max)}
        if spec.max is not None and len(found) > spec.max:
            unit, match = found[spec.max]
            yield self.finding(
                doc,
                unit.start + match.start(),
                unit.start + match.end(),
                render(spec.message, **values),
            )
        elif spec.min is not None and len(found) < spec.min:
            first = units[0].block
            yield self.finding(
                doc, first.start, doc.source.line_end(first.line), render(spec.message, **values)
            )
