"""scripts/new_rule.py, run on a temporary copy of the repository like a contributor would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "new_rule.py"
COPIED = ("src", "tests", "fixtures", "rules", "docs", "pyproject.toml")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the parts of the repository a rule touches, without caches."""
    root = tmp_path / "repo"
    root.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache", "*.snap.new")
    for name in COPIED:
        source = ROOT / name
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore)
        else:
            shutil.copy2(source, root / name)
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a Python command in the copy, importing pmlint from the copy's ``src``."""
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )


def scaffold(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the scaffold against the copy."""
    return run(root, str(SCRIPT), *args, "--root", str(root))


def registered(root: Path, code: str) -> str:
    """``module.Class name`` of the rule the copy's registry knows by ``code``."""
    probe = (
        "from pmlint.registry import default_registry\n"
        f"rule = default_registry().get({code!r})\n"
        "print(f'{rule.__module__}.{rule.__qualname__} {rule.name}' if rule else 'none')\n"
    )
    proc = run(root, "-c", probe)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_scaffold_into_an_existing_family_is_discovered(checkout: Path) -> None:
    proc = scaffold(checkout, "PM499", "sample-rule", "--family", "content")
    assert proc.returncode == 0, proc.stderr
    folder = checkout / "fixtures" / "rules" / "PM499-sample-rule"
    assert sorted(p.name for p in folder.iterdir()) == ["bad.md", "good.md"]
    assert "<!-- expect: PM499 -->" in (folder / "bad.md").read_text(encoding="utf-8")
    assert registered(checkout, "PM499") == "pmlint.checks.content.SampleRule sample-rule"
    if (checkout / "src" / "pmlint" / "ruledocs.py").is_file():  # the doc page generator
        page = (checkout / "docs" / "rules" / "PM499.md").read_text(encoding="utf-8")
        assert "# PM499 sample-rule" in page and "TODO: what this rule finds" in page
        assert run(checkout, "-m", "pmlint.ruledocs", "--check").returncode == 0
    lint = run(checkout, "-m", "ruff", "check", "--no-cache", "src/pmlint/checks/content.py")
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_scaffold_of_a_new_family_makes_and_registers_a_module(checkout: Path) -> None:
    proc = scaffold(checkout, "PM801", "runbook-missing", "--family", "operations")
    assert proc.returncode == 0, proc.stderr
    assert (checkout / "src" / "pmlint" / "checks" / "operations.py").is_file()
    expected = "pmlint.checks.operations.RunbookMissing runbook-missing"
    assert registered(checkout, "PM801") == expected


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("PM301", "other-name"), "PM301 is taken by PM301 duration-mismatch"),
        (("PM498", "duration-mismatch"), "duration-mismatch is taken by PM301"),
        (("PX12", "a-name"), "is not PM followed by three digits"),
        (("PM498", "Bad_Name"), "is not lower-case kebab-case"),
    ],
)
def test_scaffold_refuses_bad_or_taken_codes_in_one_line(
    checkout: Path, args: tuple[str, str], reason: str
) -> None:
    module = checkout / "src" / "pmlint" / "checks" / "content.py"
    before = module.read_text(encoding="utf-8")
    proc = scaffold(checkout, *args, "--family", "content")
    assert proc.returncode == 2
    assert reason in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (checkout / "fixtures" / "rules" / "-".join(args)).exists()
    assert module.read_text(encoding="utf-8") == before


IMPLEMENTATION = """\
        text = doc.source.text
        start = text.find("frobnicate")
        if start >= 0:
            yield self.finding(doc, start, start + 10, "'frobnicate' says nothing: name the step")
"""


@pytest.mark.slow
def test_scaffolded_rule_goes_from_failing_fixture_to_passing_snapshot(checkout: Path) -> None:
    assert scaffold(checkout, "PM499", "vague-verb", "--family", "content").returncode == 0
    folder = checkout / "fixtures" / "rules" / "PM499-vague-verb"
    pytest_args = ("-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fixtures.py")
    first = run(checkout, *pytest_args, "-k", "PM499")
    assert first.returncode == 1  # the stub finds nothing on the marked line
    assert "test_marked_findings[PM499-vague-verb/bad.md]" in first.stdout

    module = checkout / "src" / "pmlint" / "checks" / "content.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("        yield from ()\n", IMPLEMENTATION), encoding="utf-8")
    (folder / "bad.md").write_text(
        "# Cache outage\n\n## Summary\n\nWe had to frobnicate the cache. <!-- expect: PM499 -->\n",
        encoding="utf-8",
    )
    (folder / "good.md").write_text(
        "# Cache outage\n\n## Summary\n\nWe flushed the cache.\n", encoding="utf-8"
    )
    missing = run(checkout, *pytest_args, "-k", "PM499")
    assert missing.returncode == 1
    assert "bad.md.snap is missing; create it with: pytest tests/test_fixtures.py" in missing.stdout
    assert "FAILED tests/test_fixtures.py::test_marked_findings" not in missing.stdout

    update = run(checkout, *pytest_args, "-k", "PM499", "--snapshot-update")
    assert update.returncode == 0, update.stdout
    snap = (folder / "bad.md.snap").read_text(encoding="utf-8")
    assert "5:11-5:21 PM499 'frobnicate' says nothing: name the step" in snap
    final = run(checkout, *pytest_args, "-k", "PM499")
    assert final.returncode == 0, final.stdout
