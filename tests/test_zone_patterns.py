"""The zone patterns are written compactly, so that start-up compiles less (issue 14): the
names as one trie with " time" written once, the declaration forms sharing one copy of the
zone, and the time parsers asking one compiled zone pattern instead of look-aheads pasted
into their own regexes. Each compact form must match exactly what the plain form it
replaced matched; these tests build the plain form from the same pieces and compare."""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator

import pytest

from pmlint.document import zone_mentions
from pmlint.document.time import dates
from pmlint.document.time.tokens import SP, YEAR, zone_after, zone_follows
from pmlint.document.zones import (
    ABBR_STRONG_PATTERN,
    ABBR_WEAK_PATTERN,
    NAMES_PATTERN,
    ZONE_TOKEN_PATTERN,
    match_zone,
    zone_table,
)

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover
    import sre_constants
    import sre_parse

# --------------------------------------------------------------------------- the names

_SPACE_RUN = [(sre_constants.IN, [(sre_constants.CATEGORY, sre_constants.CATEGORY_SPACE)])]


def _strings(items: list[tuple[object, object]]) -> Iterator[str]:
    """The strings a regex without repeats (other than ``\\s+``, written " ") can match,
    in the order the engine tries them."""
    if not items:
        yield ""
        return
    for head in _one(*items[0]):
        for tail in _strings(items[1:]):
            yield head + tail


def _one(op: object, av: object) -> Iterator[str]:
    if op is sre_constants.LITERAL:
        yield chr(av)  # type: ignore[arg-type]
    elif op is sre_constants.SUBPATTERN:
        yield from _strings(list(av[-1]))  # type: ignore[index]
    elif op is sre_constants.BRANCH:
        for branch in av[1]:  # type: ignore[index]
            yield from _strings(list(branch))
    elif op is sre_constants.MAX_REPEAT and list(av[2]) == _SPACE_RUN:  # type: ignore[index]
        assert av[:2] == (1, sre_constants.MAXREPEAT)  # type: ignore[index]
        yield " "
    else:
        raise AssertionError(f"unexpected {op} in the names pattern")


def _tried(pattern: str) -> list[str]:
    return list(_strings(list(sre_parse.parse(pattern))))


def test_names_pattern_matches_exactly_the_table_names() -> None:
    tried = _tried(NAMES_PATTERN)
    assert len(tried) == len(set(tried)), "a name is spelled twice"
    assert set(tried) == set(zone_table().by_name)


def test_names_pattern_tries_a_longer_name_before_a_name_it_starts_with() -> None:
    """At one place in a text, the names that fit are each other's prefixes; the engine
    must try them longest first ("eastern time (us & canada)" before "eastern time",
    "zulu time" before "zulu"), as the longest-first list did."""
    order = {name: i for i, name in enumerate(_tried(NAMES_PATTERN))}
    pairs = [(a, b) for a in order for b in order if a != b and b.startswith(a)]
    assert ("zulu", "zulu time") in pairs
    assert ("eastern time", "eastern time (us & canada)") in pairs
    assert [(a, b) for a, b in pairs if order[b] > order[a]] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Eastern Time (US & Canada) now", "Eastern Time (US & Canada)"),
        ("eastern time (us & canad", "eastern time"),
        ("ZULU TIME", "ZULU TIME"),
        ("Zulu\ttimes", "Zulu"),
        ("pacific\n standard   time", "pacific\n standard   time"),
        ("Brasília Time", "Brasília Time"),
        ("Central African Time", "Central African Time"),
        ("Central Africa Times", None),
        ("Pacific", None),
    ],
)
def test_names_in_a_zone_token(text: str, found: str | None) -> None:
    m = match_zone(text, 0)
    assert (m and m.group(0)) == found


def test_abbreviation_patterns_are_the_table_abbreviations() -> None:
    table = zone_table().by_abbr
    own = {"UTC", "GMT", "UT", "Z"}  # written out in the patterns that use them
    assert set(ABBR_STRONG_PATTERN.split("|")) == {a for a, z in table.items() if not z.weak} - own
    assert set(ABBR_WEAK_PATTERN.split("|")) == {a for a, z in table.items() if z.weak} - own
    assert match_zone("PST", 0) is not None
    assert match_zone("pst", 0) is None  # abbreviations keep their case


# ----------------------------------------------------------------- texts to compare on

_TOKENS = [
    *sorted(zone_table().by_name)[::7],
    "Eastern Time (US & Canada)",
    "Zulu",
    "zulu time",
    "ZULU",
    "UTC",
    "utc",
    "GMT+1",
    "UTC +3",
    "UTC+05:30",
    "UT",
    "UTC+15",
    "GMT-1 min",
    "PST",
    "pst",
    "EAT",
    "CT",
    "PSTX",
    "Z",
    "Eastern",
    "us pacific",
    "-0500",
    "+03:00",
    "hours",
    "hrs",
]
_GLUE = ["", " ", "  ", "\t", "\u00a0", " (", "(", "( ", " ( ", "(**", "( _", ")", ", ", "*", "**"]
_HEADS = [
    "1936",
    "2023",
    "May 5, 2023",
    "5 May 2023",
    "Feb 9 1924",
    "14:05",
    "15.25",
    "10:00 AM",
    "All times are in",
    "all times",
    "Timeline",
    "Times",
    "Time zone -",
    "TZ=",
    "times given in the",
    "x",
    "",
]


def _texts() -> list[str]:
    rnd = random.Random(14)
    texts = [h + g + t + e for h in _HEADS for g in _GLUE for t in _TOKENS for e in ("", ")")]
    texts += [
        " ".join(rnd.choice(_HEADS + _TOKENS) + rnd.choice(_GLUE) for _ in range(4))
        for _ in range(400)
    ]
    return texts


TEXTS = _texts()


# ------------------------------------------------------------ look-aheads made checks


def test_zone_follows_is_the_look_ahead() -> None:
    with_paren = re.compile(rf"(?={SP}?\(?{SP}?(?:{ZONE_TOKEN_PATTERN}))")
    without = re.compile(rf"(?={SP}?(?:{ZONE_TOKEN_PATTERN}))")
    for text in TEXTS:
        for pos in range(len(text) + 1):
            assert zone_follows(text, pos, paren=True) == bool(with_paren.match(text, pos))
            assert zone_follows(text, pos, paren=False) == bool(without.match(text, pos))


def test_zone_after_is_the_pattern() -> None:
    plain = re.compile(
        rf"(?P<open>{SP}*\({SP}*[*_]{{0,2}}|{SP}{{0,3}})(?P<zone>{ZONE_TOKEN_PATTERN})"
    )
    for text in TEXTS:
        for pos in range(len(text) + 1):
            m = plain.match(text, pos)
            opened, zone = zone_after(text, pos)
            if m is None:
                assert zone is None
                continue
            assert zone is not None
            assert (zone.group(0), zone.end()) == (m.group("zone"), m.end())
            assert opened == ("(" in m.group("open"))


@pytest.mark.parametrize("name", ["_MONTH_FIRST_RE", "_DAY_FIRST_RE"])
def test_named_dates_refuse_a_year_before_a_zone_as_the_look_ahead_did(name: str) -> None:
    """The year's look-ahead once refused a zone after it ("Feb 9 1924 UTC" is a date and a
    clock time); the builder now does, and must make the same atoms."""
    compact = getattr(dates, name)
    assert YEAR.endswith(r"hours\b))") and YEAR in compact.pattern
    plain = re.compile(
        compact.pattern.replace(YEAR, YEAR[: -len("))")] + f"|{ZONE_TOKEN_PATTERN}))")
    )
    texts = [*TEXTS, "Feb 9 1924 UTC", "May 5, 2023\u00a0(PST)", "Tue, 1 Nov 2022, 1000 PST"]
    for text in texts:
        for order in ("MDY", "DMY"):
            old = [dates._named_date_atom(text, m, order) for m in plain.finditer(text)]
            new = [dates._named_date_atom(text, m, order) for m in compact.finditer(text)]
            assert new == old, text


# ------------------------------------------------------------------- declarations


def test_declaration_pattern_is_the_three_forms() -> None:
    """One copy of the zone with a conditional closing parenthesis matches as the three
    forms each with its own copy did."""
    prefixes = zone_mentions._DECL_PREFIXES
    emph, zone = zone_mentions._EMPH, zone_mentions._DECL_ZONE
    forms = [p + emph + zone for p in prefixes]
    forms[1] += emph + r"[ \t]*\)"
    plain = re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)
    texts = [
        *TEXTS,
        "Timeline (UTC",
        "Times (**EAT**) and times: PST",
        "all times: **EAT**",
        "Timezone: Eastern",
        "Date/Time ( US Pacific )",
    ]
    for text in texts:
        old = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in zone_mentions._decl_re().finditer(text)] == old, text
        assert list(zone_mentions._declarations(text)) == old, text


def test_zone_in_is_the_last_zone_the_pattern_finds() -> None:
    plain = re.compile(zone_mentions._DECL_ZONE)
    for text in TEXTS:
        found = [m.group(0) for m in plain.finditer(text)]
        assert zone_mentions._zone_in(text) == (found[-1] if found else None), text
