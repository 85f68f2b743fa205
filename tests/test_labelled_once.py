"""The incident's finders share one reading of the labelled values (``labelled_once``):
they find what each finds reading the values on its own, and the values are read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmlint.document import labelled as labelled_module
from pmlint.document.document import Document
from pmlint.document.incident import prose_blocks
from pmlint.document.labelled import labelled_once
from pmlint.document.stated import find_stated_durations
from pmlint.document.windows import find_window, stated_windows
from pmlint.source import decode

_TWO_INCIDENTS = """# Two outages

## First outage

**Start:** 2024-03-04 10:00 UTC
**End:** 2024-03-04 11:15 UTC
**Duration:** 75 minutes

The checkout API was unavailable.

## Second outage

| Field | Value |
|---|---|
| Start time | 2024-03-09 22:10 UTC |
| End time | 2024-03-09 23:40 UTC |
| Total duration | 90 mins |

Search returned errors from 22:10 UTC to 23:40 UTC.
"""

_ONE_INCIDENT = """# Queue backlog

Started: 08:05 UTC
Resolved: 09:20 UTC
Outage duration: about 75 minutes

Messages waited; the backlog lasted 75 minutes.
"""

_FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "rules").glob("PM3*/*.md"))


def _doc(text: str) -> Document:
    return Document(decode(text.encode(), "doc.md"))


def _each_on_its_own(doc: Document) -> tuple[object, ...]:
    """The finders, each reading the labelled values itself (the straightforward way)."""

    def read() -> list[labelled_module.Labelled]:
        return labelled_module.labelled_values(doc)

    prose = prose_blocks(doc)
    window = find_window(doc, prose, read)
    windows = stated_windows(doc, prose, window, read)
    return window, windows, find_stated_durations(doc, prose, read)


def _shared(doc: Document) -> tuple[object, ...]:
    prose = prose_blocks(doc)
    labelled = labelled_once(doc)
    window = find_window(doc, prose, labelled)
    windows = stated_windows(doc, prose, window, labelled)
    return window, windows, find_stated_durations(doc, prose, labelled)


@pytest.mark.parametrize("text", [_TWO_INCIDENTS, _ONE_INCIDENT])
def test_shared_values_find_what_each_finder_finds(text: str) -> None:
    window, windows, durations = _shared(_doc(text))
    assert window is not None and window.how == "fields"
    assert durations[-1].expr.minutes in (75.0, 90.0)  # a field's or a cell's, uncued
    assert repr((window, windows, durations)) == repr(_each_on_its_own(_doc(text)))


def test_fixtures_find_the_same_with_shared_values() -> None:
    assert _FIXTURES
    for path in _FIXTURES:
        text = path.read_text(encoding="utf-8")
        assert repr(_shared(_doc(text))) == repr(_each_on_its_own(_doc(text))), path


def test_the_values_are_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counted(doc: Document) -> list[labelled_module.Labelled]:
        calls.append(1)
        return original(doc)

    original = labelled_module.labelled_values
    monkeypatch.setattr(labelled_module, "labelled_values", counted)
    doc = _doc(_TWO_INCIDENTS)
    _shared(doc)
    assert len(calls) == 1
    calls.clear()
    _each_on_its_own(_doc(_TWO_INCIDENTS))
    assert len(calls) == 3  # the window, the windows by section, the duration fields
