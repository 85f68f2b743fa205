"""The command line for the core: paths, formats, exit codes, rule docs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pmlint.cli import main

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
MISSING = "# Title\n\n## Summary\n\n500 users saw errors.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_0(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "good.md", GOOD)
    result = runner.invoke(main, [str(path)])
    assert result.exit_code == 0, result.output
    assert "All checks passed!" in result.output


def test_error_finding_exits_1_and_concise_format(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "bad.md", MISSING)
    result = runner.invoke(main, ["check", "--output-format", "concise", str(path)])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.endswith("(missing-required-section)")
    assert ":1:1: PM101 [error] missing required section: " in first


def test_fail_on_and_exit_zero(runner: CliRunner, tmp_path: Path) -> None:
    warning_only = GOOD.replace(
        "About 18,000 checkout\nrequests failed (9% of traffic in the window).", ""
    )
    warning_only = warning_only.replace(
        "- 18,400 failed checkout requests; 2,100 customers saw an error page.\n"
        "- 340 support tickets were opened.\n",
        "- Customers saw an error page.\n",
    )
    path = write(tmp_path / "warn.md", warning_only)
    assert runner.invoke(main, [str(path)]).exit_code == 0
    result = runner.invoke(main, ["--fail-on", "warning", "--output-format", "concise", str(path)])
    assert result.exit_code == 1
    assert "PM403" in result.output
    assert runner.invoke(main, ["--fail-on", "warning", "--exit-zero", str(path)]).exit_code == 0


def test_json_format_shape(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "bad.md", MISSING)
    result = runner.invoke(main, ["--output-format", "json", str(path)])
    items = json.loads(result.output)
    assert {i["code"] for i in items} == {"PM101"}
    item = items[0]
    assert set(item) == {
        "code",
        "name",
        "message",
        "severity",
        "filename",
        "location",
        "end_location",
        "fix",
        "url",
    }
    assert item["location"] == {"row": 1, "column": 1}
    assert item["severity"] == "error"
    assert item["filename"].endswith("bad.md")


def test_github_format_escapes_and_columns(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "a,b.md", MISSING)
    result = runner.invoke(main, ["--output-format", "github", str(path)])
    line = result.output.splitlines()[0]
    assert line.startswith("::error file=")
    assert "a%2Cb.md" in line
    assert ",line=1,col=1," in line
    assert "title=PM101 missing-required-section::missing required section" in line


def test_full_format_shows_the_line_and_a_caret(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "p.md", "# T\n\nThe outage began on May 1, 20XX.\n")
    result = runner.invoke(main, ["--output-format", "full", "--select", "PM402", str(path)])
    lines = result.output.splitlines()
    assert "PM402 [error]" in lines[0]
    assert lines[1] == "   3 | The outage began on May 1, 20XX."
    assert lines[2].index("^") == lines[1].index("20XX")
    assert lines[2].count("^") == 4


def test_directory_recursion_skips_hidden_and_node_modules(
    runner: CliRunner, tmp_path: Path
) -> None:
    write(tmp_path / "postmortems" / "a.md", MISSING)
    write(tmp_path / "postmortems" / "sub" / "b.txt", MISSING)
    write(tmp_path / "postmortems" / "c.markdown", MISSING)
    write(tmp_path / "postmortems" / "notes.rst", MISSING)
    write(tmp_path / "postmortems" / ".hidden" / "d.md", MISSING)
    write(tmp_path / "postmortems" / "node_modules" / "e.md", MISSING)
    result = runner.invoke(main, ["--output-format", "json", str(tmp_path / "postmortems")])
    names = sorted({Path(i["filename"]).name for i in json.loads(result.output)})
    assert names == ["a.md", "b.txt", "c.markdown"]


def test_explicit_file_is_linted_whatever_its_extension(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "report.rst", MISSING)
    result = runner.invoke(main, ["--output-format", "json", str(path)])
    assert json.loads(result.output)[0]["code"] == "PM101"


def test_stdin_with_filename(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["-", "--stdin-filename", "in.md", "--output-format", "concise"], input=MISSING
    )
    assert result.exit_code == 1
    assert result.output.startswith("in.md:1:1: PM101")


def test_bad_inputs_exit_2_and_the_others_are_still_linted(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = write(tmp_path / "b_good.md", MISSING)
    binary = write(tmp_path / "a_binary.md", b"\x00\x01\x02")
    latin = write(tmp_path / "c_latin.md", "caf\xe9".encode("latin-1"))
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    result = runner.invoke(
        main,
        [
            "--output-format",
            "json",
            str(binary),
            str(good),
            str(latin),
            str(empty_dir),
            str(tmp_path / "missing.md"),
        ],
    )
    assert result.exit_code == 2
    items = json.loads(result.stdout)
    assert {Path(i["filename"]).name for i in items} == {"b_good.md"}
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 4
    assert all(e.startswith("pmlint: error: ") for e in errors)
    joined = "\n".join(errors)
    assert "binary" in joined and "not valid UTF-8" in joined
    assert "no postmortems to lint" in joined and "no such file or directory" in joined
    assert "Traceback" not in result.output


def test_empty_file_lacks_every_section(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "empty.md", "")
    result = runner.invoke(main, ["--output-format", "json", str(path)])
    assert result.exit_code == 1
    assert [i["code"] for i in json.loads(result.output)] == ["PM101"] * 5


def test_unknown_selector_and_profile_are_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", MISSING)
    result = runner.invoke(main, ["--select", "PM4O1", str(path)])
    assert result.exit_code == 2
    assert "did you mean 'PM401'" in result.stderr
    result = runner.invoke(main, ["--profile", "googel", str(path)])
    assert result.exit_code == 2
    assert "unknown profile 'googel'" in result.stderr


def test_select_by_prefix_name_and_ignore(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "# T\n\nOn 20XX we had TODO items.\n")

    def run(*args: str) -> set[str]:
        result = runner.invoke(main, ["--output-format", "json", *args, str(path)])
        return {item["code"] for item in json.loads(result.output)}

    assert run("--select", "PM4") == {"PM402", "PM403", "PM404"}
    assert run("--select", "template-placeholder") == {"PM402"}
    assert "PM101" not in run("--ignore", "PM1")


def test_deterministic_sorted_output(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "b.md", MISSING)
    write(tmp_path / "a.md", "# T\n20XX\n" + MISSING)
    first = runner.invoke(main, ["--output-format", "concise", str(tmp_path)]).output
    second = runner.invoke(main, ["--output-format", "concise", str(tmp_path)]).output
    assert first == second
    paths = [line.split(":")[0] for line in first.splitlines()[:-1]]
    assert paths == sorted(paths)


def test_rules_and_rule_docs(runner: CliRunner) -> None:
    listing = runner.invoke(main, ["rules"]).output
    assert "PM101  missing-required-section" in listing
    doc = runner.invoke(main, ["rule", "PM401"])
    assert doc.exit_code == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example"):
        assert heading in doc.output
    by_name = runner.invoke(main, ["rule", "duplicated-content"]).output
    assert by_name == doc.output
    unknown = runner.invoke(main, ["rule", "PM999"])
    assert unknown.exit_code == 2


def test_version_and_module_entry_point(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.md", MISSING)
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", str(path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "PM101" in proc.stdout
    version = subprocess.run(
        [sys.executable, "-m", "pmlint", "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0 and "pmlint, version" in version.stdout
