"""Python rules of the example plugin; the entry-point name ``EXA`` is their code prefix."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pmlint.document.document import Document
from pmlint.findings import Finding, Severity
from pmlint.rule import Context, Rule

_STATUS_PAGE = re.compile(r"https?://status\.", re.IGNORECASE)


class MissingStatusPageLink(Rule):
    """## What it does
    Checks that the summary links the public status-page entry of the incident.

    ## Why is this bad?
    Customers read the status page; the postmortem should point at what they saw.

    ## Example
    A summary without `https://status.example.com/incidents/...`.
    """

    code = "EXA101"
    name = "missing-status-page-link"
    summary = "The summary does not link the status page"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("example",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding at the summary heading when no status-page link is given."""
        sections = [s for s in doc.sections_for("summary") if s.heading is not None]
        if not sections:
            return
        if any(_STATUS_PAGE.search(b.text) for b in doc.blocks_in("summary")):
            return
        heading = sections[0].heading
        assert heading is not None
        yield self.finding(
            doc,
            heading.start,
            heading.end,
            "the summary does not link the status page: add the public incident URL",
        )
