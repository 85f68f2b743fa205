"""``pmlint show``: print what pmlint read from each document (see :mod:`pmlint.show`)."""

from __future__ import annotations

import json
import sys

import click

from pmlint.cli import fail, make_resolver
from pmlint.discovery import collect_files


@click.command("show")
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
