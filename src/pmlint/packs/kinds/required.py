"""``required-sections`` and ``required-fields``: parts a document must have."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from pmlint.document.frontmatter import find_metadata
from pmlint.findings import Finding
from pmlint.packs.kinds.base import PackRule, RuleSpec
from pmlint.packs.kinds.matching import render
from pmlint.packs.scopes import section_keys
from pmlint.rule import Context

if TYPE_CHECKING:
    from pmlint.document.document import Document


class RequiredSectionsSpec(RuleSpec):
    """``sections`` are canonical keys; ``message`` may use ``{section}``."""

    kind: Literal["required-sections"]
    sections: list[str] = Field(min_length=1)
    message: str

    @field_validator("sections")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = [key for key in value if key not in section_keys()]
        if unknown:
            known = ", ".join(sorted(section_keys()))
            raise ValueError(f"unknown section {unknown[0]!r} (known: {known})")
        return value


class RequiredSectionsRule(PackRule):
    """Base class of generated required-sections rules."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding, on line 1, per missing section."""
        spec: RequiredSectionsSpec = self.spec  # type: ignore[assignment]
        for key in spec.sections:
            if not doc.has_section(key):
                yield self.finding(
                    doc, 0, doc.source.line_end(1), render(spec.message, section=key)
                )


class RequiredFieldsSpec(RuleSpec):
    """``fields`` are labels (``Owner``, ``Severity``) looked for in front matter and in
    ``Label: value`` lines; each may list alternatives with ``|`` (``owner|authors``).
    ``message`` may use ``{field}``."""

    kind: Literal["required-fields"]
    fields: list[str] = Field(min_length=1)
    message: str


class RequiredFieldsRule(PackRule):
    """Base class of generated required-fields rules."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding, on line 1, per missing field."""
        spec: RequiredFieldsSpec = self.spec  # type: ignore[assignment]
        metadata = find_metadata(doc)
        for wanted in spec.fields:
            names = [name.strip() for name in wanted.split("|")]
            if not any(metadata.get(name) for name in names):
                yield self.finding(
                    doc, 0, doc.source.line_end(1), render(spec.message, field=names[0])
                )
