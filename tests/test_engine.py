"""The engine isolates a crashing rule as PM000 and keeps the others running."""

from __future__ import annotations

from collections.abc import Iterator

from click.testing import CliRunner

from pmlint import cli
from pmlint.engine import Linter
from pmlint.findings import Finding, Severity
from pmlint.registry import Registry, builtin_rules
from pmlint.rule import Rule
from pmlint.settings import Settings
from pmlint.source import decode


class Exploding(Rule):
    """## What it does
    Raises, to test crash isolation.

    ## Why is this bad?
    It is a test double.

    ## Example
    Any document.
    """

    code = "PM999"
    name = "exploding"
    summary = "Raises"
    severity = Severity.WARNING

    def check(self, doc, ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")


def make_registry() -> Registry:
    return Registry([*builtin_rules(), Exploding])


def test_crashing_rule_becomes_pm000_and_others_still_run() -> None:
    linter = Linter(Settings.model_validate({"extend-select": ["PM999"]}), make_registry())
    findings = linter.lint(decode(b"# T\n", "t.md"))
    codes = [f.code for f in findings]
    assert "PM000" in codes and "PM101" in codes
    crash = next(f for f in findings if f.code == "PM000")
    assert "PM999 (exploding) crashed: RuntimeError: boom" in crash.message


def test_crash_exits_2(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cli, "default_registry", make_registry)
    path = tmp_path / "a.md"
    path.write_text("# T\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["--extend-select", "PM999", str(path)])
    assert result.exit_code == 2
    assert "PM000" in result.output


def test_severity_override() -> None:
    settings = Settings.model_validate({"severity": {"PM101": "warning"}})
    linter = Linter(settings, Registry(builtin_rules()))
    findings = linter.lint(decode(b"", "e.md"))
    assert {f.severity for f in findings if f.code == "PM101"} == {Severity.WARNING}
