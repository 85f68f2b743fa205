"""``github``: GitHub Actions workflow commands that annotate the pull request."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a message as GitHub requires (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: list[FileResult], options: RenderOptions) -> str:
    """One ``::error file=...,line=...::message`` line per finding."""
    lines = []
    for result in results:
        for finding in result.findings:
            start, end = finding.span.start, finding.span.end
            props = [f"file={escape_property(finding.path)}", f"line={start.line}"]
            if end.line != start.line:
                props.append(f"endLine={end.line}")
            else:
                props.append(f"col={start.column}")
                props.append(f"endColumn={max(end.column, start.column)}")
            props.append(f"title={escape_property(f'{finding.code} {finding.name}')}")
            level = _LEVEL[finding.severity.label]
            lines.append(f"::{level} {','.join(props)}::{escape_data(finding.message)}")
    return "\n".join(lines) + ("\n" if lines else "")
