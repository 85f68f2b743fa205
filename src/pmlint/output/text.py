"""Human formats: ``concise`` (one line a finding) and ``full`` (with a code frame).

A concise line is ``path:line:col: CODE [severity] message (name)``: the position first
(editors and problem matchers jump to it), the code, then the severity that ``--fail-on``
compares. Text that comes from the document (paths, messages quoting it, code frames) has
its control characters escaped, so a document cannot move the cursor, recolour or hide
lines of the terminal.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import click

from pmlint.findings import Applicability, Finding, Severity

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
# C0 controls except tab, DEL, C1 controls, and the bidirectional overrides/isolates.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _severity(finding: Finding, color: bool) -> str:
    label = f"[{finding.severity.label}]"
    return click.style(label, fg=_COLORS[finding.severity.label], bold=True) if color else label


def concise_line(finding: Finding, color: bool = False) -> str:
    """``path:line:col: CODE [severity] message (name)``."""
    pos = finding.span.start
    code = click.style(finding.code, bold=True) if color else finding.code
    return (
        f"{printable(finding.path)}:{pos.line}:{pos.column}: {code} {_severity(finding, color)} "
        f"{printable(finding.message)} ({finding.name})"
    )


def render_concise(results: list[FileResult], options: RenderOptions) -> str:
    """One line per finding, then the summary (not with ``--quiet``)."""
    stream = ConciseStream(options)
    return "".join(stream.file(result) for result in results) + stream.end()


class Tally:
    """What the summary line counts, added up file by file (no finding is kept)."""

    __slots__ = ("by_severity", "files", "files_with_findings", "safe", "unsafe")

    def __init__(self) -> None:
        self.files = 0
        self.files_with_findings = 0
        self.by_severity: Counter[Severity] = Counter()
        self.safe = 0
        self.unsafe = 0

    def add(self, result: FileResult) -> None:
        """Count one linted file."""
        self.files += 1
        self.files_with_findings += bool(result.findings)
        for finding in result.findings:
            self.by_severity[finding.severity] += 1
            if finding.fix is not None:
                self.safe += finding.fix.applicability is Applicability.SAFE
                self.unsafe += finding.fix.applicability is Applicability.UNSAFE

    def summary(self, options: RenderOptions) -> str:
        """The summary line as ``options`` asks for it ('' with ``--quiet``), with its newline."""
        if options.quiet:
            return ""
        line = _summary(self, options.fixed, options.not_linted)
        return line + "\n" if line else ""


class ConciseStream:
    """``concise`` written file by file: :meth:`file` for each result, then :meth:`end`."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.tally = Tally()

    def file(self, result: FileResult) -> str:
        """The lines of one file's findings."""
        self.tally.add(result)
        return "".join(concise_line(f, self.options.color) + "\n" for f in result.findings)

    def end(self) -> str:
        """The summary line."""
        return self.tally.summary(self.options)


def _counts(by: Counter[Severity]) -> str:
    """``3 errors, 26 warnings`` (severities that occur, worst first)."""
    parts = [
        f"{by[s]} {s.label}{'s' if by[s] != 1 else ''}"
        for s in sorted(Severity, reverse=True)
        if by[s]
    ]
    return ", ".join(parts)


def _summary(tally: Tally, fixed: int, not_linted: int) -> str:
    """``29 problems (3 errors, 26 warnings) in 1 file; 2 fixable with --unsafe-fixes``.

    After ``--fix`` it says how many were fixed. It says "All checks passed!" only when
    every file given was linted and nothing was found; otherwise it counts the paths
    that were not linted.
    """
    count = sum(tally.by_severity.values())
    files = tally.files_with_findings
    missed = (
        f"; {not_linted} path{'s' if not_linted != 1 else ''} not linted (see the errors above)"
        if not_linted
        else ""
    )
    if not count and not fixed:
        if not tally.files:  # nothing was linted: the errors or the warning on stderr say why
            return "" if not_linted else "No files were linted."
        if not_linted:
            return f"No problems in {tally.files} {_files(tally.files)} linted{missed}."
        return "All checks passed!"
    where = f"in {files} {_files(files)}"
    by = tally.by_severity
    remaining = f"{count} {_plural(count)} ({_counts(by)}) {where}" if count else "none left"
    if fixed:
        total = count + fixed
        left = f"{count} remaining: {_counts(by)}" if count else "0 remaining"
        return f"Found {total} {_plural(total)} ({fixed} fixed, {left}){missed}."
    hints = []
    if tally.safe:
        hints.append(f"{tally.safe} fixable with --fix")
    if tally.unsafe:
        hints.append(f"{tally.unsafe} fixable with --unsafe-fixes")
    tail = "".join(f"; {hint}" for hint in hints)
    return f"{remaining}{tail}{missed}."


def _plural(count: int) -> str:
    return "problem" if count == 1 else "problems"


def _files(count: int) -> str:
    return "file" if count == 1 else "files"


def render_full(results: list[FileResult], options: RenderOptions) -> str:
    """Each finding with the offending line and a caret underline, like ruff."""
    stream = FullStream(options)
    return "".join(stream.file(result) for result in results) + stream.end()


class FullStream(ConciseStream):
    """``full`` written file by file: each finding with its code frame, then the summary."""

    def file(self, result: FileResult) -> str:
        """The findings of one file, each with its line and a caret underline."""
        self.tally.add(result)
        color = self.options.color
        lines = result.source.lines if result.source else []
        out: list[str] = []
        for finding in result.findings:
            start = finding.span.start
            code = click.style(finding.code, bold=True) if color else finding.code
            out.append(
                f"{printable(finding.path)}:{start.line}:{start.column}: {code} "
                f"{_severity(finding, color)} {printable(finding.message)}"
            )
            line_no = start.line
            if 0 < line_no <= len(lines):
                text = printable(lines[line_no - 1].expandtabs(1))
                gutter = f"{line_no:>4} | "
                out.append(f"{gutter}{text}")
                first = start.column
                end = finding.span.end.column if finding.span.end.line == line_no else len(text) + 1
                width = max(1, min(end, len(text) + 1) - first)
                caret = " " * (first - 1) + "^" * width
                out.append(" " * (len(gutter) - 2) + "| " + caret + f" {finding.name}")
            if finding.fix:
                out.append(
                    f"     = help: {printable(finding.fix.title)} "
                    f"({finding.fix.applicability.value} fix)"
                )
            out.append("")
        return "".join(line + "\n" for line in out)
