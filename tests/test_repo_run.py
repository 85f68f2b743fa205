"""pmlint as a new user runs it: the real CLI as a subprocess in a fresh git repository.

Covers issue 12's "done" list: which files a bare ``pmlint`` lints, severities from the
config and the command line against ``--fail-on``, and the output people read.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

REPORT = (ROOT / "tests" / "data" / "repo" / "search-outage.txt").read_text(encoding="utf-8")
SEED = SHARED / "corpus" / "seeds" / "seed-003-db-query-outage.txt"
README = "# Widget service\n\n## Installation\n\nRun `make`.\n\n## Usage\n\nCall it.\n"
CHANGELOG = "# Changelog\n\n## 1.2.0\n\n### Added\n\n- A flag.\n\n### Fixed\n\n- A crash.\n"


def pmlint(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI the way a user would (no NO_COLOR/FORCE_COLOR inherited)."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "pmlint", *args],
        cwd=cwd,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def make_repo(path: Path, report: str = REPORT, name: str = "search-outage.txt") -> Path:
    """A git repository with a README, a changelog, requirements, an ignored folder
    holding a postmortem, and one real postmortem."""
    (path / "postmortems").mkdir(parents=True)
    (path / "build").mkdir()
    (path / "README.md").write_text(README, encoding="utf-8")
    (path / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    (path / "requirements.txt").write_text("click>=8\n", encoding="utf-8")
    (path / ".gitignore").write_text("build/\n", encoding="utf-8")
    (path / "build" / "incident-copy.md").write_text(report, encoding="utf-8")
    (path / "postmortems" / name).write_text(report, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=path, check=True)
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "project")


def findings(proc: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return json.loads(proc.stdout)


def test_bare_pmlint_lints_only_the_postmortem_and_fails(repo: Path) -> None:
    proc = pmlint(repo, "--output-format", "json")
    assert proc.returncode == 1, proc.stderr
    assert {f["filename"] for f in findings(proc)} == {"postmortems/search-outage.txt"}
    assert {"PM302", "PM401"} <= {f["code"] for f in findings(proc)}
    assert all(f["severity"] == "error" for f in findings(proc) if f["code"] in ("PM302", "PM401"))


def test_show_files_says_why(repo: Path) -> None:
    proc = pmlint(repo, "--show-files")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "lint  postmortems/search-outage.txt  (looks like a postmortem (name))" in lines
    assert "skip  build  (ignored by .gitignore)" in lines
    for name in ("README.md", "CHANGELOG.md", "requirements.txt"):
        assert f"skip  {name}  (does not look like a postmortem (name, title, sections))" in lines


def test_severity_from_config_and_command_line(repo: Path) -> None:
    assert pmlint(repo, "--select", "PM204").returncode == 0  # a warning by default
    (repo / ".pmlint.toml").write_text('[severity]\nPM204 = "error"\n', encoding="utf-8")
    proc = pmlint(repo, "--select", "PM204", "--output-format", "concise")
    assert proc.returncode == 1
    assert ": PM204 [error] " in proc.stdout
    assert "1 problem (1 error) in 1 file." in proc.stdout
    (repo / ".pmlint.toml").unlink()
    assert pmlint(repo, "--select", "PM204", "--severity", "PM204=error").returncode == 1
    assert pmlint(repo, "--fail-on", "error", "--ignore", "PM302,PM401").returncode == 0
    bad = pmlint(repo, "--severity", "PM204=fatal")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


@pytest.mark.skipif(not SEED.is_file(), reason=f"needs the shared seed at {SEED}")
def test_seed_003_in_a_fresh_repository(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "p", SEED.read_text(encoding="utf-8"), "seed-003.txt")
    proc = pmlint(repo, "--output-format", "json")
    assert proc.returncode == 1
    assert {f["filename"] for f in findings(proc)} == {"postmortems/seed-003.txt"}
    (repo / ".pmlint.toml").write_text('[severity]\nPM204 = "error"\n', encoding="utf-8")
    assert pmlint(repo, "--select", "PM204").returncode == 1
    (repo / ".pmlint.toml").unlink()
    assert pmlint(repo, "--fail-on", "error", "--ignore", "PM302,PM401").returncode == 0


def test_walk_recognises_postmortems_by_name_title_and_sections(tmp_path: Path) -> None:
    root = tmp_path / "work"
    (root / "0x19-postmortem").mkdir(parents=True)
    (root / "notes").mkdir()
    (root / "0x19-postmortem" / "README.md").write_text(REPORT, encoding="utf-8")
    titled = "# Postmortem: login failures\n\nShort text.\n"
    (root / "notes" / "login.md").write_text(titled, encoding="utf-8")
    sections = "Cache trouble\n\n## Timeline\n\n- 10:00 x\n\n## Root cause\n\nA full disk.\n"
    (root / "notes" / "cache.md").write_text(sections, encoding="utf-8")
    (root / "notes" / "todo.md").write_text("# Todo\n\n## Summary\n\nBuy milk.\n", "utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    lines = pmlint(root, "--show-files").stdout.splitlines()
    assert "lint  0x19-postmortem/README.md  (looks like a postmortem (name))" in lines
    assert "lint  notes/login.md  (looks like a postmortem (title))" in lines
    assert "lint  notes/cache.md  (looks like a postmortem (sections))" in lines
    assert any(line.startswith("skip  notes/todo.md  (does not look") for line in lines)
    forced = pmlint(root, "--show-files", "--force-include").stdout
    assert "lint  notes/todo.md  (--force-include)" in forced
    (root / ".pmlint.toml").write_text('include = ["notes/*.md"]\n', encoding="utf-8")
    included = pmlint(root, "--show-files").stdout
    assert "lint  notes/todo.md  (matched by include in .pmlint.toml)" in included
    explicit = pmlint(root, "--output-format", "json", "notes/todo.md")
    assert {f["filename"] for f in findings(explicit)} == {"notes/todo.md"}


def test_ignore_files_and_negation(repo: Path) -> None:
    (repo / ".ignore").write_text("postmortems/*.txt\n!postmortems/keep.txt\n", encoding="utf-8")
    (repo / "postmortems" / "keep.txt").write_text(REPORT, encoding="utf-8")
    lines = pmlint(repo, "--show-files").stdout.splitlines()
    assert "skip  postmortems/search-outage.txt  (ignored by .ignore)" in lines
    assert any(line.startswith("lint  postmortems/keep.txt") for line in lines)


def test_config_above_the_repository_is_not_used(tmp_path: Path) -> None:
    (tmp_path / ".pmlint.toml").write_text('exclude = ["*.txt"]\n', encoding="utf-8")
    repo = make_repo(tmp_path / "inner")
    proc = pmlint(repo)
    assert proc.returncode == 1
    assert "All checks passed" not in proc.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'exclude = ["\xff"]\n', ".pmlint.toml: is not UTF-8 (byte 0xff at offset 12)"),
        (b'exclude = ["[z-a]"]\n', ".pmlint.toml: exclude: bad glob '[z-a]'"),
    ],
)
def test_unusable_config_is_one_line_exit_2(repo: Path, content: bytes, message: str) -> None:
    (repo / ".pmlint.toml").write_bytes(content)
    proc = pmlint(repo)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"pmlint: error: {message}")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_bad_config_stops_only_the_files_it_governs(repo: Path) -> None:
    other = repo / "incidents"
    other.mkdir()
    (other / ".pmlint.toml").write_text("selct = []\n", encoding="utf-8")
    (other / "db.txt").write_text(REPORT, encoding="utf-8")
    proc = pmlint(repo, "--output-format", "concise")
    assert proc.returncode == 2
    assert "incidents/.pmlint.toml: unknown key 'selct'" in proc.stderr
    assert "postmortems/search-outage.txt:" in proc.stdout
    assert "1 path not linted" in proc.stdout


def test_missing_path_never_passes(repo: Path) -> None:
    (repo / "good.md").write_text((ROOT / "examples" / "postmortem.md").read_text("utf-8"))
    proc = pmlint(repo, "good.md", "nowhere.md")
    assert proc.returncode == 2
    assert "All checks passed" not in proc.stdout
    assert "No problems in 1 file linted; 1 path not linted" in proc.stdout


def test_file_name_that_is_not_utf8(repo: Path) -> None:
    name = os.fsencode(repo / "postmortems") + b"/incident-\xff.txt"
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(REPORT)
    for args in (
        ["--output-format", "sarif"],
        ["--output-format", "gitlab"],
        ["--output-format", "json", "-o", "out.json"],
    ):
        proc = pmlint(repo, *args)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr
    saved = json.loads((repo / "out.json").read_text(encoding="utf-8"))
    assert "postmortems/incident-\ufffd.txt" in {f["filename"] for f in saved}


def test_colour_follows_flags_and_environment(repo: Path) -> None:
    esc = "\x1b["
    plain = ["--output-format", "concise"]
    assert esc not in pmlint(repo, *plain).stdout  # a pipe, no colour
    assert esc in pmlint(repo, *plain, env={"FORCE_COLOR": "1"}).stdout
    assert esc not in pmlint(repo, *plain, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert esc in pmlint(repo, *plain, "--color", "always", env={"NO_COLOR": "1"}).stdout
    assert esc not in pmlint(repo, *plain, "--color", "never", env={"FORCE_COLOR": "1"}).stdout


def test_quiet_and_summary(repo: Path) -> None:
    loud = pmlint(repo, "--output-format", "concise").stdout.splitlines()
    assert loud[-1] == "6 problems (3 errors, 3 warnings) in 1 file; 2 fixable with --unsafe-fixes."
    quiet = pmlint(repo, "--output-format", "concise", "--quiet").stdout.splitlines()
    assert quiet == loud[:-1]


def test_control_characters_in_a_document_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / "incident.md"
    path.write_text("# Postmortem \x1b[2J\x1b[31mred\n\nText.\n", encoding="utf-8")
    for fmt in ("concise", "full"):
        proc = pmlint(tmp_path, "--output-format", fmt, "incident.md")
        assert "\x1b" not in proc.stdout
    assert "\\x1b[2J" in pmlint(tmp_path, "--output-format", "full", "incident.md").stdout
    assert "\x1b" not in pmlint(tmp_path, "--output-format", "github", "incident.md").stdout


def test_github_messages_escape_control_characters() -> None:
    from pmlint.output.github import escape_data

    assert escape_data("50% \x1b[2J\u202edone\n") == "50%25 \\x1b[2J\\u202edone%0A"


def test_rules_reflects_the_config_and_all_shows_the_rest(repo: Path) -> None:
    on = pmlint(repo, "rules").stdout.splitlines()
    every = pmlint(repo, "rules", "--all").stdout.splitlines()
    assert len(every) > len(on)
    assert any(line.startswith("PM105 ") and " off " in line for line in every)
    assert not any(line.startswith("PM105 ") for line in on)
    (repo / ".pmlint.toml").write_text(
        'extend-select = ["PM105"]\n[severity]\nPM204 = "error"\n', encoding="utf-8"
    )
    configured = pmlint(repo, "rules").stdout.splitlines()
    assert any(line.startswith("PM105 ") and " on " in line for line in configured)
    [pm204] = [line for line in configured if line.startswith("PM204 ")]
    assert " error " in pm204


def test_junit_fails_only_at_fail_on(repo: Path) -> None:
    xml = pmlint(repo, "--output-format", "junit").stdout
    assert xml.count("<failure") == 3  # PM302 and PM401 twice; the warnings pass
    assert xml.count("<system-out>") == 3
    strict = pmlint(repo, "--output-format", "junit", "--fail-on", "warning").stdout
    assert strict.count("<failure") == 6


def test_force_exclude_filters_named_files_like_a_walk(repo: Path) -> None:
    """What the pre-commit hook passes: every staged Markdown file, README included."""
    args = ["--force-exclude", "--output-format", "json", "README.md", "CHANGELOG.md"]
    proc = pmlint(repo, *args, "postmortems/search-outage.txt")
    assert proc.returncode == 1
    assert {f["filename"] for f in findings(proc)} == {"postmortems/search-outage.txt"}
    only_docs = pmlint(repo, *args)
    assert (only_docs.returncode, findings(only_docs)) == (0, [])
    assert "no file here looks like a postmortem" in only_docs.stderr


def test_config_search_stops_at_home(tmp_path: Path) -> None:
    """Outside a repository the search stops at the home directory, as ruff's does."""
    home = tmp_path / "home"
    project = home / "notes"
    project.mkdir(parents=True)
    (tmp_path / ".pmlint.toml").write_text('exclude = ["*.txt"]\n', encoding="utf-8")
    (project / "incident.txt").write_text(REPORT, encoding="utf-8")
    proc = pmlint(project, "--output-format", "json", env={"HOME": str(home)})
    assert proc.returncode == 1, proc.stderr
    assert {f["filename"] for f in findings(proc)} == {"incident.txt"}
    (home / ".pmlint.toml").write_text('exclude = ["*.txt"]\n', encoding="utf-8")
    proc = pmlint(project, "--output-format", "json", env={"HOME": str(home)})
    assert (proc.returncode, findings(proc)) == (0, [])  # a config in home itself counts
