"""The built-in rules as data: code, name, severity, on by default, tags and where the
class is defined (a check module, or ``pack:<file>`` for a shipped pack).

The registry selects rules from this table without importing them; a run imports only
the modules of the rules it runs. ``tests/test_rule_table.py`` fails when a rule class
and its row differ, and prints the row to paste.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from pmlint.findings import Severity

if TYPE_CHECKING:
    from pmlint.rule import Rule


class RuleInfo(NamedTuple):
    """What selecting a rule needs, without importing it: its metadata and ``source``
    (the module defining the class, ``pack:<file>`` for a shipped pack rule, or
    ``loaded`` for a class given to the registry, kept in ``rule``)."""

    code: str
    name: str
    severity: Severity
    default_enabled: bool
    tags: tuple[str, ...]
    source: str
    rule: type[Rule] | None = None

    @classmethod
    def of(cls, rule: type[Rule]) -> RuleInfo:
        """The row of a rule class that is already loaded."""
        return cls(
            rule.code,
            rule.name,
            rule.severity,
            rule.default_enabled,
            tuple(rule.tags),
            "loaded",
            rule,
        )


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

BUILTIN_RULES: tuple[RuleInfo, ...] = (
    RuleInfo("PM000", "rule-crashed", E, True, ("meta",), "pmlint.checks.run_review"),
    RuleInfo(
        "PM001", "unused-suppression", W, True, ("meta", "suppression"), "pmlint.checks.run_review"
    ),
    RuleInfo(
        "PM002",
        "unknown-rule-in-suppression",
        W,
        True,
        ("meta", "suppression"),
        "pmlint.checks.run_review",
    ),
    RuleInfo(
        "PM101",
        "missing-required-section",
        E,
        True,
        ("structure", "sections"),
        "pmlint.checks.structure",
    ),
    RuleInfo(
        "PM102", "empty-section", E, True, ("structure", "sections"), "pmlint.checks.structure"
    ),
    RuleInfo(
        "PM103", "duplicate-section", W, True, ("structure", "sections"), "pmlint.checks.structure"
    ),
    RuleInfo(
        "PM104", "length-out-of-range", W, False, ("structure", "length"), "pmlint.checks.structure"
    ),
    RuleInfo(
        "PM105", "bold-pseudo-heading", I, False, ("structure", "style"), "pmlint.checks.headings"
    ),
    RuleInfo(
        "PM201",
        "timeline-entry-without-time",
        W,
        True,
        ("timeline", "time"),
        "pmlint.checks.timeline",
    ),
    RuleInfo(
        "PM202", "timeline-out-of-order", E, True, ("timeline", "time"), "pmlint.checks.timeline"
    ),
    RuleInfo("PM203", "unparseable-time", W, True, ("timeline", "time"), "pmlint.checks.timeline"),
    RuleInfo("PM204", "missing-timezone", W, True, ("timeline", "time"), "pmlint.checks.timeline"),
    RuleInfo(
        "PM205", "inconsistent-timezones", W, True, ("timeline", "time"), "pmlint.checks.timeline"
    ),
    RuleInfo(
        "PM301", "duration-mismatch", E, True, ("consistency", "time"), "pmlint.checks.consistency"
    ),
    RuleInfo(
        "PM302",
        "detection-outside-incident-window",
        E,
        True,
        ("consistency", "time"),
        "pmlint.checks.consistency",
    ),
    RuleInfo(
        "PM303", "end-before-start", E, True, ("consistency", "time"), "pmlint.checks.consistency"
    ),
    RuleInfo(
        "PM304",
        "timeline-contradicts-window",
        W,
        True,
        ("consistency", "time"),
        "pmlint.checks.agreement",
    ),
    RuleInfo("PM305", "invalid-date", W, True, ("consistency", "time"), "pmlint.checks.agreement"),
    RuleInfo(
        "PM306", "metrics-mismatch", W, True, ("consistency", "time"), "pmlint.checks.agreement"
    ),
    RuleInfo("PM401", "duplicated-content", E, True, ("content",), "pmlint.checks.content"),
    RuleInfo(
        "PM402", "template-placeholder", E, True, ("content", "template"), "pmlint.checks.content"
    ),
    RuleInfo(
        "PM403", "impact-not-quantified", W, True, ("content", "impact"), "pmlint.checks.impact"
    ),
    RuleInfo(
        "PM404",
        "detection-not-described",
        I,
        False,
        ("content", "detection"),
        "pmlint.checks.content",
    ),
    RuleInfo("PM501", "no-action-items", E, True, ("actions",), "pmlint.checks.actions"),
    RuleInfo("PM502", "action-item-without-owner", W, False, ("actions",), "pmlint.checks.actions"),
    RuleInfo(
        "PM503", "action-item-without-tracking", W, False, ("actions",), "pmlint.checks.actions"
    ),
    RuleInfo("PM504", "vague-action-item", W, True, ("actions",), "pmlint.checks.actions"),
    RuleInfo(
        "PM601", "blameful-language", W, True, ("language", "blameless"), "pmlint.checks.language"
    ),
    RuleInfo(
        "PM602",
        "human-error-root-cause",
        W,
        True,
        ("language", "blameless"),
        "pmlint.checks.language",
    ),
    RuleInfo(
        "PM603",
        "counterfactual-language",
        I,
        False,
        ("language", "pack", "existence"),
        "pack:language",
    ),
    RuleInfo(
        "PM604", "sensitive-data", W, True, ("language", "security"), "pmlint.checks.language"
    ),
    RuleInfo("PM701", "missing-metadata", W, False, ("metadata",), "pmlint.checks.metadata"),
    RuleInfo("PM702", "invalid-metadata-value", W, False, ("metadata",), "pmlint.checks.metadata"),
)
