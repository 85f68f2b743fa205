"""The generated rule reference: one page per rule, current, and what findings link to."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pmlint.registry import default_registry
from pmlint.rule import DOCS_URL
from pmlint.ruledocs import DOCS_DIR, builtin, pages, stale

ROOT = Path(__file__).resolve().parents[1]


def test_pages_are_current() -> None:
    problems = stale()
    assert not problems, (
        f"docs/rules is out of date ({', '.join(problems)}); "
        "regenerate it: python -m pmlint.ruledocs"
    )


def test_one_page_per_shipped_rule_with_every_part() -> None:
    generated = pages()
    for rule in builtin(default_registry()):
        page = generated[f"{rule.code}.md"]
        assert page.splitlines()[2] == f"# {rule.code} {rule.name}"
        for part in ("- Severity: **", "### What it does", "### Why is this bad?", "### Options"):
            assert part in page, (rule.code, part)
        assert f"[{rule.code}]({rule.code}.md)" in generated["README.md"]


def test_check_flag_reports_a_stale_page(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "pmlint.ruledocs"]
    assert subprocess.run([*run, str(tmp_path)], check=False).returncode == 0
    assert subprocess.run([*run, "--check", str(tmp_path)], check=False).returncode == 0
    (tmp_path / "PM301.md").write_text("edited by hand\n", encoding="utf-8")
    (tmp_path / "PM999.md").write_text("a removed rule\n", encoding="utf-8")
    proc = subprocess.run(
        [*run, "--check", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "PM301.md: out of date" in proc.stderr and "PM999.md: out of date" in proc.stderr


def test_finding_urls_and_sarif_help_uri_point_at_existing_pages(tmp_path: Path) -> None:
    report = tmp_path / "incident.md"
    report.write_text("# Postmortem\n\nShort.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", "--output-format", "sarif", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    driver = json.loads(proc.stdout)["runs"][0]["tool"]["driver"]
    assert driver["rules"]
    for rule in driver["rules"]:
        assert rule["helpUri"] == DOCS_URL.format(code=rule["id"])
        assert (DOCS_DIR / f"{rule['id']}.md").is_file()
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", "--output-format", "json", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    for item in json.loads(proc.stdout):
        assert item["url"].endswith(f"/docs/rules/{item['code']}.md")


def test_license_matches_pyproject() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT"' in pyproject
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
