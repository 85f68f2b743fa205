"""``pmlint check --fix`` and ``--diff``: fix the linted files, write them or show a diff."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from pmlint.cli import EXIT_ERROR, fail
from pmlint.cli.report import exit_code
from pmlint.engine import FileResult
from pmlint.fix import ConvergenceError, fix_source, is_applicable, unified_diff, write_atomic

if TYPE_CHECKING:
    from pmlint.config import ConfigResolver
    from pmlint.discovery import Selection


def fix_files(
    results: list[FileResult],
    resolver: ConfigResolver,
    *,
    unsafe: bool,
    write: bool,
    follow_symlinks: bool = False,
    errors: list[str] | None = None,
    real: dict[str, str] | None = None,
) -> tuple[list[FileResult], list[str], int]:
    """Fix every file with an applicable fix; return new results, diffs and the fix count.

    Only fixes that add no finding are applied (see :func:`pmlint.fix.fix_source`). A
    file that cannot be written keeps its findings; the problem is printed (and added
    to ``errors``) and the other files are still fixed. ``real`` maps shown paths to
    the files (they differ for names that are not UTF-8).
    """
    fixed_results: list[FileResult] = []
    diffs: list[str] = []
    total = 0
    for result in results:
        source = result.source
        if source is None or not any(is_applicable(f, unsafe) for f in result.findings):
            fixed_results.append(result)
            continue
        try:
            outcome = fix_source(
                source, resolver.lint_source, unsafe=unsafe, findings=result.findings
            )
        except ConvergenceError as exc:
            fail(str(exc))
        if outcome.changed:
            if write and result.path != "-":
                target = (real or {}).get(result.path, result.path)
                try:
                    write_atomic(
                        os.path.abspath(target),
                        outcome.source,
                        follow_symlinks=follow_symlinks,
                    )
                except OSError as exc:
                    message = f"{result.path}: cannot write the fixed file ({exc.strerror or exc})"
                    click.echo(f"pmlint: error: {message}", err=True)
                    if errors is not None:
                        errors.append(message)
                    fixed_results.append(result)
                    continue
            diffs.append(unified_diff(result.path, source.text, outcome.source.text))
        total += outcome.applied
        fixed_results.append(FileResult(result.path, outcome.findings, source=outcome.source))
    return fixed_results, diffs, total


def fix_or_diff(
    results: list[FileResult],
    chosen: Selection,
    resolver: ConfigResolver,
    *,
    diff: bool,
    unsafe: bool,
    follow_symlinks: bool,
    exit_zero: bool,
) -> tuple[list[FileResult], int]:
    """Apply the fixes (``--fix``) or print them as a diff (``--diff``, then exit).

    Input read from stdin is fixed to stdout (then exit); otherwise the fixed results
    and the number of fixes applied are returned for the report.
    """
    files = chosen.files
    reading_stdin = any(path == "-" for path, _ in files)
    if reading_stdin and len(files) > 1:
        fail("--fix and --diff read stdin only when it is the only input")
    results, diffs, fixed = fix_files(
        results,
        resolver,
        unsafe=unsafe,
        write=not diff and not reading_stdin,
        follow_symlinks=follow_symlinks,
        errors=chosen.errors,
        real=chosen.real,
    )
    if diff:
        failed = bool(chosen.errors or any(r.error for r in results))
        click.echo("".join(diffs), nl=False)
        click.echo(f"Would apply {fixed} fix{'es' if fixed != 1 else ''}.", err=True)
        sys.exit(EXIT_ERROR if failed else int(fixed > 0))
    if reading_stdin:  # like ruff: the fixed document goes to stdout
        if results and results[0].source is not None:
            sys.stdout.buffer.write(results[0].source.text.encode("utf-8"))
        sys.exit(exit_code(results, chosen.errors, resolver.fail_on, exit_zero))
    return results, fixed
