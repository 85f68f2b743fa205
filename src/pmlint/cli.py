"""The command line: ``pmlint [check] PATHS``, ``pmlint rules``, ``pmlint rule CODE``,
``pmlint config``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import click

from pmlint import __version__
from pmlint.config import ConfigError, ConfigResolver
from pmlint.discovery import discover, display_path
from pmlint.findings import Severity
from pmlint.output import FORMATS, RenderOptions, Stream, get_renderer, get_stream
from pmlint.output.text import printable
from pmlint.profiles import profile_names
from pmlint.registry import Registry, default_registry
from pmlint.runner import iter_lint_files, lint_files
from pmlint.settings import severity_for

if TYPE_CHECKING:
    from pmlint.engine import FileResult

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PLUGIN_HELP = "Load an installed plugin (its entry-point name, e.g. ACME); repeatable."


class DefaultCommandGroup(click.Group):
    """A group that runs ``check`` when the first argument is not a command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert ``check`` before arguments that are not a subcommand."""
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit 2."""
    click.echo(f"pmlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmlint")
def main() -> None:
    """pmlint: a linter for incident postmortems."""


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parse_severities(values: tuple[str, ...]) -> dict[str, str]:
    """``--severity PM204=error,PM504=info`` as a ``[severity]`` table, or exit 2."""
    table: dict[str, str] = {}
    registry = default_registry()
    for item in _split(values):
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
    if select:
        overrides["select"] = _split(select)
    if extend_select:
        overrides["extend-select"] = _split(extend_select)
    if ignore:
        overrides["ignore"] = _split(ignore)
    if fail_on:
        overrides["fail-on"] = fail_on
    if force_exclude:
        overrides["force-exclude"] = True
    if severity:
        overrides["severity"] = parse_severities(severity)
    return overrides


def make_resolver(
    overrides: dict[str, Any],
    config: str | None,
    isolated: bool,
    inline_config: bool = True,
    plugins: tuple[str, ...] = (),
) -> ConfigResolver:
    """A resolver for this run, or exit 2 with the config problem."""
    if config and isolated:
        fail("--config and --isolated cannot be used together")
    registry = plugin_registry(plugins)
    try:
        return ConfigResolver(
            registry,
            overrides=overrides,
            config_path=config,
            isolated=isolated,
            inline_config=inline_config,
        )
    except ConfigError as exc:
        fail(str(exc))


def plugin_registry(plugins: tuple[str, ...]) -> Registry:
    """The built-in rules plus those of the plugins named with ``--plugin``, or exit 2."""
    registry = default_registry()
    names = _split(plugins)
    if names:
        from pmlint.plugins import PluginError, activate

        try:
            activate(registry, names)
        except PluginError as exc:
            fail(str(exc))
    return registry


def safe_name(path: str) -> str:
    """A path as text that any output can hold: bytes that are not UTF-8 in a file name
    (kept by Python as lone surrogates) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclass
class Selection:
    """What a run lints, and what it leaves out.

    ``files`` are ``(path, shown)`` pairs; ``real`` maps a shown path back to the file
    (they differ for names that are not UTF-8); ``linted`` and ``skipped`` give the
    reason for each file (for ``--show-files``); ``errors`` are one-line problems.
    """

    files: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    linted: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    real: dict[str, str] = field(default_factory=dict)


def select_files(
    paths: tuple[str, ...],
    resolver: ConfigResolver,
    stdin_filename: str | None,
    *,
    force_include: bool = False,
    explain: bool = True,
) -> Selection:
    """The files to lint: every file named, and from directory walks the files that are
    not ignored (``.gitignore``, ``.ignore``, ``exclude``) and that ``include``,
    ``--force-include`` or :mod:`pmlint.recognise` (looks like a postmortem) let in.
    With ``force-exclude`` (pre-commit), files named are filtered the same way.

    A config that cannot be used is an error for the files it governs only. The
    reasons (``linted``, ``skipped``) are kept only with ``explain``.
    """
    chosen = Selection()
    seen: set[str] = set()
    config_errors: set[str] = set()
    found = discover(list(paths))
    chosen.errors.extend(found.errors)
    if explain:
        chosen.skipped.extend((safe_name(display_path(p)), why) for p, why in found.skipped)
    for path in found.files:
        shown = safe_name((stdin_filename or "-") if path == "-" else display_path(path))
        probe = (stdin_filename or "-") if path == "-" else path
        root = found.walked.get(path)
        try:
            resolver.linter_for(probe)  # load and validate its config up front
            if path != "-" and root is None and resolver.config_for(probe).settings.force_exclude:
                root = os.path.dirname(path) or "."  # pre-commit: filter it like a walk
            if root is None:
                why = "named on the command line"
            else:
                lint, why = resolver.walk_decision(probe)
                if lint is None and force_include:
                    lint, why = True, "--force-include"
                if lint is None:
                    from pmlint.recognise import postmortem_reason

                    reason = postmortem_reason(path, root)
                    lint = reason is not None
                    why = (
                        f"looks like a postmortem ({reason})"
                        if lint
                        else "does not look like a postmortem (name, title, sections)"
                    )
                if not lint:
                    if explain:
                        chosen.skipped.append((shown, why))
                    continue
        except ConfigError as exc:
            if str(exc) not in config_errors:
                config_errors.add(str(exc))
                chosen.errors.append(str(exc))
            if explain:
                chosen.skipped.append((shown, "its config file has an error"))
            continue
        key = path if path == "-" else os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            chosen.files.append((path, shown))
            if explain:
                chosen.linted.append((shown, why))
            if probe != shown:
                chosen.real[shown] = probe
    return chosen


def collect_files(
    paths: tuple[str, ...], resolver: ConfigResolver, stdin_filename: str | None
) -> tuple[list[tuple[str, str]], list[str]]:
    """``(path, shown)`` pairs to lint (see :func:`select_files`) and the errors."""
    chosen = select_files(paths, resolver, stdin_filename)
    return chosen.files, chosen.errors


def apply_fixes(
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
    from pmlint.engine import FileResult
    from pmlint.fix import ConvergenceError, fix_source, is_applicable, unified_diff, write_atomic

    fixed_results: list[FileResult] = []
    diffs: list[str] = []
    total = 0
    for result in results:
        source = result.source
        if source is None or not any(is_applicable(f, unsafe) for f in result.findings):
            fixed_results.append(result)
            continue
        try:
            outcome = fix_source(source, resolver.lint, unsafe=unsafe, findings=result.findings)
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


def print_file_list(chosen: Selection) -> None:
    """``--show-files``: each file that would be linted and each skipped one, with why."""
    for shown, why in sorted(chosen.linted):
        click.echo(f"lint  {printable(shown)}  ({why})")
    for shown, why in sorted(chosen.skipped):
        click.echo(f"skip  {printable(shown)}  ({why})")


@main.command()
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
    paths = paths or (".",)
    overrides = build_overrides(
        profile, select, extend_select, ignore, fail_on, force_exclude, severity
    )
    resolver = make_resolver(overrides, config, isolated, not no_inline_config, plugins)
    chosen = select_files(
        paths, resolver, stdin_filename, force_include=force_include, explain=show_files
    )
    if show_files:
        print_file_list(chosen)
        sys.exit(EXIT_ERROR if chosen.errors else EXIT_OK)
    files, errors = chosen.files, chosen.errors
    for error in errors:
        click.echo(f"pmlint: error: {printable(error)}", err=True)
    if not files and not errors:
        click.echo(
            "pmlint: warning: no file here looks like a postmortem; `--show-files` says why "
            "each was skipped, `--force-include` lints them all",
            err=True,
        )
    fmt = output_format or ("full" if sys.stdout.isatty() and not output_file else "concise")
    if statistics:
        fmt = "statistics-json" if fmt in ("json", "json-lines") else "statistics"
    # Formats without code frames, fingerprints or fix edits need no document text:
    # not keeping it keeps memory flat on large runs.
    lean = not (fix or diff) and fmt in ("concise", "github", "junit", "statistics")
    colored = use_color(color, output_file)
    stream = None if fix or diff else get_stream(fmt, RenderOptions(color=colored, quiet=quiet))
    if stream is not None:
        sys.exit(
            write_streamed(
                stream,
                chosen,
                resolver,
                jobs=jobs,
                keep_source=not lean,
                output_file=output_file,
                color=colored,
                exit_zero=exit_zero,
            )
        )
    results = lint_files(files, resolver, jobs=jobs, keep_source=not lean)
    for result in results:
        if result.error:
            click.echo(f"pmlint: error: {printable(result.error)}", err=True)
    fixed = 0
    if fix or diff:
        reading_stdin = any(path == "-" for path, _ in files)
        if reading_stdin and len(files) > 1:
            fail("--fix and --diff read stdin only when it is the only input")
        write = fix and not diff and not reading_stdin
        results, diffs, fixed = apply_fixes(
            results,
            resolver,
            unsafe=unsafe_fixes,
            write=write,
            follow_symlinks=fix_symlinks,
            errors=errors,
            real=chosen.real,
        )
        failed = bool(errors or any(r.error for r in results))
        if diff:
            click.echo("".join(diffs), nl=False)
            click.echo(f"Would apply {fixed} fix{'es' if fixed != 1 else ''}.", err=True)
            sys.exit(EXIT_ERROR if failed else int(fixed > 0))
        if reading_stdin:  # like ruff: the fixed document goes to stdout
            if results and results[0].source is not None:
                sys.stdout.buffer.write(results[0].source.text.encode("utf-8"))
            sys.exit(exit_code(results, errors, resolver.fail_on, exit_zero))
    linted = [r for r in results if r.error is None]
    rendered = get_renderer(fmt)(
        linted,
        RenderOptions(
            rules=resolver.enabled_rules(),
            color=colored,
            fixed=fixed,
            quiet=quiet,
            not_linted=len(errors) + sum(1 for r in results if r.error),
            fail_on={r.path: resolver.fail_on(chosen.real.get(r.path, r.path)) for r in linted},
        ),
    )
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(rendered)
        except OSError as exc:
            fail(f"{output_file}: cannot write the output ({exc.strerror or exc})")
    else:
        click.echo(rendered, nl=False, color=colored)  # click would strip it off a terminal
    sys.exit(exit_code(results, errors, resolver.fail_on, exit_zero, chosen.real))


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
                click.echo(f"pmlint: error: {printable(result.error)}", err=True)
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
        fail(f"{output_file}: cannot write the output ({exc.strerror or exc})")


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
        fail(f"{output_file}: cannot write the output ({exc.strerror or exc})")


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


@main.command("show")
@click.argument("paths", nargs=-1, type=str)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text for people; json (schema: pmlint show --schema) for dashboards.",
)
@click.option("--timeline", is_flag=True, help="Draw the incident on one time axis (text).")
@click.option("--schema", is_flag=True, help="Print the JSON schema of --format json.")
@click.option("--config", type=str, default=None, help="Use this config file for every file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
def show_command(
    paths: tuple[str, ...],
    fmt: str,
    timeline: bool,
    schema: bool,
    config: str | None,
    isolated: bool,
) -> None:
    """Print what pmlint read: sections, zone, incident window, detection, timeline."""
    if schema:
        from pmlint.show.json_view import schema as show_schema

        click.echo(json.dumps(show_schema(), indent=2, ensure_ascii=False))
        return
    if not paths:
        fail("no paths given; try `pmlint show postmortem.md`")
    if timeline and fmt == "json":
        fail("--timeline draws text; leave out --format json")
    from pmlint.show.command import run_show

    resolver = make_resolver({}, config, isolated)
    files, errors = collect_files(paths, resolver, None)
    sys.exit(run_show(files, errors, resolver, fmt=fmt, timeline=timeline))


@main.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list the rules that are off.")
@click.option("--config", type=str, default=None, help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--plugin", "plugins", multiple=True, help=PLUGIN_HELP)
def list_rules(
    show_all: bool, config: str | None, isolated: bool, plugins: tuple[str, ...]
) -> None:
    """List the rules on for this directory's config (--all: every rule, on or off):
    code, name, severity (after the config's [severity]), on/off, summary."""
    resolver = make_resolver({}, config, isolated, plugins=plugins)
    try:
        linter = resolver.linter_for(os.path.join(".", "-"))
    except ConfigError as exc:
        fail(str(exc))
    for rule in resolver.registry:
        on = rule.code in linter.codes
        if not (on or show_all):
            continue
        level = severity_for(rule, linter.settings).label
        state = "on " if on else "off"
        click.echo(f"{rule.code}  {rule.name:<34} {level:<8} {state}  {rule.summary}")


@main.command("rule")
@click.argument("key")
@click.option("--plugin", "plugins", multiple=True, help=PLUGIN_HELP)
def show_rule(key: str, plugins: tuple[str, ...]) -> None:
    """Explain one rule (by code or name)."""
    registry = plugin_registry(plugins)
    rule = registry.get(key)
    if rule is None:
        fail(f"unknown rule {key!r}{registry.suggest(key)}")
    default = "on" if rule.default_enabled else "off"
    click.echo(f"# {rule.code} {rule.name}\n")
    click.echo(
        f"Severity: {rule.severity.label}. On by default: {default}. "
        f"Tags: {', '.join(rule.tags) or '-'}.\n"
    )
    click.echo(rule.documentation())


@main.command("config")
@click.option(
    "--show",
    "show",
    type=str,
    default=None,
    metavar="PATH",
    help="Print the settings that apply to this file or directory (default: .).",
)
@click.option("--schema", is_flag=True, help="Print the JSON schema of the config file.")
@click.option("--config", type=str, default=None, help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
def config_command(show: str | None, schema: bool, config: str | None, isolated: bool) -> None:
    """Show the resolved configuration of a path, or the config file's JSON schema."""
    if schema:
        from pmlint.schema import config_schema

        click.echo(json.dumps(config_schema(), indent=2, ensure_ascii=False))
        return
    target = show or "."
    if not os.path.exists(target):
        fail(f"{target}: no such file or directory")
    # A directory's settings are those of a file directly inside it.
    probe = os.path.join(target, "-") if os.path.isdir(target) else target
    resolver = make_resolver({}, config, isolated)
    try:
        loaded = resolver.config_for(probe)
        linter = resolver.linter_for(probe)
    except ConfigError as exc:
        fail(str(exc))
    shown = {
        "path": display_path(target),
        "config-files": [display_path(str(p)) for p in loaded.files],
        "settings": loaded.settings.model_dump(by_alias=True, mode="json"),
        "enabled-rules": sorted(linter.codes),
    }
    click.echo(json.dumps(shown, indent=2, ensure_ascii=False))


__all__ = ["display_path", "main"]
