"""The static rule table (what the registry selects from without importing rules) matches
the rule classes, and a run imports only what it needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pmlint.packs import builtin_packs
from pmlint.registry import builtin_rules, default_registry
from pmlint.rule_table import BUILTIN_RULES


def _row(rule: type) -> tuple[object, ...]:
    source = (
        f"pack:{next(p.path.stem for p in builtin_packs() if rule in p.rules)}"
        if rule.__module__.startswith("pmlint.packs.kinds")
        else rule.__module__
    )
    return (rule.code, rule.name, rule.severity, rule.default_enabled, rule.tags, source)


def test_every_rule_class_has_its_exact_row() -> None:
    classes = builtin_rules() + [rule for pack in builtin_packs() for rule in pack.rules]
    expected = {rule.code: _row(rule) for rule in classes}
    actual = {row.code: tuple(row[:6]) for row in BUILTIN_RULES}
    stale = sorted(set(expected.items()) ^ set(actual.items()))
    assert not stale, f"update src/pmlint/rule_table.py; rows that differ: {stale}"


def test_registry_loads_each_rule_from_its_row() -> None:
    registry = default_registry()
    for row in BUILTIN_RULES:
        rule = registry.get(row.code)
        assert rule is not None and (rule.code, rule.name) == (row.code, row.name)
        assert registry.get(row.name) is rule
    assert [rule.code for rule in registry] == sorted(row.code for row in BUILTIN_RULES)


def _imported_after(code: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(proc.stdout.split())


def test_selecting_rules_imports_no_rule_module() -> None:
    modules = _imported_after(
        "from pmlint.registry import default_registry\n"
        "r = default_registry()\n"
        "assert r.select(['PM1', 'time', 'ALL'])"
    )
    assert not {m for m in modules if m.startswith("pmlint.checks")}


def test_a_run_without_config_imports_no_pydantic_nor_pathspec(tmp_path: Path) -> None:
    """Pydantic validates config files and rule options: a run with neither skips it."""
    doc = tmp_path / "postmortem.md"
    doc.write_text("# Outage\n\n## Summary\n\nThe API was down.\n", encoding="utf-8")
    modules = _imported_after(
        "from click.testing import CliRunner\n"
        "from pmlint.cli import main\n"
        f"CliRunner().invoke(main, ['check', '--select', 'PM101,PM102', {str(doc)!r}])"
    )
    assert "pmlint.checks.structure" in modules
    assert not {m for m in modules if m.split(".")[0] in ("pydantic", "pathspec")}
    assert "pmlint.checks.language" not in modules  # not selected: not imported
