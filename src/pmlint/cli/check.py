"""``pmlint check``: lint the files, fix them if asked, write the report, set the exit code."""

from __future__ import annotations

import sys
from typing import Any

import click

from pmlint.cli import EXIT_ERROR, EXIT_OK, PLUGIN_HELP, fail, make_resolver, split_values
from pmlint.cli.report import exit_code, print_errors, use_color, write_report, write_streamed
from pmlint.discovery import Selection, select_files
from pmlint.output import FORMATS, RenderOptions, get_stream
from pmlint.output.text import printable
from pmlint.profiles import profile_names
from pmlint.registry import default_registry
from pmlint.runner import lint_files

_WITHOUT_TEXT = ("concise", "github", "junit", "statistics")
"""Formats without code frames, fingerprints or fix edits: they need no document text."""


def parse_severities(values: tuple[str, ...]) -> dict[str, str]:
    """``--severity PM204=error,PM504=info`` as a ``[severity]`` table, or exit 2."""
    table: dict[str, str] = {}
    registry = default_registry()
    for item in split_values(values):
        key, sep, level = item.partition("=")
        key, level = key.strip(), level.strip().lower()
        if not sep or level not in ("error", "warning", "info"):
            fail(f"--severity {item!r}: write CODE=LEVEL with LEVEL error, warning or info")
        rule = registry.get(key)
        if rule is None:
            fail(f"--severity {item!r}: unknown rule {key!r}{registry.suggest(key)}")
        table[rule.code] = level
    return table


def build_overrides(
    profile: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    force_exclude: bool,
    severity: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Settings given on the command line, by config key."""
    overrides: dict[str, Any] = {}
    if profile is not None:
        if profile not in profile_names():
            fail(f"unknown profile {profile!r}; choose one of {', '.join(profile_names())}")
        overrides["profile"] = profile
    listed = {"select": select, "extend-select": extend_select, "ignore": ignore}
    overrides.update({key: split_values(values) for key, values in listed.items() if values})
    if fail_on:
        overrides["fail-on"] = fail_on
    if force_exclude:
        overrides["force-exclude"] = True
    if severity:
        overrides["severity"] = parse_severities(severity)
    return overrides


def choose_format(chosen: str | None, output_file: str | None, statistics: bool) -> str:
    """The format to write: ``--output-format``, else full on a terminal and concise
    otherwise; ``--statistics`` turns it into its statistics form."""
    fmt = chosen or ("full" if sys.stdout.isatty() and not output_file else "concise")
    if statistics:
        fmt = "statistics-json" if fmt in ("json", "json-lines") else "statistics"
    return fmt


def print_file_list(chosen: Selection) -> None:
    """``--show-files``: each file that would be linted and each skipped one, with why."""
    for shown, why in sorted(chosen.linted):
        click.echo(f"lint  {printable(shown)}  ({why})")
    for shown, why in sorted(chosen.skipped):
        click.echo(f"skip  {printable(shown)}  ({why})")


def report_selection(chosen: Selection) -> None:
    """Print the files that could not be selected, or warn that none looks like a postmortem."""
    print_errors(chosen.errors)
    if not chosen.files and not chosen.errors:
        click.echo(
            "pmlint: warning: no file here looks like a postmortem; `--show-files` says why "
            "each was skipped, `--force-include` lints them all",
            err=True,
        )


@click.command("check")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--output-format",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="Output format (default: full on a terminal, concise otherwise).",
)
@click.option("--output-file", "-o", type=str, default=None, help="Write the output to a file.")
@click.option("--profile", type=str, default=None, help=f"Profile: {', '.join(profile_names())}.")
@click.option("--select", multiple=True, help="Rules to enable (codes, names, prefixes, tags).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the profile.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option(
    "--severity",
    multiple=True,
    metavar="CODE=LEVEL",
    help="Set a rule's severity (error, warning, info), e.g. --severity PM204=error.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the run fail (default: error).",
)
@click.option("--config", type=str, default=None, help="Use this config file for every file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--plugin", "plugins", multiple=True, help=PLUGIN_HELP)
@click.option("--no-inline-config", is_flag=True, help="Ignore <!-- pmlint-disable --> comments.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Filter files named on the command line like a directory walk's (exclude, include, "
    "looks like a postmortem): for pre-commit.",
)
@click.option(
    "--force-include",
    is_flag=True,
    help="Lint every .md/.markdown/.txt file a directory walk finds, postmortem-like or not.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="List the files that would be linted, and why others are not.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option(
    "--fix-symlinks",
    is_flag=True,
    help="With --fix, write fixes of a symlinked file to the file it points to.",
)
@click.option("--diff", is_flag=True, help="Show the fixes as a diff instead of writing them.")
@click.option(
    "--statistics", is_flag=True, help="Count findings per rule (as JSON with json formats)."
)
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only, no summary.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    help="Colour the output (auto: on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR).",
)
@click.option("--stdin-filename", type=str, default=None, help="Name shown for input read from -.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to lint with (default: the number of cores when there are many files).",
)
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    output_file: str | None,
    profile: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    severity: tuple[str, ...],
    fail_on: str | None,
    config: str | None,
    isolated: bool,
    plugins: tuple[str, ...],
    no_inline_config: bool,
    force_exclude: bool,
    force_include: bool,
    show_files: bool,
    fix: bool,
    unsafe_fixes: bool,
    fix_symlinks: bool,
    diff: bool,
    statistics: bool,
    quiet: bool,
    color: str,
    stdin_filename: str | None,
    exit_zero: bool,
    jobs: int | None,
) -> None:
    """Lint postmortems (files, directories, or - for stdin; default: the directory .)."""
    overrides = build_overrides(
        profile, select, extend_select, ignore, fail_on, force_exclude, severity
    )
    resolver = make_resolver(overrides, config, isolated, not no_inline_config, plugins)
    chosen = select_files(
        paths or (".",), resolver, stdin_filename, force_include=force_include, explain=show_files
    )
    if show_files:
        print_file_list(chosen)
        sys.exit(EXIT_ERROR if chosen.errors else EXIT_OK)
    report_selection(chosen)
    fmt = choose_format(output_format, output_file, statistics)
    # Not keeping the document text when no output needs it keeps memory flat.
    keep_source = fix or diff or fmt not in _WITHOUT_TEXT
    colored = use_color(color, output_file)
    stream = None if fix or diff else get_stream(fmt, RenderOptions(color=colored, quiet=quiet))
    if stream is not None:
        sys.exit(
            write_streamed(
                stream,
                chosen,
                resolver,
                jobs=jobs,
                keep_source=keep_source,
                output_file=output_file,
                color=colored,
                exit_zero=exit_zero,
            )
        )
    results = lint_files(chosen.files, resolver, jobs=jobs, keep_source=keep_source)
    print_errors([r.error for r in results if r.error])
    fixed = 0
    if fix or diff:
        from pmlint.cli.fixing import fix_or_diff

        results, fixed = fix_or_diff(
            results,
            chosen,
            resolver,
            diff=diff,
            unsafe=unsafe_fixes,
            follow_symlinks=fix_symlinks,
            exit_zero=exit_zero,
        )
    write_report(
        fmt,
        results,
        chosen,
        resolver,
        fixed=fixed,
        quiet=quiet,
        output_file=output_file,
        color=colored,
    )
    sys.exit(exit_code(results, chosen.errors, resolver.fail_on, exit_zero, chosen.real))
