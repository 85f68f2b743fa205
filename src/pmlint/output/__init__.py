"""Renderers: each turns the run's results into the text of one output format."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from pmlint.engine import FileResult

Renderer = Callable[[list[FileResult], "RenderOptions"], str]

FORMATS: dict[str, str] = {
    "concise": "pmlint.output.text:render_concise",
    "full": "pmlint.output.text:render_full",
    "json": "pmlint.output.json_format:render_json",
    "github": "pmlint.output.github:render_github",
}


class RenderOptions:
    """What renderers may need besides the results: the enabled rules and colour."""

    def __init__(self, rules: list | None = None, color: bool = False) -> None:
        self.rules = rules or []
        self.color = color


def get_renderer(name: str) -> Renderer:
    """The render function of an output format."""
    module_name, _, attr = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]
