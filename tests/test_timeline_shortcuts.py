"""Shortcuts in the timeline builder (issue 14): a table's columns are read once per set of
column names, and a paragraph line is asked whether it is a date alone only when it holds
one date and no clock time. Documents that would go wrong if either were wrong."""

from __future__ import annotations

from pmlint.document.document import Document
from pmlint.source import decode


def _doc(text: str) -> Document:
    return Document(decode(text.encode(), "doc.md"))


def test_each_table_reads_its_own_time_and_date_columns() -> None:
    doc = _doc(
        "# Outage\n\n## Timeline\n\n"
        "| Time | Event |\n|---|---|\n| 10:00 | paged |\n| 10:20 | rolled back |\n\n"
        "### Second day\n\n"
        "| Event | Day | When |\n|---|---|---|\n| restarted | Mar 4 | 09:15 |\n"
        "| closed 11:00 | Mar 4 | 09:40 |\n\n"
        "| What | Time |\n|---|---|\n| 08:00 noted | 12:30 |\n"
    )
    entries = doc.timeline.entries
    assert [e.time.text if e.time else None for e in entries] == [
        "10:00",
        "10:20",
        "09:15",
        "09:40",
        "12:30",
    ]
    assert [e.time.month_day if e.time else None for e in entries] == [
        None,
        None,
        (3, 4),
        (3, 4),
        None,
    ]


def test_a_date_alone_on_a_line_sets_the_day_of_the_lines_under_it() -> None:
    doc = _doc(
        "# Outage\n\n## Timeline\n\n"
        "March 5, 2024\n10:00 UTC deploy started\n11:00 UTC rolled back\n"
        "March 6, 2024 10:00 UTC paged again\n"
        "March 7, 2024:\n12:00 UTC closed on March 8, 2024\n"
    )
    entries = doc.timeline.entries
    # "March 7, 2024:" ends with a colon: an entry of its own, not a date sub-header
    assert [e.time.text if e.time else None for e in entries] == [
        "10:00 UTC",
        "11:00 UTC",
        "March 6, 2024 10:00 UTC",
        "March 7",
        "12:00 UTC",
    ]
    assert [e.day.day if e.day else None for e in entries] == [5, 5, 6, 7, 7]


def test_each_block_s_times_are_read_once_and_kept_per_block() -> None:
    # two paragraphs with the same words are two blocks, each with its own times (offsets
    # into its own text); asking again gives the kept list
    doc = _doc("# Outage\n\nPaged at 10:00 UTC.\n\nPaged at 10:00 UTC.\n\nNo time here.\n")
    first, second = (b for b in doc.blocks if b.kind == "paragraph" and "10:00" in b.masked)
    times = doc.block_times[first]
    assert [t.text for t in times] == ["10:00 UTC"]
    assert doc.block_times[first] is times
    assert doc.block_times[second] is not times
    assert doc.block_times[second] == times
    plain = next(b for b in doc.blocks if "No time" in b.masked)
    assert doc.block_times[plain] == []
