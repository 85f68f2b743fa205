"""Time zones as people write them: the zone table, lookups and UTC offsets (declarations
and mentions in text are found by :mod:`.zone_mentions`).

The zone table (:mod:`.zone_data`) lives in ``rules/zones.toml`` (``pmlint/_packs`` in a wheel).
Abbreviations are matched case-sensitively ("EST", never "est"), long names
case-insensitively ("Eastern African Time"). Ambiguous abbreviations (IST, CST, BST...) are
reported with ``ambiguous=True`` and no offset: pmlint never guesses between them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pmlint.document.zone_data import ZoneInfo, norm_name, zone_table
from pmlint.lazy_re import LazyPattern

__all__ = [
    "ABBRS",
    "ABBR_STRONG_PATTERN",
    "ABBR_TOKEN",
    "ABBR_WEAK_PATTERN",
    "NAMES_PATTERN",
    "OFFSET_RE",
    "STRONG_ABBRS",
    "WEAK_ABBRS",
    "ZONE_TOKEN_PATTERN",
    "ZoneInfo",
    "get_zone",
    "lookup_zone",
    "match_zone",
    "name_end",
    "name_start_pattern",
    "parse_offset",
    "zone_start_pattern",
    "zone_table",
]

MAX_OFFSET_MINUTES = 14 * 60


# --------------------------------------------------------------------------- patterns

_SIGN = r"[+\-\u2212]"
# "+03:00", "+0300", "-05", "+5:30"
OFFSET_RE = LazyPattern(rf"({_SIGN})(\d{{1,2}})(?::?(\d{{2}}))?")
# "UTC+1", "GMT-05:00", "GMT +1" (one space), "GMT+1:" (a colon after it ends the offset)
_UTC_OFFSET = (
    rf"(?:(?i:UTC|GMT)|(?-i:UT))"
    rf"(?: ?{_SIGN}\d{{1,2}}(?::?\d{{2}})?(?!\d|:\d|[ \t]?(?i:min|sec|h)))?"
)


def _abbreviations(*, weak: bool | None) -> list[str]:
    """The table's abbreviations but UTC, GMT, UT and Z (strong, weak or all), longest first."""
    return sorted(
        (
            a
            for a, z in zone_table().by_abbr.items()
            if a not in {"UTC", "GMT", "UT", "Z"} and (weak is None or z.weak == weak)
        ),
        key=lambda a: (-len(a), a),
    )


def _name_alternation() -> str:
    """The long names as one regex: a trie of the names, with the " time" that ends almost
    all of them written once ("(?:pacific(?:\\s+standard|)|...)\\s+time").

    The regex engine tries a plain alternation's branches one by one at every word; the
    factored form tries one branch per letter. At each step longer continuations come
    before the end of a name, so the longest name still wins, as in a longest-first list:
    the few names that do not end in " time" go before the timed ones when they extend one
    ("eastern time (us & canada)") and after them otherwise ("zulu", before "zulu time").
    Written once, " time" makes the regex a third shorter and as much faster to compile
    (it is compiled into several patterns).
    """
    timed = [n[: -len(" time")] for n in zone_table().by_name if n.endswith(" time")]
    others = [n for n in zone_table().by_name if not n.endswith(" time")]
    longer = [n for n in others if any(n.startswith(f"{t} time") for t in timed)]
    shorter = [n for n in others if n not in longer]
    parts = [
        _trie(longer),
        _trie(timed) + r"\s+time" if timed else "",
        _trie(shorter),
    ]
    return "|".join(part for part in parts if part)


def _trie(names: Iterable[str]) -> str:
    """The names as one regex, common prefixes factored out; a space stands for ``\\s+``."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for word_index, word in enumerate(name.split()):
            tokens = ([r"\s+"] if word_index else []) + [re.escape(c) for c in word]
            for token in tokens:
                node = node.setdefault(token, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [token + _trie_pattern(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ("|" if ends_here else "") + ")"


_ALL_LIST, _STRONG_LIST, _WEAK_LIST = (_abbreviations(weak=w) for w in (None, False, True))
_ABBR_ALL = "|".join(_ALL_LIST)
ABBR_STRONG_PATTERN = "|".join(_STRONG_LIST)
ABBR_WEAK_PATTERN = "|".join(_WEAK_LIST)
#: The abbreviations as sets, for :data:`ABBR_TOKEN` (which stands in for their alternation).
ABBRS = frozenset(_ALL_LIST)
STRONG_ABBRS = frozenset(_STRONG_LIST)
WEAK_ABBRS = frozenset(_WEAK_LIST)


def _abbr_token() -> str:
    """Capitals as long as the abbreviations (and "UTC", "GMT", "UT") are, as a group named
    "abbr" (case-sensitive).

    The abbreviations are capitals only, and each is followed by a look-ahead for no
    letter or digit: so at a place at most one can match, the whole run of capitals, and
    ``ABBR_TOKEN(?![A-Za-z0-9])`` matches there exactly when the alternation would,
    whenever that run is in :data:`ABBRS` (which the code using the match checks). The
    run is a few characters where the alternation is some 230: it compiles several times
    faster, and it is compiled into every start.
    """
    if not all(a.isascii() and a.isalpha() and a.isupper() for a in ABBRS):
        raise ValueError("zone abbreviations must be capital letters A-Z")
    lengths = sorted(map(len, ABBRS | {"UTC", "GMT", "UT"}))  # mentions take these too
    return rf"(?P<abbr>(?-i:[A-Z]{{{lengths[0]},{lengths[-1]}}}))"


ABBR_TOKEN = _abbr_token()
NAMES_PATTERN = _name_alternation()

#: One zone token, usable inside any regex (abbreviations stay case-sensitive even when the
#: enclosing pattern is compiled with IGNORECASE). No capture groups.
# "US/Pacific", "Europe/London", "America/Argentina/Buenos_Aires": a tz database name
_IANA = (
    r"(?-i:(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|US"
    r"|Canada|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?)(?![A-Za-z_/])"
)


@functools.cache
def _iana_re() -> re.Pattern[str]:
    """A tz database name alone, compiled on first use (only text with a "/" asks it)."""
    return re.compile(_IANA)


ZONE_TOKEN_PATTERN = (
    rf"(?:{_IANA}"
    rf"|(?i:(?:{NAMES_PATTERN}))(?![A-Za-z])"
    rf"|{_UTC_OFFSET}(?![A-Za-z])"
    rf"|(?-i:(?:{_ABBR_ALL}))(?![A-Za-z0-9]))"
)

# The zone token without its long names, which match_zone looks up in the table instead:
# the names are the bulk of the pattern, and compiling them once more cost ~4 ms a start.
# The abbreviations are a run of capitals here, checked in the table by match_zone.
_ZONE_OTHER = rf"(?:{_UTC_OFFSET}(?![A-Za-z])|{ABBR_TOKEN}(?![A-Za-z0-9]))"
_NAME_RE = rf"(?i:(?:{NAMES_PATTERN}))(?![A-Za-z])"
_SPAN_RE = LazyPattern(r".+", re.DOTALL)
_SPACE_RE = re.compile(r"\s+")


@functools.cache
def _names_index() -> tuple[int, re.Pattern[str], dict[tuple[str, ...], list[str]]]:
    """The long names by their words but the last, each list of last words longest first;
    with the most words a name has, and a pattern for a word at most one character longer
    than the longest (a longer run of text can only hold a name's last word, at its start).
    """
    index: dict[tuple[str, ...], list[str]] = {}
    for name in zone_table().by_name:
        *head, last = name.split()
        index.setdefault(tuple(head), []).append(last)
    for lasts in index.values():
        lasts.sort(key=len, reverse=True)
    names = [n.split() for n in zone_table().by_name]
    longest = max(len(w) for words in names for w in words)
    return max(len(words) for words in names), re.compile(rf"\S{{1,{longest + 1}}}"), index


@functools.cache
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    """A part of the zone pattern, compiled with the flags of the pattern it stands in."""
    return re.compile(pattern, flags)


def name_end(text: str, pos: int, flags: int = 0) -> int | None:
    """Where the long zone name at ``pos`` ends, as ``(?i:NAMES)(?![A-Za-z])`` matches it.

    That pattern tries the longest name first, then shorter ones while a letter follows.
    Names are whitespace-separated words, the last possibly followed by punctuation, so
    they are looked up by the words at ``pos``: exact for ASCII text, where ignoring case
    is lowering it; other text is left to the pattern.
    """
    if _name_start_re().match(text, pos) is None:
        return None  # no name starts so: most places, answered at once
    most, word_re, index = _names_index()
    chunks = []
    at = pos
    while len(chunks) < most and (chunk := word_re.match(text, at)) is not None:
        chunks.append(chunk)
        space = _SPACE_RE.match(text, chunk.end())
        if space is None:  # the end, or a run longer than any word: no word after it
            break
        at = space.end()
    if not chunks:
        return None
    if not text[pos : chunks[-1].end()].isascii():
        match = _compiled(_NAME_RE, flags).match(text, pos)
        return match.end() if match else None
    words = [c.group(0).lower() for c in chunks]
    for count in range(len(chunks), 0, -1):
        last = words[count - 1]
        for word in index.get(tuple(words[: count - 1]), ()):
            end = chunks[count - 1].start() + len(word)
            if last.startswith(word) and not (end < len(text) and text[end] in _ASCII_LETTERS):
                return end
    return None


_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def match_zone(text: str, pos: int, flags: int = 0) -> re.Match[str] | None:
    """The zone token at ``pos``, matched as :data:`ZONE_TOKEN_PATTERN` would match it there
    inside a larger regex compiled with ``flags`` (it has no look-behind): the time parsers
    ask this instead of pasting the ~1,700-character pattern into more regexes. A long name
    is looked up in the table (the match returned then spans the name but comes from a
    plain pattern)."""
    match = (_zone_head(flags) if flags else _ZONE_HEAD_RE).match(text, pos)
    if match is None or match.lastgroup != "name":
        return _known_abbr(match)  # a tz database name, an offset or abbreviation, or nothing
    end = name_end(text, pos, flags)
    if end is not None:
        return _SPAN_RE.match(text, pos, end)
    return _known_abbr(_compiled(_ZONE_OTHER, flags).match(text, pos))  # no name there


def _known_abbr(match: re.Match[str] | None) -> re.Match[str] | None:
    """The match, unless it is a run of capitals that is no abbreviation: the zone
    pattern matches nothing there (the abbreviations are its last alternative)."""
    if match is not None and match.lastgroup == "abbr" and match["abbr"] not in ABBRS:
        return None
    return match


@functools.cache
def _zone_head(flags: int) -> re.Pattern[str]:
    """The zone pattern with a look-ahead for a long name's start in the names' place: one
    call answers most places (no zone, or one that is not a long name)."""
    return re.compile(rf"{_IANA}|(?P<name>(?={name_start_pattern()}))|{_ZONE_OTHER}", flags)


@functools.cache
def _name_start_re() -> re.Pattern[str]:
    return re.compile(name_start_pattern())


@functools.cache
def _name_starts() -> str:
    """The first three characters of the long names, as alternatives grouped by their
    first letter (the engine then tries one group, not every alternative, at a place)."""
    starts = {r"\s".join(map(re.escape, name[:3].split(" "))) for name in zone_table().by_name}
    groups: dict[str, list[str]] = {}
    for start in sorted(starts):
        groups.setdefault(start[0], []).append(start[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def name_start_pattern() -> str:
    """What every long zone name starts with, and more (for a look-ahead)."""
    return rf"(?i:{_name_starts()})"


def zone_start_pattern() -> str:
    """What every zone token starts with, and more: for a look-ahead that rules out places
    where :func:`match_zone` cannot match (an abbreviation, an offset or a tz database
    name starts with two capitals or a capital and "/"; "UTC", "GMT", or the first three
    characters of a long name, in any case)."""
    return rf"(?-i:[A-Z]{{2}}|[A-Z][a-z]*/)|(?i:utc|gmt|{_name_starts()})"


_ZONE_HEAD_RE = _zone_head(0)  # every document's clock times ask it


# --------------------------------------------------------------------------- lookup


def parse_offset(text: str) -> int | None:
    """Minutes east of UTC for an offset written as ``+03:00``, ``-0500``, ``UTC+3``,
    ``GMT-04:00``, ``UTC+5:30`` or ``Z``; ``None`` when it is not a valid offset."""
    s = text.strip()
    if s in {"Z", "z"}:
        return 0
    upper = s.upper()
    for prefix in ("UTC", "GMT", "UT"):
        if upper.startswith(prefix):
            s = s[len(prefix) :].strip()
            if not s:
                return 0
            break
    m = OFFSET_RE.fullmatch(s)
    if not m:
        return None
    hours = int(m.group(2))
    minutes = int(m.group(3) or 0)
    if minutes >= 60:
        return None
    total = hours * 60 + minutes
    if total > MAX_OFFSET_MINUTES:
        return None
    return -total if m.group(1) != "+" else total


def _format_offset(minutes: int) -> str:
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h:02d}:{m:02d}"


def get_zone(name: str) -> ZoneInfo | None:
    """Like :func:`lookup_zone` but returns ``None`` for an unknown zone."""
    s = name.strip().strip("*_` ").strip()
    while s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip()
    if not s:
        return None
    table = zone_table()
    if s in table.by_abbr:
        return table.by_abbr[s]
    found = table.by_name.get(norm_name(s))
    if found is not None:
        return found
    offset = parse_offset(s)
    if offset is not None:
        if offset == 0 and s.upper() in {"UTC", "GMT", "UT", "Z"}:
            return table.by_abbr.get(s.upper(), table.by_abbr["UTC"])
        return ZoneInfo(name=_format_offset(offset), utc_offset=offset)
    if "/" in s and _iana_re().fullmatch(s):
        return _iana_zone(s)
    # "Pacific Standard Time (PST)": the long name decides
    paren = re.fullmatch(r"(.+?)\s*\(\s*([A-Za-z]{1,5})\s*\)", s)
    if paren:
        return get_zone(paren.group(1)) or get_zone(paren.group(2))
    if s.isalpha() and len(s) <= 5 and s.upper() in table.by_abbr:
        return table.by_abbr[s.upper()]
    return None


@functools.cache
def _iana_zone(name: str) -> ZoneInfo | None:
    """A tz database zone ("US/Pacific"): its offset depends on the date, its family is
    its standard (winter) offset; None when this machine's tz database does not know it."""
    import zoneinfo

    try:
        tz = zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    offsets = {
        int(delta.total_seconds() // 60)
        for month in (1, 7)
        if (delta := datetime(2024, month, 1, 12, tzinfo=tz).utcoffset()) is not None
    }
    return ZoneInfo(name=name, utc_offset=None, iana=name, standard=min(offsets, default=None))


def lookup_zone(name: str) -> ZoneInfo:
    """The zone for a token such as ``"UTC"``, ``"PST"``, ``"+03:00"``, ``"GMT+1"`` or
    ``"East Africa Time"``. Raises ``KeyError`` when the token is not a known zone."""
    zone = get_zone(name)
    if zone is None:
        raise KeyError(name)
    return zone


# --------------------------------------------------------------------------- declarations
