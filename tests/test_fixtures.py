"""Every rule's fixtures: the intent a human marked, the exact output, and the fixes.

Layout: ``fixtures/rules/<CODE>-<name>/{bad,good}*.{md,txt}``. Three checks per document:

- Intent (written by a human): a line ending in ``<!-- expect: PM301 -->`` must get that
  code and every finding of the folder's code must be on such a line; a ``good*`` document
  gets none. Markers are stripped before linting. A document may start with
  ``<!-- settings: {"profile": "google"} -->`` (JSON) to lint with settings.
- Snapshot (generated, reviewed in the diff): ``<doc>.snap`` beside each bad document holds
  the findings of the folder's code (line:column, message, fix) and, when a finding has a
  fix, the diff that ``--fix`` and ``--unsafe-fixes`` make. Refresh every snapshot with
  ``pytest tests/test_fixtures.py --snapshot-update`` and review ``git diff fixtures/``.
- Fixes: the fixed text is linted again; it must not hold a finding that a fix claimed to
  remove, nor any finding (of any rule) that the original did not have.

Only the folder's own code is compared, so fixtures stay focused.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, make_linter, strip_markers
from pmlint.engine import Linter
from pmlint.findings import Finding
from pmlint.fix import fix_source, is_applicable, unified_diff
from pmlint.registry import default_registry
from pmlint.source import Source, decode

SETTINGS = re.compile(r"\A<!--\s*settings:\s*(\{.*?\})\s*-->\n", re.DOTALL)
RULES = FIXTURES / "rules"
SUFFIX = ".snap"
UPDATE = "pytest tests/test_fixtures.py --snapshot-update"
CASES = sorted(p for p in RULES.glob("*/*") if p.suffix in (".md", ".txt"))
BAD = [p for p in CASES if not p.name.startswith("good")]


@dataclass
class Case:
    """One fixture document: its folder's code, its text without markers, its settings."""

    path: Path
    code: str
    text: str
    expected: set[tuple[str, int]]
    settings: dict[str, object] = field(default_factory=dict)

    @property
    def good(self) -> bool:
        """Whether the document must get no finding of its folder's code."""
        return self.path.name.startswith("good")

    @property
    def snapshot(self) -> Path:
        """Where this document's snapshot lives."""
        return self.path.with_name(self.path.name + SUFFIX)

    @functools.cached_property
    def linter(self) -> Linter:
        """A linter with the document's settings and its folder's rule selected."""
        return make_linter(**self.settings)

    def lint_source(self, source: Source) -> list[Finding]:
        """Every finding in ``source`` (all enabled rules, not only the folder's)."""
        return self.linter.lint_source(source)

    def own(self, findings: list[Finding]) -> list[Finding]:
        """The findings of the folder's code."""
        return [f for f in findings if f.code == self.code]

    @functools.cached_property
    def source(self) -> Source:
        """The document as pmlint reads it."""
        return decode(self.text.encode("utf-8"), self.path.name)

    @functools.cached_property
    def findings(self) -> list[Finding]:
        """Every finding in the document."""
        return self.lint_source(self.source)

    def claimed(self, unsafe: bool) -> list[Finding]:
        """The folder's findings whose fix ``--fix`` (``--unsafe-fixes``) applies."""
        return [f for f in self.own(self.findings) if is_applicable(f, unsafe)]

    def fixed(self, unsafe: bool) -> Source:
        """The text after ``--fix`` (or ``--unsafe-fixes``) of the folder's rule only."""
        own = self.own(self.findings)
        outcome = fix_source(
            self.source, lambda s: self.own(self.lint_source(s)), unsafe=unsafe, findings=own
        )
        return outcome.source


@functools.cache
def load_case(path: Path) -> Case:
    """Read a fixture document: settings header, markers, folder code."""
    raw = path.read_text(encoding="utf-8")
    settings: dict[str, object] = {}
    match = SETTINGS.match(raw)
    if match:
        settings = json.loads(match.group(1))
        raw = raw[match.end() :]
    text, expected = strip_markers(raw)
    code = path.parent.name.split("-", 1)[0]
    settings.setdefault("extend-select", [code])
    return Case(path, code, text, {pair for pair in expected if pair[0] == code}, settings)


def render_snapshot(case: Case) -> str:
    """The snapshot text of a document: its findings and, where there are fixes, the fixes."""
    own = case.own(case.findings)
    lines = [
        f"# {case.path.relative_to(ROOT).as_posix()}: generated, do not edit; "
        f"refresh with `{UPDATE}`",
        "",
        "[findings]",
    ]
    for f in own:
        start, end = f.span.start, f.span.end
        lines.append(f"{start.line}:{start.column}-{end.line}:{end.column} {f.code} {f.message}")
        if f.fix is not None:
            lines.append(f"  fix ({f.fix.applicability.value}): {f.fix.title}")
    if not own:
        lines.append("(none)")
    if any(f.fix is not None for f in own):
        safe, unsafe = (
            unified_diff(case.path.name, case.text, case.fixed(mode).text) for mode in (False, True)
        )
        lines += ["", "[--fix]", safe.rstrip("\n") if safe else "(no change)"]
        lines += [
            "",
            "[--unsafe-fixes]",
            "(same as --fix)" if unsafe == safe else unsafe.rstrip("\n"),
        ]
    return "\n".join(lines) + "\n"


def _case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("path", CASES, ids=_case_id)
def test_marked_findings(path: Path) -> None:
    """The human-written intent: exactly the marked lines get the folder's code."""
    case = load_case(path)
    got = {(f.code, f.span.start.line) for f in case.own(case.findings)}
    if case.good:
        assert got == set(), f"good fixture got findings: {sorted(got)}"
    else:
        assert case.expected, "a bad fixture must mark at least one expected finding"
        assert got == case.expected


@pytest.mark.parametrize("path", BAD, ids=_case_id)
def test_snapshot(path: Path, snapshot_update: bool) -> None:
    """The exact output (positions, messages, fixes) matches the reviewed snapshot."""
    case = load_case(path)
    actual = render_snapshot(case)
    stored = case.snapshot.read_text(encoding="utf-8") if case.snapshot.exists() else None
    if snapshot_update:
        if stored != actual:
            case.snapshot.write_text(actual, encoding="utf-8")
        return
    shown = case.snapshot.relative_to(ROOT).as_posix()
    assert stored is not None, f"{shown} is missing; create it with: {UPDATE}"
    if stored != actual:
        diff = "".join(
            difflib.unified_diff(
                stored.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{shown} (stored)",
                tofile=f"{shown} (now)",
            )
        )
        pytest.fail(f"{shown} is stale; review the diff and refresh it with: {UPDATE}\n{diff}")


def test_no_orphan_snapshots(snapshot_update: bool) -> None:
    """Every snapshot belongs to a bad document (good ones need none: they expect nothing)."""
    wanted = {load_case(p).snapshot for p in BAD}
    orphans = sorted(p for p in RULES.glob(f"*/*{SUFFIX}") if p not in wanted)
    if snapshot_update:
        for orphan in orphans:
            orphan.unlink()
        return
    shown = [p.relative_to(ROOT).as_posix() for p in orphans]
    assert shown == [], f"snapshots without a bad document: {shown}; remove them with: {UPDATE}"


FIXABLE = [
    pytest.param(p, unsafe, id=f"{_case_id(p)}-{'unsafe-fixes' if unsafe else 'fix'}")
    for p in BAD
    for unsafe in (False, True)
    if load_case(p).claimed(unsafe)
]


@pytest.mark.parametrize(("path", "unsafe"), FIXABLE)
def test_fixed_text_relints_clean(path: Path, unsafe: bool) -> None:
    """Linting the fixed text finds no claimed-fixed finding again and nothing new.

    Findings are counted per code: a message may name a line that the fix moved.
    """
    case = load_case(path)
    claimed = Counter(f.code for f in case.claimed(unsafe))
    fixed = case.fixed(unsafe)
    assert fixed.text != case.text, "the fixes claimed to apply but changed nothing"
    after = case.lint_source(fixed)
    allowed = Counter(f.code for f in case.findings) - claimed
    extra = Counter(f.code for f in after) - allowed
    shown = [f"{f.span.start.line}: {f.code} {f.message}" for f in after if f.code in extra]
    assert not extra, f"after the fix, pmlint still or newly reports: {shown}"


def test_every_rule_has_bad_and_good_fixtures() -> None:
    folders = {p.name.split("-", 1)[0]: p for p in RULES.iterdir() if p.is_dir()}
    missing = []
    for rule in default_registry():
        if rule.code == "PM000":
            continue
        folder = folders.get(rule.code)
        names = [p.name for p in folder.iterdir()] if folder else []
        if not any(n.startswith("bad") for n in names) or not any(
            n.startswith("good") for n in names
        ):
            missing.append(rule.code)
    assert missing == [], f"rules without a bad and a good fixture: {missing}"


def test_folder_names_match_rule_names() -> None:
    registry = default_registry()
    for folder in RULES.iterdir():
        code, _, name = folder.name.partition("-")
        rule = registry.get(code)
        assert rule is not None, f"{folder.name}: no rule {code}"
        assert rule.name == name, f"{folder.name}: rule {code} is named {rule.name}"
