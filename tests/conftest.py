"""Shared test helpers: paths, and linting text through the real engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmlint.engine import Linter
from pmlint.findings import Finding
from pmlint.registry import default_registry
from pmlint.settings import Settings
from pmlint.source import decode

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
EXPECT = re.compile(r"[ \t]*<!--\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)\s*-->")


def lint_text(text: str, path: str = "doc.md", **settings: object) -> list[Finding]:
    """Lint a string with the given settings (aliases such as ``extend-select`` allowed)."""
    linter = Linter(Settings.model_validate(settings), default_registry())
    return linter.lint(decode(text.encode("utf-8"), path))


def codes(findings: list[Finding]) -> set[str]:
    """The set of codes in findings."""
    return {f.code for f in findings}


def strip_markers(text: str) -> tuple[str, set[tuple[str, int]]]:
    """Remove ``<!-- expect: CODE -->`` markers; return the text and the expected pairs."""
    expected: set[tuple[str, int]] = set()
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        match = EXPECT.search(line)
        if match:
            for code in match.group(1).split(","):
                expected.add((code.strip(), number))
            lines[number - 1] = line[: match.start()] + line[match.end() :]
    return "\n".join(lines), expected


@pytest.fixture
def lint() -> object:
    """The :func:`lint_text` helper as a fixture."""
    return lint_text
