"""The command line: ``pmlint [check] PATHS``, ``pmlint show``, ``pmlint rules``,
``pmlint rule CODE``, ``pmlint config``.

This module holds the command group and what the commands share (one-line errors,
exit codes, the config resolver, plugins). Each command is in its own module, imported
only when it runs, so ``pmlint check`` loads nothing of the others: :mod:`.check`
(with :mod:`.report` and, for ``--fix``/``--diff``, :mod:`.fixing`), :mod:`.show_command`,
:mod:`.rules`, :mod:`.config_command`. The files a run lints are chosen by
:func:`pmlint.discovery.select_files`.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any, NoReturn

import click

from pmlint import __version__
from pmlint.config import ConfigError, ConfigResolver
from pmlint.discovery import display_path
from pmlint.registry import Registry, default_registry

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
PLUGIN_HELP = "Load an installed plugin (its entry-point name, e.g. ACME); repeatable."

_COMMANDS = {
    "check": "pmlint.cli.check:check",
    "config": "pmlint.cli.config_command:config_command",
    "rule": "pmlint.cli.rules:show_rule",
    "rules": "pmlint.cli.rules:list_rules",
    "show": "pmlint.cli.show_command:show_command",
}
"""Each command's ``module:attribute``; a command's module is imported when it is used."""


class DefaultCommandGroup(click.Group):
    """A group that runs ``check`` when the first argument is not a command, and
    imports a command's module only when that command is used (or help lists it)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert ``check`` before arguments that are not a subcommand."""
        if args and args[0] not in _COMMANDS and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, sorted (as click lists them)."""
        return sorted({*self.commands, *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported on first use."""
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module, attribute = _COMMANDS[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pmlint")
def main() -> None:
    """pmlint: a linter for incident postmortems."""


def fail(message: str) -> NoReturn:
    """Print one line to stderr and exit 2."""
    click.echo(f"pmlint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def split_values(values: tuple[str, ...]) -> list[str]:
    """Repeated and comma-separated option values as one list: ``("a,b", "c")`` -> a, b, c."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


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
    names = split_values(plugins)
    if names:
        from pmlint.plugins import PluginError, activate

        try:
            activate(registry, names)
        except PluginError as exc:
            fail(str(exc))
    return registry


__all__ = ["display_path", "main"]
