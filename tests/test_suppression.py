"""Inline suppression comments: every directive, names and codes, reasons, code blocks,
PM001/PM002, and ``--no-inline-config``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT, lint_text
from pmlint.cli import main

GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
DUP = "The pool was set to 5 connections instead of 50 by a config push."


def with_summary(extra: str) -> str:
    """The example report with ``extra`` lines added to its summary."""
    return GOOD.replace("## Impact", f"{extra}\n\n## Impact", 1)


def found(text: str, **settings: object) -> list[tuple[str, int]]:
    return sorted((f.code, f.span.start.line) for f in lint_text(text, **settings))


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = text.split("\n")
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    return hits[occurrence - 1]


def test_baseline_duplicate_is_reported() -> None:
    text = with_summary(f"{DUP}\n\n{DUP}")
    assert found(text) == [("PM401", line_of(text, DUP, 2))]


def test_disable_enable_range_by_code_and_by_name() -> None:
    for key in ("PM401", "duplicated-content", "pm401"):
        text = with_summary(
            f"{DUP}\n\n<!-- pmlint-disable {key} -- pasted twice on purpose -->\n{DUP}\n"
            f"<!-- pmlint-enable {key} -->"
        )
        assert found(text) == [], key


def test_range_ends_at_enable() -> None:
    text = with_summary(
        f"<!-- pmlint-disable PM401 -->\n{DUP}\n<!-- pmlint-enable PM401 -->\n\n{DUP}"
    )
    # PM401 reports the second copy, outside the range, so the range suppressed nothing.
    assert found(text) == [
        ("PM001", line_of(text, "pmlint-disable")),
        ("PM401", line_of(text, DUP, 2)),
    ]


def test_disable_next_line_only_covers_one_line() -> None:
    text = with_summary(f"{DUP}\n\n<!-- pmlint-disable-next-line PM401 -->\n{DUP}")
    assert found(text) == []
    text = with_summary(f"{DUP}\n\n<!-- pmlint-disable-next-line PM401 -->\n\n{DUP}")
    assert ("PM401", line_of(text, DUP, 2)) in found(text)
    assert ("PM001", line_of(text, "disable-next-line")) in found(text)


def test_disable_line_and_disable_file() -> None:
    text = with_summary(f"{DUP}\n\n{DUP} <!-- pmlint-disable-line PM401 -->")
    assert found(text) == []
    missing = GOOD.replace("## Resolution", "## Notes")
    assert {c for c, _ in found(missing)} == {"PM101"}
    text = "<!-- pmlint-disable-file missing-required-section -- draft -->\n" + missing
    assert found(text) == []


def test_disable_without_codes_means_every_rule() -> None:
    text = with_summary(f"{DUP}\n\n<!-- pmlint-disable-next-line -->\n{DUP}")
    assert found(text) == []
    text = with_summary("<!-- pmlint-disable-next-line -->\nNothing wrong here.")
    assert found(text) == [("PM001", line_of(text, "pmlint-disable"))]


def test_several_codes_and_unused_one_is_reported_at_its_column() -> None:
    text = with_summary(f"{DUP}\n\n<!-- pmlint-disable-next-line PM401, PM402 -->\n{DUP}")
    findings = [f for f in lint_text(text) if f.code == "PM001"]
    assert len(findings) == 1
    line = line_of(text, "PM401, PM402")
    assert findings[0].span.start.line == line
    assert text.split("\n")[line - 1][findings[0].span.start.column - 1 :].startswith("PM402")
    assert "PM402" in findings[0].message and findings[0].fix is None


def test_suppression_of_a_rule_that_is_off_is_not_unused() -> None:
    text = with_summary(
        "<!-- pmlint-disable-file PM104 -- only the holberton profile checks it -->"
    )
    assert found(text) == []
    assert found(text, **{"extend-select": ["PM104"]}) == [("PM001", line_of(text, "PM104"))]


def test_unknown_code_is_pm002_with_a_suggestion() -> None:
    text = with_summary("<!-- pmlint-disable-next-line PM4O1 -->\nText.")
    findings = lint_text(text)
    assert [(f.code, f.span.start.line) for f in findings] == [("PM002", line_of(text, "PM4O1"))]
    assert "'PM4O1', which is not a pmlint rule (did you mean 'PM401'?)" in findings[0].message


def test_comments_in_code_do_nothing() -> None:
    text = with_summary(
        f"```\n<!-- pmlint-disable PM401 -->\n<!-- pmlint-disable NOPE -->\n```\n\n"
        f"Quote `<!-- pmlint-disable-next-line PM401 -->` in prose.\n{DUP}\n\n{DUP}"
    )
    assert found(text) == [("PM401", line_of(text, DUP, 2))]


def test_meta_findings_can_be_suppressed_too() -> None:
    text = with_summary(
        "<!-- pmlint-disable-file PM001, PM002 -->\n<!-- pmlint-disable-next-line BOGUS -->\nx"
    )
    assert found(text) == []


def test_cli_no_inline_config(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(
        with_summary(f"{DUP}\n\n<!-- pmlint-disable-next-line PM401 -->\n{DUP}"), encoding="utf-8"
    )
    runner = CliRunner()
    result = runner.invoke(main, ["--output-format", "json", str(path)])
    assert json.loads(result.stdout) == []
    result = runner.invoke(main, ["--no-inline-config", "--output-format", "json", str(path)])
    assert [item["code"] for item in json.loads(result.stdout)] == ["PM401"]


def test_suppression_changes_the_exit_code(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(GOOD.replace("## Resolution", "## Notes"), encoding="utf-8")
    command = [sys.executable, "-m", "pmlint", str(path)]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 1
    path.write_text(
        "<!-- pmlint-disable-file PM101 -- resolution is in the linked ticket -->\n"
        + path.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout.strip()) == (0, "All checks passed!")


def test_unused_suppression_fix_removes_the_comment(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(
        with_summary("<!-- pmlint-disable-next-line PM401 -->\nFine text."), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["--fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == with_summary("Fine text.")
