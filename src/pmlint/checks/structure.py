"""PM1xx: the sections a postmortem needs, and their shape."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.document.sections import normalise_title
from pmlint.findings import Finding, Severity
from pmlint.rule import Context, LazyOptions, Rule

if TYPE_CHECKING:
    from pmlint.checks.options import LengthOptions
    from pmlint.document.document import Document
    from pmlint.document.model import Block, Section

SECTION_NAMES = {
    "summary": "Summary",
    "impact": "Impact",
    "timeline": "Timeline",
    "detection": "Detection",
    "root-cause": "Root Cause",
    "trigger": "Trigger",
    "resolution": "Resolution",
    "action-items": "Action Items",
    "lessons": "Lessons Learned",
    "responders": "Responders",
    "contributing-factors": "Contributing Factors",
    "leadup": "Leadup",
    "fault": "Fault",
    "response": "Response",
    "recovery": "Recovery",
    "five-whys": "Five Whys",
}
_URL = re.compile(r"https?://\S+|www\.\S+")
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_INTRO_SUMMARY_WORDS = 15


def section_name(key: str) -> str:
    """A readable name for a canonical section key."""
    return SECTION_NAMES.get(key, key.replace("-", " ").title())


class MissingRequiredSection(Rule):
    """## What it does
    Checks that every section the profile requires is present. Sections are matched by
    meaning: "Issue Summary", "Executive Summary", "Overview" and "TL;DR" are all the
    summary; a heading, a bold line or a `Timeline:` line all count; "Root Cause and
    Resolution" counts for both. A filled-in header field such as `- Root Causes: ...`
    counts too, and prose right under the document's title counts as the summary.

    ## Why is this bad?
    Readers look for the root cause, the resolution and the follow-ups in every report.
    A missing section is usually a question the team has not answered yet.

    ## Example
    A report with "Summary", "Timeline", "Root Cause" and "Action Items" but no
    "Resolution": add a `## Resolution` section saying how service was restored.
    """

    code = "PM101"
    name = "missing-required-section"
    summary = "A section the profile requires is absent"
    severity = Severity.ERROR
    tags = ("structure", "sections")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per required section that no heading or label means."""
        present = {key for section in doc.sections for key in section.keys}
        for field in doc.fields:
            if not field.value:
                continue
            label = _unqualified(field.label)  # "Resolution Summary": the resolution
            if doc.registry.is_alias(label):
                present |= doc.registry.keys_for(label, heading=False)
        if "summary" not in present:
            words = sum(block.word_count for block in doc.intro_blocks)
            if words >= _INTRO_SUMMARY_WORDS:
                present.add("summary")
        missing = [key for key in ctx.required_sections if key not in present]
        if not missing:
            return
        first = next((b for b in doc.blocks if b.kind != "code"), None)
        start = first.start if first else 0
        end = doc.source.line_end(doc.source.position(start).line)
        for key in missing:
            name = section_name(key)
            yield self.finding(
                doc,
                start,
                end,
                f"missing required section: {name}; add a heading such as '## {name}'",
            )


# Words after a section's name that keep its meaning: "Resolution Summary".
_QUALIFIERS = frozenset({"summary", "details", "overview", "description", "notes"})


def _unqualified(label: str) -> str:
    """The label without a last word that only qualifies it ("Resolution Summary")."""
    words = label.split()
    if len(words) > 1 and words[-1].lower() in _QUALIFIERS:
        return " ".join(words[:-1])
    return label


_TAGS = re.compile(r"\A\s*(?:(?:`[^`\n]+`|#[A-Za-z][\w-]*)\s*)+\Z")


def _is_tag_line(title: str) -> bool:
    """A heading that is only tags: code spans or hashtags."""
    return _TAGS.fullmatch(title) is not None


_PROSE_TITLE_WORDS = 20  # a "heading" this long is a paragraph written with "#"
# "#### Tracking bug: https://...", "### Date: 2024-05-02": a field written as a heading,
# its value on the heading's own line (a label of up to four words, then a value).
_FIELD_TITLE = re.compile(
    r"[*_]*[A-Za-z][A-Za-z'’/&()-]*(?: [A-Za-z'’/&()-]+){0,3}[*_]*:[*_]*\s*\S"
)


class EmptySection(Rule):
    """## What it does
    Checks that each heading has content before the next heading of the same or a
    higher level. A heading whose content is its subsections is not empty, a field
    written as a heading ("#### Tracking bug: https://...") holds its value, and a
    sentence of twenty words or more marked up as a heading is prose, not a section.

    ## Why is this bad?
    An empty section is a template left half-filled: the reader expects an answer there.

    ## Example
    `## Resolution` immediately followed by `## Action Items`.
    """

    code = "PM102"
    name = "empty-section"
    summary = "A heading has no content"
    severity = Severity.ERROR
    tags = ("structure", "sections")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per empty section, at its heading."""
        title = doc.sections[0] if doc.sections and not doc.sections[0].keys else None
        for section in doc.sections:
            if section is title or _is_tag_line(section.title):
                continue  # the document's title, or a line of tags ("`DevOps` `SRE`")
            if len(section.title.split()) >= _PROSE_TITLE_WORDS:
                continue  # a sentence marked up as a heading is prose, not a section
            if _FIELD_TITLE.match(section.title):
                continue  # a field written as a heading holds its value
            if section.is_empty() and section.heading is not None:
                yield self.finding(
                    doc,
                    section.heading.start,
                    section.heading.end,
                    f"section '{section.title}' is empty; write its content or remove it",
                )


class DuplicateSection(Rule):
    """## What it does
    Checks that no section title appears twice under the same parent. A heading that
    begins with a time or date ("#### 14:00 UTC", "### 2024-05-02 06:17") is a timeline
    entry written as a heading, not a section: it is not compared.

    ## Why is this bad?
    Two "Timeline" sections split the story: readers find one and miss the other. It is
    also the mark of a report pasted twice.

    ## Example
    `## Timeline` at line 10 and again at line 40, both under the same title.
    """

    code = "PM103"
    name = "duplicate-section"
    summary = "The same section appears twice at the same level"
    severity = Severity.WARNING
    tags = ("structure", "sections")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding per repeated sibling title."""
        for parent in [doc.root, *doc.sections]:
            seen: dict[tuple[str, int], Section] = {}
            for child in parent.children:
                title = normalise_title(child.title)
                if not title or child.heading is None or _timeline_entry(doc, child.heading):
                    continue
                first = seen.setdefault((title, child.level), child)
                if first is not child:
                    yield self.finding(
                        doc,
                        child.heading.start,
                        child.heading.end,
                        f"section '{child.title}' appears again (first at line {first.line}); "
                        "merge the two",
                    )


def _timeline_entry(doc: Document, heading: Block) -> bool:
    """Whether the heading begins with a time or date ("#### 2:00", "### 2021-06-30 06:17"):
    it is a timeline entry written as a heading, not a section, and two of them at the same
    time are two events (the titles' leading numbers are not compared)."""
    masked = heading.masked
    lead = len(masked) - len(masked.lstrip("#*_ \t>"))
    times = doc.block_times[heading]
    return bool(times) and times[0].start <= lead


class LengthOutOfRange(Rule):
    """## What it does
    Counts the words of prose (paragraphs, list items and table text; not code, not
    URLs) and checks the count is within the profile's bounds.

    ## Why is this bad?
    Some programs and teams set a length: too short is not a postmortem, too long is not
    read. The holberton profile asks for 400 to 600 words.

    ## Example
    A 150-word report under the holberton profile.
    """

    code = "PM104"
    name = "length-out-of-range"
    summary = "The prose word count is outside the profile's bounds"
    severity = Severity.WARNING
    default_enabled = False
    tags = ("structure", "length")
    options = LazyOptions("pmlint.checks.options:LengthOptions")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding for the document when its word count is out of bounds."""
        options: LengthOptions = ctx.options
        words = 0
        for block in doc.content_blocks():
            if block.kind in ("paragraph", "list_item", "table_row") and not block.header:
                words += len(_WORD.findall(_URL.sub(" ", block.plain)))
        low, high = options.min_words, options.max_words
        end = doc.source.line_end(1)
        if low is not None and words < low:
            yield self.finding(
                doc,
                0,
                end,
                f"{words} words of prose; the profile asks for at "
                f"least {low}: say more about impact, cause and follow-ups",
            )
        elif high is not None and words > high:
            yield self.finding(
                doc,
                0,
                end,
                f"{words} words of prose; the profile allows at "
                f"most {high}: cut repetition and detail readers do not need",
            )
