"""``github``: GitHub Actions workflow commands that annotate the pull request.

Annotations come errors first, then warnings, then notices: GitHub shows at most
:data:`ANNOTATION_LIMIT` of each level per step, so the ones it drops are the least
serious, and a last line says how many it will not show. When ``$GITHUB_STEP_SUMMARY``
is set, a Markdown table of every finding is appended to it (the job's summary page).
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING

from pmlint.output.text import printable

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.findings import Finding
    from pmlint.output import RenderOptions

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
ANNOTATION_LIMIT = 10
"""Annotations of one level GitHub shows per step; the rest are only in the log."""


def escape_data(text: str) -> str:
    """Escape a message as GitHub requires (``%``, CR, LF); other control characters from
    the document are shown as escapes, since the job log is a terminal."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def escape_property(text: str) -> str:
    """Escape a property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _ordered(results: list[FileResult]) -> list[Finding]:
    findings = [f for r in results for f in r.findings]
    return sorted(findings, key=lambda f: (-f.severity, f.sort_key()))


def annotation(finding: Finding) -> str:
    """One ``::error file=...,line=...,title=...::message`` line."""
    start, end = finding.span.start, finding.span.end
    props = [f"file={escape_property(finding.path)}", f"line={start.line}"]
    if end.line != start.line:
        props.append(f"endLine={end.line}")
    else:
        props.append(f"col={start.column}")
        props.append(f"endColumn={max(end.column, start.column)}")
    props.append(f"title={escape_property(f'{finding.code} {finding.name}')}")
    level = _LEVEL[finding.severity.label]
    return f"::{level} {','.join(props)}::{escape_data(finding.message)}"


def _cell(text: str) -> str:
    return printable(" ".join(text.split())).replace("|", "\\|")


def step_summary(findings: list[Finding]) -> str:
    """The Markdown written to ``$GITHUB_STEP_SUMMARY``."""
    if not findings:
        return "### pmlint\n\nAll checks passed!\n\n"
    rows = [
        f"| {f.severity.label} | `{_cell(f.path)}:{f.span.start.line}` | "
        f"[{f.code}]({f.url or ''}) {f.name} | {_cell(f.message)} |"
        for f in findings
    ]
    return (
        f"### pmlint: {len(findings)} problem{'s' if len(findings) != 1 else ''}\n\n"
        "| severity | where | rule | problem |\n|---|---|---|---|\n" + "\n".join(rows) + "\n\n"
    )


def _write_summary(findings: list[Finding]) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(step_summary(findings))
    except OSError:
        pass  # the annotations and the log still carry every finding


def render_github(results: list[FileResult], options: RenderOptions) -> str:
    """Annotations, errors first; a note of those GitHub will not show; the step summary."""
    findings = _ordered(results)
    lines = [annotation(f) for f in findings]
    per_level = Counter(_LEVEL[f.severity.label] for f in findings)
    hidden = {level: n - ANNOTATION_LIMIT for level, n in per_level.items() if n > ANNOTATION_LIMIT}
    if hidden:
        parts = ", ".join(f"{n} {level}{'s' if n != 1 else ''}" for level, n in hidden.items())
        lines.append(
            f"pmlint: GitHub shows {ANNOTATION_LIMIT} annotations of each level per step; "
            f"{parts} are not shown on the pull request (all are listed above and in the "
            "job summary)"
        )
    _write_summary(findings)
    return "\n".join(lines) + ("\n" if lines else "")
