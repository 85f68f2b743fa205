"""Whether a file found by walking a directory looks like a postmortem.

A directory walk lints a Markdown or text file when any of these holds (checked in
this order; the first that holds is the reason shown by ``--show-files``):

1. **name**: the file name, or a directory between the walk root and the file (or the
   walk root itself), says postmortem, post-mortem, incident, outage, retrospective or
   RCA (``postmortems/2024-03-05-checkout.md``, ``0x19-postmortem/README.md``);
2. **title**: the first heading, or the first non-empty line, says so (``# Postmortem:
   checkout outage``, ``Incident report: ...``);
3. **sections**: at least two different postmortem sections by meaning (timeline, root
   cause, impact, resolution, action items, detection, lessons...; "summary" alone is too
   common to count), as headings, bold lines or ``Label:`` lines.

A file that cannot be read as text (not UTF-8, NUL bytes, too large, a FIFO) is passed
on to the linter, which reports why, rather than skipped in silence.

So ``README.md``, ``CHANGELOG.md`` and ``CONTRIBUTING.md`` of a project are skipped. A
file named on the command line is always linted; ``include`` and ``--force-include``
lint every file a walk finds.
"""

from __future__ import annotations

import os
import re
import stat

from pmlint.document.sections import SectionRegistry, default_section_registry
from pmlint.source import MAX_FILE_BYTES

_WORDS = (
    r"post[-_ ]?mortems?|incidents?|outages?|retrospectives?|retros?|rcas?"
    r"|root[-_ ]cause[-_ ]analys[ie]s|after[-_ ]action[-_ ]reviews?"
)
_NAME = re.compile(rf"(?:^|[^a-z])(?:{_WORDS})(?:[^a-z]|$)", re.IGNORECASE)
_TITLE = re.compile(rf"\b(?:{_WORDS})\b", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.{1,120})$")
_BOLD = re.compile(r"^\s{0,3}(?:\*\*|__)([^*_]{1,80})(?:\*\*|__)\s*:?\s*$")
_LABEL = re.compile(r"^\s{0,3}([A-Za-z][A-Za-z '&/-]{1,60}):")
_GENERIC = frozenset({"summary"})
_READ_LIMIT = 64 * 1024


def name_reason(path: str, root: str) -> str | None:
    """``name`` when the file or a directory from the walk root down names a postmortem."""
    rel = os.path.relpath(os.path.abspath(path), os.path.dirname(os.path.abspath(root)))
    parts = rel.replace(os.sep, "/").split("/")
    if any(
        _NAME.search(os.path.splitext(part)[0] if i == len(parts) - 1 else part)
        for i, part in enumerate(parts)
    ):
        return "name"
    return None


def _first_title(lines: list[str]) -> str:
    for line in lines:
        match = _HEADING.match(line)
        if match:
            return match.group(1)
    return next((line for line in lines if line.strip()), "")


def section_keys(lines: list[str], sections: SectionRegistry) -> set[str]:
    """The postmortem section keys named by headings, bold lines or ``Label:`` lines."""
    keys: set[str] = set()
    for line in lines:
        if len(line) > 200:
            continue
        for pattern in (_HEADING, _BOLD, _LABEL):
            match = pattern.match(line)
            if match:
                keys |= sections.keys_for(match.group(1), heading=False)
                break
    return keys - _GENERIC


def content_reason(text: str, sections: SectionRegistry | None = None) -> str | None:
    """``title`` or ``sections`` when the text reads like a postmortem, else None."""
    lines = text[:_READ_LIMIT].splitlines()
    if _TITLE.search(_first_title(lines)):
        return "title"
    if len(section_keys(lines, sections or default_section_registry())) >= 2:
        return "sections"
    return None


def postmortem_reason(path: str, root: str) -> str | None:
    """Why a walked file counts as a postmortem (``name``, ``title``, ``sections``), or None."""
    reason = name_reason(path, root)
    if reason:
        return reason
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return "not a regular file"  # a FIFO or device: the linter refuses it, saying why
        if info.st_size > MAX_FILE_BYTES:
            return "too large to read"  # the linter refuses it, saying why
        with open(path, "rb") as handle:
            data = handle.read(_READ_LIMIT)
    except OSError:
        return "unreadable"  # the linter reports why
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(data) - 4:  # not just a character cut at the read limit
            return "not UTF-8 text"  # the linter reports it rather than skipping it silently
        text = data[: exc.start].decode("utf-8")
    if "\0" in text:
        return "not text"
    return content_reason(text.removeprefix("\ufeff"))
