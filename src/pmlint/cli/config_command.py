"""``pmlint config``: the settings that apply to a path, or the config file's schema."""

from __future__ import annotations

import json
import os

import click

from pmlint.cli import fail, make_resolver
from pmlint.config import ConfigError
from pmlint.discovery import display_path


@click.command("config")
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
        "settings": loaded.settings.model_dump(by_alias=True),
        "enabled-rules": sorted(linter.codes),
    }
    click.echo(json.dumps(shown, indent=2, ensure_ascii=False))
