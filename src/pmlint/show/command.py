"""The body of ``pmlint show``: read each file, print the chosen view, return the exit code."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from pmlint.config import ConfigError
from pmlint.show.json_view import render_json
from pmlint.show.reading import Reading, read_source
from pmlint.show.text import render_text
from pmlint.show.timeline_art import render_timeline
from pmlint.source import InputError, decode, read_bytes

if TYPE_CHECKING:
    from pmlint.config import ConfigResolver


def run_show(
    files: list[tuple[str, str]],
    errors: list[str],
    resolver: ConfigResolver,
    *,
    fmt: str,
    timeline: bool,
) -> int:
    """Print the view of every readable file; 2 when some input could not be read."""
    for error in errors:
        click.echo(f"pmlint: error: {error}", err=True)
    failed = bool(errors)
    readings: list[Reading] = []
    for path, shown in files:
        try:
            data = sys.stdin.buffer.read() if path == "-" else read_bytes(path, shown)
            readings.append(read_source(decode(data, shown), resolver.linter_for(shown)))
        except (InputError, ConfigError) as exc:
            click.echo(f"pmlint: error: {exc}", err=True)
            failed = True
        except Exception as exc:  # a bug in pmlint: say so in one line, go on
            click.echo(
                f"pmlint: error: {shown}: pmlint failed to read this file "
                f"({type(exc).__name__}: {exc}); please report this",
                err=True,
            )
            failed = True
    if fmt == "json":
        click.echo(render_json(readings), nl=False)
    else:
        view = render_timeline if timeline else render_text
        click.echo("\n".join(view(r) for r in readings), nl=False)
    return 2 if failed else 0
