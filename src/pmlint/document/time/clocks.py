"""Clock parsing: clock times ("14:05", "10:00 AM", "1405Z", "noon"), ISO timestamps, relative
markers ("T+5m"), the zone written right after a clock time, and the contexts where a
clock-shaped match is something else (a Bible verse, a ratio, an offset's digits)."""

from __future__ import annotations

import re
from typing import Any

from pmlint.document.time import hints
from pmlint.document.time.clock_zone import offset_fields, scan_zone, zone_fields
from pmlint.document.time.dates import DATE_AFTER_RE, date_fields
from pmlint.document.time.tokens import (
    MONTH_NUMBERS,
    SP,
    Atom,
    Scanner,
    zone_follows,
)
from pmlint.document.zones import get_zone
from pmlint.lazy_re import LazyPattern

__all__ = ["CLOCK_SCANNERS", "ISO_T_SCANNER"]

# "2025-05-06T12:00:00Z", "2024-03-05T14:05:00+03:00", "2019-01-23T16:08:30.123Z"
_ISO_T_RE = LazyPattern(
    r"(?P<y>\d(?<![A-Za-z0-9.].)\d{3})-(?P<mo>\d{2})-(?P<d>\d{2})[Tt](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?"
    r"(?P<z>[Zz](?![A-Za-z0-9])|[+\-\u2212]\d{2}(?::?\d{2})?(?![\d:]))?"
    r"(?![A-Za-z0-9]|[.:]\d)"
)
_MER = r"(?P<mer>[AaPp]\.?[Mm]\.?)(?![A-Za-z0-9])"
# "14:05", "14:05:33", "10:00 AM", "2:30 p.m.", "10:00 hours", "O8:00" (letter O typed for a
# zero), "2023-01-04/11:34" (the clock part, after an ISO date and a slash). The look-ahead
# for the hour's first character (which the hour implies) fails most positions at once, before
# the look-behinds are tried: it halves the scan and matches the same
_CLOCK_RE = re.compile(
    r"(?P<h>[\dO](?:(?<![A-Za-z0-9./$#@+\u2212].)|(?<=\d-\d\d/.))(?<!\d:.)(?<!::.)"
    r"(?:(?<=O)\d|(?<=\d)\d?)):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?:[.,]\d{1,9})?)?(?!\d|[.:]\d)"
    rf"(?:{SP}?{_MER})?"
    rf"(?:{SP}*(?P<hrs>hours|hrs|hr|h)(?![A-Za-z]))?"
)
# "10.30am", "9.15 p.m." (British dotted clock; only with am/pm, else it is a decimal)
_DOT_CLOCK_RE = re.compile(
    rf"(?<![A-Za-z0-9.:/$#@+\u2212,])(?P<h>\d{{1,2}})\.(?P<mi>[0-5]\d){SP}?{_MER}"
)
# "15.25 PST", "9.40 (UTC)", "15.25 29 April": a dotted 24-hour clock is a time only when a zone
# or a date is written right after it (else "2.10" is a decimal or a version): the builder
# checks that (zone_follows, DATE_AFTER_RE), as the look-ahead ending this pattern used to
_DOT_24_CLOCK_RE = LazyPattern(
    r"(?<![A-Za-z0-9.:/$#@+\-\u2212,])(?P<h>[01]?\d|2[0-3])\.(?P<mi>[0-5]\d)(?![\d.]\d|\d)"
)
# "12: 48pm", "9: 30 AM": a clock typed with a space after its colon, read only with am/pm
_SPACED_CLOCK_RE = LazyPattern(
    rf"(?<![A-Za-z0-9.:/$#@+\u2212,])(?P<h>1[0-2]|0?[1-9]):[ \t](?P<mi>[0-5]\d){SP}?{_MER}"
)
# "6PM", "5 pm", "1AM", "12 noon" handled below
_HOUR_MER_RE = re.compile(rf"(?P<h>\d(?<![A-Za-z0-9.:/$#@+\u2212,].)\d?){SP}?{_MER}")
# "1405Z", "1936 UTC", "0300 hours": the builder refuses four digits with no "hours" after
# them unless "Z" or a zone follows (_ZULU_RE, zone_follows), which this pattern once said as
# (?=Z...)|hours...|(?=zone); "Z" and "hours" never both fit, so their order does not matter
# (the look-ahead for the first digit fails most positions before the look-behind runs). All
# three start with a letter after at most a space, "(" and a space (zone_follows): the
# look-ahead after the minutes drops at once most numbers the builder would refuse (the year
# of "2024-03-05"; "1500 servers" still reaches it)
_MILITARY_RE = LazyPattern(
    r"(?P<h>[012](?<![A-Za-z0-9.:/$#@+\-\u2212,].)(?:(?<=[01])\d|(?<=2)[0-3]))(?P<mi>[0-5]\d)"
    rf"(?={SP}?\(?{SP}?[^\W\d_])"
    rf"(?:{SP}?(?P<hrs>hours|hrs)(?![A-Za-z])(?!{SP}+(?:of|ago|later|long|per|each|in\s+total)\b))?"
)
_ZULU_RE = LazyPattern(r"Z(?![A-Za-z0-9])")
_SIGNS = ("+", "-", "\u2212")  # the signs of an offset (a tuple: "" is in none)
_NOON_RE = LazyPattern(
    r"(?<![A-Za-z0-9\-])(?:(?P<twelve>12)(?::00)?[ \t]?)?"
    r"(?P<word>(?i:noon|midday|midnight))(?![A-Za-z0-9\-])"
)
_REL_UNIT = r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d)(?![A-Za-z])"
# "T+5m", "T-30s", "T+1h30m", "T+0:10", "+00:10", "+5 min" (each branch looks ahead for its
# first character before its look-behind: most positions fail at once)
_RELATIVE_RE = LazyPattern(
    r"T(?<![A-Za-z0-9].)[ \t]?(?P<tsign>[+\-\u2212])[ \t]?"
    r"(?:(?P<th>\d{1,3}):(?P<tm>\d{2})(?::(?P<ts>\d{2}))?(?![\d:])"
    rf"|(?P<tparts>\d+(?:\.\d+)?[ \t]?{_REL_UNIT}(?:[ \t]?\d+[ \t]?{_REL_UNIT}){{0,2}}))"
    r"|\+(?<![A-Za-z0-9:.+\-)\]].)(?:(?P<ph>\d{1,3}):(?P<pm>\d{2})(?::(?P<ps>\d{2}))?(?![\d:])"
    rf"|(?P<pparts>\d+[ \t]?{_REL_UNIT}(?:[ \t]?\d+[ \t]?{_REL_UNIT}){{0,2}}))"
)
_REL_PART_RE = LazyPattern(r"(\d+(?:\.\d+)?)[ \t]?([A-Za-z]+)")


_BIBLE_TEXT = (
    "Genesis Exodus Leviticus Deuteronomy Joshua Judges Ruth Samuel Kings Chronicles Ezra "
    "Nehemiah Esther Psalm Psalms Proverbs Ecclesiastes Isaiah Jeremiah Lamentations Ezekiel "
    "Daniel Hosea Joel Amos Obadiah Jonah Micah Nahum Habakkuk Zephaniah Haggai Zechariah "
    "Malachi Matthew Mark Luke John Romans Corinthians Galatians Ephesians Philippians "
    "Colossians Thessalonians Timothy Titus Philemon Hebrews James Peter Jude Revelation "
    "Revelations Gen Exod Deut Matt Rom Cor Gal Eph Phil Col Heb Rev Ps Prov Isa Jer"
)
_BIBLE_BOOKS = frozenset(_BIBLE_TEXT.split())
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\.?[ \t]+$")
_OFFSET_BEFORE_RE = LazyPattern(r"(?i:UTC|GMT)[ \t]?[+\-\u2212][ \t]?$")
_RATIO_AFTER_RE = re.compile(r"[ \t]*(?i:ratio|odds|split|aspect|scale|mix)\b")
_VERSE_AFTER_RE = LazyPattern(r"[\-\u2013]\d{1,3}(?![\d:])")
_SPACES = (" ", "\t")  # what _WORD_BEFORE_RE ends with (tuples: "" is in none)
_WORD_ENDS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_RATIO_FIRSTS = frozenset(["", *"rRoOsSaAmM\u017f"])  # "": only spaces in the slice looked at
_DASHES = ("-", "\u2013")  # what _VERSE_AFTER_RE starts with


def _clock_fields(
    hour: int, minute: int | None, second: int | None, mer: str | None, written: str
) -> dict[str, Any]:
    """Validate a clock time; apply am/pm. ``written`` is the "HH:MM" text for messages."""
    meridiem = None
    if mer is not None:
        meridiem = "am" if mer[0] in "Aa" else "pm"
    fields: dict[str, Any] = {"meridiem": meridiem}
    if minute is not None and minute > 59:
        fields["problem"] = f"minute {minute} does not exist"
        return fields
    if second is not None and second > 59:
        fields["problem"] = f"second {second} does not exist"
        return fields
    if hour > 23:
        fields["problem"] = (
            "hour 24 does not exist (write 00:00 of the next day)"
            if hour == 24 and not minute and not second
            else f"hour {hour} does not exist"
        )
        return fields
    if meridiem == "pm" and 12 < hour <= 23:
        # "13:20pm": a 24-hour time with a redundant suffix. The time is clear (read as
        # 13:20); the spelling is still reported (PM203) through ``spelling``.
        fields.update(hour=hour, minute=minute, second=second, meridiem=None)
        fields["spelling"] = f"{written} is already 24-hour; PM contradicts it"
        return fields
    if meridiem is not None:
        if hour > 12 or (hour == 0 and meridiem == "pm"):
            fields["problem"] = f"{written} is already 24-hour; {meridiem.upper()} contradicts it"
            fields.update(hour=hour, minute=minute, second=second)
            return fields
        if hour == 12:
            hour = 0 if meridiem == "am" else 12
        elif meridiem == "pm":
            hour += 12
    fields.update(hour=hour, minute=minute, second=second)
    return fields


def _clock_atom(text: str, m: re.Match[str], kind: str) -> Atom | None:
    """A clock atom from _CLOCK_RE, _HOUR_MER_RE or _MILITARY_RE, with its zone."""
    groups = m.groupdict()
    hour = int(groups["h"].replace("O", "0"))
    minute = int(groups["mi"]) if groups.get("mi") is not None else None
    second = int(groups["s"]) if groups.get("s") is not None else None
    written = m.group(0) if minute is None else f"{groups['h']}:{groups['mi']}"
    if kind == "hour":
        written = groups["h"]
    fields = _clock_fields(
        hour, minute if minute is not None else 0, second, groups.get("mer"), written
    )
    if kind == "hour":
        fields["precision"] = "hour"
    else:
        fields["precision"] = "second" if second is not None else "minute"
    end, zone = scan_zone(text, m.end(), dash_offset=second is not None)
    if zone.get("problem") and not fields.get("problem"):
        fields["problem"] = zone.pop("problem")
    zone.pop("problem", None)
    fields.update(zone)
    return Atom(m.start(), end, "clock", fields)


def _iso_t_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    month, day = int(m.group("mo")), int(m.group("d"))
    if not (1 <= month <= 12 and 1 <= day <= 31) or int(m.group("y")) < 1:
        return None
    fields = date_fields(int(m.group("y")), month, day)
    second = int(m.group("s")) if m.group("s") else None
    clock = _clock_fields(
        int(m.group("h")), int(m.group("mi")), second, None, f"{m.group('h')}:{m.group('mi')}"
    )
    if clock.get("problem") and not fields.get("problem"):
        fields["problem"] = clock["problem"]
    clock.pop("problem", None)
    fields.update(clock)
    fields["precision"] = "second" if second is not None else "minute"
    z = m.group("z")
    if z:
        if z in "Zz":
            fields.update(zone_fields("Z", get_zone("Z")))
        else:
            off = offset_fields(z)
            if off.get("problem") and not fields.get("problem"):
                fields["problem"] = off["problem"]
            off.pop("problem", None)
            fields.update(off)
    return Atom(m.start(), m.end(), "datetime", fields)


def _noon_atom(text: str, m: re.Match[str], date_order: str) -> Atom:
    word = m.group("word").lower()
    hour = 0 if word == "midnight" else 12
    fields: dict[str, Any] = {"hour": hour, "minute": 0, "precision": "minute"}
    end, zone = scan_zone(text, m.end(), dash_offset=False)
    zone.pop("problem", None)
    fields.update(zone)
    return Atom(m.start(), end, "clock", fields)


_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _relative_atom(text: str, m: re.Match[str], date_order: str) -> Atom:
    sign = -1 if (m.group("tsign") or "+") in "-\u2212" else 1
    hh = m.group("th") or m.group("ph")
    seconds = 0
    precision = "minute"
    if hh is not None:
        mm = m.group("tm") or m.group("pm")
        ss = m.group("ts") or m.group("ps")
        seconds = int(hh) * 3600 + int(mm) * 60 + int(ss or 0)
        precision = "second" if ss else "minute"
    else:
        parts = m.group("tparts") or m.group("pparts") or ""
        smallest = 86400
        for num, unit in _REL_PART_RE.findall(parts):
            key = unit[0].lower()
            scale = _UNIT_SECONDS[key]
            seconds += round(float(num) * scale)
            smallest = min(smallest, scale)
        precision = {1: "second", 60: "minute", 3600: "hour"}.get(smallest, "day")
    fields = {
        "relative": True,
        "relative_seconds": sign * seconds,
        "precision": precision,
    }
    return Atom(m.start(), m.end(), "relative", fields)


def _bad_clock_context(text: str, start: int, end: int) -> bool:
    """True when a clock-shaped match is something else: a Bible reference ("John 3:16"),
    a ratio ("1:10 ratio"), or the digits of a UTC offset ("UTC-05:00")."""
    before = text[max(0, start - 16) : start]
    # each search below runs only when the characters its pattern ends with are there: a
    # sign (then at most one space) before an offset's digits, a space after a word, a
    # dash after a verse ("$" also matches before a final newline: look past one)
    tail = before[:-1] if before[-1:] == "\n" else before
    last = tail[-1:]
    spaced = last in _SPACES
    if (last in _SIGNS or (spaced and tail[-2:-1] in _SIGNS)) and _OFFSET_BEFORE_RE.search(before):
        return True
    # a word before the spaces ends with a letter or its dot ("John 3:16", "Rev. 2:10"):
    # not after a bar or dash ("| 10:00", "- 10:00"), as most timeline times are written
    w = _WORD_BEFORE_RE.search(before) if spaced and tail.rstrip(" \t")[-1:] in _WORD_ENDS else None
    if w and w.group(1) in _BIBLE_BOOKS:
        return True
    if (
        text[end : end + 1] in _DASHES
        and _VERSE_AFTER_RE.match(text, end)
        and ":" in text[start:end]
    ):
        prev = w.group(1) if w else ""
        if prev[:1].isupper() and prev.lower() not in MONTH_NUMBERS:
            return True
    # a ratio's word starts, after spaces and tabs, with one of its first letters in any
    # case (or the long s that ignoring case reads as "s"); a slice of spaces only may hide
    # the word further on, so it is searched then too
    first = text[end : end + 12].lstrip(" \t")[:1]
    return first in _RATIO_FIRSTS and _RATIO_AFTER_RE.match(text, end) is not None


def _plain_clock_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    if _bad_clock_context(text, m.start(), m.end()):
        return None
    return _clock_atom(text, m, "clock")


def _hour_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    return _clock_atom(text, m, "hour")


def _military_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    if m.group("hrs") is None and not (
        _ZULU_RE.match(text, m.end()) or zone_follows(text, m.end(), paren=True)
    ):
        return None  # "2023", "1500 servers": four digits alone are not a clock time
    return _clock_atom(text, m, "military")


def _dot_clock_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    return _clock_atom(text, m, "clock")


def _dot_24_clock_atom(text: str, m: re.Match[str], date_order: str) -> Atom | None:
    """A dotted 24-hour clock ("15.25 PST"); refused when the zone after it is a weak
    abbreviation (a word such as "EAT" could be anything after a decimal)."""
    if not (zone_follows(text, m.end(), paren=True) or DATE_AFTER_RE.match(text, m.end())):
        return None  # "2.10": a decimal or a version
    atom = _clock_atom(text, m, "clock")
    if atom is None or atom.fields.get("problem"):
        return None
    zone = atom.fields.get("zone")
    info = get_zone(zone) if zone else None
    if info is not None and info.weak:
        return None
    return atom


ISO_T_SCANNER = Scanner(hints.ISO_T, _ISO_T_RE, _iso_t_atom)
"""ISO timestamps ("2025-05-06T12:00:00Z"): scanned before the dates they start with."""

CLOCK_SCANNERS: tuple[Scanner, ...] = (
    Scanner(hints.COLON, _CLOCK_RE, _plain_clock_atom),
    Scanner(hints.DOTTED_MERIDIEM, _DOT_CLOCK_RE, _dot_clock_atom),
    Scanner(hints.SPACED_CLOCK, _SPACED_CLOCK_RE, _dot_clock_atom),
    Scanner(hints.DOT, _DOT_24_CLOCK_RE, _dot_24_clock_atom),
    Scanner(hints.MERIDIEM, _HOUR_MER_RE, _hour_atom),
    Scanner(hints.FOUR_DIGITS, _MILITARY_RE, _military_atom),
    Scanner(hints.NOON, _NOON_RE, _noon_atom),
    Scanner(hints.RELATIVE, _RELATIVE_RE, _relative_atom),
)
"""The clock rows of the grammar, in priority order (on equal spans the first wins)."""
