"""Human formats: ``concise`` (one line a finding) and ``full`` (with a code frame)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from pmlint.findings import Applicability, Finding

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def concise_line(finding: Finding) -> str:
    """``path:line:col: CODE message (name)``."""
    pos = finding.span.start
    return (
        f"{finding.path}:{pos.line}:{pos.column}: {finding.code} {finding.message} ({finding.name})"
    )


def render_concise(results: list[FileResult], options: RenderOptions) -> str:
    """One line per finding, then a count."""
    lines = [concise_line(f) for r in results for f in r.findings]
    lines.append(summary_line(results, options.fixed))
    return "\n".join(lines) + "\n"


def summary_line(results: list[FileResult], fixed: int = 0) -> str:
    """``Found N problems in M files.`` (with what ``--fix`` did or could do), or
    ``All checks passed!``."""
    count = sum(len(r.findings) for r in results)
    files = sum(1 for r in results if r.findings)
    if fixed:
        total = count + fixed
        return f"Found {total} {_plural(total)} ({fixed} fixed, {count} remaining)."
    if not count:
        return "All checks passed!"
    safe = sum(1 for r in results for f in r.findings if f.fix and _is_safe(f))
    unsafe = sum(1 for r in results for f in r.findings if f.fix and not _is_safe(f))
    hints = []
    if safe:
        hints.append(f"{safe} fixable with --fix")
    if unsafe:
        hints.append(f"{unsafe} with --fix --unsafe-fixes")
    tail = f" ({'; '.join(hints)})" if hints else ""
    return f"Found {count} {_plural(count)} in {files} file{'s' if files != 1 else ''}.{tail}"


def _plural(count: int) -> str:
    return "problem" if count == 1 else "problems"


def _is_safe(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.applicability is Applicability.SAFE


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
                out.append(
                    f"     = help: {finding.fix.title} ({finding.fix.applicability.value} fix)"
                )
            out.append("")
    out.append(summary_line(results, options.fixed))
    return "\n".join(out) + "\n"
