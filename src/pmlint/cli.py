"""The command line: ``pmlint [check] PATHS``, ``pmlint rules``, ``pmlint rule CODE``,
``pmlint config``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from pmlint import __version__
from pmlint.config import ConfigError, ConfigResolver
from pmlint.discovery import discover, display_path
from pmlint.engine import FileResult
from pmlint.findings import Severity
from pmlint.fix import ConvergenceError, fix_source, is_applicable, unified_diff, write_atomic
from pmlint.output import FORMATS, RenderOptions, get_renderer
from pmlint.profiles import profile_names
from pmlint.registry import Registry, default_registry
from pmlint.runner import lint_files

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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


def build_overrides(
    profile: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    force_exclude: bool,
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
    return overrides


def make_resolver(
    overrides: dict[str, Any], config: str | None, isolated: bool, inline_config: bool = True
) -> ConfigResolver:
    """A resolver for this run, or exit 2 with the config problem."""
    if config and isolated:
        fail("--config and --isolated cannot be used together")
    registry = default_registry()
    for problem in registry.problems:  # broken plugins: skipped, but say so
        click.echo(f"pmlint: warning: {problem}", err=True)
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


def collect_files(
    paths: tuple[str, ...], resolver: ConfigResolver, stdin_filename: str | None
) -> tuple[list[tuple[str, str]], list[str]]:
    """``(path, shown)`` pairs to lint, after each file's config include/exclude; errors."""
    files: list[tuple[str, str]] = []
    seen: set[str] = set()
    errors: list[str] = []
    for raw in paths:
        found = discover([raw])
        errors.extend(found.errors)
        explicit = not os.path.isdir(raw)
        for path in found.files:
            shown = (stdin_filename or "-") if path == "-" else display_path(path)
            probe = (stdin_filename or "-") if path == "-" else path
            try:
                resolver.linter_for(probe)  # load and validate its config up front
                if resolver.is_excluded(probe, explicit=explicit):
                    continue
            except ConfigError as exc:
                fail(str(exc))
            key = path if path == "-" else os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                files.append((path, shown))
    return files, errors


def apply_fixes(
    results: list[FileResult],
    resolver: ConfigResolver,
    *,
    unsafe: bool,
    write: bool,
    follow_symlinks: bool = False,
    errors: list[str] | None = None,
) -> tuple[list[FileResult], list[str], int]:
    """Fix every file with an applicable fix; return new results, diffs and the fix count.

    A file that cannot be written keeps its findings; the problem is printed (and added
    to ``errors``) and the other files are still fixed.
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
            outcome = fix_source(source, resolver.lint, unsafe=unsafe, findings=result.findings)
        except ConvergenceError as exc:
            fail(str(exc))
        if outcome.changed:
            if write and result.path != "-":
                try:
                    write_atomic(
                        os.path.abspath(result.path),
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
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the run fail (default: error).",
)
@click.option("--config", type=str, default=None, help="Use this config file for every file.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--no-inline-config", is_flag=True, help="Ignore <!-- pmlint-disable --> comments.")
@click.option(
    "--force-exclude", is_flag=True, help="Apply exclude to files named on the command line."
)
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, apply unsafe fixes too.")
@click.option(
    "--fix-symlinks",
    is_flag=True,
    help="With --fix, write fixes of a symlinked file to the file it points to.",
)
@click.option("--diff", is_flag=True, help="Show the fixes as a diff instead of writing them.")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
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
    fail_on: str | None,
    config: str | None,
    isolated: bool,
    no_inline_config: bool,
    force_exclude: bool,
    fix: bool,
    unsafe_fixes: bool,
    fix_symlinks: bool,
    diff: bool,
    statistics: bool,
    stdin_filename: str | None,
    exit_zero: bool,
    jobs: int | None,
) -> None:
    """Lint postmortems (files, directories, or - for stdin)."""
    if not paths:
        fail("no paths given; try `pmlint postmortem.md` or `pmlint docs/`")
    overrides = build_overrides(profile, select, extend_select, ignore, fail_on, force_exclude)
    resolver = make_resolver(overrides, config, isolated, not no_inline_config)
    files, errors = collect_files(paths, resolver, stdin_filename)
    for error in errors:
        click.echo(f"pmlint: error: {error}", err=True)
    fmt = (
        "statistics"
        if statistics
        else output_format or ("full" if sys.stdout.isatty() and not output_file else "concise")
    )
    # Formats without code frames, fingerprints or fix edits need no document text:
    # not keeping it keeps memory flat on large runs.
    lean = not (fix or diff) and fmt in ("concise", "github", "junit", "statistics")
    results = lint_files(files, resolver, jobs=jobs, keep_source=not lean)
    for result in results:
        if result.error:
            click.echo(f"pmlint: error: {result.error}", err=True)
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
    rendered = get_renderer(fmt)(
        [r for r in results if r.error is None],
        RenderOptions(
            rules=resolver.enabled_rules(),
            color=sys.stdout.isatty() and not output_file,
            fixed=fixed,
        ),
    )
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(rendered)
        except OSError as exc:
            fail(f"{output_file}: cannot write the output ({exc.strerror or exc})")
    else:
        click.echo(rendered, nl=False)
    sys.exit(exit_code(results, errors, resolver.fail_on, exit_zero))


def exit_code(
    results: list[FileResult],
    errors: list[str],
    fail_on: Callable[[str], Severity],
    exit_zero: bool,
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
        max(f.severity for f in r.findings) >= fail_on(r.path) for r in results if r.findings
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
@click.option("--all", "show_all", is_flag=True, help="Include rules that are off by default.")
def list_rules(show_all: bool) -> None:
    """List the rules: code, name, severity, whether on by default, summary."""
    for rule in default_registry():
        on = "on " if rule.default_enabled else "off"
        click.echo(f"{rule.code}  {rule.name:<34} {rule.severity.label:<8} {on}  {rule.summary}")


@main.command("rule")
@click.argument("key")
def show_rule(key: str) -> None:
    """Explain one rule (by code or name)."""
    registry: Registry = default_registry()
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
