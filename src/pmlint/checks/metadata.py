"""PM7xx: metadata (date, authors, status, severity) in front matter or header lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.document.frontmatter import DocumentMetadata, MetaValue, find_metadata
from pmlint.findings import Finding, Severity
from pmlint.packs import builtin_lists
from pmlint.profiles import load_profile
from pmlint.rule import Context, LazyOptions, Rule

if TYPE_CHECKING:
    from pmlint.checks.options import StatusSeverityOptions
    from pmlint.document.document import Document

_MAX_VALUE_WORDS = 4  # a longer "Status: ..." line is a sentence about the incident


def field_names(group: str) -> list[str]:
    """The labels that satisfy a required field: its group's labels, or the name itself."""
    return builtin_lists().get(f"{group}-fields", [group])


def lookup(metadata: DocumentMetadata, group: str) -> MetaValue | None:
    """The first value written under any label of ``group``."""
    for name in field_names(group):
        entry = metadata.get(name)
        if entry is not None:
            return entry
    return None


class MissingMetadata(Rule):
    """## What it does
    Checks that the fields the profile requires (`required-fields`: date, authors or
    owner, status, severity) are given, in front matter (YAML, TOML or JSON) or in header
    lines such as `**Severity:** SEV2`, `Date: 2024-05-02` or a two-column table. Front
    matter pmlint cannot read faithfully (nested YAML) is reported rather than misread.

    ## Why is this bad?
    Without a date, owner, status and severity a report cannot be found, trusted or
    followed up: nobody knows whether it is final or whom to ask.

    ## Example
    A report that starts with its summary: add `Date:`, `Authors:`, `Status:` lines.
    """

    code = "PM701"
    name = "missing-metadata"
    summary = "A field the profile requires (date, authors, status, severity) is absent"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("metadata",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per missing field, or one for unreadable front matter."""
        metadata = find_metadata(doc)
        if metadata.error:
            line = metadata.error_line
            yield self.finding(
                doc, doc.source.offset(line), doc.source.line_end(line), metadata.error
            )
            return
        profile = load_profile(str(ctx.settings.get("profile", "default")))
        for group in profile.required_fields:
            if lookup(metadata, group) is None:
                yield self.finding(
                    doc,
                    0,
                    doc.source.line_end(1),
                    f"the report has no {group}: add `{group.capitalize()}: ...` to the "
                    "front matter or the header",
                )


class InvalidMetadataValue(Rule):
    """## What it does
    Checks that the status and severity are among the allowed values (options
    `statuses` and `severities`; by default Draft, In review, Final, Complete, ... and
    SEV0-SEV5, P0-P5, S0-S5, critical/high/medium/low).

    ## Why is this bad?
    Dashboards and searches key on these values; "sev-ish 2" or "kinda done" falls
    through every filter.

    ## Example
    `Status: almost` or `Severity: bad`: use one of the configured values.
    """

    code = "PM702"
    name = "invalid-metadata-value"
    summary = "A status or severity is outside the configured set"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("metadata",)
    options = LazyOptions("pmlint.checks.options:StatusSeverityOptions")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per status or severity value that is not allowed."""
        options: StatusSeverityOptions = ctx.options or self.options()
        metadata = find_metadata(doc)
        for group, allowed in (("status", options.statuses), ("severity", options.severities)):
            entry = lookup(metadata, group)
            if (
                entry is None
                or len(entry.value.split()) > _MAX_VALUE_WORDS
                or self._allowed(entry.value, allowed)
            ):
                continue
            shown = ", ".join(allowed[:8]) + (", ..." if len(allowed) > 8 else "")
            yield self.finding(
                doc,
                entry.start,
                entry.end,
                f"{group} '{entry.value.strip()}' is not one of the allowed values ({shown})",
            )

    @staticmethod
    def _allowed(value: str, allowed: list[str]) -> bool:
        text = " ".join(re.sub(r"[*_`\"']", "", value).lower().split())
        head = re.split(r"\s*[,;(–—]|\s-\s", text, maxsplit=1)[0].strip(" .")
        choices = {" ".join(a.lower().split()) for a in allowed}
        return head in choices or text in choices
