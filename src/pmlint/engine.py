"""Run the enabled rules over one document; isolate crashes; order the findings."""

from __future__ import annotations

import dataclasses
import traceback
from dataclasses import dataclass, field

from pmlint.document.document import Document
from pmlint.document.sections import default_registry as default_sections
from pmlint.findings import Finding, Severity
from pmlint.registry import Registry
from pmlint.rule import Context, Rule
from pmlint.settings import Settings, enabled_codes, rule_options, severity_for
from pmlint.source import Source


@dataclass
class FileResult:
    """The outcome for one file: its findings, or the error that stopped it."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    source: Source | None = None


@dataclass
class Linter:
    """Settings resolved against a registry: the rules to run and their options."""

    settings: Settings
    registry: Registry

    def __post_init__(self) -> None:
        profile = self.settings.load_profile()
        self.codes = enabled_codes(self.settings, self.registry, profile)
        self.rules: list[tuple[Rule, Context, Severity]] = []
        shared = self.settings.model_dump(by_alias=True)
        for code in sorted(self.codes):
            rule_cls = self.registry.get(code)
            assert rule_cls is not None
            context = Context(
                required_sections=tuple(profile.required_sections),
                options=rule_options(rule_cls, self.settings, profile),
                settings=shared,
            )
            self.rules.append((rule_cls(), context, severity_for(rule_cls, self.settings)))
        sections = default_sections()
        self.sections = sections.with_aliases(self.settings.sections) if self.settings.sections \
            else sections

    def lint(self, source: Source) -> list[Finding]:
        """All findings of the enabled rules in ``source``, sorted."""
        doc = Document(source, self.sections, self.settings.model_dump(by_alias=True))
        findings: list[Finding] = []
        for rule, context, severity in self.rules:
            try:
                produced = list(rule.check(doc, context))
            except Exception as exc:  # a broken rule must not stop the others
                findings.append(crash_finding(rule, exc, doc))
                continue
            for finding in produced:
                if finding.severity != severity and finding.severity == rule.severity:
                    finding = dataclasses.replace(finding, severity=severity)
                findings.append(finding)
        return sorted(set(findings), key=Finding.sort_key)


def crash_finding(rule: Rule, exc: Exception, doc: Document) -> Finding:
    """PM000: a rule raised; say which rule and where in its code."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}" if frame else ""
    return Finding(
        code="PM000",
        name="rule-crashed",
        message=(
            f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}{where}; "
            "the other rules still ran. Please report this."
        ),
        severity=Severity.ERROR,
        span=doc.source.span(0, 0),
        path=doc.path,
    )
