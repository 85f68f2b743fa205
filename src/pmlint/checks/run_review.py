"""PM000-PM002, the run-review rules: findings about the run itself (a rule that crashed,
suppressions that did nothing or name no rule), not the document. Each reads the run's
outcome through the engine's ``review`` hook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.findings import Applicability, Edit, Finding, Fix, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.engine import RunOutcome
    from pmlint.suppression import Directive, Token


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
        """Nothing to check in the text: see :meth:`review`."""
        return iter(())

    def review(self, doc: Document, ctx: Context, outcome: RunOutcome) -> Iterator[Finding]:
        """One finding per rule that raised, saying which rule and where in its code."""
        import traceback  # only when a rule crashed

        for rule, exc in outcome.crashes:
            frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
            yield self.finding(
                doc,
                0,
                0,
                f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}{where}; "
                "the other rules still ran. Please report this.",
            )


def _remove_comment_fix(doc: Document, directive: Directive) -> Fix:
    """Delete a suppression comment, with its whole line when nothing else is on it."""
    source = doc.source
    start, end = directive.start, directive.end
    line_start = source.line_starts[directive.line - 1]
    line_end = source.line_end(directive.end_line)
    if not source.text[line_start:start].strip() and not source.text[end:line_end].strip():
        start = line_start
        end = (
            source.line_starts[directive.end_line]
            if directive.end_line < len(source.line_starts)
            else line_end
        )
    return Fix("Remove the unused suppression comment", (Edit(start, end, ""),), Applicability.SAFE)


class UnusedSuppression(Rule):
    """## What it does
    Reports a `pmlint-disable` comment (or one code in it) that suppressed nothing: the
    rule it names found nothing on the lines it covers.

    ## Why is this bad?
    A stale suppression hides the next real problem at that place, and tells readers
    something is wrong where nothing is. Only rules that ran on the file count, so a
    comment naming a rule your profile leaves off is not reported.

    ## Example
    `<!-- pmlint-disable-next-line PM302 -->` above a line whose detection time is
    fine: remove the comment (`pmlint --fix` does it when it names one rule).
    """

    code = "PM001"
    name = "unused-suppression"
    summary = "A pmlint-disable comment suppressed nothing"
    severity = Severity.WARNING
    tags = ("meta", "suppression")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Nothing to check in the text: see :meth:`review`."""
        return iter(())

    def review(self, doc: Document, ctx: Context, outcome: RunOutcome) -> Iterator[Finding]:
        """One finding per suppression (or code in one) that suppressed nothing."""
        for directive, token in outcome.unused:
            yield self.report(doc, directive, token)

    def report(self, doc: Document, directive: Directive, token: Token | None) -> Finding:
        """The finding for one unused directive (``token`` None: it names every rule)."""
        fix = _remove_comment_fix(doc, directive) if len(directive.tokens) <= 1 else None
        if token is None:
            return self.finding(
                doc,
                directive.start,
                directive.end,
                f"this pmlint-{directive.kind} comment suppresses nothing; remove it",
                fix=fix,
            )
        return self.finding(
            doc,
            token.start,
            token.end,
            f"suppression of {token.text} is unused: that rule reports nothing on the lines "
            f"this comment covers; remove {token.text} from the comment",
            fix=fix,
        )


class UnknownRuleInSuppression(Rule):
    """## What it does
    Reports a code or name in a `pmlint-disable` comment that is not a pmlint rule.

    ## Why is this bad?
    A misspelt code suppresses nothing, so the finding the author meant to silence is
    still reported, or the comment is dead weight.

    ## Example
    `<!-- pmlint-disable PM4O1 -->` (a letter O instead of a zero): write `PM401`.
    """

    code = "PM002"
    name = "unknown-rule-in-suppression"
    summary = "A suppression names a code or name that does not exist"
    severity = Severity.WARNING
    tags = ("meta", "suppression")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Nothing to check in the text: see :meth:`review`."""
        return iter(())

    def review(self, doc: Document, ctx: Context, outcome: RunOutcome) -> Iterator[Finding]:
        """One finding per code or name in a suppression that names no rule."""
        for directive, token in outcome.unknown:
            yield self.report(doc, directive, token, outcome.registry.suggest(token.text))

    def report(self, doc: Document, directive: Directive, token: Token, hint: str) -> Finding:
        """The finding for one unknown code or name (``hint``: a did-you-mean suffix)."""
        return self.finding(
            doc,
            token.start,
            token.end,
            f"pmlint-{directive.kind} names {token.text!r}, which is not a pmlint rule"
            f"{hint}; use a code such as PM401 or a name such as duplicated-content "
            "(see `pmlint rules`)",
        )
