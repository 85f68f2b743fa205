"""Renderers: each turns the run's results into the text of one output format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.rule import Rule

Renderer = Callable[[list["FileResult"], "RenderOptions"], str]

FORMATS: dict[str, str] = {
    "concise": "pmlint.output.text:render_concise",
    "full": "pmlint.output.text:render_full",
    "json": "pmlint.output.json_format:render_json",
    "json-lines": "pmlint.output.json_format:render_json_lines",
    "github": "pmlint.output.github:render_github",
    "sarif": "pmlint.output.sarif:render_sarif",
    "junit": "pmlint.output.junit:render_junit",
    "gitlab": "pmlint.output.gitlab:render_gitlab",
}
# Not an --output-format choice: --statistics selects it.
STATISTICS = "pmlint.output.statistics:render_statistics"


@dataclass
class RenderOptions:
    """What renderers may need besides the results: the enabled rules, colour, fix count."""

    rules: list[type[Rule]] = field(default_factory=list)
    color: bool = False
    fixed: int = 0


def get_renderer(name: str) -> Renderer:
    """The render function of an output format (or ``statistics``)."""
    target = STATISTICS if name == "statistics" else FORMATS[name]
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]
