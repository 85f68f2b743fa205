"""PM0xx: findings about pmlint itself rather than the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.findings import Finding, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document


class RuleCrashed(Rule):
    """## What it does
    Reports that another rule raised an exception while checking this document.

    ## Why is this bad?
    A crashed rule checked nothing, so its silence means nothing. The run exits 2 so that
    CI does not pass by accident; the other rules still ran and their findings are shown.

    ## Example
    `PM000 rule PM301 (duration-mismatch) crashed: ValueError: ...`: please report it.
    """

    code = "PM000"
    name = "rule-crashed"
    summary = "A rule raised an exception; the run exits 2"
    severity = Severity.ERROR
    tags = ("meta",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """The engine produces PM000 itself; this class carries its metadata."""
        return iter(())
