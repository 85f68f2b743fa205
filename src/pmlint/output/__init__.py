"""Renderers: each turns the run's results into the text of one output format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import msgspec

from pmlint.findings import Finding, Severity

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.rule import Rule

Renderer = Callable[[list["FileResult"], "RenderOptions"], str]


class Stream(Protocol):
    """A format written file by file: nothing of a file is kept once it is written."""

    options: RenderOptions

    def file(self, result: FileResult) -> str:
        """The text of one file's findings."""

    def end(self) -> str:
        """The text after the last file (the summary)."""


FORMATS: dict[str, str] = {
    "concise": "pmlint.output.text:render_concise",
    "full": "pmlint.output.text:render_full",
    "json": "pmlint.output.json_format:render_json",
    "json-lines": "pmlint.output.json_format:render_json_lines",
    "github": "pmlint.output.github:render_github",
    "sarif": "pmlint.output.sarif:render_sarif",
    "junit": "pmlint.output.junit:render_junit",
    "gitlab": "pmlint.output.gitlab:render_gitlab",
    "html": "pmlint.output.html:render_html",
}
# Formats written file by file as results come (see :func:`get_stream`).
STREAMS: dict[str, str] = {
    "concise": "pmlint.output.text:ConciseStream",
    "full": "pmlint.output.text:FullStream",
    "json-lines": "pmlint.output.json_format:JsonLinesStream",
}
# Not --output-format choices: --statistics selects them (JSON for json and json-lines).
STATISTICS = {
    "statistics": "pmlint.output.statistics:render_statistics",
    "statistics-json": "pmlint.output.statistics:render_statistics_json",
}


class RenderOptions(msgspec.Struct):
    """What renderers may need besides the results.

    ``fail_on`` maps a file's shown path to the severity that fails it (default: error);
    ``not_linted`` counts the paths given that could not be linted; ``quiet`` drops the
    summary line.
    """

    rules: list[type[Rule]] = msgspec.field(default_factory=list)
    color: bool = False
    fixed: int = 0
    quiet: bool = False
    not_linted: int = 0
    fail_on: dict[str, Severity] = msgspec.field(default_factory=dict)

    def fails(self, finding: Finding) -> bool:
        """Whether a finding reaches its file's ``fail-on``."""
        return finding.severity >= self.fail_on.get(finding.path, Severity.ERROR)


def _load(target: str) -> Any:
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def get_renderer(name: str) -> Renderer:
    """The render function of an output format (or ``statistics``)."""
    return _load(STATISTICS.get(name) or FORMATS[name])  # type: ignore[no-any-return]


def get_stream(name: str, options: RenderOptions) -> Stream | None:
    """A file-by-file writer of the format, or None when it needs every result at once
    (its output is sorted across files, or is one document)."""
    target = STREAMS.get(name)
    return None if target is None else _load(target)(options)  # type: ignore[no-any-return]
