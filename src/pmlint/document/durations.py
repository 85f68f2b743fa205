"""Find stated durations ("2 hours 30 minutes", "66 minutes", "3h42m", "an hour and a half").

Used by the duration-mismatch rules: a postmortem that says "down for 66 minutes" should agree
with its own timeline. Clock times ("10:00 hours"), relative markers ("T+5m"), ``24/7``,
milliseconds ("500ms") and "5 minute read" are not durations. Periodic phrases ("every 5
minutes") are returned with ``periodic=True``: deciding what to do with them is the caller's job.
"""

from __future__ import annotations

import functools
import re

import msgspec

from pmlint.document.lookalikes import folded, folded_lowered
from pmlint.lazy_re import LazyPattern

__all__ = ["DurationExpr", "find_durations"]


class DurationExpr(msgspec.Struct, frozen=True):
    """One stated duration. ``minutes`` is the (lower) value in minutes; ``max_minutes`` the
    upper end of a range ("4-5 hours"). ``approximate`` is true for hedged values ("about",
    "~", "under", ranges); ``bound`` tells whether the hedge is an upper ("under", "less than",
    "up to", "within") or lower ("over", "more than", "at least") bound. ``adjectival`` marks
    "a 45-minute outage" / "30-second timeout" forms; ``periodic`` "every 5 minutes"."""

    start: int
    end: int
    text: str
    minutes: float
    approximate: bool = False
    max_minutes: float | None = None
    bound: str | None = None
    periodic: bool = False
    adjectival: bool = False


_ONES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNIT_MINUTES = {"w": 7 * 24 * 60, "d": 24 * 60, "h": 60, "m": 1, "s": 1 / 60}
_HTTP_STATUSES = frozenset(
    [
        *(100, 101, 102, 103, 226, 451),
        *range(200, 209),
        *range(300, 309),
        *range(400, 432),
        *range(500, 512),
    ]
)
_UNIT_RANK = {"w": 5, "d": 4, "h": 3, "m": 2, "s": 1}

_DIGITS = r"\d{1,6}(?:\.\d{1,3})?½?|½"
_ONES_WORDS = "|".join(sorted(_ONES, key=len, reverse=True))
_TENS_WORDS = "|".join(sorted(_TENS, key=len, reverse=True))
_SMALL_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_SMALL_ONES}))?|{_ONES_WORDS}|an?)"
_NUM = rf"(?:{_DIGITS}|(?i:{_WORDNUM})(?![A-Za-z]))"
_LONG_UNIT = r"(?i:weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)"
_SP = r"[ \t\u00a0]"
_AND_HALF = rf"{_SP}+(?i:and){_SP}+(?i:a){_SP}+(?i:half)"

# "66 minutes", "2.5 hours", "forty-five minutes", "an hour and a half", "4-5 hours",
# "two and a half hours", "a 45-minute outage"
_ATOM_RE = re.compile(
    rf"(?<![A-Za-z0-9.:/+\-$£€#@])(?P<num>{_NUM})"
    rf"(?:{_SP}*(?P<dash>-|\u2013|\u2014|(?i:to)){_SP}*(?P<num2>{_NUM}))?"
    rf"(?P<half1>{_AND_HALF})?"
    rf"(?P<sep>{_SP}*-?{_SP}*)(?P<unit>{_LONG_UNIT})(?![A-Za-z])"
    rf"(?P<half2>{_AND_HALF})?"
)
# "3h42m", "1h", "22m", "2h7m", "1m30s", "2d4h" (lower-case letters attached to the number)
_COMPACT_RE = re.compile(
    r"(?<![A-Za-z0-9.:/+\-$£€#@])(?=\d)"
    r"(?:(?P<w>\d{1,4})w)?(?:(?P<d>\d{1,4})d)?(?:(?P<h>\d{1,4}(?:\.\d{1,2})?)h)?"
    r"(?:(?P<m>\d{1,4})m)?(?:(?P<s>\d{1,4})s)?(?![A-Za-z0-9])"
)
# "half an hour", "half a day", "a half hour", "half-hour", "a quarter of an hour",
# "a couple of hours"
_SPECIAL_RE = re.compile(
    r"(?<![A-Za-z0-9])(?i:"
    r"(?P<half>half[ \t-]+(?:an?[ \t]+)?(?P<hu>hour|day|minute)"
    r"|an?[ \t]+half[ \t-]+(?P<hu2>hour|day))"
    r"|(?P<quarter>(?:an?[ \t]+)?quarter[ \t]+(?:of[ \t]+)?(?:an[ \t]+)?hour)"
    r"|(?P<couple>an?[ \t]+couple[ \t]+(?:of[ \t]+)?(?P<cu>hours|days|minutes|weeks))"
    r")(?![A-Za-z])"
)

_QUALIFIERS: dict[str, str | None] = {
    "approximately": None,
    "approx": None,
    "approx.": None,
    "about": None,
    "around": None,
    "roughly": None,
    "nearly": None,
    "almost": None,
    "some": None,
    "circa": None,
    "ca.": None,
    "close to": None,
    "estimated": None,
    "an estimated": None,
    "~": None,
    "\u2248": None,
    "over": "lower",
    "more than": "lower",
    "at least": "lower",
    "just over": "lower",
    "upwards of": "lower",
    "under": "upper",
    "less than": "upper",
    "just under": "upper",
    "up to": "upper",
    "at most": "upper",
    "no more than": "upper",
    "within": "upper",
}
_QUAL = (
    r"(?<![A-Za-z0-9])(?P<q>"
    + "|".join(
        re.escape(q).replace(r"\ ", r"[ \t]+") for q in sorted(_QUALIFIERS, key=len, reverse=True)
    )
    + r")[ \t]*(?:an?[ \t]+)?$"
)
# The qualifiers are lower case: on ASCII text, ignoring case is lowering the text, and the
# pattern compiles some 0.6 ms faster without IGNORECASE (it is compiled at every start).
_QUAL_LOWER_RE = re.compile(_QUAL)


@functools.cache
def _qual_re() -> re.Pattern[str]:
    """The qualifier pattern ignoring case, for text that is not ASCII (compiled on use)."""
    return re.compile(_QUAL, re.IGNORECASE)


def _qualifier(text: str, start: int) -> tuple[int, str] | None:
    """Where the qualifier right before ``start`` begins ("about ", "less than an "), and
    the qualifier, lower case; as ``_qual_re().search(text, max(0, start - 24), start)``."""
    lo = max(0, start - 24)
    before = max(0, lo - 1)  # the character the look-behind reads
    chunk = text[before:start]
    if chunk.isascii():
        q = _QUAL_LOWER_RE.search(chunk.lower(), lo - before)
        return None if q is None else (before + q.start(), q.group("q"))
    q = _qual_re().search(text, lo, start)
    return None if q is None else (q.start(), q.group("q").lower())


_PERIODIC_BEFORE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?i:every|each|per|once[ \t]+(?:every|per))[ \t]+$"
)
# before "a day" / "an hour": "once a day", "three times an hour", "24 hours a day"
_PERIODIC_A_BEFORE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?i:once|twice|thrice|times|hours|minutes|days|\d+[ \t]*x)[ \t]+$"
)
_PERIODIC_AFTER_RE = re.compile(
    r"[ \t]+(?i:intervals?|cadence|(?:a|an|per)[ \t]+(?:day|week|month|year|hour))\b"
)
_READ_AFTER_RE = re.compile(r"[ \t]+(?i:read)\b")
_PLURAL_NOUN_AFTER_RE = LazyPattern(r"[ \t]+[a-z]+s\b")
_DECADE_BEFORE_RE = LazyPattern(r"(?i:\b(?:the|their|his|her|early|late|mid)[ \t-]+)$")
_JOIN_RE = LazyPattern(rf"(?:{_SP}*,{_SP}*|{_SP}+)(?:(?i:and){_SP}+)?|")


def _number(raw: str) -> float:
    s = folded(raw.strip())
    half = s.endswith("½")
    s = s.rstrip("½")
    if not s:
        return 0.5
    if s[0].isdigit():
        return float(s) + (0.5 if half else 0.0)
    if s in ("a", "an"):
        return 1.0
    parts = re.split(r"[- ]", s)
    total = 0
    for p in parts:
        total += _TENS.get(p, 0) + _ONES.get(p, 0)
    return float(total)


def _unit_key(unit: str) -> str:
    u = folded(unit)
    return "w" if u.startswith("w") else u[0]


class _Atom(msgspec.Struct):
    start: int
    end: int
    minutes: float
    rank: int
    max_minutes: float | None = None
    adjectival: bool = False
    approximate: bool = False


def _from_atom(text: str, m: re.Match[str]) -> _Atom | None:
    raw = m.group("num")
    unit = m.group("unit")
    key = _unit_key(unit)
    lower_raw = folded(raw)
    if lower_raw in ("a", "an") and key == "s":
        return None  # "a second server": an ordinal, not a duration
    if _READ_AFTER_RE.match(text, m.end()):
        return None  # "5 minute read"
    start = m.start()
    value = _number(raw)
    max_value = None
    if m.group("num2") is not None:
        second = _number(m.group("num2"))
        before = text[max(0, start - 6) : start].lower()
        if second <= value or before.rstrip().endswith("from"):
            # "from 10 to 5 minutes": a change, only the last value is a duration
            start = m.start("num2")
            value = second
        else:
            max_value = second
    if m.group("half1") or m.group("half2"):
        value += 0.5
        if max_value is not None:
            max_value += 0.5
    scale = _UNIT_MINUTES[key]
    singular = folded(unit) in ("week", "day", "hour", "minute", "second")
    adjectival = "-" in m.group("sep") or (
        singular and lower_raw not in ("a", "an", "one", "1") and value != 1
    )
    return _Atom(
        start=start,
        end=m.end(),
        minutes=value * scale,
        rank=_UNIT_RANK[key],
        max_minutes=None if max_value is None else max_value * scale,
        adjectival=adjectival,
        approximate=max_value is not None,
    )


def _from_compact(text: str, m: re.Match[str]) -> _Atom | None:
    parts = {k: m.group(k) for k in "wdhms" if m.group(k) is not None}
    if not parts:
        return None
    if len(parts) == 1:
        (key,) = parts
        after = text[m.end() : m.end() + 40]
        if key == "m" and _PLURAL_NOUN_AFTER_RE.match(after):
            return None  # "5m users": millions
        if key in "ds" and re.match(r"[ \t]+[A-Za-z]", after):
            return None  # "3d printing", "30s timeout" is kept only as "30s." / "30s |"
        if key == "s" and int(parts["s"]) in _HTTP_STATUSES:
            return None  # "HTTP 500s", "serving 502s"
        if key == "s" and (
            len(parts["s"]) == 4
            or _DECADE_BEFORE_RE.search(text[max(0, m.start() - 8) : m.start()])
        ):
            return None  # "the 1990s", "in their 30s"
    minutes = sum(float(v) * _UNIT_MINUTES[k] for k, v in parts.items())
    rank = min(_UNIT_RANK[k] for k in parts)
    return _Atom(start=m.start(), end=m.end(), minutes=minutes, rank=rank)


def _from_special(m: re.Match[str]) -> _Atom:
    half_unit = m.group("hu") or m.group("hu2")
    if half_unit:
        key = _unit_key(half_unit)
        return _Atom(m.start(), m.end(), 0.5 * _UNIT_MINUTES[key], _UNIT_RANK[key])
    if m.group("quarter"):
        return _Atom(m.start(), m.end(), 15.0, _UNIT_RANK["m"])
    key = _unit_key(m.group("cu"))
    return _Atom(m.start(), m.end(), 2.0 * _UNIT_MINUTES[key], _UNIT_RANK[key], approximate=True)


# Lowered, every unit word of _ATOM_RE and _SPECIAL_RE holds one of _UNIT_PARTS and every
# match of _SPECIAL_RE one of _SPECIAL_PARTS; every match of _COMPACT_RE holds a digit with
# its unit letter right after it ("1.5h" too), in the case the pattern matches.
_UNIT_PARTS = ("min", "hour", "sec", "day", "hr", "week", "wk")
_SPECIAL_PARTS = ("half", "quarter", "couple")
_COMPACT_HINT = re.compile(r"\d[wdhms]")


def _can_hold(text: str) -> tuple[bool, bool, bool]:
    """Whether ``text`` can hold a unit word, a half/quarter/couple phrase, a compact duration
    ("3h42m"). Non-ASCII text may match through a letter only case folding knows ("ſec")."""
    if text.isascii():
        lower = text.lower()
        units = any(part in lower for part in _UNIT_PARTS)
        special = units and any(part in lower for part in _SPECIAL_PARTS)
    else:
        units = special = True
    return units, special, _COMPACT_HINT.search(text) is not None


def find_durations(text: str) -> list[DurationExpr]:
    """All stated durations in text, left to right, non-overlapping. Parts written together
    ("2 hours 30 minutes", "1 hour and 48 minutes", "1 hr 45 mins", "3h 42m") form one
    duration; a hedge right before it ("approximately", "~", "under") is part of it."""
    units, special, compact = _can_hold(text)
    atoms: list[_Atom] = []
    for m in _ATOM_RE.finditer(text) if units else ():
        a = _from_atom(text, m)
        if a is not None:
            atoms.append(a)
    for m in _COMPACT_RE.finditer(text) if compact else ():
        a = _from_compact(text, m)
        if a is not None:
            atoms.append(a)
    if special:
        atoms.extend(_from_special(m) for m in _SPECIAL_RE.finditer(text))
    if not atoms:
        return []

    chosen: list[_Atom] = []
    last_end = -1
    for a in sorted(atoms, key=lambda a: (a.start, -a.end)):
        if a.start >= last_end:
            chosen.append(a)
            last_end = a.end

    # join "2 hours" + "30 minutes" when units strictly decrease
    groups: list[list[_Atom]] = []
    for a in chosen:
        if groups:
            prev = groups[-1][-1]
            if (
                prev.rank > a.rank
                and prev.max_minutes is None
                and a.max_minutes is None
                and not a.adjectival
                and _JOIN_RE.fullmatch(text, prev.end, a.start)
            ):
                groups[-1].append(a)
                continue
        groups.append([a])

    out: list[DurationExpr] = []
    for group in groups:
        start, end = group[0].start, group[-1].end
        minutes = sum(a.minutes for a in group)
        max_minutes = group[0].max_minutes
        approximate = any(a.approximate for a in group)
        bound = None
        q = _qualifier(text, start)
        if q is not None:
            start = q[0]
            approximate = True
            bound = _QUALIFIERS[" ".join(folded_lowered(q[1]).split())]
        before = text[max(0, start - 24) : start]
        periodic = bool(
            _PERIODIC_BEFORE_RE.search(before)
            or _PERIODIC_AFTER_RE.match(text, end)
            or (
                re.match(r"(?i:an?)[ \t]", text[start:end]) and _PERIODIC_A_BEFORE_RE.search(before)
            )
        )
        out.append(
            DurationExpr(
                start=start,
                end=end,
                text=text[start:end],
                minutes=round(minutes, 6),
                approximate=approximate,
                max_minutes=max_minutes,
                bound=bound,
                periodic=periodic,
                adjectival=group[-1].adjectival,
            )
        )
    return out
