"""The pre-commit hook for real: ``pre-commit try-repo`` installs pmlint from a copy of
this checkout into its own environment and runs it on a bad and a good postmortem."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
BAD = GOOD.replace("## Resolution", "## Notes")
BOLD = GOOD.replace("## Resolution", "**Resolution**")
# The README's snippet, with this checkout's snapshot as the repository.
CONFIG = """\
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: pmlint
        args: [--fix, --extend-select, PM105]
"""
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=pmlint tests", "-c", "user.email=tests@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def snapshot_checkout(dest: Path) -> Path:
    """A one-commit repository holding this checkout's tracked files as they are now.

    try-repo clones a repository's commits, so the working tree (what the rest of the
    suite tests) is committed into a fresh repository first.
    """
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "snapshot")
    return dest


def head(repo: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.mark.slow
def test_try_repo_fails_on_a_bad_postmortem_and_passes_on_a_good_one(tmp_path: Path) -> None:
    source = snapshot_checkout(tmp_path / "pmlint")
    project = tmp_path / "project"
    (project / "postmortems").mkdir(parents=True)
    (project / "postmortems" / "bad.md").write_text(BAD, encoding="utf-8")
    (project / "postmortems" / "good.md").write_text(GOOD, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(path: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*PRE_COMMIT, "try-repo", str(source), "pmlint", "--files", path],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )

    bad = try_repo("postmortems/bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "pmlint" in bad.stdout and "Failed" in bad.stdout
    assert "postmortems/bad.md:1:1: PM101 missing required section: Resolution" in bad.stdout
    good = try_repo("postmortems/good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


@pytest.mark.slow
def test_configured_hook_with_fix_rewrites_and_then_passes(tmp_path: Path) -> None:
    source = snapshot_checkout(tmp_path / "pmlint")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pm.md").write_text(BOLD, encoding="utf-8")
    (project / ".pre-commit-config.yaml").write_text(
        CONFIG.format(repo=source, rev=head(source)), encoding="utf-8"
    )
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    command = [*PRE_COMMIT, "run", "--files", "pm.md"]
    first = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    assert first.returncode == 1, first.stdout + first.stderr  # files were modified
    assert "files were modified by this hook" in first.stdout
    assert (project / "pm.md").read_text(encoding="utf-8") == GOOD
    second = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    assert second.returncode == 0, second.stdout + second.stderr
