"""Apply fixes: choose non-overlapping edits, re-lint until stable, write atomically."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable

import msgspec

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
    if finding.fix.applicability is Applicability.SUGGESTION:
        return False
    return unsafe or finding.fix.applicability is Applicability.SAFE


def apply_fixes_to_text(source: Source, fixes: list[Fix]) -> tuple[str, int]:
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


class FixOutcome(msgspec.Struct):
    """The fixed source, the findings left in it, and how many fixes were applied."""

    source: Source
    findings: list[Finding]
    applied: int = 0
    original: str = ""

    @property
    def changed(self) -> bool:
        """Whether the text differs from the original."""
        return self.source.text != self.original


FixKey = tuple[str, str, tuple[tuple[str, str], ...]]


def _key(finding: Finding, text: str) -> FixKey:
    """A fix named by its rule, title and edits (the text replaced and the new text), so
    it is recognised again after other fixes move it."""
    assert finding.fix is not None
    edits = tuple((text[e.start_offset : e.end_offset], e.content) for e in finding.fix.edits)
    return (finding.code, finding.fix.title, edits)


def added_codes(before: list[Finding], after: list[Finding]) -> list[str]:
    """Codes with more findings ``after`` than ``before``: what a fix would introduce."""
    grown = Counter(f.code for f in after) - Counter(f.code for f in before)
    return sorted(grown)


def _as_suggestion(finding: Finding, added: list[str]) -> Finding:
    """The finding with its fix kept for people to read but never applied."""
    assert finding.fix is not None
    why = f"it would add {', '.join(added)}" if added else "it changes nothing"
    fix = msgspec.structs.replace(
        finding.fix,
        title=f"{finding.fix.title} (not applied: {why}; check it by hand)",
        applicability=Applicability.SUGGESTION,
    )
    return msgspec.structs.replace(finding, fix=fix)


def fix_source(
    source: Source,
    lint: Callable[[Source], list[Finding]],
    *,
    unsafe: bool,
    findings: list[Finding] | None = None,
) -> FixOutcome:
    """Apply the fixes that only help, re-linting after each step.

    The applicable fixes are first tried together; when the result has a finding of a
    code that was not there as often before, each is tried alone and one that adds a
    finding (or changes nothing) is not applied: it stays on its finding as a
    suggestion. Running it again on the result changes nothing. Raises
    :class:`ConvergenceError` when the fixes do not settle (``MAX_PASSES`` steps more
    than there were findings).
    """
    current = source
    found = lint(source) if findings is None else findings
    rejected: dict[FixKey, list[str]] = {}
    applied = 0
    passes = MAX_PASSES + len(found)  # one step per fix at worst, plus fixes that cascade
    for _ in range(passes):
        candidates = [
            f for f in found if is_applicable(f, unsafe) and _key(f, current.text) not in rejected
        ]
        if not candidates:
            break
        step = _try(current, candidates, found, lint)
        if step is None:  # together they add a finding: one at a time
            for finding in candidates:
                step = _try(current, [finding], found, lint)
                if step is not None:
                    break
                text, _ = apply_fixes_to_text(current, [finding.fix])  # type: ignore[list-item]
                after = lint(_with_text(current, text)) if text != current.text else found
                rejected[_key(finding, current.text)] = added_codes(found, after)
        if step is None:
            break
        current, found, count = step
        applied += count
    else:
        if any(is_applicable(f, unsafe) and _key(f, current.text) not in rejected for f in found):
            codes = sorted({f.code for f in found if is_applicable(f, unsafe)})
            raise ConvergenceError(
                f"{source.path}: failed to converge after {passes} passes "
                f"(still fixable: {', '.join(codes)}); please report this"
            )
    shown = [
        _as_suggestion(f, rejected[k])
        if f.fix is not None and (k := _key(f, current.text)) in rejected
        else f
        for f in found
    ]
    return FixOutcome(current, shown, applied, source.text)


def _with_text(source: Source, text: str) -> Source:
    return Source(source.path, text, had_bom=source.had_bom, newline=source.newline)


def _try(
    current: Source,
    candidates: list[Finding],
    found: list[Finding],
    lint: Callable[[Source], list[Finding]],
) -> tuple[Source, list[Finding], int] | None:
    """Apply ``candidates``' fixes; the result when it changed and added no finding."""
    text, count = apply_fixes_to_text(current, [f.fix for f in candidates if f.fix is not None])
    if text == current.text:
        return None
    fixed = _with_text(current, text)
    after = lint(fixed)
    if added_codes(found, after):
        return None
    return fixed, after, count


def encode(source: Source) -> bytes:
    """The bytes of a source as it was read: UTF-8, with its BOM if it had one (and lone
    CR line endings if it had those)."""
    text = source.text.replace("\n", "\r") if source.newline == "\r" else source.text
    data = text.encode("utf-8")
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
