"""Human formats: ``concise`` (one line a finding) and ``full`` (with a code frame)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pmlint.findings import Finding

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def concise_line(finding: Finding) -> str:
    """``path:line:col: CODE message (name)``."""
    pos = finding.span.start
    return f"{finding.path}:{pos.line}:{pos.column}: {finding.code} {finding.message} ({finding.name})"


def render_concise(results: list[FileResult], options: RenderOptions) -> str:
    """One line per finding, then a count."""
    lines = [concise_line(f) for r in results for f in r.findings]
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"


def summary_line(results: list[FileResult]) -> str:
    """``Found N problems in M files.`` or ``All checks passed!``."""
    count = sum(len(r.findings) for r in results)
    files = sum(1 for r in results if r.findings)
    if not count:
        return "All checks passed!"
    fixable = sum(1 for r in results for f in r.findings if f.fix)
    plural = "problem" if count == 1 else "problems"
    tail = f" ({fixable} fixable with --fix or --unsafe-fixes)" if fixable else ""
    return f"Found {count} {plural} in {files} file{'s' if files != 1 else ''}.{tail}"


def render_full(results: list[FileResult], options: RenderOptions) -> str:
    """Each finding with the offending line and a caret underline, like ruff."""
    out: list[str] = []
    for result in results:
        lines = result.source.lines if result.source else []
        for finding in result.findings:
            severity = finding.severity.label
            head = f"{finding.path}:{finding.span.start.line}:{finding.span.start.column}: "
            code = f"{finding.code} [{severity}]"
            if options.color:
                code = click.style(code, fg=_COLORS[severity], bold=True)
            out.append(f"{head}{code} {finding.message}")
            line_no = finding.span.start.line
            if 0 < line_no <= len(lines):
                text = lines[line_no - 1].expandtabs(1)
                gutter = f"{line_no:>4} | "
                out.append(f"{gutter}{text}")
                start = finding.span.start.column
                end = finding.span.end.column if finding.span.end.line == line_no else len(text) + 1
                width = max(1, min(end, len(text) + 1) - start)
                caret = " " * (start - 1) + "^" * width
                out.append(" " * (len(gutter) - 2) + "| " + caret + f" {finding.name}")
            if finding.fix:
                out.append(f"     = help: {finding.fix.title} ({finding.fix.applicability.value} fix)")
            out.append("")
    out.append(summary_line(results))
    return "\n".join(out) + "\n"
