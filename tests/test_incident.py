"""The incident view (window, detection, durations, metrics) and the PM3xx rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import codes, lint_text
from pmlint.document.document import Document
from pmlint.document.windows import document_date
from pmlint.findings import Applicability
from pmlint.source import decode
from pmlint.toml_compat import tomllib


def _incident(text: str):  # type: ignore[no-untyped-def]
    return Document(decode(text.encode(), "doc.md")).incident


def test_window_from_a_duration_sentence_with_a_trailing_date() -> None:
    inc = _incident(
        "Duration: The outage occurred from 10:00 AM to 12:30 PM (UTC) on May 15, 2024.\n"
    )
    assert inc.window is not None
    assert inc.window.first.expr.zone == "UTC"
    assert str(inc.window.first.expr.date) == "2024-05-15"
    assert inc.window.minutes() == 150


def test_window_between_the_hours_of() -> None:
    inc = _incident(
        "Users received errors between the hours of 13:00:00 and 17:35:08 UTC on March 4, 2024.\n"
    )
    assert inc.window is not None and inc.window.how == "range"
    assert inc.window.minutes() == 275


def test_window_from_start_and_end_fields() -> None:
    inc = _incident(
        "Start Time: February 5, 2024, 08:00 UTC\nEnd Time: February 5, 2024, 12:15 UTC\n"
    )
    assert inc.window is not None and inc.window.how == "fields"
    assert inc.window.minutes() == 255


def test_window_crossing_midnight_and_spanning_days() -> None:
    assert _incident("The outage lasted from 22:30 to 01:15 UTC.\n").window.minutes() == 165
    text = "From **Jun 26, 2023 6:00 AM** to **Jun 28, 2023 6:00 AM (UTC-4)**, users saw errors.\n"
    assert _incident(text).window.minutes() == 2880


def test_window_from_front_matter() -> None:
    text = "---\nstarted_at: 2024-03-05T14:00:00Z\nresolved_at: 2024-03-05T15:30:00Z\n---\n# X\n"
    inc = _incident(text)
    assert inc.window is not None and inc.window.how == "front-matter"
    assert inc.window.minutes() == 90


def test_detection_from_phrase_and_from_timeline() -> None:
    assert _incident("The issue was detected at 11:45PM by monitoring.\n").detection.expr.hour == 23
    text = "## Timeline\n\n- 5:40 PM deploy\n- 5:50 PM - We received a complaint\n"
    inc = _incident(text)
    assert inc.detection is not None and inc.detection_from_timeline
    assert inc.detection.expr.minute == 50


def test_stated_durations_and_metrics() -> None:
    inc = _incident(
        "The outage lasted 30 minutes.\n\n- Time to detect: 5 minutes\n- MTTR: 2 hours\n"
    )
    assert [d.expr.minutes for d in inc.durations] == [30]
    assert [(m.kind, m.expr.minutes) for m in inc.metrics] == [("ttd", 5), ("ttr", 120)]


def test_duration_mismatch_message_and_unsafe_fix() -> None:
    found = [
        f
        for f in lint_text("The outage lasted 30 minutes, from 13:45 to 15:30 UTC.\n")
        if f.code == "PM301"
    ]
    assert len(found) == 1
    assert "stated duration 30 minutes, but 13:45 to 15:30 UTC is 1 h 45 min" in found[0].message
    assert found[0].fix is not None
    assert found[0].fix.applicability is Applicability.UNSAFE
    assert found[0].fix.edits[0].content == "1 hour 45 minutes"


def test_approximate_duration_is_tolerated() -> None:
    text = "The outage lasted about 2 hours, from 13:45 to 15:55 UTC.\n"
    assert "PM301" not in codes(lint_text(text))


def test_detection_before_start_is_an_error_with_flip_hint() -> None:
    text = "Duration: from 12:00 PM to 2:30 PM UTC.\nThe issue was detected at 11:45 PM.\n"
    found = [f for f in lint_text(text) if f.code == "PM302"]
    assert len(found) == 1 and found[0].severity.label == "error"
    assert "did you mean 11:45 AM?" in found[0].message
    # 11:45 AM is still 15 minutes before the start: a hint, but no fix
    assert found[0].fix is None


def test_flip_inside_the_window_is_offered_as_a_fix() -> None:
    text = "Duration: from 12:00 PM to 2:30 PM UTC.\nThe issue was detected at 1:15 AM.\n"
    found = [f for f in lint_text(text) if f.code == "PM302"]
    assert len(found) == 1 and "did you mean 1:15 PM?" in found[0].message
    assert found[0].fix is not None and found[0].fix.edits[0].content.startswith("1:15 PM")


def test_detection_after_end_is_an_error_too() -> None:
    text = "Duration: from 10:00 to 11:00 UTC.\nThe problem was detected at 13:00.\n"
    found = [f for f in lint_text(text) if f.code == "PM302"]
    assert len(found) == 1 and found[0].severity.label == "error"


def test_end_before_start_but_not_across_midnight() -> None:
    assert "PM303" in codes(lint_text("The outage lasted from 15:00 to 14:00 UTC.\n"))
    assert "PM303" not in codes(lint_text("The outage lasted from 22:30 to 01:15 UTC.\n"))


def test_impact_start_before_the_stated_start_is_pm304() -> None:
    text = (
        "# Outage\n\nThe outage lasted from 10:00 to 11:00 UTC.\n\n## Timeline\n\n"
        "- 09:20 UTC Errors began on checkout\n- 10:59 UTC Service restored\n"
    )
    found = [f for f in lint_text(text) if f.code == "PM304"]
    assert [f.span.start.line for f in found] == [7]
    assert "40 min before the stated start 10:00 (line 3)" in found[0].message
    on_time = text.replace("09:20 UTC Errors", "10:04 UTC Errors")
    assert "PM304" not in codes(lint_text(on_time))


def test_document_date_and_incident_after_it_is_pm305() -> None:
    text = (
        "# Outage\n\nDate: March 1, 2024\n\n"
        "The outage lasted from 10:00 to 11:00 on March 9, 2024.\n"
    )
    doc = Document(decode(text.encode(), "doc.md"))
    own = document_date(doc)
    assert own is not None and str(own.expr.date) == "2024-03-01" and own.line == 3
    found = [f for f in lint_text(text) if f.code == "PM305"]
    assert len(found) == 1 and "after the document's own date March 1, 2024" in found[0].message
    assert "PM305" not in codes(lint_text(text.replace("March 1, 2024", "March 12, 2024")))
    # a "Date:" line inside a later section is not the document's date
    assert (
        document_date(Document(decode(b"# T\n\n## Timeline\n\nDate: 2024-03-01\n", "d.md"))) is None
    )


def test_durations_stated_anywhere_are_compared_with_the_window() -> None:
    for sentence in (
        "Impact: A 30-minute outage of payments. Window: from 13:45 to 15:30 UTC.",
        "The outage lasted for 2 hours and 30 minutes, from 6:00 AM to 3:30 PM UTC.",
        "Checkout was down for 45 minutes, from 09:10 until 11:40 UTC.",
        "Our API was interrupted for 29 minutes, from 9:46 AM to 10:45 AM UTC.",
    ):
        assert "PM301" in codes(lint_text(sentence + "\n")), sentence


def test_hedged_durations_widen_the_tolerance() -> None:
    # 1 h 45 min against "about 2 hours": inside 25%
    text = "The outage lasted about 2 hours, from 13:45 to 15:30 UTC.\n"
    assert "PM301" not in codes(lint_text(text))
    text = "The outage lasted 2 hours, from 13:45 to 15:30 UTC.\n"
    assert "PM301" in codes(lint_text(text))


def test_a_duration_without_a_window_is_not_pm301() -> None:
    assert "PM301" not in codes(lint_text("A 30-minute outage hit payments at 10:00 UTC.\n"))


# ---------------------------------------------------------------- window and detection table

_TABLE = tomllib.loads((Path(__file__).parent / "cases" / "windows.toml").read_text("utf-8"))


def _case_doc(text: str) -> Document:
    return Document(decode(("# Incident\n\n## Summary\n\n" + text).encode(), "doc.md"))


@pytest.mark.parametrize("case", _TABLE["window"], ids=lambda c: c["text"][:60])
def test_window_case(case: dict[str, Any]) -> None:
    window = _case_doc(case["text"]).incident.window
    if case.get("reject"):
        assert window is None
        return
    assert window is not None
    assert (window.first.expr.text, window.last.expr.text) == (case["first"], case["last"])
    if "minutes" in case:
        assert window.minutes() == case["minutes"]


@pytest.mark.parametrize("case", _TABLE["detection"], ids=lambda c: c["text"][:60])
def test_detection_case(case: dict[str, Any]) -> None:
    detection = _case_doc(case["text"]).incident.detection
    if case.get("reject"):
        assert detection is None
        return
    assert detection is not None
    assert detection.expr.text == case["detected"]
    if "day" in case:
        assert str(detection.expr.date) == case["day"]
