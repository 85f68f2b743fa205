"""Lint a list of files: read each, run the linter, collect results in path order."""

from __future__ import annotations

import sys

from pmlint.engine import FileResult, Linter
from pmlint.source import InputError, decode, read_source


def lint_path(path: str, shown: str, linter: Linter) -> FileResult:
    """Lint one file (or ``-`` for stdin); bad input becomes ``FileResult.error``."""
    try:
        source = decode(sys.stdin.buffer.read(), shown) if path == "-" else \
            read_source(path, shown)
    except InputError as exc:
        return FileResult(shown, error=str(exc))
    return FileResult(shown, linter.lint(source), source=source)


def lint_files(files: list[tuple[str, str]], linter: Linter) -> list[FileResult]:
    """Lint ``(path, shown)`` pairs; one bad file never stops the others."""
    results = [lint_path(path, shown, linter) for path, shown in files]
    return sorted(results, key=lambda r: r.path)
