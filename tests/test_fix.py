"""``--fix``, ``--unsafe-fixes`` and ``--diff``: edits, the re-lint loop, atomic writes that
keep line endings and the BOM, and convergence."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import ROOT, SHARED
from pmlint import cli
from pmlint.findings import Applicability, Edit, Finding, Fix, Severity
from pmlint.fix import apply_fixes_to_text
from pmlint.registry import Registry, builtin_rules
from pmlint.rule import Rule
from pmlint.source import decode

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
BOLD = GOOD.replace("## Summary", "**Summary**").replace("## Root Cause", "**Root Cause:**")
DUP = "The pool was set to 5 connections instead of 50 by a config push."
PM105 = ["--extend-select", "PM105"]


def invoke(args: list[str]) -> Any:
    return CliRunner().invoke(cli.main, args)


def test_fix_turns_bold_pseudo_headings_into_headings(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BOLD, encoding="utf-8")
    result = invoke([*PM105, str(path)])
    assert result.exit_code == 0
    assert "; 2 fixable with --fix." in result.stdout
    result = invoke([*PM105, "--fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == GOOD
    assert "Found 2 problems (2 fixed, 0 remaining)." in result.stdout
    again = invoke([*PM105, "--fix", str(path)])
    assert again.stdout.strip() == "All checks passed!"


def test_diff_previews_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BOLD, encoding="utf-8")
    result = invoke([*PM105, "--diff", str(path)])
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == BOLD
    shown = cli.display_path(str(path))
    assert f"--- a/{shown}\n+++ b/{shown}\n" in result.stdout
    assert "-**Summary**\n+## Summary\n" in result.stdout
    assert "-**Root Cause:**\n+## Root Cause\n" in result.stdout
    assert result.stderr == "Would apply 2 fixes.\n"
    clean = tmp_path / "clean.md"
    clean.write_text(GOOD, encoding="utf-8")
    result = invoke([*PM105, "--diff", str(clean)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_unsafe_fix_needs_unsafe_fixes(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    text = GOOD.replace("## Impact", f"{DUP}\n\n{DUP}\n\n## Impact", 1)
    path.write_text(text, encoding="utf-8")
    result = invoke(["--fix", str(path)])
    assert path.read_text(encoding="utf-8") == text
    assert "PM401" in result.stdout and "; 1 fixable with --unsafe-fixes." in result.stdout
    result = invoke(["--fix", "--unsafe-fixes", str(path)])
    assert result.exit_code == 0
    # PM401's fix deletes the repeated paragraph's lines; the blank lines around it stay.
    fixed = GOOD.replace("## Impact", f"{DUP}\n\n\n## Impact", 1)
    assert path.read_text(encoding="utf-8") == fixed


def test_line_endings_bom_and_mode_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    data = codecs.BOM_UTF8 + BOLD.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    os.chmod(path, 0o640)
    result = invoke([*PM105, "--fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == codecs.BOM_UTF8 + GOOD.replace("\n", "\r\n").encode("utf-8")
    assert os.stat(path).st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]  # no temp file left behind


def test_fix_writes_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text(BOLD, encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert invoke([*PM105, "--fix", "--fix-symlinks", str(link)]).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == GOOD


def test_fix_from_stdin_prints_the_fixed_text() -> None:
    result = CliRunner().invoke(
        cli.main, [*PM105, "--fix", "-", "--stdin-filename", "pm.md"], input=BOLD
    )
    assert result.exit_code == 0
    assert result.stdout == GOOD


def test_overlapping_edits_wait_for_the_next_pass() -> None:
    source = decode(b"abcdef", "x.md")
    first = Fix("a", (Edit(0, 3, "X"),), Applicability.SAFE)
    clash = Fix("b", (Edit(2, 4, "Y"),), Applicability.SAFE)
    later = Fix("c", (Edit(4, 6, "Z"),), Applicability.SAFE)
    assert apply_fixes_to_text(source, [clash, later, first]) == ("XdZ", 2)
    insert_a = Fix("d", (Edit(3, 3, "1"),), Applicability.SAFE)
    insert_b = Fix("e", (Edit(3, 3, "2"),), Applicability.SAFE)
    assert apply_fixes_to_text(source, [insert_a, insert_b]) == ("abc1def", 1)


def test_new_text_uses_the_files_line_ending() -> None:
    source = decode(b"a\r\nb\r\n", "x.md")
    fix = Fix("add", (Edit(3, 3, "x\ny\n"),), Applicability.SAFE)
    assert apply_fixes_to_text(source, [fix]) == ("a\r\nx\r\ny\r\nb\r\n", 1)


class Growing(Rule):
    """## What it does
    Always finds a problem whose fix creates the next one (a test double).

    ## Why is this bad?
    It never settles.

    ## Example
    Any document.
    """

    code = "PM998"
    name = "growing"
    summary = "Never settles"
    severity = Severity.WARNING

    def check(self, doc: Any, ctx: Any) -> Iterator[Finding]:
        fix = Fix("grow", (Edit(0, 0, "x"),), Applicability.SAFE)
        yield self.finding(doc, 0, 0, "grow", fix=fix)


class Idle(Growing):
    """## What it does
    A fix that changes nothing (a test double).

    ## Why is this bad?
    It never settles.

    ## Example
    Any document.
    """

    code = "PM997"
    name = "idle"

    def check(self, doc: Any, ctx: Any) -> Iterator[Finding]:
        fix = Fix("idle", (Edit(0, 1, doc.text[:1]),), Applicability.SAFE)
        yield self.finding(doc, 0, 1, "idle", fix=fix)


def test_fixes_that_never_settle_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        cli, "default_registry", lambda: Registry([*builtin_rules(), Growing, Idle])
    )
    path = tmp_path / "pm.md"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke(["--select", "PM998", "--fix", str(path)])
    assert result.exit_code == 2
    assert "failed to converge after 11 passes (still fixable: PM998)" in result.stderr
    assert path.read_text(encoding="utf-8") == GOOD  # nothing written


def test_fix_that_changes_nothing_is_a_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        cli, "default_registry", lambda: Registry([*builtin_rules(), Growing, Idle])
    )
    path = tmp_path / "pm.md"
    path.write_text(GOOD, encoding="utf-8")
    result = invoke(["--select", "PM997", "--fix", "--output-format", "json", str(path)])
    assert result.exit_code == 0, result.stderr
    [item] = json.loads(result.stdout)
    assert item["fix"]["applicability"] == "suggestion"
    assert "not applied: it changes nothing" in item["fix"]["message"]
    assert path.read_text(encoding="utf-8") == GOOD


def test_fix_as_subprocess(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BOLD, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", *PM105, "--fix", "pm.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "Found 2 problems (2 fixed, 0 remaining).\n"
    assert path.read_text(encoding="utf-8") == GOOD


CORPUS = SHARED / "corpus"


def _counts(directory: Path) -> dict[str, int]:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmlint",
            "--isolated",
            "--force-include",
            "--exit-zero",
            "--output-format",
            "json",
            str(directory),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    counts: dict[str, int] = {}
    for item in json.loads(proc.stdout):
        counts[item["filename"]] = counts.get(item["filename"], 0) + 1
    return counts


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"needs the shared corpus at {CORPUS}")
def test_unsafe_fixes_never_add_findings_and_settle_on_every_corpus_document(
    tmp_path: Path,
) -> None:
    """Copies of the seeds and the real corpus: --fix --unsafe-fixes never raises a file's
    number of findings, and a second run changes no byte."""
    docs = tmp_path / "docs"
    docs.mkdir()
    sources = sorted((CORPUS / "seeds").glob("seed-*")) + sorted(
        p for p in (CORPUS / "real").iterdir() if p.suffix in (".md", ".txt")
    )
    for path in sources:
        (docs / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    before = _counts(docs)
    fix = [
        sys.executable,
        "-m",
        "pmlint",
        "--isolated",
        "--force-include",
        "--exit-zero",
        "--fix",
        "--unsafe-fixes",
        "--quiet",
        str(docs),
    ]
    first = subprocess.run(fix, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    after = _counts(docs)
    grown = {name: (before.get(name, 0), n) for name, n in after.items() if n > before.get(name, 0)}
    assert not grown, f"fixes added findings (before, after): {grown}"
    snapshot = {p.name: p.read_bytes() for p in docs.iterdir()}
    second = subprocess.run(fix, capture_output=True, text=True, check=False)
    assert second.returncode == 0, second.stderr
    assert {p.name: p.read_bytes() for p in docs.iterdir()} == snapshot


class Harmful(Growing):
    """## What it does
    Offers a fix that leaves a template placeholder behind (a test double).

    ## Why is this bad?
    Its fix would make the report worse.

    ## Example
    Any document.
    """

    code = "PM994"
    name = "harmful"

    def check(self, doc: Any, ctx: Any) -> Iterator[Finding]:
        end = doc.text.index("\n")
        if "[TBD]" in doc.text[:end]:
            return
        fix = Fix("retitle", (Edit(end, end, " [TBD]"),), Applicability.SAFE)
        yield self.finding(doc, 0, end, "retitle", fix=fix)


def test_a_fix_that_adds_a_finding_is_shown_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "default_registry", lambda: Registry([*builtin_rules(), Harmful]))
    path = tmp_path / "pm.md"
    path.write_text(GOOD, encoding="utf-8")
    plain = invoke(["--extend-select", "PM994", "--output-format", "json", str(path)])
    assert "PM402" not in plain.stdout  # the placeholder only appears if the fix is applied
    result = invoke(["--extend-select", "PM994", "--fix", "--output-format", "full", str(path)])
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == GOOD
    assert "retitle (not applied: it would add PM402; check it by hand) (suggestion fix)" in (
        result.stdout
    )
