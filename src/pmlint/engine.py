"""Run the enabled rules over one document; isolate crashes; order the findings."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from pmlint.document.sections import default_section_registry
from pmlint.findings import Finding, Severity
from pmlint.globs import absolute_posix, matches
from pmlint.registry import Registry
from pmlint.rule import Context, Rule
from pmlint.settings import Settings, enabled_codes, rule_options, severity_for
from pmlint.source import Source

if TYPE_CHECKING:
    from pmlint.suppression import Directive, Token


class FileResult(msgspec.Struct):
    """The outcome for one file: its findings, or the error that stopped it."""

    path: str
    findings: list[Finding] = msgspec.field(default_factory=list)
    error: str | None = None
    source: Source | None = None


class Linter(msgspec.Struct, dict=True):
    """Settings resolved against a registry: the rules to run and their options.

    ``root`` is the directory ``per-file-ignores`` globs are relative to (the config
    file's; default: the working directory). ``inline_config=False`` ignores
    ``pmlint-disable`` comments. What it derives from them (the rules, their contexts) is
    kept in its ``__dict__`` and derived again in a worker that is sent a copy (spawn).
    """

    settings: Settings
    registry: Registry
    root: str | None = None
    inline_config: bool = True

    def __post_init__(self) -> None:
        profile = self.settings.load_profile()
        self.codes = enabled_codes(self.settings, self.registry, profile)
        self.rules: list[tuple[Rule, Context, Severity]] = []
        shared = self.shared_settings = self.settings.model_dump(by_alias=True)
        for code in sorted(self.codes):
            rule_cls = self.registry.get(code)
            assert rule_cls is not None
            context = Context(
                required_sections=tuple(profile.required_sections),
                options=rule_options(rule_cls, self.settings, profile),
                settings=shared,
            )
            self.rules.append((rule_cls(), context, severity_for(rule_cls, self.settings)))
        sections = default_section_registry()
        self.sections = (
            sections.with_aliases(self.settings.sections) if self.settings.sections else sections
        )
        self.root = self.root or absolute_posix(".")
        self.per_file_ignores = [
            (glob, frozenset(self.registry.select(selectors)))
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

    def lint_source(self, source: Source) -> list[Finding]:
        """All findings of the enabled rules in ``source``, suppressions applied, sorted.

        Every finding carries its rule's effective severity (the catalog's, or the
        config's ``[severity]`` override): severity belongs to the rule, not the finding.
        Rules with a ``review`` hook (PM000, PM001, PM002) run after the others and the
        suppressions, on the :class:`RunOutcome`.
        """
        from pmlint.document.document import Document  # not needed to list or select rules

        doc = Document(source, self.sections, self.shared_settings)
        ignored = self.ignored_for(source.path) if self.per_file_ignores else frozenset()
        findings: list[Finding] = []
        crashes: list[tuple[Rule, Exception]] = []
        reviewers: list[tuple[Rule, Context, Severity]] = []
        for rule, context, severity in self.rules:
            if rule.code in ignored:
                continue
            if hasattr(rule, "review"):
                reviewers.append((rule, context, severity))
                continue
            try:
                produced = list(rule.check(doc, context))
            except Exception as exc:  # a broken rule must not stop the others
                crashes.append((rule, exc))
                continue
            findings.extend(_with_severity(f, severity) for f in produced)
        copy = doc.pasted_copy  # a report pasted twice: PM401 reports it, nothing else does
        if copy is not None:
            findings = [
                f
                for f in findings
                if f.code == "PM401" or not copy.contains_line(f.span.start.line)
            ]
        outcome = RunOutcome(findings, crashes, self.registry)
        last_line = doc.source.position(len(doc.text)).line
        reviewing = {rule.code for rule, _, _ in reviewers}
        if self.inline_config and "pmlint-" in doc.text:
            from pmlint import suppression  # only a document with a directive needs it

            outcome.directives = suppression.parse_directives(doc.source, doc.code_lines)
            if outcome.directives:
                outcome.unknown = suppression.resolve_tokens(outcome.directives, self.registry)
                enabled = set(self.codes - ignored - reviewing)
                applied = suppression.apply(findings, outcome.directives, enabled, last_line)
                outcome.kept, outcome.unused = applied.kept, applied.unused
        reviewed = [
            _with_severity(f, severity)
            for rule, context, severity in reviewers
            for f in rule.review(doc, context, outcome)  # type: ignore[attr-defined]
        ]
        if outcome.directives:  # a review finding may be suppressed too (never "unused")
            from pmlint import suppression

            reviewed = suppression.apply(reviewed, outcome.directives, set(), last_line).kept
        doc.release()
        return sorted(set(outcome.kept + reviewed), key=Finding.sort_key)


class RunOutcome(msgspec.Struct):
    """What the ordinary rules and the suppressions did on one document.

    Rules that report on the run itself rather than the text implement
    ``review(doc, ctx, outcome) -> Iterable[Finding]`` instead of relying on the engine
    to call them by name: PM000 reads ``crashes``, PM002 ``unknown``, PM001 ``unused``.
    """

    findings: list[Finding]
    crashes: list[tuple[Rule, Exception]]
    registry: Registry
    directives: list[Directive] = msgspec.field(default_factory=list)
    unknown: list[tuple[Directive, Token]] = msgspec.field(default_factory=list)
    unused: list[tuple[Directive, Token | None]] = msgspec.field(default_factory=list)
    kept: list[Finding] = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.kept:
            self.kept = list(self.findings)


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    """The finding with its rule's effective severity."""
    return (
        finding
        if finding.severity == severity
        else msgspec.structs.replace(finding, severity=severity)
    )
