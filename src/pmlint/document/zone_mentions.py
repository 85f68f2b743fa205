"""Zones in text: declarations that fix the zone of a document or section ("All times are
in UTC", "Timeline (all times PST)") and any standalone zone mention ("(WAT)", "GMT+1")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import msgspec

from pmlint.document.zones import (
    ABBR_TOKEN,
    STRONG_ABBRS,
    WEAK_ABBRS,
    ZONE_TOKEN_PATTERN,
    get_zone,
    match_zone,
    name_end,
    name_start_pattern,
    zone_start_pattern,
)
from pmlint.lazy_re import LazyPattern

__all__ = [
    "ZoneDeclaration",
    "ZoneMention",
    "find_zone_declarations",
    "find_zone_mentions",
    "names_zone",
]

_SIGN = r"[+\-\u2212]"


class ZoneDeclaration(msgspec.Struct, frozen=True):
    """A sentence or heading that fixes the zone of a document or section
    ("All times are in UTC", "Timeline (all times PST)", "Timezone: UTC+3")."""

    start: int
    end: int
    text: str
    zone: str
    utc_offset: int | None
    ambiguous: bool


class ZoneMention(msgspec.Struct, frozen=True):
    """Any standalone zone token in text ("UTC", "(WAT)", "Pacific Time", "GMT+1")."""

    start: int
    end: int
    text: str
    name: str
    utc_offset: int | None
    ambiguous: bool


_EMPH = r"[*_`]{0,3}"
# a region word alone names the generic zone, but only inside a declaration ("all times
# Eastern"): elsewhere "Central" or "Pacific" is an ordinary word
_REGION = r"(?i:(?:US\s+)?(?:Pacific|Eastern|Central|Mountain))(?![A-Za-z])"
_DECL_OTHER = rf"{_SIGN}\d{{2}}:?\d{{2}}(?![\d:])|{_REGION}"
_DECL_ZONE = rf"(?:{ZONE_TOKEN_PATTERN}|{_DECL_OTHER})"
# What comes before the zone in each form of declaration; the zone follows each of them,
# and the second form closes its parenthesis after it.
_DECL_PREFIXES = [
    # "All times are in UTC", "all times PST", "Times in UTC", "times are in East Africa Time",
    # "All times in this document are UTC", "All timestamps shown are in UTC"
    r"\b(?:all\s+(?:the\s+)?)?(?:times|timestamps|dates\s+and\s+times|times\s+and\s+dates)"
    r"(?:\s+(?:below|above|here|listed|shown|given|mentioned|referenced|quoted|used|reported"
    r"|in\s+this\s+(?:document|report|postmortem|post-mortem|timeline|section|page)))"
    r"{0,2}"
    r"(?:\s+(?:are|is))?"
    r"(?:\s+(?:given|shown|listed|expressed|reported|written|recorded|displayed))?"
    r"(?:\s+in)?(?:\s+the)?[ \t]*[:\-\u2013\u2014]?[ \t]*",
    # "Timeline (UTC)", "Time (UTC)", "Timestamp (PST)"
    r"\b(?:timeline|times?|timestamps?|dates?|date/time|datetime)[ \t]*\([ \t]*",
    # "Timezone: UTC+3", "Time zone - EAT", "TZ=UTC"
    r"\b(?:time[ \t]*zone|tz)[ \t]*[:=\-\u2013][ \t]*",
]
# The three forms as (?:form1|form2|form3) with the zone written once: "paren" is set only
# by the second form's branch, and the engine unsets it when it backtracks out of that
# branch, so this is exactly form1 + zone | form2 + zone + ")" | form3 + zone, tried in
# that order. The zone is ~1,700 characters: it is compiled only when _declarations needs
# the whole pattern (see there).
_DECL_FORMS = rf"(?:{_DECL_PREFIXES[0]}|{_DECL_PREFIXES[1]}(?P<paren>)|{_DECL_PREFIXES[2]}){_EMPH}"
_DECL_CLOSE = rf"{_EMPH}[ \t]*\)"
# The forms up to where a zone can start: a look-ahead true wherever a zone (or another
# declared zone: an offset, a region word) starts, and at some other places.
_DECL_LEAD_RE = re.compile(
    rf"{_DECL_FORMS}(?={zone_start_pattern()}|{_SIGN}|(?i:us\s|pac|eas|cen|mou))", re.IGNORECASE
)
_DECL_CLOSE_RE = LazyPattern(_DECL_CLOSE, re.IGNORECASE)


@functools.cache
def _decl_other_re(flags: int) -> re.Pattern[str]:
    """A declared offset or region word, compiled on first use (most documents declare a
    zone by its name or abbreviation, or not at all)."""
    return re.compile(_DECL_OTHER, flags)


@functools.cache
def _decl_re() -> re.Pattern[str]:
    """The declaration pattern written out, zone and all (compiled in ~5 ms)."""
    return re.compile(rf"{_DECL_FORMS}{_DECL_ZONE}(?(paren){_DECL_CLOSE})", re.IGNORECASE)


def _declarations(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``finditer`` of the declaration pattern gives, mostly without compiling it.

    The lead pattern is the declaration's forms with a look-ahead for the zone's first
    characters: it tries the same places in the same order, so where it stops is the first
    place where a zone may start. If a zone does start there (and the second form's ")"
    follows it), that is the declaration's match: no earlier place could hold a zone.
    Otherwise the written-out pattern decides from there.
    """
    pos = 0
    while (lead := _DECL_LEAD_RE.search(text, pos)) is not None:
        at = lead.end()
        zone = match_zone(text, at, re.IGNORECASE) or _decl_other_re(re.IGNORECASE).match(text, at)
        close = (
            _DECL_CLOSE_RE.match(text, zone.end()) if zone and lead["paren"] is not None else None
        )
        if zone and (lead["paren"] is None or close):
            span = lead.start(), (close or zone).end()
        else:
            found = _decl_re().search(text, lead.start())
            if found is None:
                return
            span = found.span()
        yield span
        pos = span[1]


_REGION_RE = LazyPattern(_REGION)
# every declaration form says "time", "date" or "tz": skip text without one (starts with a
# character class, so the engine scans for it quickly)
_DECL_HINT_RE = re.compile(r"[TtDd](?:[Ii][Mm][Ee]|[Aa][Tt][Ee]|[Zz])")


def _zone_in(fragment: str) -> str | None:
    """The last zone token in a matched declaration: what ``finditer`` of the pattern
    ``ZONE|offset|region`` finds last, scanned here with the one compiled zone pattern."""
    last = None
    pos = 0
    while pos < len(fragment):
        m = match_zone(fragment, pos) or _decl_other_re(0).match(fragment, pos)
        if m is None:
            pos += 1
        else:
            last = m
            pos = m.end()  # never empty: every alternative takes a character
    return None if last is None else last.group(0)


def find_zone_declarations(text: str) -> list[ZoneDeclaration]:
    """Declarations of the zone used by a document or section, left to right:
    "All times are in UTC", "(all times PST)", "Timeline (UTC)", "times are in East Africa
    Time", "Timezone: UTC+3". A declaration with an unknown zone is not returned."""
    out: list[ZoneDeclaration] = []
    if _DECL_HINT_RE.search(text) is None:
        return out
    for start, end in _declarations(text):
        zone_text = _zone_in(text[start:end])
        if zone_text is None:
            continue
        zone = get_zone(zone_text)
        if zone is None and _REGION_RE.fullmatch(zone_text):  # "Eastern": Eastern Time
            zone_text = f"{zone_text} Time"
            zone = get_zone(zone_text)
        if zone is None:
            continue
        out.append(
            ZoneDeclaration(
                start=start,
                end=end,
                text=text[start:end],
                zone=zone_text,
                utc_offset=zone.utc_offset,
                ambiguous=zone.ambiguous,
            )
        )
    return out


# --------------------------------------------------------------------------- mentions

# "GMT+1", "UTC", "PST", "UT", "BST", and "Z" right after a digit: the mention pattern but
# its long names, which _mentions looks up (the names would cost some 3 ms to compile).
# The abbreviations are a run of capitals (:data:`ABBR_TOKEN`), looked up in _STRONG and
# _WEAK: "UTC" and "GMT" are strong, "UT" weak, as the written-out pattern
# "(?P<strong>UTC|GMT|STRONG...)(?![A-Za-z0-9])|(?P<weak>UT|WEAK...)(?![A-Za-z0-9])" says.
_MENTION_TOKENS = (
    rf"(?P<off>(?i:UTC|GMT){_SIGN}\d{{1,2}}(?::?\d{{2}})?)(?![\d:A-Za-z])"
    rf"|{ABBR_TOKEN}(?![A-Za-z0-9])"
)
_STRONG = STRONG_ABBRS | {"UTC", "GMT"}
_WEAK = WEAK_ABBRS | {"UT"}
_MENTION_ZULU = r"(?<=\d)(?P<z>Z)(?![A-Za-z0-9])"
_MENTION_REST_RE = re.compile(rf"(?<![A-Za-z0-9])(?:{_MENTION_TOKENS})|{_MENTION_ZULU}")
# The same with a first branch that holds where a long name may start (a look-ahead).
_MENTION_LEAD_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?P<name>(?={name_start_pattern()}))|{_MENTION_TOKENS})"
    rf"|{_MENTION_ZULU}"
)


def _mentions(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, weak) of each match of the mention pattern ``(?<![A-Za-z0-9])(?:NAME
    (?![A-Za-z])|...)`` with the long names written out, found without compiling them.

    The lead pattern tries the same branches at each place, the name's a look-ahead that
    holds wherever a name can start, so it stops first where the mention pattern can match.
    There a name is looked up (:func:`match_zone` does the same); when none is there, the
    other branches are tried as the mention pattern would, and if none matches either, the
    search goes on from the next place. A run of capitals that is no abbreviation is no
    match either: no other branch can match where it starts.
    """
    pos = 0
    while (lead := _MENTION_LEAD_RE.search(text, pos)) is not None:
        at = lead.start()
        found: tuple[int, int, bool] | None
        if lead["name"] is None:
            found = _token(lead)
        elif (end := name_end(text, at)) is not None:
            found = (at, end, False)
        elif rest := _MENTION_REST_RE.match(text, at):
            found = _token(rest)
        else:
            found = None
        if found is None:
            pos = at + 1
            continue
        yield found
        pos = found[1]


def _token(match: re.Match[str]) -> tuple[int, int, bool] | None:
    """(start, end, weak) of an offset, "Z" or abbreviation match; None for a run of
    capitals that is no abbreviation."""
    abbr = match["abbr"]
    if abbr is not None and abbr not in _STRONG and abbr not in _WEAK:
        return None
    return match.start(), match.end(), abbr in _WEAK


# what must come right before a weak abbreviation for it to count: a clock time or "("
_WEAK_BEFORE_RE = LazyPattern(r"(?:\d|\d[ \t]?[AaPp]\.?[Mm]\.?)[ \t]?\(?$|\([ \t]*[*_]{0,2}$")


def names_zone(text: str) -> bool:
    """Whether text mentions or declares a zone: ``bool(find_zone_mentions(text)) or
    bool(find_zone_declarations(text))``, stopping at the first mention that counts and
    looking for declarations once (a weak abbreviation inside a declaration counts only
    when that declaration is there, and then so does the declaration)."""
    for start, end, weak in _mentions(text):
        if weak and not _WEAK_BEFORE_RE.search(text[max(0, start - 12) : start]):
            continue  # counts only inside a declaration, which is looked for below
        if get_zone(text[start:end]) is not None:
            return True
    return bool(find_zone_declarations(text))


def find_zone_mentions(text: str) -> list[ZoneMention]:
    """Every zone token in text: offsets ("GMT+1"), long names ("Pacific Time"), strong
    abbreviations ("UTC", "PST") anywhere, and weak ones ("BST", "CAT", "AST") only right after
    a clock time, in parentheses, or inside a zone declaration. A "Z" counts right after a
    digit (ISO timestamps). Used to decide whether a document names a zone at all."""
    decl_spans = [(d.start, d.end) for d in find_zone_declarations(text)]
    out: list[ZoneMention] = []
    for start, end, weak in _mentions(text):
        token = text[start:end]
        if weak:
            before = text[max(0, start - 12) : start]
            in_decl = any(s <= start < e for s, e in decl_spans)
            if not in_decl and not _WEAK_BEFORE_RE.search(before):
                continue
        zone = get_zone(token)
        if zone is None:
            continue
        out.append(
            ZoneMention(
                start=start,
                end=end,
                text=token,
                name=zone.name,
                utc_offset=zone.utc_offset,
                ambiguous=zone.ambiguous,
            )
        )
    return out
