"""The command line: ``pmlint [check] PATHS``, ``pmlint rules``, ``pmlint rule CODE``."""

from __future__ import annotations

import sys
from typing import Any

import click
from pydantic import ValidationError

from pmlint import __version__
from pmlint.discovery import discover, display_path
from pmlint.engine import FileResult, Linter
from pmlint.findings import Severity
from pmlint.output import FORMATS, RenderOptions, get_renderer
from pmlint.profiles import profile_names
from pmlint.registry import Registry, UnknownSelector, default_registry
from pmlint.settings import Settings
from pmlint.runner import lint_files

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class DefaultCommandGroup(click.Group):
    """A group that runs ``check`` when the first argument is not a command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert ``check`` before arguments that are not a subcommand."""
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h",
                                                                    "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


def fail(message: str) -> None:
    """Print one line to stderr and exit 2."""
    click.echo(f"pmlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmlint")
def main() -> None:
    """pmlint: a linter for incident postmortems."""


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--output-format", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format (default: full on a terminal, concise otherwise).")
@click.option("--profile", type=str, default=None,
              help=f"Profile: {', '.join(profile_names())}.")
@click.option("--select", multiple=True, help="Rules to enable (codes, names, prefixes, tags).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the profile.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the run fail (default: error).")
@click.option("--stdin-filename", type=str, default=None, help="Name shown for input read from -.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on.")
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    profile: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    stdin_filename: str | None,
    exit_zero: bool,
) -> None:
    """Lint postmortems (files, directories, or - for stdin)."""
    if not paths:
        fail("no paths given; try `pmlint postmortem.md` or `pmlint docs/`")
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
    registry = default_registry()
    try:
        settings = Settings.model_validate(overrides)
        linter = Linter(settings, registry)
    except UnknownSelector as exc:
        fail(str(exc))
    except ValidationError as exc:
        fail(f"invalid settings: {exc.errors()[0]['msg']}")

    found = discover(list(paths))
    for error in found.errors:
        click.echo(f"pmlint: error: {error}", err=True)
    files = [(p, (stdin_filename or "-") if p == "-" else display_path(p)) for p in found.files]
    results = lint_files(files, linter)
    for result in results:
        if result.error:
            click.echo(f"pmlint: error: {result.error}", err=True)

    fmt = output_format or ("full" if sys.stdout.isatty() else "concise")
    rendered = get_renderer(fmt)(
        [r for r in results if r.error is None],
        RenderOptions(rules=[rule for rule, _, _ in linter.rules], color=sys.stdout.isatty()),
    )
    click.echo(rendered, nl=False)
    sys.exit(exit_code(results, found.errors, Severity.parse(settings.fail_on), exit_zero))


def exit_code(results: list[FileResult], errors: list[str], fail_on: Severity,
              exit_zero: bool) -> int:
    """2 for any bad input or crashed rule, else 1 when a finding reaches ``fail_on``."""
    if errors or any(r.error for r in results) or any(
        f.code == "PM000" for r in results for f in r.findings
    ):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_OK
    worst = max((f.severity for r in results for f in r.findings), default=None)
    return EXIT_FINDINGS if worst is not None and worst >= fail_on else EXIT_OK


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
        return
    default = "on" if rule.default_enabled else "off"
    click.echo(f"# {rule.code} {rule.name}\n")
    click.echo(f"Severity: {rule.severity.label}. On by default: {default}. "
               f"Tags: {', '.join(rule.tags) or '-'}.\n")
    click.echo(rule.documentation())


__all__ = ["display_path", "main"]
