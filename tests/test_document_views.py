"""Views a document computes once and keeps: each answers as if computed afresh."""

from __future__ import annotations

import pytest

from pmlint.document.document import Document
from pmlint.document.lazy import lazy
from pmlint.document.sections import default_section_registry
from pmlint.source import decode

REPORT = """# Outage of the billing queue

## Summary

Invoices stopped for an hour.

## Timeline

- 10:05 UTC alerts fired
- 10:40 UTC queue drained

### Notes

Owner: the payments team

## Impact

About 300 invoices were late.
"""


def doc_of(text: str) -> Document:
    return Document(decode(text.encode(), "t.md"))


def test_blocks_in_gives_a_new_list_each_time() -> None:
    doc = doc_of(REPORT)
    first = doc.blocks_in("timeline")
    assert [b.text for b in first] == [
        "10:05 UTC alerts fired",
        "10:40 UTC queue drained",
        "Owner: the payments team",
    ]
    first.append(doc.blocks[0])  # a caller may extend its list (PM402 adds intro blocks)
    assert [b.text for b in doc.blocks_in("timeline")] == [b.text for b in first[:-1]]
    assert doc.blocks_in("no-such-key") == []


def test_fields_are_found_only_in_lines_with_a_colon() -> None:
    doc = doc_of("Severity: SEV-2\nNo label on this line\n\nOwner:\n  the on-call engineer\n")
    assert [(f.label, f.value) for f in doc.fields] == [
        ("Severity", "SEV-2"),
        ("Owner", "the on-call engineer"),
    ]


def test_a_remembered_title_keeps_its_keys_and_a_new_alias_is_seen() -> None:
    registry = default_section_registry()
    for _ in range(2):
        assert registry.keys_for("Timeline", heading=True) == {"timeline"}
        assert registry.keys_for("Lessons from the night", heading=False) == frozenset()
    assert not registry.is_alias("Lessons from the night")
    extended = registry.with_aliases({"lessons": ["Lessons from the night"]})
    assert extended.keys_for("Lessons from the night", heading=False) == {"lessons"}
    assert extended.is_alias("Lessons from the night")
    assert registry.keys_for("Lessons from the night", heading=False) == frozenset()
    assert not registry.is_alias("Lessons from the night")
    assert registry.is_alias("Timeline") and registry.is_alias("Timeline")


@pytest.mark.parametrize(
    "text",
    ["one\ntwo\n", "one\r\ntwo\r\nthree", "one\n\n\nlast", "", "\r\n", "only"],
)
def test_line_end_is_where_each_line_stops(text: str) -> None:
    source = decode(text.encode(), "t.md")
    for number in range(1, len(source.line_starts) + 1):
        start = source.offset(number)
        newline = text.find("\n", start)
        end = len(text) if newline == -1 else newline
        end -= 1 if end > start and text[end - 1] == "\r" else 0
        assert source.line_end(number) == end
        assert text[start : source.line_end(number)] == source.lines[number - 1]


def test_a_lazy_view_is_computed_once() -> None:
    class Counted:
        def __init__(self) -> None:
            self.calls = 0

        @lazy
        def value(self) -> int:
            self.calls += 1
            return 42

    counted = Counted()
    assert (counted.value, counted.value, counted.calls) == (42, 42, 1)
    assert isinstance(Counted.value, lazy)
