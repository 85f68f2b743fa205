"""The zone written right after a clock time: "Z", an offset ("+03:00", "-0800", "+2 UTC"),
or a zone token ("UTC", "(PST)", "Pacific Standard Time (PST)"), and the fields it gives."""

from __future__ import annotations

import re
from typing import Any

from pmlint.document.time.tokens import SP, SP_CHARS, zone_after
from pmlint.document.zones import ZoneInfo, get_zone, match_zone, parse_offset, zone_table
from pmlint.lazy_re import LazyPattern

__all__ = ["offset_fields", "scan_zone", "zone_fields"]

_CLOSE_RE = re.compile(rf"[*_]{{0,2}}{SP}*\)")
_ABBR_PAREN_RE = LazyPattern(rf"{SP}*\({SP}*(?P<abbr>[A-Z]{{2,5}}){SP}*\)")
_ATTACHED_OFFSET_RE = LazyPattern(r"(?P<off>[+\-\u2212]\d{2}(?::?\d{2})?)(?![\d:])")
_SPACED_OFFSET_RE = LazyPattern(r"[ \t](?P<off>[+\-\u2212]\d{4}|\+\d{2}:\d{2})(?![\d:])")
# "3:30 PM +2 UTC", "14:00 (-5 GMT)": a signed hour count then UTC/GMT, written backwards
_LOOSE_OFFSET_RE = LazyPattern(
    rf"(?P<open>{SP}*\({SP}*|{SP})(?P<off>[+\-\u2212]\d{{1,2}}(?::\d{{2}})?){SP}?"
    r"(?P<base>UTC|GMT)(?![A-Za-z0-9])"
)
_SIGNS = ("+", "-", "\u2212")  # the signs of an offset (a tuple: "" is in none)


def scan_zone(text: str, pos: int, *, dash_offset: bool) -> tuple[int, dict[str, Any]]:
    """Look for a zone right after a clock time ending at ``pos``. Returns the new end and
    the zone fields (empty when none)."""
    # every zone reading below needs, after any spaces, a letter, "(" or a sign before a
    # digit: most clock times are followed by none ("10:00 - ...", "10:00 |"), and the
    # letters (the commonest case, " UTC") can only start a zone name or a "Z"
    first = pos
    while first < len(text) and text[first] in SP_CHARS:
        first += 1
    lead = text[first : first + 1]
    if lead.isalpha():
        return _zone_word(text, pos, first)
    if lead != "(" and not (lead in _SIGNS and text[first + 1 : first + 2].isdigit()):
        return pos, {}
    # attached "Z"
    if text.startswith(("Z", "z"), pos) and not (pos + 1 < len(text) and text[pos + 1].isalnum()):
        return pos + 1, zone_fields("Z", get_zone("Z"))
    m = _ATTACHED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+"):
        off = m.group("off")
        return m.end(), offset_fields(off)
    m = _SPACED_OFFSET_RE.match(text, pos)
    if m and (dash_offset or m.group("off")[0] == "+" or ":" not in m.group("off")):
        return m.end(), offset_fields(m.group("off"))
    m = _LOOSE_OFFSET_RE.match(text, pos)
    if m:
        end = _closed_end(text, "(" in m.group("open"), m.end())
        if end is None:
            return pos, {}
        return end, offset_fields(m.group("base") + m.group("off"))
    opened, m = zone_after(text, pos)
    end = _closed_end(text, opened, m.end()) if m else None
    if m is None or end is None:
        return pos, {}
    return _zone_of(text, pos, m, end)


def _zone_of(text: str, pos: int, m: re.Match[str], end: int) -> tuple[int, dict[str, Any]]:
    """The end and fields of the zone token ``m`` (ending, with its parenthesis, at
    ``end``) after a clock time ending at ``pos``."""
    token = m.group(0)
    # an abbreviation as the table spells it (" UTC", " CET"): what get_zone would find
    # first, with nothing to strip, no space to join and no long name after it to swallow
    zone = zone_table().by_abbr.get(token)
    if zone is not None:
        return end, {"zone": token, "utc_offset": zone.utc_offset, "zone_ambiguous": zone.ambiguous}
    zone = get_zone(token)
    if zone is None:
        if token[:3].upper() in ("UTC", "GMT"):  # "UTC+15": written as an offset, invalid
            return end, offset_fields(token)
        return pos, {}
    # "Pacific Standard Time (PST)": swallow the abbreviation repeated after a long name
    if " " in token:
        extra = _ABBR_PAREN_RE.match(text, end)
        if extra and get_zone(extra.group("abbr")) is not None:
            end = extra.end()
    return end, zone_fields(" ".join(token.split()), zone)


def _zone_word(text: str, pos: int, first: int) -> tuple[int, dict[str, Any]]:
    """:func:`scan_zone` when the first character after the spaces at ``pos`` is a letter
    (at ``first``): no offset reading and no "(" can match there, so only an attached "Z"
    or the zone token :func:`zone_after` would find after at most three spaces."""
    if first == pos and text[pos] in "Zz" and not text[pos + 1 : pos + 2].isalnum():
        return pos + 1, zone_fields("Z", get_zone("Z"))
    m = match_zone(text, first) if first - pos <= 3 else None
    if m is None:
        return pos, {}
    return _zone_of(text, pos, m, m.end())


def _closed_end(text: str, opened: bool, end: int) -> int | None:
    """Where a zone ending at ``end`` ends: after its closing parenthesis when it opened one
    ("(UTC)"), or None when that parenthesis is missing."""
    if not opened:
        return end
    close = _CLOSE_RE.match(text, end)
    return close.end() if close else None


def zone_fields(token: str, zone: ZoneInfo | None) -> dict[str, Any]:
    """The fields of a zone token (its offset and ambiguity when the table knows it)."""
    if zone is None:
        return {"zone": token}
    return {"zone": token, "utc_offset": zone.utc_offset, "zone_ambiguous": zone.ambiguous}


def offset_fields(token: str) -> dict[str, Any]:
    """The fields of an offset ("+03:00", "UTC+3"), with a problem when it is not valid."""
    offset = parse_offset(token)
    fields: dict[str, Any] = {"zone": token, "utc_offset": offset}
    if offset is None:
        fields["problem"] = f"{token} is not a valid UTC offset"
    return fields
