"""Config files: discovery (closest wins), extend, validation errors, include/exclude,
per-file ignores and ``pmlint config --show``, all through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pmlint import config_files as config_module
from pmlint.cli import main
from pmlint.config import ConfigResolver
from pmlint.registry import default_registry

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
# A report missing its Resolution section (PM101, an error) with an unquantified impact.
NO_RESOLUTION = GOOD.split("## Resolution")[0] + GOOD.split("## Action Items")[1].join(
    ["## Action Items", ""]
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


def codes_in(output: str) -> set[str]:
    return {item["code"] for item in json.loads(output)}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "pm.md", NO_RESOLUTION)
    return tmp_path


def test_no_resolution_fixture_is_an_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["--output-format", "json", "pm.md"], project, monkeypatch)
    assert code == 1
    assert "PM101" in codes_in(out)


def test_pmlint_toml_ignore_applies(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".pmlint.toml", 'ignore = ["PM101"]\n')
    code, out, _ = run(["--output-format", "json", "pm.md"], project, monkeypatch)
    assert code == 0
    assert "PM101" not in codes_in(out)


def test_pyproject_tool_table(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.pmlint]\nignore = ["PM101"]\n'
    )
    code, out, _ = run(["--output-format", "json", "pm.md"], project, monkeypatch)
    assert (code, codes_in(out) & {"PM101"}) == (0, set())


def test_pyproject_without_table_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".pmlint.toml", 'ignore = ["PM101"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path / "sub" / "pm.md", NO_RESOLUTION)
    code, _, _ = run(["sub/pm.md"], tmp_path, monkeypatch)
    assert code == 0


def test_pmlint_toml_wins_over_pyproject_in_one_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project / "pyproject.toml", '[tool.pmlint]\nselct = ["PM1"]\n')  # never read
    write(project / ".pmlint.toml", 'ignore = ["PM101"]\n')
    assert run(["pm.md"], project, monkeypatch)[0] == 0


def test_closest_config_wins_per_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".pmlint.toml", 'ignore = ["PM101"]\n')
    write(tmp_path / "strict" / ".pmlint.toml", 'profile = "default"\n')
    write(tmp_path / "relaxed" / "a.md", NO_RESOLUTION)
    write(tmp_path / "strict" / "b.md", NO_RESOLUTION)
    code, out, _ = run(["--output-format", "json", "."], tmp_path, monkeypatch)
    files = {item["filename"] for item in json.loads(out) if item["code"] == "PM101"}
    assert files == {"strict/b.md"}
    assert code == 1


def test_extend_inherits_and_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path / ".pmlint.toml",
        'ignore = ["PM101"]\n[severity]\nPM403 = "error"\n[rules.length-out-of-range]\n'
        "min-words = 10\nmax-words = 20\n",
    )
    write(
        tmp_path / "team" / ".pmlint.toml",
        'extend = "../.pmlint.toml"\nextend-select = ["PM104"]\n'
        "[rules.length-out-of-range]\nmax-words = 5000\n",
    )
    write(tmp_path / "team" / "pm.md", NO_RESOLUTION)
    code, out, _ = run(["config", "--show", "team/pm.md"], tmp_path, monkeypatch)
    assert code == 0
    shown = json.loads(out)
    assert shown["config-files"] == ["team/.pmlint.toml", ".pmlint.toml"]
    settings = shown["settings"]
    assert settings["ignore"] == ["PM101"]
    assert settings["extend-select"] == ["PM104"]
    assert settings["severity"] == {"PM403": "error"}
    assert settings["rules"]["length-out-of-range"] == {"min-words": 10, "max-words": 5000}
    assert "PM104" in shown["enabled-rules"] and "PM101" not in shown["enabled-rules"]


def test_circular_extend_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".pmlint.toml", 'extend = "b/.pmlint.toml"\n')
    write(tmp_path / "b" / ".pmlint.toml", 'extend = "../.pmlint.toml"\n')
    write(tmp_path / "pm.md", GOOD)
    code, _, err = run(["pm.md"], tmp_path, monkeypatch)
    assert code == 2
    assert "circular extend" in err


def test_missing_extend_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".pmlint.toml", 'extend = "../nowhere.toml"\n')
    write(tmp_path / "pm.md", GOOD)
    code, _, err = run(["pm.md"], tmp_path, monkeypatch)
    assert code == 2
    assert err.strip() == "pmlint: error: .pmlint.toml: extend: no such file '../nowhere.toml'"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".pmlint.toml",
            'selct = ["PM1"]\n',
            "unknown key 'selct' (did you mean 'select'?)",
        ),
        (
            "pyproject.toml",
            '[tool.pmlint]\nfail_on = "error"\nexlude = ["x"]\n',
            "unknown key 'tool.pmlint.exlude' (did you mean 'exclude'?)",
        ),
        (
            ".pmlint.toml",
            '[timeline]\ndate_order = "DMY"\nzone = "UTC"\n',
            "unknown key 'timeline.zone' (did you mean 'timezone'?)",
        ),
        (
            ".pmlint.toml",
            "[rules.length-out-of-rang]\nmin-words = 1\n",
            "unknown key 'rules.length-out-of-rang' (did you mean 'length-out-of-range'?)",
        ),
        (
            ".pmlint.toml",
            "[rules.length-out-of-range]\nmin-word = 1\n",
            "unknown key 'rules.length-out-of-range.min-word' (did you mean 'min-words'?)",
        ),
        (
            ".pmlint.toml",
            'ignore = ["PM4O1"]\n',
            "ignore: unknown rule selector 'PM4O1' (did you mean 'PM401'?)",
        ),
        (
            ".pmlint.toml",
            'profile = "gogle"\n',
            "profile: unknown profile 'gogle' (did you mean 'google'?)",
        ),
        (
            ".pmlint.toml",
            '[severity]\nPM401 = "fatal"\n',
            "severity.PM401: Input should be 'error', 'warning' or 'info'",
        ),
        (".pmlint.toml", "ignore = [\n", "invalid TOML"),
    ],
)
def test_bad_config_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, message: str
) -> None:
    write(tmp_path / name, text)
    write(tmp_path / "pm.md", GOOD)
    code, out, err = run(["pm.md"], tmp_path, monkeypatch)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"pmlint: error: {name}: ")
    assert message in err


def test_config_option_uses_one_file_for_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".pmlint.toml", 'selct = "broken, never read with --config"\n')
    write(tmp_path / "ci" / "strict.toml", 'ignore = ["PM101"]\n')
    write(tmp_path / "pm.md", NO_RESOLUTION)
    assert run(["--config", "ci/strict.toml", "pm.md"], tmp_path, monkeypatch)[0] == 0
    code, _, err = run(["--config", "ci/missing.toml", "pm.md"], tmp_path, monkeypatch)
    assert code == 2 and "no such file" in err


def test_isolated_ignores_config(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".pmlint.toml", 'ignore = ["PM101"]\n')
    assert run(["pm.md"], project, monkeypatch)[0] == 0
    assert run(["--isolated", "pm.md"], project, monkeypatch)[0] == 1


def test_cli_options_override_config(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project / ".pmlint.toml", 'ignore = ["PM101"]\nfail-on = "error"\n')
    code, out, _ = run(
        ["--output-format", "json", "--ignore", "PM403", "pm.md"], project, monkeypatch
    )
    assert not codes_in(out) & {"PM101", "PM403"}
    assert code == 0
    code, _, _ = run(["--select", "PM101", "pm.md"], project, monkeypatch)
    assert code == 1  # --select replaces the config's selection, ignores included


def test_fail_on_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = GOOD.replace(
        "About 18,000 checkout\nrequests failed (9% of traffic in the window).",
        "Checkout was slow.",
    ).replace(
        "- 18,400 failed checkout requests; 2,100 customers saw an error page.\n"
        "- 340 support tickets were opened.",
        "- Checkout was slow for everyone.",
    )
    write(tmp_path / "pm.md", text)
    code, out, _ = run(["--output-format", "json", "pm.md"], tmp_path, monkeypatch)
    assert codes_in(out) == {"PM403"} and code == 0  # a warning passes by default
    write(tmp_path / ".pmlint.toml", 'fail-on = "warning"\n')
    assert run(["pm.md"], tmp_path, monkeypatch)[0] == 1


def test_per_file_ignores_globs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path / ".pmlint.toml",
        '[per-file-ignores]\n"legacy/**/*.md" = ["PM101"]\n'
        '"*-draft.md" = ["missing-required-section"]\n',
    )
    write(tmp_path / "legacy" / "2019" / "a.md", NO_RESOLUTION)
    write(tmp_path / "new" / "b-draft.md", NO_RESOLUTION)
    write(tmp_path / "new" / "c.md", NO_RESOLUTION)
    code, out, _ = run(["--output-format", "json", "."], tmp_path, monkeypatch)
    flagged = {item["filename"] for item in json.loads(out) if item["code"] == "PM101"}
    assert flagged == {"new/c.md"}
    assert code == 1


def test_exclude_include_and_force_exclude(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".pmlint.toml", 'exclude = ["drafts", "notes/*.txt"]\n')
    write(tmp_path / "drafts" / "a.md", NO_RESOLUTION)
    write(tmp_path / "notes" / "b.txt", NO_RESOLUTION)
    write(tmp_path / "ok.md", GOOD)
    code, out, _ = run(["--output-format", "json", "."], tmp_path, monkeypatch)
    assert (code, json.loads(out)) == (0, [])
    # A file named explicitly is linted anyway, unless --force-exclude (pre-commit) is on.
    assert run(["drafts/a.md"], tmp_path, monkeypatch)[0] == 1
    code, out, _ = run(
        ["--force-exclude", "--output-format", "json", "drafts/a.md"], tmp_path, monkeypatch
    )
    assert (code, json.loads(out)) == (0, [])
    write(tmp_path / ".pmlint.toml", 'include = ["*.txt"]\nforce-exclude = true\n')
    code, out, _ = run(["--output-format", "json", "."], tmp_path, monkeypatch)
    assert {item["filename"] for item in json.loads(out)} == {"notes/b.txt"}


def test_timeline_and_sections_reach_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = NO_RESOLUTION.replace(
        "## Action Items", "## Making it right\n\nRolled back.\n\n## Action Items"
    )
    write(tmp_path / "pm.md", text)
    assert run(["pm.md"], tmp_path, monkeypatch)[0] == 1
    write(
        tmp_path / ".pmlint.toml",
        '[sections]\nresolution = ["Making it right"]\n'
        '[timeline]\ntimezone = "Europe/Paris"\ndate-order = "DMY"\n',
    )
    assert run(["pm.md"], tmp_path, monkeypatch)[0] == 0
    resolver = ConfigResolver(default_registry())
    linter = resolver.linter_for(str(tmp_path / "pm.md"))
    assert linter.settings.timeline.timezone == "Europe/Paris"
    assert linter.settings.timeline.date_order == "DMY"


def test_config_files_are_read_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / ".pmlint.toml", 'ignore = ["PM403"]\n')
    for index in range(30):
        write(tmp_path / f"d{index % 3}" / f"pm{index}.md", GOOD)
    reads: list[Path] = []
    original = config_module.read_table

    def counting(path: Path) -> object:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(config_module, "read_table", counting)
    assert run(["."], tmp_path, monkeypatch)[0] == 0
    assert [p.name for p in reads] == [".pmlint.toml"]


def test_config_show_and_schema_commands(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["config", "--show", "."], project, monkeypatch)
    shown = json.loads(out)
    assert code == 0 and shown["config-files"] == []
    assert shown["settings"]["profile"] == "default"
    code, _, err = run(["config", "--show", "nowhere"], project, monkeypatch)
    assert code == 2 and "nowhere: no such file or directory" in err
    code, out, _ = run(["config", "--schema"], project, monkeypatch)
    assert code == 0 and json.loads(out)["properties"]["extend"]


def test_config_error_as_subprocess(tmp_path: Path) -> None:
    write(tmp_path / ".pmlint.toml", 'ignor = ["PM101"]\n')
    write(tmp_path / "pm.md", GOOD)
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", "pm.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        "pmlint: error: .pmlint.toml: unknown key 'ignor' (did you mean 'ignore'?)\n"
    )
