"""Fingerprints that survive edits elsewhere in a file (no line numbers in them)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.findings import Finding


def _flagged_text(finding: Finding, result: FileResult) -> str:
    source = result.source
    if source is None:
        return ""
    span = finding.span
    text = source.text[span.start_offset : span.end_offset]
    if not text.strip() and 0 < span.start.line <= len(source.lines):
        text = source.lines[span.start.line - 1]
    return " ".join(text.split())


def with_fingerprints(results: list[FileResult]) -> Iterator[tuple[FileResult, Finding, str]]:
    """Each finding with a hash of its code, path, flagged text and occurrence number.

    Moving a paragraph or adding lines above it keeps the fingerprint, so CI dashboards
    (GitLab Code Quality, code scanning) do not see it as fixed and re-introduced.
    """
    for result in results:
        seen: Counter[tuple[str, str]] = Counter()
        for finding in result.findings:
            key = (finding.code, _flagged_text(finding, result))
            seen[key] += 1
            raw = "\0".join((finding.code, finding.path, key[1], str(seen[key])))
            yield result, finding, hashlib.sha256(raw.encode("utf-8")).hexdigest()
