"""Run the enabled rules over one document; isolate crashes; order the findings."""

from __future__ import annotations

import dataclasses
import traceback
from dataclasses import dataclass, field

from pmlint import suppression
from pmlint.document.document import Document
from pmlint.document.sections import default_registry as default_sections
from pmlint.findings import Finding, Severity
from pmlint.globs import absolute_posix, matches
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
    """Settings resolved against a registry: the rules to run and their options.

    ``root`` is the directory ``per-file-ignores`` globs are relative to (the config
    file's; default: the working directory). ``inline_config=False`` ignores
    ``pmlint-disable`` comments.
    """

    settings: Settings
    registry: Registry
    root: str | None = None
    inline_config: bool = True

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
        self.sections = (
            sections.with_aliases(self.settings.sections) if self.settings.sections else sections
        )
        self.root = self.root or absolute_posix(".")
        self.per_file_ignores = [
            (glob, frozenset().union(*(self.registry.resolve(s) for s in selectors)))
            for glob, selectors in self.settings.per_file_ignores.items()
        ]
        self.meta = {rule.code: (rule, severity) for rule, _, severity in self.rules}

    def ignored_for(self, path: str) -> frozenset[str]:
        """Codes that ``per-file-ignores`` turns off for a file (by its shown path)."""
        full = absolute_posix(path)
        ignored: frozenset[str] = frozenset()
        for glob, codes in self.per_file_ignores:
            if matches([glob], self.root or "", full):
                ignored |= codes
        return ignored

    def lint(self, source: Source) -> list[Finding]:
        """All findings of the enabled rules in ``source``, suppressions applied, sorted."""
        doc = Document(source, self.sections, self.settings.model_dump(by_alias=True))
        ignored = self.ignored_for(source.path) if self.per_file_ignores else frozenset()
        findings: list[Finding] = []
        for rule, context, severity in self.rules:
            if rule.code in ignored:
                continue
            try:
                produced = list(rule.check(doc, context))
            except Exception as exc:  # a broken rule must not stop the others
                findings.append(crash_finding(rule, exc, doc))
                continue
            for finding in produced:
                if finding.severity != severity and finding.severity == rule.severity:
                    finding = dataclasses.replace(finding, severity=severity)
                findings.append(finding)
        if self.inline_config:
            findings = self.suppress(doc, findings, self.codes - ignored)
        return sorted(set(findings), key=Finding.sort_key)

    def suppress(self, doc: Document, findings: list[Finding], enabled: set[str]) -> list[Finding]:
        """Apply ``pmlint-disable`` comments; add PM002 (unknown) and PM001 (unused)."""
        if "pmlint-" not in doc.text:
            return findings
        directives = suppression.parse_directives(doc.source, doc.code_lines)
        if not directives:
            return findings
        unknown = suppression.resolve_tokens(directives, self.registry)
        if "PM002" in enabled:
            rule, severity = self.meta["PM002"]
            findings = findings + [
                dataclasses.replace(
                    rule.report(doc, d, t, self.registry.suggest(t.text)),  # type: ignore[attr-defined]
                    severity=severity,
                )
                for d, t in unknown
            ]
        outcome = suppression.apply(
            findings, directives, enabled - {"PM001"}, doc.source.position(len(doc.text)).line
        )
        if "PM001" not in enabled or not outcome.unused:
            return outcome.kept
        rule, severity = self.meta["PM001"]
        unused = [
            dataclasses.replace(rule.report(doc, d, t), severity=severity)  # type: ignore[attr-defined]
            for d, t in outcome.unused
        ]
        last = doc.source.position(len(doc.text)).line
        return outcome.kept + suppression.apply(unused, directives, set(), last).kept


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
