"""Time zones as people write them: table lookup, zone declarations and zone mentions.

The zone table lives in ``rules/zones.toml`` (shipped in the wheel as ``pmlint/_packs``).
Abbreviations are matched case-sensitively ("EST", never "est"), long names
case-insensitively ("Eastern African Time"). Ambiguous abbreviations (IST, CST, BST...) are
reported with ``ambiguous=True`` and no offset: pmlint never guesses between them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from pmlint.toml_compat import tomllib

__all__ = [
    "OFFSET_RE",
    "ZONE_TOKEN_PATTERN",
    "ZoneDeclaration",
    "ZoneInfo",
    "ZoneMention",
    "find_zone_declarations",
    "find_zone_mentions",
    "get_zone",
    "lookup_zone",
    "parse_offset",
    "zone_table",
]

MAX_OFFSET_MINUTES = 14 * 60


@dataclass(frozen=True)
class ZoneInfo:
    """What pmlint knows about one zone token.

    ``name`` is the canonical spelling (the abbreviation when there is one, else the long
    name, or ``UTC+03:00`` for offsets). ``utc_offset`` is in minutes east of UTC and is
    ``None`` for ambiguous abbreviations and for generic names whose offset depends on the
    date ("Pacific Time": see :meth:`offset_on`).
    """

    name: str
    utc_offset: int | None
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()
    long_name: str | None = None
    dst: bool = False
    iana: str | None = None
    weak: bool = False

    @property
    def generic(self) -> bool:
        """True for a zone whose offset depends on the date ("Eastern time", "PT")."""
        return self.utc_offset is None and self.iana is not None

    def offset_on(self, day: date) -> int | None:
        """The offset in minutes on ``day``: the fixed offset, or the IANA rule for generic
        zones (``None`` when ambiguous, or when no tz database is available)."""
        if self.utc_offset is not None:
            return self.utc_offset
        if self.iana is None:
            return None
        try:
            import zoneinfo

            tz = zoneinfo.ZoneInfo(self.iana)
        except Exception:  # no tz database on this machine
            return None
        delta = datetime.combine(day, time(12, 0), tzinfo=tz).utcoffset()
        return None if delta is None else int(delta.total_seconds() // 60)


@dataclass(frozen=True)
class ZoneDeclaration:
    """A sentence or heading that fixes the zone of a document or section
    ("All times are in UTC", "Timeline (all times PST)", "Timezone: UTC+3")."""

    start: int
    end: int
    text: str
    zone: str
    utc_offset: int | None
    ambiguous: bool


@dataclass(frozen=True)
class ZoneMention:
    """Any standalone zone token in text ("UTC", "(WAT)", "Pacific Time", "GMT+1")."""

    start: int
    end: int
    text: str
    name: str
    utc_offset: int | None
    ambiguous: bool


# --------------------------------------------------------------------------- table loading


def _zones_path() -> Path:
    """``pmlint/_packs/zones.toml`` inside a wheel, ``rules/zones.toml`` in a checkout."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "_packs" / "zones.toml"
    if packaged.is_file():
        return packaged
    return here.parents[3] / "rules" / "zones.toml"


def _norm_name(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class _Table:
    by_abbr: dict[str, ZoneInfo]
    by_name: dict[str, ZoneInfo]


@functools.cache
def zone_table() -> _Table:
    """The parsed zone table (abbreviations and lower-cased names), loaded once."""
    with _zones_path().open("rb") as handle:
        raw: dict[str, Any] = tomllib.load(handle)
    by_abbr: dict[str, ZoneInfo] = {}
    by_name: dict[str, ZoneInfo] = {}
    for entry in raw.get("zone", []):
        names = [str(n) for n in entry.get("names", [])]
        abbr = entry.get("abbr")
        offset = entry.get("offset")
        ambiguous = bool(entry.get("ambiguous", False))
        base = ZoneInfo(
            name=abbr or names[0],
            utc_offset=None if ambiguous or offset is None else int(offset),
            ambiguous=ambiguous,
            candidates=tuple(str(c) for c in entry.get("candidates", [])),
            long_name=names[0] if names else None,
            dst=bool(entry.get("dst", False)),
            iana=entry.get("iana"),
            weak=bool(entry.get("weak", False)),
        )
        if abbr:
            by_abbr[abbr] = base
        for n in names:
            # a long name is never weak, whatever its abbreviation is
            by_name[_norm_name(n)] = ZoneInfo(
                name=base.name,
                utc_offset=base.utc_offset,
                ambiguous=base.ambiguous,
                candidates=base.candidates,
                long_name=n,
                dst=base.dst,
                iana=base.iana,
                weak=False,
            )
    return _Table(by_abbr=by_abbr, by_name=by_name)


# --------------------------------------------------------------------------- patterns

_SIGN = r"[+\-\u2212]"
# "+03:00", "+0300", "-05", "+5:30"
OFFSET_RE = re.compile(rf"({_SIGN})(\d{{1,2}})(?::?(\d{{2}}))?")
# "UTC+1", "GMT-05:00", "GMT +1" (one space), "GMT+1:" (a colon after it ends the offset)
_UTC_OFFSET = (
    rf"(?:(?i:UTC|GMT)|(?-i:UT))"
    rf"(?: ?{_SIGN}\d{{1,2}}(?::?\d{{2}})?(?!\d|:\d|[ \t]?(?i:min|sec|h)))?"
)


def _abbr_alternation(*, weak: bool | None) -> str:
    abbrs = sorted(
        (
            a
            for a, z in zone_table().by_abbr.items()
            if a not in {"UTC", "GMT", "UT", "Z"} and (weak is None or z.weak == weak)
        ),
        key=lambda a: (-len(a), a),
    )
    return "|".join(abbrs)


def _name_alternation() -> str:
    """The long names as one regex, shared prefixes factored out ("pacific (standard|time)").

    The regex engine tries a plain alternation's branches one by one at every word; the
    factored form tries one branch per letter. At each step longer continuations come
    before the end of a name, so the longest name still wins, as in a longest-first list.
    """
    trie: dict[str, Any] = {}
    for name in zone_table().by_name:
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


_ABBR_ALL = _abbr_alternation(weak=None)
_ABBR_STRONG = _abbr_alternation(weak=False)
_ABBR_WEAK = _abbr_alternation(weak=True)
_NAMES = _name_alternation()

#: One zone token, usable inside any regex (abbreviations stay case-sensitive even when the
#: enclosing pattern is compiled with IGNORECASE). No capture groups.
ZONE_TOKEN_PATTERN = (
    rf"(?:(?i:(?:{_NAMES}))(?![A-Za-z])"
    rf"|{_UTC_OFFSET}(?![A-Za-z])"
    rf"|(?-i:(?:{_ABBR_ALL}))(?![A-Za-z0-9]))"
)

_ZONE_RE = re.compile(ZONE_TOKEN_PATTERN)


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
    found = table.by_name.get(_norm_name(s))
    if found is not None:
        return found
    offset = parse_offset(s)
    if offset is not None:
        if offset == 0 and s.upper() in {"UTC", "GMT", "UT", "Z"}:
            return table.by_abbr.get(s.upper(), table.by_abbr["UTC"])
        return ZoneInfo(name=_format_offset(offset), utc_offset=offset)
    # "Pacific Standard Time (PST)": the long name decides
    paren = re.fullmatch(r"(.+?)\s*\(\s*([A-Za-z]{1,5})\s*\)", s)
    if paren:
        return get_zone(paren.group(1)) or get_zone(paren.group(2))
    if s.isalpha() and len(s) <= 5 and s.upper() in table.by_abbr:
        return table.by_abbr[s.upper()]
    return None


def lookup_zone(name: str) -> ZoneInfo:
    """The zone for a token such as ``"UTC"``, ``"PST"``, ``"+03:00"``, ``"GMT+1"`` or
    ``"East Africa Time"``. Raises ``KeyError`` when the token is not a known zone."""
    zone = get_zone(name)
    if zone is None:
        raise KeyError(name)
    return zone


# --------------------------------------------------------------------------- declarations

_EMPH = r"[*_`]{0,3}"
_DECL_ZONE = rf"(?P<zone>{ZONE_TOKEN_PATTERN}|{_SIGN}\d{{2}}:?\d{{2}}(?![\d:]))"
_DECL_FORMS = [
    # "All times are in UTC", "all times PST", "Times in UTC", "times are in East Africa Time",
    # "All times in this document are UTC", "All timestamps shown are in UTC"
    r"\b(?:all\s+(?:the\s+)?)?(?:times|timestamps|dates\s+and\s+times|times\s+and\s+dates)"
    r"(?:\s+(?:below|above|here|listed|shown|given|mentioned|referenced|quoted|used|reported"
    r"|in\s+this\s+(?:document|report|postmortem|post-mortem|timeline|section|page)))"
    r"{0,2}"
    r"(?:\s+(?:are|is))?"
    r"(?:\s+(?:given|shown|listed|expressed|reported|written|recorded|displayed))?"
    r"(?:\s+in)?(?:\s+the)?[ \t]*[:\-\u2013\u2014]?[ \t]*" + _EMPH + _DECL_ZONE,
    # "Timeline (UTC)", "Time (UTC)", "Timestamp (PST)"
    r"\b(?:timeline|times?|timestamps?|dates?|date/time|datetime)[ \t]*\([ \t]*"
    + _EMPH
    + _DECL_ZONE
    + _EMPH
    + r"[ \t]*\)",
    # "Timezone: UTC+3", "Time zone - EAT", "TZ=UTC"
    r"\b(?:time[ \t]*zone|tz)[ \t]*[:=\-\u2013][ \t]*" + _EMPH + _DECL_ZONE,
]
_DECL_RE = re.compile(
    "|".join(f"(?:{f})" for f in _DECL_FORMS).replace("(?P<zone>", "(?:"), re.IGNORECASE
)
_DECL_ZONE_RE = re.compile(_DECL_ZONE)
# every declaration form says "time", "date" or "tz": skip text without one (starts with a
# character class, so the engine scans for it quickly)
_DECL_HINT_RE = re.compile(r"[TtDd](?:[Ii][Mm][Ee]|[Aa][Tt][Ee]|[Zz])")


def _zone_in(fragment: str) -> str | None:
    """The last zone token in a matched declaration."""
    last = None
    for m in _DECL_ZONE_RE.finditer(fragment):
        last = m
    return None if last is None else last.group("zone")


def find_zone_declarations(text: str) -> list[ZoneDeclaration]:
    """Declarations of the zone used by a document or section, left to right:
    "All times are in UTC", "(all times PST)", "Timeline (UTC)", "times are in East Africa
    Time", "Timezone: UTC+3". A declaration with an unknown zone is not returned."""
    out: list[ZoneDeclaration] = []
    if _DECL_HINT_RE.search(text) is None:
        return out
    for m in _DECL_RE.finditer(text):
        zone_text = _zone_in(m.group(0))
        if zone_text is None:
            continue
        zone = get_zone(zone_text)
        if zone is None:
            continue
        end = m.end()
        out.append(
            ZoneDeclaration(
                start=m.start(),
                end=end,
                text=text[m.start() : end],
                zone=zone_text,
                utc_offset=zone.utc_offset,
                ambiguous=zone.ambiguous,
            )
        )
    return out


# --------------------------------------------------------------------------- mentions

_MENTION_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:"
    rf"(?P<name>(?i:(?:{_NAMES})))(?![A-Za-z])"
    rf"|(?P<off>(?i:UTC|GMT){_SIGN}\d{{1,2}}(?::?\d{{2}})?)(?![\d:A-Za-z])"
    rf"|(?P<strong>UTC|GMT|{_ABBR_STRONG})(?![A-Za-z0-9])"
    rf"|(?P<weak>UT|{_ABBR_WEAK})(?![A-Za-z0-9])"
    rf")"
    rf"|(?<=\d)(?P<z>Z)(?![A-Za-z0-9])"
)
# what must come right before a weak abbreviation for it to count: a clock time or "("
_WEAK_BEFORE_RE = re.compile(r"(?:\d|\d[ \t]?[AaPp]\.?[Mm]\.?)[ \t]?\(?$|\([ \t]*[*_]{0,2}$")


def find_zone_mentions(text: str) -> list[ZoneMention]:
    """Every zone token in text: offsets ("GMT+1"), long names ("Pacific Time"), strong
    abbreviations ("UTC", "PST") anywhere, and weak ones ("BST", "CAT", "AST") only right after
    a clock time, in parentheses, or inside a zone declaration. A "Z" counts right after a
    digit (ISO timestamps). Used to decide whether a document names a zone at all."""
    decl_spans = [(d.start, d.end) for d in find_zone_declarations(text)]
    out: list[ZoneMention] = []
    for m in _MENTION_RE.finditer(text):
        token = m.group(0)
        if m.group("weak"):
            before = text[max(0, m.start() - 12) : m.start()]
            in_decl = any(s <= m.start() < e for s, e in decl_spans)
            if not in_decl and not _WEAK_BEFORE_RE.search(before):
                continue
        zone = get_zone(token)
        if zone is None:
            continue
        out.append(
            ZoneMention(
                start=m.start(),
                end=m.end(),
                text=token,
                name=zone.name,
                utc_offset=zone.utc_offset,
                ambiguous=zone.ambiguous,
            )
        )
    return out
