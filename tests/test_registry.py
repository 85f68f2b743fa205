"""Every registered rule carries its metadata and documentation."""

from __future__ import annotations

import re

import pytest

from pmlint.registry import UnknownSelector, default_registry
from pmlint.rule import Rule

RULES = list(default_registry())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule: type[Rule]) -> None:
    assert re.fullmatch(r"[A-Z]+\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary and not rule.summary.endswith(".")
    doc = rule.documentation()
    for heading in ("## What it does", "## Why is this bad?", "## Example"):
        assert heading in doc, f"{rule.code} docstring lacks {heading!r}"


def test_selectors() -> None:
    registry = default_registry()
    assert registry.resolve("PM101") == {"PM101"}
    assert registry.resolve("duplicated-content") == {"PM401"}
    assert {"PM101", "PM102", "PM103", "PM104"} <= registry.resolve("PM1")
    assert "PM401" in registry.resolve("content")
    assert registry.resolve("ALL") == {r.code for r in registry}
    with pytest.raises(UnknownSelector, match="did you mean"):
        registry.resolve("PM1O1")


def test_catalog_codes_and_names_match() -> None:
    catalog = {
        "PM000": "rule-crashed",
        "PM101": "missing-required-section",
        "PM102": "empty-section",
        "PM103": "duplicate-section",
        "PM104": "length-out-of-range",
        "PM401": "duplicated-content",
        "PM402": "template-placeholder",
        "PM403": "impact-not-quantified",
        "PM404": "detection-not-described",
    }
    registry = default_registry()
    for code, name in catalog.items():
        rule = registry.get(code)
        assert rule is not None and rule.name == name


def test_one_selection_function_for_cli_config_and_profiles() -> None:
    """A profile's extend-select takes prefixes and tags, as the CLI and config do."""
    from pmlint.profiles import Profile
    from pmlint.settings import Settings, enabled_codes

    registry = default_registry()
    pm5 = {rule.code for rule in registry if rule.code.startswith("PM5")}
    profile = Profile.from_table(
        {"name": "t", "extend-select": ["PM5", "actions", "PM502", "ACME1"]}
    )
    codes = enabled_codes(Settings(), registry, profile)
    assert pm5 <= codes
    via_config = enabled_codes(Settings(**{"extend-select": ["PM5"]}), registry, Profile(name="t"))
    assert pm5 <= via_config
    assert registry.select(["PM5", "PM502"]) == pm5
    with pytest.raises(UnknownSelector):
        registry.select(["ACME1"])
    assert registry.select(["ACME1"], strict=False) == set()
