"""The source tree stays in small modules: none over 400 lines (functions over complexity
15 are refused by ruff's C901, see ``[tool.ruff.lint.mccabe]`` in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
MAX_LINES = 400
MODULES = sorted(SRC.rglob("*.py"))


def _lines(path: Path) -> int:
    """Every line of the file, blank and comment lines included."""
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def test_the_tree_has_modules_to_check() -> None:
    assert len(MODULES) > 50


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(SRC).as_posix())
def test_module_is_at_most_400_lines(path: Path) -> None:
    count = _lines(path)
    assert count <= MAX_LINES, (
        f"{path.relative_to(SRC)} has {count} lines (at most {MAX_LINES}): split it by job"
    )


def test_line_count_counts_every_line(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("x = 1\n\n# note\n\ny = 2", encoding="utf-8")
    assert _lines(sample) == 5
