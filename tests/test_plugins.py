"""Third-party plugins: entry points, validation, broken plugins, and a real install."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pmlint import registry as registry_module
from pmlint.cli import main
from pmlint.plugins import PACKS_GROUP, RULES_GROUP, PluginError, activate, load_plugins

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
    monkeypatch.setattr("pmlint.plugins._ACTIVE", {})
    return add


def test_rule_plugin_loads(fake_plugins) -> None:
    fake_plugins(RULES_GROUP, "ACME", "acme_rules", GOOD_RULE.format(code="ACME001"))
    loaded = load_plugins(["ACME"])
    assert [r.code for r in loaded] == ["ACME001"]
    assert loaded[0].origin == "acme_rules"


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
    with pytest.raises(PluginError, match=problem):
        load_plugins([name])


def test_a_broken_plugin_is_one_error_naming_it(fake_plugins) -> None:
    fake_plugins(RULES_GROUP, "BRK", "broken_rules", "raise RuntimeError('boom')")
    fake_plugins(RULES_GROUP, "ACME", "acme_ok", GOOD_RULE.format(code="ACME001"))
    assert [r.code for r in load_plugins(["ACME"])] == ["ACME001"]  # BRK is not imported
    with pytest.raises(PluginError) as raised:
        load_plugins(["BRK", "ACME"])
    assert str(raised.value) == (
        "plugin BRK (pmlint.rules = broken_rules) cannot be loaded: RuntimeError: boom"
    )


def test_pack_plugin_loads_and_validates_prefix(fake_plugins) -> None:
    pack = (PLUGIN / "src/pmlint_example_plugin/packs/house-style.toml").read_text("utf-8")
    fake_plugins(PACKS_GROUP, "EXB", "exb_pack", files={"style.toml": pack})
    fake_plugins(PACKS_GROUP, "OTHER", "other_pack", files={"style.toml": pack})
    loaded = load_plugins(["EXB"])
    assert [r.code for r in loaded] == ["EXB101", "EXB102", "EXB103", "EXB104", "EXB105"]
    with pytest.raises(PluginError, match=r"plugin OTHER .* must be OTHER followed"):
        load_plugins(["OTHER"])


def test_clashing_plugin_code_is_an_error(fake_plugins) -> None:
    fake_plugins(RULES_GROUP, "ACME", "acme_one", GOOD_RULE.format(code="ACME001"))
    fake_plugins(RULES_GROUP, "ACME", "acme_two", GOOD_RULE.format(code="ACME001"))
    registry = registry_module.default_registry()
    with pytest.raises(PluginError, match=r"ACME001 clashes.*registered twice"):
        activate(registry, ["ACME"])


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

    assert run("rule", "EXA101").returncode == 2  # not loaded unless asked for
    shown = run("rule", "--plugin", "EXA", "EXA101")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("# EXA101 missing-status-page-link")
    pack_rule = run("rule", "--plugin", "EXB", "EXB101")
    assert pack_rule.returncode == 0 and "## Why is this bad?" in pack_rule.stdout
    checked = run(
        "check",
        "--plugin",
        "EXA,EXB",
        "--select",
        "EXA,EXB",
        "--output-format",
        "concise",
        str(doc),
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    codes = sorted(
        line.split(": ")[1].split()[0] for line in checked.stdout.splitlines() if ": EX" in line
    )
    assert codes == ["EXA101", "EXB101", "EXB102", "EXB104", "EXB105"]


# -- opt-in -------------------------------------------------------------------------------

LOUD_IMPORT = """
import pathlib
pathlib.Path({marker!r}).write_text("imported")
"""


@pytest.fixture
def marked_plugin(fake_plugins, tmp_path: Path) -> Path:
    """A plugin ``ACME`` that leaves a marker file when it is imported."""
    marker = tmp_path / "imported"
    source = LOUD_IMPORT.format(marker=str(marker)) + GOOD_RULE.format(code="ACME001")
    fake_plugins(RULES_GROUP, "ACME", "acme_marked", source)
    return marker


@pytest.mark.parametrize(
    "args",
    [["rules", "--all"], ["rule", "PM101"], ["config", "--schema"], ["check", "--isolated"]],
)
def test_plugins_are_not_imported_unless_asked_for(
    marked_plugin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text("# Outage\n\n## Summary\n\nIt broke.\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*args, *(["pm.md"] if args[0] == "check" else [])])
    assert result.exit_code in (0, 1), result.output
    assert not marked_plugin.exists()
    assert "ACME001" not in result.stdout


def test_a_config_listing_a_plugin_loads_it(
    marked_plugin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".pmlint.toml").write_text('plugins = ["ACME"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--all"])
    assert result.exit_code == 0, result.output
    assert marked_plugin.exists()
    assert "ACME001  shout" in result.stdout


def test_plugin_option_loads_it(marked_plugin: Path) -> None:
    result = CliRunner().invoke(main, ["rule", "--plugin", "ACME", "ACME001"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ACME001 shout")


@pytest.mark.parametrize("where", ["option", "config"])
def test_an_unknown_plugin_is_one_line_and_exit_2(
    fake_plugins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text("# Outage\n", encoding="utf-8")
    args = ["check", "pm.md"]
    if where == "option":
        args += ["--plugin", "NOPE"]
    else:
        (tmp_path / ".pmlint.toml").write_text('plugins = ["NOPE"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "plugin NOPE: no installed package provides it" in result.stderr


def test_pack_rules_of_a_plugin_are_off_until_selected(fake_plugins) -> None:
    pack = (PLUGIN / "src/pmlint_example_plugin/packs/house-style.toml").read_text("utf-8")
    pack = pack.replace("default-enabled = false\n", "")  # the pack says nothing: still off
    fake_plugins(PACKS_GROUP, "EXB", "exb_off", files={"style.toml": pack})
    listed = CliRunner().invoke(main, ["rules", "--all", "--isolated", "--plugin", "EXB"])
    assert listed.exit_code == 0, listed.output
    rows = [line for line in listed.stdout.splitlines() if line.startswith("EXB")]
    assert len(rows) == 5 and all(" off " in row for row in rows)
    # without --all: only the rules that are on
    selected = CliRunner().invoke(main, ["rules", "--isolated", "--plugin", "EXB"])
    assert not [line for line in selected.stdout.splitlines() if line.startswith("EXB")]


BACKTRACKING_PACK = """
[pack]
name = "slow"

[[rules]]
code = "SLOW001"
name = "slow-pattern"
kind = "existence"
scope = "paragraph"
patterns = ["(a|aa)+$"]
summary = "A slow pattern"
description = "Finds a."
why = "Because."
message = "found {match}"
example-bad = "aaa"
example-good = "b"
"""


def test_a_backtracking_pack_pattern_is_refused_on_load(
    fake_plugins, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_plugins(PACKS_GROUP, "SLOW", "slow_pack", files={"slow.toml": BACKTRACKING_PACK})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pm.md").write_text("# Outage\n\n" + "a" * 40 + "b\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--plugin", "SLOW", "pm.md"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "plugin SLOW" in result.stderr and "'(a|aa)+$' can take very long" in result.stderr
