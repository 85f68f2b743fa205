"""The benchmark scripts in bench/ run end to end on a handful of files (no timing asserted)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a bench script with this interpreter; fail with its stderr if it crashes."""
    done = subprocess.run(
        [sys.executable, str(BENCH / name), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def tiny_run(tmp_path: Path, *extra: str) -> tuple[dict, str]:
    done = run_script(
        "run.py",
        "--quick",
        "--files",
        "4",
        "--rounds",
        "1",
        "--cold-rounds",
        "1",
        "--memory-sizes",
        "2,4",
        "--work",
        str(tmp_path / "work"),
        "--out",
        str(tmp_path / "out"),
        *extra,
    )
    assert done.returncode == 0, done.stderr
    return json.loads((tmp_path / "out" / "latest.json").read_text()), done.stdout


def test_comparison_without_markdownlint_reports_every_ratio(tmp_path: Path) -> None:
    report, printed = tiny_run(tmp_path, "--no-markdownlint")
    assert report["markdownlint_cli2"] == {
        "version": report["markdownlint_cli2"]["version"],
        "available": False,
        "skipped_because": "--no-markdownlint given",
    }
    commands = report["throughput"]["commands"]
    assert set(commands) == {
        "pmlint --jobs 1",
        "parse floor (markdown-it-py, 1 core)",
        "pmlint (default jobs)",
    }
    for entry in commands.values():
        assert len(entry["runs_s"]) == 1 and entry["median_s"] > 0 and entry["peak_rss_mb"] > 0
        assert entry["exit_codes"] in ([0], [1])
    assert len(list((tmp_path / "work" / "n4-s0").glob("*.md"))) == 4
    assert set(report["cold"]["commands"]) == {
        "pmlint",
        "python -c 'import markdown_it, click'",
    }
    assert set(report["memory"]) == {"2", "4"}
    ratios = {r["name"]: r for r in report["ratios"]}
    assert ratios["pmlint --jobs 1 / parse floor"]["value"] > 0
    assert ratios["pmlint --jobs 1 / parse floor"]["target_at_most"] == 3.0
    skipped = ratios["pmlint default jobs / markdownlint-cli2"]
    assert skipped["value"] is None and skipped["met"] is None
    assert skipped["note"] == "--no-markdownlint given"
    assert "peak RSS 4 files / 2 files" in ratios
    assert report["errors"] == []
    assert "| pmlint --jobs 1 / parse floor" in printed
    assert re.search(r"\| 4 files: pmlint --jobs 1 +\| +\d+ ms", printed)


@pytest.mark.slow  # installs (once) and runs markdownlint-cli2 with npm/node
def test_comparison_with_markdownlint(tmp_path: Path) -> None:
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.skip("node/npm not on PATH: markdownlint-cli2 cannot be installed")
    report, printed = tiny_run(tmp_path, "--cache", str(BENCH / ".cache"))
    reason = report["markdownlint_cli2"]["skipped_because"]
    if reason:
        pytest.skip(f"markdownlint-cli2 unavailable (no network?): {reason}")
    assert "markdownlint-cli2" in report["throughput"]["commands"]
    assert "markdownlint-cli2" in report["cold"]["commands"]
    ratios = {r["name"]: r for r in report["ratios"]}
    assert ratios["pmlint default jobs / markdownlint-cli2"]["value"] > 0
    assert ratios["one cold file: pmlint / markdownlint-cli2"]["target_at_most"] == 0.5
    assert "4 files: markdownlint-cli2" in printed


def test_parse_floor_counts_files_and_fails_cleanly(tmp_path: Path) -> None:
    for n, text in enumerate(
        ["# One\n\nText.\n", "- a\n- b\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"]
    ):
        (tmp_path / f"{n}.md").write_text(text)
    done = run_script("floor.py", str(tmp_path))
    assert done.returncode == 0
    assert re.fullmatch(r"3 files, \d+ tokens\n", done.stdout)
    missing = run_script("floor.py", str(tmp_path / "absent.md"))
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "cannot read" in missing.stderr


def test_stage_profile_covers_stages_views_and_every_rule(tmp_path: Path) -> None:
    done = run_script(
        "stages.py",
        "--files",
        "4",
        "--startup-runs",
        "1",
        "--work",
        str(tmp_path / "work"),
        "--out",
        str(tmp_path / "out"),
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((tmp_path / "out" / "profile.json").read_text())
    doc = report["per_document"]
    assert doc["documents"] == 4
    entries = doc["entries"]
    for stage in ("read", "decode", "markdown-it parse", "builder (blocks, sections)"):
        assert entries[stage]["calls"] >= 1, stage
    assert any(k.startswith("view ") and e["calls"] for k, e in entries.items())

    from pmlint.engine import Linter
    from pmlint.registry import default_registry
    from pmlint.settings import Settings

    enabled = Linter(Settings(), default_registry()).rules
    assert {f"rule {r.code} {r.name}" for r, _, _ in enabled} <= set(entries)
    assert all(re.fullmatch(r"PM\dxx", family) for family in doc["rule_families_ms"])
    phases = report["startup"]["phases_ms"]
    assert phases["import pmlint.cli"] > 0 and phases["Settings() and Linter()"] > 0
    assert phases["build the rule registry"] is not None  # ran; from a table, it is near 0
    assert report["importtime_version"]["modules"] > 0
    assert report["importtime_version"]["heaviest_self_ms"]
    assert "| rule family" in done.stdout and "start-up phase" in done.stdout


def test_stage_profile_rejects_a_missing_corpus(tmp_path: Path) -> None:
    done = run_script("stages.py", "--corpus", str(tmp_path / "nothing"))
    assert done.returncode == 2
    assert "not a directory" in done.stderr
