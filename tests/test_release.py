"""A linted document frees itself: no reference cycle is left for the cycle collector, and
no collection runs while a file is linted (see ``Document.release`` and
``safe_lint.collector_paused``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmlint.document.document import Document
from pmlint.engine import Linter
from pmlint.registry import default_registry
from pmlint.safe_lint import collector_paused, lint_path
from pmlint.settings import Settings
from pmlint.source import Source

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted((ROOT / "fixtures").rglob("*.md"))

# Every block kind and the views that hold the document (timeline, incident, block times).
WRITTEN = """# Outage of the billing API

## Summary
Payments failed for 40 minutes. Detected at 14:10 UTC by an alert.

**Impact:** 1,200 checkouts failed.

## Timeline
| Time (UTC) | Event |
|---|---|
| 14:02 | deploy of build 812 |
| 14:42 | rollback finished, resolved |

- 14:05 error rate rose
- 14:20 we paged the on-call

    code block 14:30

```
fenced 14:31
```

<div>html 14:32</div>

Root cause
----------
A config flag was flipped.

## Action items
- [ ] Add a canary check (owner: Ana, due 2026-12-01)
"""


@pytest.fixture
def uncollected() -> Iterator[None]:
    """The collector off and its garbage list empty for the test; restored after."""
    gc.collect()
    with collector_paused():
        yield


def _linter() -> Linter:
    linter = Linter(Settings(), default_registry())
    linter.lint_source(Source("warm.md", WRITTEN))  # lazy imports and patterns made once
    return linter


def test_fixture_documents_are_there() -> None:
    assert len(DOCUMENTS) > 100


def test_linting_leaves_no_cycle_to_collect(uncollected: None) -> None:
    linter = _linter()
    texts = [WRITTEN] + [p.read_text(encoding="utf-8") for p in DOCUMENTS]
    findings = 0
    for number, text in enumerate(texts):
        findings += len(linter.lint_source(Source(f"doc{number}.md", text)))
    assert findings > 100  # the documents were linted, not skipped
    assert gc.collect() == 0  # everything was freed by reference counting


def test_a_document_not_released_is_a_cycle(uncollected: None) -> None:
    """The check above can fail: a document left alone is garbage only the collector finds."""
    doc = Document(Source("kept.md", WRITTEN))
    assert doc.timeline.entries and doc.incident is not None
    del doc
    assert gc.collect() > 0


def test_release_breaks_the_links_back(uncollected: None) -> None:
    doc = Document(Source("doc.md", WRITTEN))
    blocks, sections = doc.blocks, doc.sections
    assert doc.block_times[blocks[0]] is not None
    assert any(b.section is not None for b in blocks)
    doc.release()
    assert all(b.section is None for b in blocks)
    assert all(s.parent is None for s in sections)
    assert vars(doc) == {}
    del doc, blocks, sections
    assert gc.collect() == 0


def test_collector_paused_inside_and_resumed_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("a crash in the middle")
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off(uncollected: None) -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_lint_path_pauses_the_collector(tmp_path: Path) -> None:
    seen: list[bool] = []

    class Probe:
        def lint_source(self, source: Source) -> list:
            seen.append(gc.isenabled())
            return []

    path = tmp_path / "a.md"
    path.write_text(WRITTEN, encoding="utf-8")
    gc.enable()
    result = lint_path(str(path), "a.md", Probe())
    assert result.error is None
    assert seen == [False]
    assert gc.isenabled()
