"""PM202 on a 12-hour clock without AM/PM: "12:16" then "1:52" is the afternoon, not a
step back, when the hour is written without a leading zero (a 24-hour clock writes 01:52)."""

from __future__ import annotations

import pytest

from conftest import lint_text


def _out_of_order(times: list[str]) -> list[str]:
    lines = "\n".join(f"- {t} the team did step {i}" for i, t in enumerate(times, 1))
    doc = f"# Review\n\n## Timeline (PST)\n\n{lines}\n"
    return [f.message.split()[1] for f in lint_text(doc, select=["PM202"])]


@pytest.mark.parametrize(
    "times",
    [
        ["11:16", "11:54", "12:16", "1:52", "3:31"],
        ["12:05", "12:40", "2:10", "4:45"],
        ["10:30", "12:00", "1:15"],
    ],
)
def test_afternoon_after_an_unmarked_noon_is_in_order(times: list[str]) -> None:
    assert _out_of_order(times) == []


@pytest.mark.parametrize(
    ("times", "wrong"),
    [
        (["11:16", "12:16", "01:52"], ["01:52"]),  # a 24-hour clock: ten hours back
        (["12:16", "1:52", "1:10"], ["1:10"]),  # back within the afternoon
        (["11:16", "11:54", "1:52"], ["1:52"]),  # no noon hour before it: not read so
    ],
)
def test_real_steps_back_are_still_reported(times: list[str], wrong: list[str]) -> None:
    assert _out_of_order(times) == wrong
