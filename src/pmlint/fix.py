"""Apply fixes: choose non-overlapping edits, re-lint until stable, write atomically."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from pmlint.findings import Applicability, Finding, Fix
from pmlint.safe_write import write_file
from pmlint.source import Source

MAX_PASSES = 10


class ConvergenceError(Exception):
    """Fixes kept producing new fixable findings (or changed nothing); one-line message."""


def is_applicable(finding: Finding, unsafe: bool) -> bool:
    """Whether ``--fix`` (or ``--unsafe-fixes`` when ``unsafe``) applies this finding's fix."""
    if finding.fix is None or not finding.fix.edits:
        return False
    return unsafe or finding.fix.applicability is Applicability.SAFE


def apply_fixes(source: Source, fixes: list[Fix]) -> tuple[str, int]:
    """The text with every fix applied whose edits overlap no earlier fix; and how many.

    Fixes are taken in document order; one that touches a range already edited (or
    inserts at the same place) waits for the next pass. New text uses the file's own
    line ending.
    """
    taken: list[tuple[int, int]] = []
    edits = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min(e.start_offset for e in f.edits)):
        ranges = [(e.start_offset, e.end_offset) for e in fix.edits]
        if any(_overlaps(r, t) for r in ranges for t in taken) or any(
            _overlaps(a, b) for i, a in enumerate(ranges) for b in ranges[i + 1 :]
        ):
            continue
        taken.extend(ranges)
        edits.extend(fix.edits)
        applied += 1
    text = source.text
    for edit in sorted(edits, key=lambda e: e.start_offset, reverse=True):
        content = edit.content
        if source.newline == "\r\n":
            content = content.replace("\r\n", "\n").replace("\n", "\r\n")
        text = text[: edit.start_offset] + content + text[edit.end_offset :]
    return text, applied


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # an insertion clashes with anything at that point
        return b[0] <= a[0] <= b[1] or a[0] <= b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class FixOutcome:
    """The fixed source, the findings left in it, and how many fixes were applied."""

    source: Source
    findings: list[Finding]
    applied: int = 0
    original: str = field(default="", repr=False)

    @property
    def changed(self) -> bool:
        """Whether the text differs from the original."""
        return self.source.text != self.original


def fix_source(
    source: Source,
    lint: Callable[[Source], list[Finding]],
    *,
    unsafe: bool,
    findings: list[Finding] | None = None,
) -> FixOutcome:
    """Apply fixes and re-lint until no applicable fix is left (at most ``MAX_PASSES``).

    Raises :class:`ConvergenceError` when the fixes do not settle: a fix that changes
    nothing, or fixable findings still left after the last pass.
    """
    current = source
    found = lint(source) if findings is None else findings
    applied = 0
    for _ in range(MAX_PASSES):
        fixes = [f.fix for f in found if f.fix is not None and is_applicable(f, unsafe)]
        if not fixes:
            return FixOutcome(current, found, applied, source.text)
        text, count = apply_fixes(current, fixes)
        if text == current.text:
            codes = sorted({f.code for f in found if is_applicable(f, unsafe)})
            raise ConvergenceError(
                f"{source.path}: failed to converge: the fixes of {', '.join(codes)} change "
                "nothing; please report this"
            )
        applied += count
        current = Source(source.path, text, had_bom=source.had_bom, newline=source.newline)
        found = lint(current)
    if any(is_applicable(f, unsafe) for f in found):
        codes = sorted({f.code for f in found if is_applicable(f, unsafe)})
        raise ConvergenceError(
            f"{source.path}: failed to converge after {MAX_PASSES} passes "
            f"(still fixable: {', '.join(codes)}); please report this"
        )
    return FixOutcome(current, found, applied, source.text)


def encode(source: Source) -> bytes:
    """The bytes of a source as it was read: UTF-8, with its BOM if it had one."""
    data = source.text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if source.had_bom else data


def write_atomic(path: str, source: Source, *, follow_symlinks: bool = False) -> None:
    """Write a fixed source over the file at ``path`` (see :mod:`pmlint.safe_write`)."""
    write_file(path, encode(source), follow_symlinks=follow_symlinks)


def unified_diff(shown: str, before: str, after: str) -> str:
    """A ``git diff`` style unified diff of one file's fix."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{shown}",
        tofile=f"b/{shown}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)
