"""The composite GitHub action and the documented workflow: the action's shell steps run
for real (pmlint already installed), and the example workflow uses them correctly."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
INPUT = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


def step(name: str) -> dict[str, object]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)


def run_step(name: str, cwd: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """Run one ``run:`` step with bash, its ``${{ inputs.x }}`` env filled in."""
    values = {key: spec.get("default", "") for key, spec in ACTION["inputs"].items()}
    values.update(inputs)
    data = step(name)
    env = {k: INPUT.sub(lambda m: values[m.group(1)], str(v)) for k, v in data["env"].items()}
    bin_dir = str(Path(sys.executable).parent)
    full_env = {**os.environ, **env, "PATH": bin_dir + os.pathsep + os.environ["PATH"]}
    return subprocess.run(
        ["bash", "-c", str(data["run"])],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_action_metadata() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "sarif-file", "python-version"}
    for item in ACTION["runs"]["steps"]:
        if "run" in item:
            assert item["shell"] == "bash"
            assert "${{" not in item["run"], "inputs reach scripts through env only"


def test_action_installs_its_own_checkout_not_a_package_index() -> None:
    install = str(step("Install pmlint")["run"])
    assert '"$GITHUB_ACTION_PATH"' in install
    assert "pmlint==" not in install and "install pmlint" not in install


def test_documented_examples_install_no_pmlint_from_an_index() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    installs = [line for line in text.splitlines() if "pip install" in line and "pmlint" in line]
    assert installs and all("git+https://" in line for line in installs)
    gitlab = yaml.safe_load(re.search(r"```yaml\n(pmlint:\n.*?)```", text, re.S)[1])
    [install] = [line for line in gitlab["pmlint"]["script"] if "pip install" in line]
    sha = re.search(r"git\+https://github.com/pmlint/pmlint@([0-9a-f]{40})", install)[1]
    known = subprocess.run(["git", "cat-file", "-e", f"{sha}^{{commit}}"], cwd=ROOT, check=False)
    assert known.returncode == 0, f"{sha} is not a commit of this repository"
    assert "actions: read" in text and "fork" in text.lower()


def test_github_format_orders_errors_first_and_writes_the_step_summary(tmp_path: Path) -> None:
    (tmp_path / "postmortems").mkdir()
    bad = GOOD.replace("## Resolution", "## Notes") + "".join(
        f"\n{i}. Investigate the cache again soon.\n" for i in range(12)
    )
    (tmp_path / "postmortems" / "bad.md").write_text(bad, encoding="utf-8")
    summary = tmp_path / "summary.md"
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", "--output-format", "github", "--select", "PM101,PM2,PM5"],
        cwd=tmp_path,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)},
        capture_output=True,
        text=True,
        check=False,
    )
    lines = proc.stdout.splitlines()
    levels = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)
    assert levels[0] == "::error"
    table = summary.read_text(encoding="utf-8")
    assert "| severity | where | rule | problem |" in table
    assert table.count("\n| ") == len(levels) + 1  # the header row and one row per finding
    warnings = levels.count("::warning")
    assert warnings > 10  # 12 vague action items, plus their missing owners and tickets
    assert lines[-1].startswith("pmlint: GitHub shows 10 annotations of each level per step; ")
    assert f"{warnings - 10} warnings are not shown" in lines[-1]


def test_action_steps_write_sarif_and_annotate(tmp_path: Path) -> None:
    (tmp_path / "postmortems").mkdir()
    (tmp_path / "postmortems" / "bad.md").write_text(
        GOOD.replace("## Resolution", "## Notes"), encoding="utf-8"
    )
    (tmp_path / "postmortems" / "good.md").write_text(GOOD, encoding="utf-8")
    sarif = run_step("Write SARIF", tmp_path, paths="postmortems")
    assert sarif.returncode == 0, sarif.stderr
    log = json.loads((tmp_path / "pmlint.sarif").read_text(encoding="utf-8"))
    [result] = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert (result["ruleId"], uri) == ("PM101", "postmortems/bad.md")
    annotate = run_step("Annotate the pull request", tmp_path, paths="postmortems")
    assert annotate.returncode == 1
    assert annotate.stdout.startswith("::error file=postmortems/bad.md,line=1,")
    relaxed = run_step(
        "Annotate the pull request", tmp_path, paths="postmortems", args="--ignore PM101"
    )
    assert (relaxed.returncode, relaxed.stdout) == (0, "")


def test_documented_workflow_uses_the_action_and_uploads_sarif() -> None:
    """The workflow as written: pinned to a commit of this repository, SARIF uploaded."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(re.search(r"```yaml\n(name: postmortems.*?)```", text, re.S)[1])
    steps = workflow["jobs"]["pmlint"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert uses[0].startswith("actions/checkout@")
    assert uses[1].startswith("pmlint/pmlint@")
    ref = uses[1].split("@", 1)[1]
    known = subprocess.run(["git", "cat-file", "-e", f"{ref}^{{commit}}"], cwd=ROOT, check=False)
    assert known.returncode == 0, f"the workflow pins {ref}, which is not a commit here"
    assert set(steps[1]["with"]) <= set(ACTION["inputs"])
    upload = steps[2]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == ACTION["inputs"]["sarif-file"]["default"]
    assert upload["if"] == "always()"
    assert workflow["permissions"]["security-events"] == "write"
    assert workflow["permissions"]["actions"] == "read"


@pytest.mark.slow
def test_install_step_installs_the_actions_own_checkout(tmp_path: Path) -> None:
    """The install step as written, in a fresh virtualenv, from a copy of this checkout."""
    action_path = tmp_path / "action"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (action_path / name).parent.mkdir(parents=True, exist_ok=True)
            (action_path / name).write_bytes((ROOT / name).read_bytes())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / "bin"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTION_PATH": str(action_path),
    }
    env.pop("VIRTUAL_ENV", None)
    install = subprocess.run(
        ["bash", "-c", str(step("Install pmlint")["run"])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    version = subprocess.run(
        [str(bin_dir / "pmlint"), "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0 and "pmlint" in version.stdout
