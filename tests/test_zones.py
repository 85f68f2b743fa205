"""Tests for pmlint.document.zones: table lookup, declarations, mentions."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmlint.document.zone_mentions import find_zone_declarations, find_zone_mentions
from pmlint.document.zones import (
    get_zone,
    lookup_zone,
    parse_offset,
    zone_table,
)
from pmlint.toml_compat import tomllib

DATA: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (Path(__file__).parent / "cases" / "zones.toml").read_text(encoding="utf-8")
)


def test_case_tables_are_big_enough() -> None:
    assert len(DATA["lookup"]) >= 25
    assert len(DATA["declaration"]) >= 10
    assert len(DATA["mention"]) >= 8


@pytest.mark.parametrize("case", DATA["lookup"], ids=lambda c: c["name"] or "<empty>")
def test_lookup(case: dict[str, Any]) -> None:
    if case.get("unknown"):
        with pytest.raises(KeyError):
            lookup_zone(case["name"])
        assert get_zone(case["name"]) is None
        return
    zone = lookup_zone(case["name"])
    assert zone.name == case["canonical"]
    assert zone.utc_offset == case.get("offset")
    assert zone.ambiguous == case.get("ambiguous", False)
    if zone.ambiguous:
        assert len(zone.candidates) >= 2


@pytest.mark.parametrize("case", DATA["declaration"], ids=lambda c: c["input"][:40])
def test_declaration(case: dict[str, Any]) -> None:
    found = find_zone_declarations(case["input"])
    if case.get("none"):
        assert found == []
        return
    assert len(found) == 1, found
    d = found[0]
    assert d.text == case["text"]
    assert case["input"][d.start : d.end] == d.text
    assert d.zone == case["zone"]
    assert d.utc_offset == case.get("offset")
    assert d.ambiguous == case.get("ambiguous", False)


@pytest.mark.parametrize("case", DATA["mention"], ids=lambda c: c["input"][:40])
def test_mention(case: dict[str, Any]) -> None:
    found = find_zone_mentions(case["input"])
    assert [m.text for m in found] == case["mentions"]
    for m in found:
        assert case["input"][m.start : m.end] == m.text


def test_table_is_consistent() -> None:
    table = zone_table()
    for abbr, zone in table.by_abbr.items():
        assert abbr.isupper()
        if zone.ambiguous:
            assert zone.utc_offset is None and zone.candidates
        else:
            assert zone.utc_offset is not None or zone.iana is not None, abbr
    # a few offsets worth pinning
    assert table.by_abbr["AEDT"].utc_offset == 660
    assert table.by_abbr["MSK"].utc_offset == 180


def test_generic_zone_offset_depends_on_date() -> None:
    pacific = lookup_zone("Pacific Time")
    assert pacific.generic
    assert pacific.offset_on(date(2024, 1, 15)) == -480
    assert pacific.offset_on(date(2024, 7, 15)) == -420
    assert lookup_zone("PST").offset_on(date(2024, 7, 15)) == -480  # fixed, as written
    assert lookup_zone("IST").offset_on(date(2024, 7, 15)) is None


def test_generic_zone_shares_the_family_of_its_standard_and_summer_zones() -> None:
    assert lookup_zone("Pacific Time").family == lookup_zone("PST").family == -480
    assert lookup_zone("PDT").family == -480
    assert lookup_zone("ET").family == lookup_zone("EDT").family == -300
    assert lookup_zone("UK time").family == lookup_zone("GMT").family == 0
    assert lookup_zone("IST").family is None


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("+03:00", 180), ("-0500", -300), ("UTC", 0), ("Z", 0), ("GMT-04:00", -240), ("+3", 180)],
)
def test_parse_offset(text: str, minutes: int) -> None:
    assert parse_offset(text) == minutes


@pytest.mark.parametrize("text", ["+15:00", "+03:75", "UTC+", "3", "abc"])
def test_parse_offset_rejects(text: str) -> None:
    assert parse_offset(text) is None


@pytest.mark.parametrize(
    "text",
    ["a" * 100000, "all times " * 10000, "(UTC " * 20000, "Timezone: " * 10000, "1:" * 50000],
    ids=lambda t: repr(t[:6]),
)
def test_adversarial_input_does_not_hang(text: str) -> None:
    # A hang guard, not a speed figure (speed is measured by bench/ and the growth check of
    # tests/test_budget.py): linear takes milliseconds, the bug it guards took minutes.
    start = time.perf_counter()
    find_zone_declarations(text)
    find_zone_mentions(text)
    assert time.perf_counter() - start < 10.0


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("US/Pacific", -480),
        ("Europe/London", 0),
        ("Asia/Kolkata", 330),
        ("America/Argentina/Buenos_Aires", -180),
    ],
)
def test_tz_database_names_are_zones_whose_offset_follows_the_date(name: str, family: int) -> None:
    zone = get_zone(name)
    assert zone is not None and zone.generic and zone.family == family
    assert zone.offset_on(date(2024, 7, 1)) is not None


def test_a_slash_name_outside_the_tz_database_is_no_zone() -> None:
    assert get_zone("Foo/Bar") is None
    assert get_zone("Europe/Atlantis") is None


def test_a_tz_database_name_declares_the_document_zone() -> None:
    found = find_zone_declarations("(All times US/Pacific, 24-hour clock.)")
    assert [d.zone for d in found] == ["US/Pacific"]
