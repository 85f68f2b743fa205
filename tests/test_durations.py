"""Tests for pmlint.document.durations: the case table plus joins and robustness."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from pmlint.document.durations import DurationExpr, find_durations
from pmlint.toml_compat import tomllib

CASES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "cases" / "durations.toml").read_text(encoding="utf-8")
)["case"]


def test_case_table_is_big_enough() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["input"][:40])
def test_case(case: dict[str, Any]) -> None:
    found = find_durations(case["input"])
    if case.get("reject"):
        assert found == [], f"expected no duration in {case['input']!r}, got {found}"
        return
    assert len(found) == 1, f"expected one duration, got {[d.text for d in found]}"
    d = found[0]
    assert d.text == case.get("text", case["input"])
    assert case["input"][d.start : d.end] == d.text
    assert d.minutes == pytest.approx(case["minutes"])
    assert d.approximate == case.get("approximate", False)
    assert d.bound == case.get("bound")
    assert d.periodic == case.get("periodic", False)
    assert d.adjectival == case.get("adjectival", False)
    if "max" in case:
        assert d.max_minutes == pytest.approx(case["max"])
    else:
        assert d.max_minutes is None


def test_several_durations_in_order() -> None:
    text = "Down for 66 minutes; recovery took 1h 30m and then about 2 days of cleanup."
    assert [(d.text, d.minutes) for d in find_durations(text)] == [
        ("66 minutes", 66.0),
        ("1h 30m", 90.0),
        ("about 2 days", 2880.0),
    ]


def test_parts_in_increasing_order_are_not_joined() -> None:
    found = find_durations("30 minutes 2 hours")
    assert [d.minutes for d in found] == [30.0, 120.0]


def test_clock_times_are_not_durations() -> None:
    assert find_durations("from 16:58 to 18:46 UTC, 10:30 AM - 12:45 PM, 2019-01-23") == []


def test_duration_is_frozen() -> None:
    d = DurationExpr(start=0, end=1, text="1h", minutes=60.0)
    with pytest.raises(AttributeError):
        d.minutes = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    ["1:" * 50000, "12 " * 30000, "a" * 100000, "1" * 100000, "1h" * 50000, "forty-" * 16000],
    ids=lambda t: repr(t[:6]),
)
def test_adversarial_input_does_not_hang(text: str) -> None:
    # A hang guard, not a speed figure (speed is measured by bench/ and the growth check of
    # tests/test_budget.py): linear takes milliseconds, the bug it guards took minutes.
    start = time.perf_counter()
    find_durations(text)
    assert time.perf_counter() - start < 10.0
