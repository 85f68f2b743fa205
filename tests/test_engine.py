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
    findings = linter.lint_source(decode(b"# T\n", "t.md"))
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
    findings = linter.lint_source(decode(b"", "e.md"))
    assert {f.severity for f in findings if f.code == "PM101"} == {Severity.WARNING}


class Loud(Rule):
    """## What it does
    Reports every finding at a severity of its own choosing (a test double).

    ## Why is this bad?
    Severity belongs to the rule, so the engine must override it.

    ## Example
    Any document.
    """

    code = "PM996"
    name = "loud"
    summary = "Picks its own severity"
    severity = Severity.WARNING

    def check(self, doc, ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        yield self.finding(doc, 0, 1, "loud", severity=Severity.INFO)


class Counting(Rule):
    """## What it does
    Reviews the run: reports how many findings the other rules made (a test double).

    ## Why is this bad?
    It is a test double.

    ## Example
    Any document.
    """

    code = "PM995"
    name = "counting"
    summary = "Counts the others"
    severity = Severity.INFO

    def check(self, doc, ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        raise AssertionError("a reviewing rule is not run as a check")

    def review(self, doc, ctx, outcome) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
        codes = sorted({f.code for f in outcome.kept})
        yield self.finding(doc, 0, 0, f"{len(outcome.kept)} findings: {', '.join(codes)}")


def test_every_finding_gets_its_rules_effective_severity() -> None:
    registry = Registry([*builtin_rules(), Loud])
    source = decode(b"# T\n", "t.md")
    default = Linter(Settings.model_validate({"select": ["PM996"]}), registry).lint_source(source)
    assert [f.severity for f in default if f.code == "PM996"] == [Severity.WARNING]
    raised = Linter(
        Settings.model_validate({"select": ["PM996"], "severity": {"loud": "error"}}), registry
    ).lint_source(source)
    assert [f.severity for f in raised if f.code == "PM996"] == [Severity.ERROR]


def test_rules_that_review_the_run_see_its_outcome() -> None:
    registry = Registry([*builtin_rules(), Counting])
    source = decode(b"# T\n\n<!-- pmlint-disable-next-line PM101 -->\n", "t.md")
    linter = Linter(Settings.model_validate({"select": ["PM101", "PM995", "PM001"]}), registry)
    findings = linter.lint_source(source)
    [review] = [f for f in findings if f.code == "PM995"]
    missing = [f for f in findings if f.code == "PM101"]
    assert missing and review.message == f"{len(missing)} findings: PM101"
    assert [f.code for f in findings if f.code == "PM001"] == ["PM001"]  # reviewed too
