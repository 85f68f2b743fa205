"""Clean postmortems in many real shapes get no finding from the default profile.

Each document in ``fixtures/documents/clean/`` is well formed per the catalog: every
required section, times in order with a zone, a stated duration that matches the window,
detection inside the window, numbers in the impact, owned action items and no blame.
They are linted through the real CLI; a finding on any of them is a false alarm.

The mutation tests show the same documents do get findings once a real fault is put in,
so silence here means the rules ran and found nothing, not that nothing ran.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from pmlint.cli import main

CLEAN = FIXTURES / "documents" / "clean"
DOCUMENTS = sorted(p for p in CLEAN.iterdir() if p.suffix in (".md", ".txt"))
# Documents that trip a time rule whose fix belongs to the time layer (another helper's
# files); strict, so the mark must go once the fix lands.
PENDING: dict[str, str] = {}


def _findings(path: Path, *extra: str) -> list[dict[str, object]]:
    """The findings of ``pmlint check`` on one file, default profile, no config files."""
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--output-format", "json", *extra, str(path)]
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def _code(finding: dict[str, object]) -> str:
    return str(finding.get("code"))


def test_there_are_twelve_clean_documents() -> None:
    """The set covers the shapes it was written for (one file per shape)."""
    assert len(DOCUMENTS) >= 12


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            p,
            id=p.name,
            marks=[pytest.mark.xfail(reason=PENDING[p.name], strict=True)]
            if p.name in PENDING
            else [],
        )
        for p in DOCUMENTS
    ],
)
def test_clean_document_has_no_finding(path: Path) -> None:
    """The default profile reports nothing on a clean postmortem."""
    found = _findings(path)
    assert found == [], "\n".join(
        f"{f.get('location', '')} {_code(f)} {f.get('message')}" for f in found
    )


def _mutated(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = (CLEAN / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "old", "new", "code"),
    [
        ("01-atx-headings-24h.md", "## Timeline (UTC)", "## Notes (UTC)", "PM101"),
        (
            "01-atx-headings-24h.md",
            "The outage lasted 45 minutes.",
            "The outage lasted 3 hours.",
            "PM301",
        ),
        (
            "11-kubernetes-vocabulary.md",
            "The admission controller ignored",
            "The on-call engineer ignored the alert, and the admission controller ignored",
            "PM601",
        ),
        (
            "03-loose-plain-text.txt",
            "About 12% of searches returned items that were out of stock; 65 orders",
            "Some searches returned items that were out of stock; several orders",
            "PM403",
        ),
        ("05-timeline-table.md", "| 10:41 |", "| 10:01 |", "PM202"),
    ],
)
def test_a_fault_put_into_a_clean_document_is_reported(
    tmp_path: Path, name: str, old: str, new: str, code: str
) -> None:
    """The clean set is linted for real: one fault in, its rule reports it."""
    found = _findings(_mutated(tmp_path, name, old, new))
    assert code in {_code(f) for f in found}


def test_clean_documents_name_their_owners() -> None:
    """Each document's action items name an owner (the catalog's 'owned action items')."""
    for path in DOCUMENTS:
        codes = {_code(f) for f in _findings(path, "--extend-select", "PM502")}
        assert "PM502" not in codes, path.name
        assert re.search(r"(?i)owner|@\w", path.read_text(encoding="utf-8")), path.name
