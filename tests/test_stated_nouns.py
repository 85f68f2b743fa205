"""A duration written as an adjective before an outage noun is a stated duration (PM301),
whatever the noun: "a 45-minute incident", "a two hour degradation"."""

from __future__ import annotations

import pytest

from conftest import codes, lint_text

WINDOW = "Start: 2026-03-02 10:00 UTC\nEnd: 2026-03-02 10:30 UTC\n\n"


def _doc(sentence: str) -> str:
    return f"# Outage\n\n## Summary\n\n{WINDOW}{sentence}\n\n## Timeline\n\n- 10:00 UTC alert\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a 45-minute incident on the checkout page.",
        "We had a two hour degradation of the search API.",
        "Customers saw a 90 minute period of unavailability.",
        "This was a 3-hour outage of the login page.",
    ],
)
def test_a_duration_before_an_outage_noun_is_checked(sentence: str) -> None:
    found = [f for f in lint_text(_doc(sentence)) if f.code == "PM301"]
    assert len(found) == 1
    assert "30 min" in found[0].message  # the window's length, in the arithmetic


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a 30-minute incident on the checkout page.",
        "We had a half hour degradation of the search API.",
        "The incident review took 45 minutes.",
    ],
)
def test_an_agreeing_or_unrelated_duration_is_not_reported(sentence: str) -> None:
    assert "PM301" not in codes(lint_text(_doc(sentence)))


NOUNS = ["outage", "downtime", "disruption", "interruption", "incident", "degradation"]


@pytest.mark.parametrize("noun", [*NOUNS, "period of unavailability", "service outage"])
def test_every_noun_passes_the_block_gate(noun: str) -> None:
    """The block gate (a hint word) must let through every noun the pattern reads."""
    from pmlint.document.stated import _DURATION_HINTS, _DURATION_NOUN_RE

    assert _DURATION_NOUN_RE.match(f"-{noun}")
    assert any(hint in noun for hint in _DURATION_HINTS)
