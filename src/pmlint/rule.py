"""The rule interface: one class per rule, with its metadata and its check."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict

from pmlint.findings import Finding, Fix, Severity

if TYPE_CHECKING:
    from pmlint.document.document import Document

DOCS_URL = "https://github.com/pmlint/pmlint/blob/main/docs/rules.md#{code}"


class NoOptions(BaseModel):
    """A rule without options."""

    model_config = ConfigDict(extra="forbid")


@dataclass
class Context:
    """What a rule may read besides the document: the profile and its own options."""

    required_sections: tuple[str, ...] = ()
    options: Any = None
    settings: dict[str, Any] = field(default_factory=dict)


class Rule:
    """Base class of every rule; subclasses set the metadata and implement :meth:`check`.

    The class docstring is the rule's documentation, printed by ``pmlint rule CODE``; it
    has the sections "What it does", "Why is this bad?" and "Example".
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity]
    default_enabled: ClassVar[bool] = True
    tags: ClassVar[tuple[str, ...]] = ()
    options: ClassVar[type[BaseModel]] = NoOptions
    origin: ClassVar[str] = "pmlint"

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        """Yield the findings of this rule in ``doc``."""
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        """The rule's docstring, dedented."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule over the source offsets ``[start, end)``."""
        return Finding(
            code=self.code,
            name=self.name,
            message=message,
            severity=severity or self.severity,
            span=doc.source.span(start, end),
            path=doc.path,
            fix=fix,
            url=DOCS_URL.format(code=self.code.lower()),
        )
