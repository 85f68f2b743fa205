"""Findings on the whole shared corpus stay as committed (a guard for speed work).

Every ``.md``/``.txt`` document of ``corpus/real`` and ``corpus/seeds`` is linted with every
rule on (``select = ["ALL"]``) and its findings are compared with
``tests/data/corpus-findings.json``: file name, line, column, code and a short hash of the
message. Messages often quote the document, so the golden file holds their hash, never
their text: a changed wording or a changed quote still shows as a difference.

A rule changed on purpose changes this file: rewrite it with
``pytest tests/test_corpus_golden.py --snapshot-update`` and review the diff (``git diff
tests/data/corpus-findings.json``), which lists the files, positions and codes that moved.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import ROOT, make_linter
from pmlint.source import decode

GOLDEN = ROOT / "tests" / "data" / "corpus-findings.json"
FOLDERS = ("real", "seeds")
UPDATE = "pytest tests/test_corpus_golden.py --snapshot-update"


def message_hash(message: str) -> str:
    """A short, stable digest of a message (the golden file never holds its text)."""
    return hashlib.sha256(message.encode("utf-8")).hexdigest()[:12]


def corpus_findings(corpus: Path) -> dict[str, list[str]]:
    """``folder/name`` -> ``line:column code hash`` of each finding, in output order."""
    linter = make_linter(select=["ALL"])
    result: dict[str, list[str]] = {}
    for folder in FOLDERS:
        for path in sorted((corpus / folder).iterdir()):
            if path.suffix not in (".md", ".txt"):
                continue
            findings = linter.lint_source(decode(path.read_bytes(), path.name))
            result[f"{folder}/{path.name}"] = [
                f"{f.span.start.line}:{f.span.start.column} {f.code} {message_hash(f.message)}"
                for f in findings
            ]
    return result


def test_corpus_findings_unchanged(shared: Path, snapshot_update: bool) -> None:
    """Each corpus document gets exactly the committed findings."""
    found = corpus_findings(shared / "corpus")
    assert sum(map(len, found.values())) > 0, "the corpus gave no finding at all"
    if snapshot_update:
        GOLDEN.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return
    if not GOLDEN.is_file():
        pytest.fail(f"no golden file {GOLDEN.name}: create it with {UPDATE}")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    differences = []
    for name in sorted(set(found) | set(expected)):
        now, before = found.get(name, []), expected.get(name, [])
        if now != before:
            gone = [f for f in before if f not in now]
            new = [f for f in now if f not in before]
            differences.append(f"{name}: lost {gone or '-'}, new {new or '-'}")
    assert not differences, (
        f"findings changed on {len(differences)} documents (if on purpose: {UPDATE}):\n"
        + "\n".join(differences)
    )
