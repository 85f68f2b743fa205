"""The pre-commit hook for real: ``pre-commit try-repo`` installs pmlint from a copy of
this checkout into its own environment and runs it on a bad and a good postmortem."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
BAD = GOOD.replace("## Resolution", "## Notes")
README = (ROOT / "README.md").read_text(encoding="utf-8")
SNIPPET = re.search(r"```yaml\n# \.pre-commit-config\.yaml\n(.*?)```", README, re.S)[1]
REV = re.search(r"^\s+rev: (\S+)", SNIPPET, re.M)[1]
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
    assert (
        "postmortems/bad.md:1:1: PM101 [error] missing required section: Resolution" in bad.stdout
    )
    good = try_repo("postmortems/good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_readme_snippet_pins_a_commit_of_this_repository() -> None:
    """No release tag exists yet, so the README pins a commit, which must exist."""
    assert re.fullmatch(r"[0-9a-f]{40}", REV), f"rev {REV!r} is not a commit SHA"
    known = subprocess.run(["git", "cat-file", "-e", f"{REV}^{{commit}}"], cwd=ROOT, check=False)
    assert known.returncode == 0, f"rev {REV} is not a commit of this repository"
    hooks = subprocess.run(
        ["git", "cat-file", "-e", f"{REV}:.pre-commit-hooks.yaml"], cwd=ROOT, check=False
    )
    assert hooks.returncode == 0, f"{REV} has no .pre-commit-hooks.yaml"


@pytest.mark.slow
def test_readme_snippet_as_written_fixes_and_then_passes(tmp_path: Path) -> None:
    """The README's config, unchanged but for the repository URL and rev (a local copy)."""
    source = snapshot_checkout(tmp_path / "pmlint")
    project = tmp_path / "project"
    (project / "postmortems").mkdir(parents=True)
    (project / "postmortems" / "pm.md").write_text(
        GOOD + "\n<!-- pmlint-disable-next-line PM401 -->\n", encoding="utf-8"
    )
    config = SNIPPET.replace("https://github.com/pmlint/pmlint", str(source)).replace(
        REV, head(source)
    )
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    command = [*PRE_COMMIT, "run", "--files", "postmortems/pm.md"]
    first = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    assert first.returncode == 1, first.stdout + first.stderr  # files were modified
    assert "files were modified by this hook" in first.stdout
    assert (project / "postmortems" / "pm.md").read_text(encoding="utf-8") == GOOD + "\n"
    second = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    assert second.returncode == 0, second.stdout + second.stderr
