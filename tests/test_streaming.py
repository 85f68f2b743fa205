"""Formats written file by file (concise, full, json-lines) print exactly what the
whole-run renderers print from every result kept, in any number of jobs, to stdout or
``--output-file``, with the same exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pmlint.cli import main
from pmlint.config import ConfigResolver
from pmlint.output import STREAMS, RenderOptions, get_renderer
from pmlint.registry import default_registry
from pmlint.runner import lint_files

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Twelve postmortems with different findings (one with a fixable one), and a binary."""
    for i in range(12):
        text = GOOD.replace("## Resolution", "## Notes") if i % 3 == 0 else GOOD
        if i % 4 == 0:
            text += "\n## Action Items\n\n- TODO: improve things\n"
        if i == 5:
            text = text.replace("checkout", "check  out", 1)
        (tmp_path / f"pm{i:02d}.md").write_text(text, encoding="utf-8")
    (tmp_path / "zz.md").write_bytes(b"\x00binary")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _whole_run(fmt: str, tree: Path) -> str:
    """What the renderer prints from every result of the run kept in a list."""
    resolver = ConfigResolver(default_registry())
    files = sorted((str(p.relative_to(tree)), str(p.relative_to(tree))) for p in tree.glob("*.md"))
    results = lint_files(files, resolver, jobs=1)
    linted = [r for r in results if r.error is None]
    options = RenderOptions(not_linted=len(results) - len(linted))
    return get_renderer(fmt)(linted, options)


@pytest.mark.parametrize("fmt", sorted(STREAMS))
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_output_is_the_whole_run_output(fmt: str, jobs: str, tree: Path) -> None:
    result = CliRunner().invoke(main, ["check", ".", "--output-format", fmt, "--jobs", jobs])
    expected = _whole_run(fmt, tree)
    assert result.exit_code == 2  # the binary file is not linted
    assert "zz.md: looks like a binary file" in result.stderr
    assert result.stdout == expected
    assert expected.count("\n") > 8


def test_output_file_gets_the_same_text_and_exit_code(tree: Path) -> None:
    (tree / "zz.md").unlink()
    to_stdout = CliRunner().invoke(main, ["check", "."])
    to_file = CliRunner().invoke(main, ["check", ".", "-o", "out.txt"])
    assert to_file.stdout == ""
    assert (tree / "out.txt").read_text(encoding="utf-8") == to_stdout.stdout
    assert to_file.exit_code == to_stdout.exit_code == 1
    quiet = CliRunner().invoke(main, ["check", ".", "--exit-zero", "--quiet"])
    assert quiet.exit_code == 0 and "problems" not in quiet.stdout


def test_unwritable_output_file_is_one_line_and_exit_2(tree: Path) -> None:
    result = CliRunner().invoke(main, ["check", ".", "-o", str(tree / "missing" / "out.txt")])
    assert result.exit_code == 2
    assert (
        result.stderr.startswith("pmlint: error: ") and "cannot write the output" in result.stderr
    )
    assert "Traceback" not in result.output
