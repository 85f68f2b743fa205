"""Writing a check's output (whole, or file by file as results come) and its exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

import click

from pmlint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail
from pmlint.config import ConfigResolver
from pmlint.findings import Severity
from pmlint.output import RenderOptions, Stream, get_renderer
from pmlint.output.text import printable
from pmlint.runner import iter_lint_files

if TYPE_CHECKING:
    from pmlint.discovery import Selection
    from pmlint.engine import FileResult


def use_color(choice: str, output_file: str | None) -> bool:
    """Colour for ``--color``: ``always``/``never``; ``auto`` colours a terminal unless
    ``NO_COLOR`` is set or ``TERM=dumb``, and ``FORCE_COLOR`` colours a pipe too."""
    if choice != "auto":
        return choice == "always"
    if output_file or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def print_errors(errors: list[str]) -> None:
    """Each problem that kept a file from being linted, one line each on stderr."""
    for error in errors:
        click.echo(f"pmlint: error: {printable(error)}", err=True)


def write_report(
    fmt: str,
    results: list[FileResult],
    chosen: Selection,
    resolver: ConfigResolver,
    *,
    fixed: int,
    quiet: bool,
    output_file: str | None,
    color: bool,
) -> None:
    """Render the whole run in ``fmt`` and write it to the output file or stdout."""
    linted = [r for r in results if r.error is None]
    rendered = get_renderer(fmt)(
        linted,
        RenderOptions(
            rules=resolver.enabled_rules(),
            color=color,
            fixed=fixed,
            quiet=quiet,
            not_linted=len(chosen.errors) + sum(1 for r in results if r.error),
            fail_on={r.path: resolver.fail_on(chosen.real.get(r.path, r.path)) for r in linted},
        ),
    )
    if not output_file:
        click.echo(rendered, nl=False, color=color)  # click would strip it off a terminal
        return
    try:
        with open(output_file, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(rendered)
    except OSError as exc:
        fail(_unwritable(output_file, exc))


def write_streamed(
    stream: Stream,
    chosen: Selection,
    resolver: ConfigResolver,
    *,
    jobs: int | None,
    keep_source: bool,
    output_file: str | None,
    color: bool,
    exit_zero: bool,
) -> int:
    """Lint and write the output file by file, for formats that allow it: nothing of a
    file is kept once written, so memory stays flat however many files there are.
    Returns the exit code (as :func:`exit_code` would)."""
    handle = _open_output(output_file)
    not_linted, crashed, failing = len(chosen.errors), False, False
    try:
        for result in iter_lint_files(chosen.files, resolver, jobs=jobs, keep_source=keep_source):
            if result.error:
                print_errors([result.error])
                not_linted += 1
                continue
            if result.findings:
                crashed = crashed or any(f.code == "PM000" for f in result.findings)
                worst = max(f.severity for f in result.findings)
                failing = failing or worst >= resolver.fail_on(
                    chosen.real.get(result.path, result.path)
                )
            _emit(stream.file(result), handle, output_file, color)
        stream.options.not_linted = not_linted
        _emit(stream.end(), handle, output_file, color)
    finally:
        if handle is not None:
            handle.close()
    if not_linted or crashed:
        return EXIT_ERROR
    return EXIT_OK if exit_zero or not failing else EXIT_FINDINGS


def _open_output(output_file: str | None) -> TextIO | None:
    """The ``--output-file`` opened for writing (None for stdout), or exit 2."""
    if not output_file:
        return None
    try:
        return open(output_file, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        fail(_unwritable(output_file, exc))


def _emit(text: str, handle: TextIO | None, output_file: str | None, color: bool) -> None:
    """Write a piece of the output to the file, or to stdout (in colour if asked)."""
    if not text:
        return
    if handle is None:
        click.echo(text, nl=False, color=color)  # click would strip it off a terminal
        return
    try:
        handle.write(text)
    except OSError as exc:
        fail(_unwritable(output_file, exc))


def exit_code(
    results: list[FileResult],
    errors: list[str],
    fail_on: Callable[[str], Severity],
    exit_zero: bool,
    real: dict[str, str] | None = None,
) -> int:
    """2 for any bad input or crashed rule, else 1 when a finding reaches its file's
    ``fail-on`` (``fail_on(path)``)."""
    if (
        errors
        or any(r.error for r in results)
        or any(f.code == "PM000" for r in results for f in r.findings)
    ):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    failing = any(
        max(f.severity for f in r.findings) >= fail_on((real or {}).get(r.path, r.path))
        for r in results
        if r.findings
    )
    return EXIT_FINDINGS if failing else EXIT_OK


def _unwritable(output_file: str | None, exc: OSError) -> str:
    """The one-line error for an output file that cannot be written."""
    return f"{output_file}: cannot write the output ({exc.strerror or exc})"
