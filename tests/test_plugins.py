"""Third-party plugins: entry points, validation, broken plugins, and a real install."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from pmlint import registry as registry_module
from pmlint.plugins import PACKS_GROUP, RULES_GROUP, PluginError, load_plugins

PLUGIN = ROOT / "examples" / "pmlint-example-plugin"

GOOD_RULE = '''
from pmlint.findings import Severity
from pmlint.rule import Rule


class Shout(Rule):
    """## What it does
    Finds SHOUTING.

    ## Why is this bad?
    It is loud.

    ## Example
    STOP.
    """

    code = "{code}"
    name = "shout"
    summary = "Shouting"
    severity = Severity.INFO

    def check(self, doc, ctx):
        return []
'''


@pytest.fixture
def fake_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install modules in tmp_path and expose them as entry points."""
    monkeypatch.syspath_prepend(str(tmp_path))
    entries: list[importlib.metadata.EntryPoint] = []

    def add(
        group: str,
        name: str,
        module: str,
        source: str | None = None,
        files: dict[str, str] | None = None,
    ) -> None:
        package = tmp_path / module
        package.mkdir()
        (package / "__init__.py").write_text(textwrap.dedent(source or ""), encoding="utf-8")
        for filename, text in (files or {}).items():
            (package / filename).write_text(text, encoding="utf-8")
        entries.append(importlib.metadata.EntryPoint(name, module, group))

    def entry_points(group: str) -> list[importlib.metadata.EntryPoint]:
        return [e for e in entries if e.group == group]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    return add


def test_rule_plugin_loads(fake_plugins) -> None:
    fake_plugins(RULES_GROUP, "ACME", "acme_rules", GOOD_RULE.format(code="ACME001"))
    loaded = load_plugins()
    assert [r.code for r in loaded.rules] == ["ACME001"]
    assert loaded.rules[0].origin == "acme_rules"
    assert loaded.problems == []


@pytest.mark.parametrize(
    ("name", "code", "problem"),
    [
        ("ACME", "XYZ001", "it must be ACME followed by three digits"),
        ("PM", "PM999", "reserved for pmlint"),
        ("acme", "acme001", "must be 2 to 6 capital letters"),
    ],
)
def test_rule_plugin_prefix_is_validated(fake_plugins, name: str, code: str, problem: str) -> None:
    fake_plugins(RULES_GROUP, name, "bad_prefix", GOOD_RULE.format(code=code))
    loaded = load_plugins()
    assert loaded.rules == []
    assert len(loaded.problems) == 1 and problem in loaded.problems[0]


def test_broken_plugin_is_reported_and_skipped(fake_plugins) -> None:
    fake_plugins(RULES_GROUP, "BRK", "broken_rules", "raise RuntimeError('boom')")
    fake_plugins(RULES_GROUP, "ACME", "acme_ok", GOOD_RULE.format(code="ACME001"))
    loaded = load_plugins()
    assert [r.code for r in loaded.rules] == ["ACME001"]
    assert loaded.problems == [
        "plugin BRK (pmlint.rules = broken_rules) skipped: RuntimeError: boom"
    ]


def test_required_plugin_failure_raises(fake_plugins) -> None:
    fake_plugins(RULES_GROUP, "BRK", "broken_required", "raise RuntimeError('boom')")
    with pytest.raises(PluginError, match="plugin BRK"):
        load_plugins(required=["BRK"])


def test_pack_plugin_loads_and_validates_prefix(fake_plugins) -> None:
    pack = (PLUGIN / "src/pmlint_example_plugin/packs/house-style.toml").read_text("utf-8")
    fake_plugins(PACKS_GROUP, "EXB", "exb_pack", files={"style.toml": pack})
    fake_plugins(PACKS_GROUP, "OTHER", "other_pack", files={"style.toml": pack})
    loaded = load_plugins()
    assert [r.code for r in loaded.rules] == ["EXB101", "EXB102", "EXB103", "EXB104", "EXB105"]
    assert len(loaded.problems) == 1
    assert "plugin OTHER" in loaded.problems[0] and "must be OTHER followed" in loaded.problems[0]


def test_clashing_plugin_code_is_skipped(fake_plugins, monkeypatch) -> None:
    fake_plugins(RULES_GROUP, "ACME", "acme_one", GOOD_RULE.format(code="ACME001"))
    fake_plugins(RULES_GROUP, "ACME", "acme_two", GOOD_RULE.format(code="ACME001"))
    registry_module._all_rules.cache_clear()
    monkeypatch.setattr(registry_module, "_all_rules", registry_module._all_rules.__wrapped__)
    registry = registry_module.default_registry()
    assert registry.get("ACME001") is not None
    assert any("ACME001" in p and "registered twice" in p for p in registry.problems)


@pytest.mark.slow
def test_example_plugin_installs_and_runs(tmp_path: Path) -> None:
    """pip-install the example plugin into a target folder on the path, then use the CLI.

    A target folder (not the shared venv) keeps other test runs from seeing the plugin.
    """
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), *sys.path])}
    doc = tmp_path / "pm.md"
    doc.write_text(
        "# Outage\n\n## Summary\n\nAbout 300 end users saw errors.\n\n"
        "## Root cause\n\nThe cache was probably full.\n",
        encoding="utf-8",
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pmlint", *args],
            env=env,
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )

    shown = run("rule", "EXA101")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("# EXA101 missing-status-page-link")
    pack_rule = run("rule", "EXB101")
    assert pack_rule.returncode == 0 and "## Why is this bad?" in pack_rule.stdout
    checked = run("check", "--select", "EXA,EXB", "--output-format", "concise", str(doc))
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    codes = sorted(
        line.split(": ")[1].split()[0] for line in checked.stdout.splitlines() if ": EX" in line
    )
    assert codes == ["EXA101", "EXB101", "EXB102", "EXB104", "EXB105"]
