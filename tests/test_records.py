"""The records pmlint passes around behave as values should: fields compare by what they
say, blocks and sections by identity, a repr of the section tree ends, and results make
the trip from a worker process and back unchanged."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest

from pmlint import runner, workers
from pmlint.document.document import Document
from pmlint.engine import Linter
from pmlint.registry import default_registry
from pmlint.safe_lint import lint_path
from pmlint.settings import Settings
from pmlint.source import decode

TEXT = """# Checkout outage

**Owner:** Priya
**Duration:** 35 minutes

## Summary

Checkout failed for a third of buyers after a cache flush. TODO: numbers.

## Timeline

| Time | Event |
|---|---|
| 09:12 | cache flushed |
| 09:47 UTC | checkout back |

### Follow-up

- [ ] Alert on the cache hit rate
"""


def _doc(name: str) -> Document:
    return Document(decode(TEXT.encode(), name))


def test_a_repr_of_sections_and_blocks_leaves_out_the_tree() -> None:
    doc = _doc("a.md")
    for section in doc.sections:
        shown = repr(section)
        assert shown.startswith("Section(title=")
        assert "parent=" not in shown and "children=" not in shown and "blocks=" not in shown
    for block in doc.blocks:
        assert repr(block).startswith("Block(kind=") and "section=" not in repr(block)


def test_fields_compare_by_text_and_spans_whatever_their_block() -> None:
    first, second = _doc("a.md").fields, _doc("b.md").fields
    assert [f.key for f in first] == ["owner", "duration"]
    assert first == second
    assert {hash(f) for f in first} == {hash(f) for f in second}
    assert all(a.block is not b.block for a, b in zip(first, second, strict=True))
    assert "block=" not in repr(first[0])
    assert first[0] != first[1]


def test_blocks_and_sections_compare_by_identity() -> None:
    a, b = _doc("a.md"), _doc("b.md")
    assert all(x != y and x == x for x, y in zip(a.blocks, b.blocks, strict=True))
    assert len(set(a.blocks) | set(b.blocks)) == len(a.blocks) + len(b.blocks)
    assert len(set(a.sections) | set(b.sections)) == len(a.sections) + len(b.sections)


def test_a_result_comes_back_from_a_worker_as_it_left(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(TEXT, encoding="utf-8")
    result = lint_path(str(path), "pm.md", Linter(Settings(), default_registry()))
    assert result.findings and result.source is not None
    back = pickle.loads(pickle.dumps(result))
    assert back == result
    assert back.source is not None
    assert back.source.line_starts == result.source.line_starts
    end = len(TEXT) - 1
    assert back.source.position(end) == result.source.position(end)
    assert {hash(f) for f in back.findings} == {hash(f) for f in result.findings}


@pytest.mark.slow
def test_spawned_workers_find_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # where the OS cannot fork, each worker gets a pickled copy of the linter
    if runner.cpu_count() < 2:
        pytest.skip("one core: the files are linted in this process")
    files = []
    for index in range(6):
        path = tmp_path / f"pm{index}.md"
        path.write_text(TEXT.replace("Priya", f"Owner {index}") * (index + 1), encoding="utf-8")
        files.append((str(path), path.name))
    linter = Linter(Settings(), default_registry())
    serial = runner.lint_files(files, linter, jobs=1)
    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = runner.lint_files(files, linter, jobs=2)
    assert any(r.findings for r in serial)
    assert [(r.path, r.findings, r.error) for r in spawned] == [
        (r.path, r.findings, r.error) for r in serial
    ]
