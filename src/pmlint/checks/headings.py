"""PM105: bold lines used as headings, with a safe fix that makes them headings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.findings import Applicability, Edit, Finding, Fix, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Section

_PSEUDO = ("bold", "label", "centred")
_MAX_INDENT = 3


def heading_level(doc: Document, section: Section) -> int:
    """The level a pseudo-heading gets.

    It names a postmortem section, so it becomes a peer of the last real heading that
    names one too (``**Root Cause**`` after ``## Timeline`` becomes ``## Root Cause``);
    with none before it, one level below the heading it sits under, and at least 2.
    """
    index = doc.sections.index(section)
    for earlier in reversed(doc.sections[:index]):
        if earlier.style not in _PSEUDO and earlier.keys and earlier.level > 1:
            return min(6, earlier.level)
    parent = section.parent
    while parent is not None and parent.style in _PSEUDO:
        parent = parent.parent
    level = parent.level + 1 if parent is not None else 2
    return min(6, max(2, level))


class BoldPseudoHeading(Rule):
    """## What it does
    Finds a line of bold text standing in for a section heading (`**Timeline**`,
    `**Root cause:**`) in a Markdown file, and offers a safe fix that turns it into a
    real heading at the level of the sections around it (`## Timeline`).

    ## Why is this bad?
    Bold text looks like a heading but is not one: it is missing from the outline, the
    table of contents and the links other tools build, and readers of the rendered page
    cannot jump to it. pmlint still understands it, so this rule is off by default; turn
    it on with `--extend-select PM105` and run `pmlint --fix` to normalise a report.

    ## Example
    `**Timeline**` on a line of its own under `# Database outage`: `--fix` rewrites it
    to `## Timeline`.
    """

    code = "PM105"
    name = "bold-pseudo-heading"
    summary = "A bold line is used as a section heading"
    severity = Severity.INFO
    default_enabled = False
    tags = ("structure", "style")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per bold pseudo-heading; a fix when it is a plain line of its own."""
        if doc.path.lower().endswith(".txt"):
            return
        source = doc.source
        for section in doc.sections:
            block = section.heading
            if section.style != "bold" or block is None:
                continue
            line_start = source.line_starts[block.line - 1]
            prefix = source.text[line_start : block.start]
            heading = "#" * heading_level(doc, section) + " " + section.title
            fix = None
            own_line = (
                not prefix.strip()
                and len(prefix) <= _MAX_INDENT
                and block.line == block.end_line
                and source.line_end(block.line) == block.end
            )
            if own_line:
                fix = Fix(
                    f"Make it a heading: '{heading}'",
                    (Edit(line_start, block.end, heading),),
                    Applicability.SAFE,
                )
            yield self.finding(
                doc,
                block.start,
                block.end,
                f"'{block.text.strip()}' is bold text used as a heading; make it a real "
                f"heading ('{heading}') so it shows in the outline and can be linked to",
                fix=fix,
            )
