"""CI output formats through the real CLI: SARIF (validated against the official 2.1.0
schema), JUnit, GitLab Code Quality, JSON lines, ``--output-file`` and ``--statistics``.

``tests/data/sarif-schema-2.1.0.json`` is the OASIS SARIF 2.1.0 (errata 01) schema,
copied unchanged from github.com/oasis-tcs/sarif-spec, ``sarif-2.1/schema/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT
from pmlint.cli import main
from pmlint.registry import default_registry

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
BAD = GOOD.replace("## Resolution", "## Notes").replace(
    "About 18,000 checkout", "About 18,000 checkout [insert number]"
)
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with a bad and a good postmortem under docs/."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "docs" / "good.md").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_sarif_is_valid_and_complete(repo: Path) -> None:
    result = run("--output-format", "sarif", "--extend-select", "PM105", "docs")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    assert all(text.strip() for text in strings(log)), "SARIF must not hold empty strings"
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    enabled = {r.code for r in default_registry() if r.default_enabled} | {"PM105"}
    assert {rule["id"] for rule in rules} == enabled
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"] and rule["help"]["text"]
    results = run_["results"]
    assert {r["ruleId"] for r in results} == {"PM101", "PM402"}
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "docs/bad.md"
        region = location["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert region["endLine"] >= region["startLine"]
    placeholder = next(r for r in results if r["ruleId"] == "PM402")
    line = BAD.split("\n")[
        placeholder["locations"][0]["physicalLocation"]["region"]["startLine"] - 1
    ]
    region = placeholder["locations"][0]["physicalLocation"]["region"]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "[insert number]"


def test_sarif_with_no_findings_still_lists_rules(repo: Path) -> None:
    result = run("--output-format", "sarif", "docs/good.md")
    log = json.loads(result.stdout)
    jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).validate(log)
    assert result.exit_code == 0 and log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) > 5


def test_junit(repo: Path) -> None:
    result = run("--output-format", "junit", "docs")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites" and root.get("failures") == "2"
    suites = {suite.get("name"): suite for suite in root}
    assert set(suites) == {"docs/bad.md", "docs/good.md"}
    failures = suites["docs/bad.md"].findall("testcase/failure")
    assert len(failures) == 2 and all(f.get("message") for f in failures)
    assert suites["docs/good.md"].find("testcase/failure") is None


def test_gitlab_fingerprints_do_not_depend_on_line_numbers(repo: Path) -> None:
    first = json.loads(run("--output-format", "gitlab", "docs").stdout)
    assert {issue["check_name"] for issue in first} == {
        "PM101 missing-required-section",
        "PM402 template-placeholder",
    }
    for issue in first:
        assert issue["severity"] == "major" and issue["location"]["path"] == "docs/bad.md"
        assert issue["location"]["lines"]["begin"] >= 1 and len(issue["fingerprint"]) == 64
    (repo / "docs" / "bad.md").write_text(
        BAD.replace("## Summary", "## Summary\n\nA line added above.\n"), encoding="utf-8"
    )
    second = json.loads(run("--output-format", "gitlab", "docs").stdout)
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    lines = {i["check_name"]: i["location"]["lines"]["begin"] for i in first}
    moved = {i["check_name"]: i["location"]["lines"]["begin"] for i in second}
    assert moved["PM402 template-placeholder"] == lines["PM402 template-placeholder"] + 3


def test_json_lines(repo: Path) -> None:
    result = run("--output-format", "json-lines", "docs")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["code"] for row in rows] == ["PM101", "PM402"]
    assert rows == json.loads(run("--output-format", "json", "docs").stdout)


def test_output_file_and_statistics(repo: Path) -> None:
    result = run("--output-format", "sarif", "--output-file", "out/pmlint.sarif", "docs")
    assert result.exit_code == 2 and "out/pmlint.sarif: cannot write" in result.stderr
    (repo / "out").mkdir()
    result = run("--output-format", "sarif", "--output-file", "out/pmlint.sarif", "docs")
    assert (result.exit_code, result.stdout) == (1, "")
    log = json.loads((repo / "out" / "pmlint.sarif").read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == 2
    bold = "\n".join(
        f"**{line[3:]}**" if line.startswith("## ") else line for line in BAD.split("\n")
    )
    (repo / "docs" / "bad.md").write_text(bold, encoding="utf-8")
    result = run("--statistics", "--extend-select", "PM105", "docs")
    assert [line.split() for line in result.stdout.splitlines()] == [
        ["5", "PM105", "bold-pseudo-heading", "info", "[*]"],
        ["1", "PM101", "missing-required-section", "error"],
        ["1", "PM402", "template-placeholder", "error"],
    ]
    rows = json.loads(
        run("--statistics", "--extend-select", "PM105", "--output-format", "json", "docs").stdout
    )
    assert [(r["code"], r["count"], r["fixable"]) for r in rows] == [
        ("PM105", 5, 5),
        ("PM101", 1, 0),
        ("PM402", 1, 0),
    ]
    assert run("--statistics", "docs/good.md").stdout == "All checks passed!\n"


def test_exit_zero_with_ci_format(repo: Path) -> None:
    result = run("--output-format", "github", "--exit-zero", "docs")
    assert result.exit_code == 0
    assert result.stdout.startswith("::error file=docs/bad.md,line=")


@pytest.mark.parametrize("fmt", ["sarif", "junit", "gitlab", "json-lines"])
def test_formats_as_subprocess(repo: Path, fmt: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", "--output-format", fmt, "docs"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1 and proc.stderr == ""
    assert "docs/bad.md" in proc.stdout
