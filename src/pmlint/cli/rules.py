"""``pmlint rules`` (the rules on for a directory's config) and ``pmlint rule CODE``."""

from __future__ import annotations

import os

import click

from pmlint.cli import PLUGIN_HELP, fail, make_resolver, plugin_registry
from pmlint.config import ConfigError
from pmlint.settings import severity_for


@click.command("rules")
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


@click.command("rule")
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
