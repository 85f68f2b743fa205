"""The scanner: runs every row of the time grammar (dates, clock times, timestamps, relative
markers) over a text, keeps the leftmost-longest atoms outside URLs, joins a date with the
clock time right after it, and returns :class:`TimeExpr`s."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import Any

from pmlint.document.time.clocks import CLOCK_SCANNERS, ISO_T_SCANNER
from pmlint.document.time.dates import DATE_SCANNERS
from pmlint.document.time.expr import TimeExpr
from pmlint.document.time.fallback import fallback_atoms
from pmlint.document.time.hints import hint_bit, hint_mask
from pmlint.document.time.tokens import SP, Atom, Builder, Scanner
from pmlint.document.zones import get_zone
from pmlint.lazy_re import LazyPattern

__all__ = ["DATE_ORDERS", "find_times", "parse_time"]

DATE_ORDERS = ("MDY", "DMY")

_GRAMMAR: tuple[Scanner, ...] = (ISO_T_SCANNER, *DATE_SCANNERS, *CLOCK_SCANNERS)
_URL_RE = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\[\]]+")
# between a date and the clock time that belongs to it: "May 15, 2023, 10:00", "2023-01-04/11:34"
_DATE_CLOCK_SEP_RE = re.compile(rf"(?:{SP}*,{SP}*|{SP}+|{SP}*@{SP}*|/|T)(?:(?:at|@){SP}+)?~?{SP}*")


# between a clock time and a date said after it with "on": "22:30 UTC on October 29"
# (a line may wrap after "on": "01:10 UTC on" / "2024-09-15")
# (one optional comma between two runs of spaces, so the runs never trade characters)
_CLOCK_ON_DATE_SEP_RE = LazyPattern(rf"{SP}*(?:,{SP}*)?on(?:{SP}+|{SP}*\n{SP}*)(?:the{SP}+)?")


def _collect_atoms(text: str, date_order: str) -> list[Atom]:
    """Every atom any row of the grammar finds (overlapping; :func:`_select` chooses)."""
    atoms: list[Atom] = []
    for finditer, build in _rows_for(hint_mask(text)):
        for m in finditer(text):
            atom = build(text, m, date_order)
            if atom is not None:
                atoms.append(atom)
    return atoms


_Row = tuple[Callable[[str], Iterator[re.Match[str]]], Builder]
_ROWS_FOR: dict[int, tuple[_Row, ...]] = {}


def _rows_for(passed: int) -> tuple[_Row, ...]:
    """The rows whose hint's bit is in ``passed`` (a :func:`hint_mask`), in grammar order, as
    their compiled patterns' ``finditer`` and their builders (kept per set of hints: a few
    dozen sets at most occur; a lazy pattern is compiled here, when a text first needs it)."""
    rows = _ROWS_FOR.get(passed)
    if rows is None:
        rows = _ROWS_FOR[passed] = tuple(
            (_compiled(row.pattern).finditer, row.build)
            for row in _GRAMMAR
            if passed & hint_bit(row.hint)
        )
    return rows


def _compiled(pattern: re.Pattern[str] | LazyPattern) -> re.Pattern[str]:
    return pattern.compiled if isinstance(pattern, LazyPattern) else pattern


def _leftmost_longest(a: Atom) -> tuple[int, int]:
    return a.start, -a.end


def _select(atoms: list[Atom], excluded: list[tuple[int, int]], text: str) -> list[Atom]:
    """Leftmost-longest non-overlapping atoms outside excluded spans (URLs)."""
    chosen: list[Atom] = []
    last_end = -1
    starts = [s for s, _ in excluded]  # URL spans: sorted and disjoint, so bisect (not quadratic)
    for a in sorted(atoms, key=_leftmost_longest) if len(atoms) > 1 else atoms:
        if a.start < last_end:
            continue
        i = bisect.bisect_left(starts, a.end)  # the last span starting before a.end
        if i and excluded[i - 1][1] > a.start:
            continue
        # glued to a word or number on the right: "10:00abc", "2024-01-01x"
        if a.end < len(text) and text[a.end].isalnum() and a.kind != "relative":
            continue
        chosen.append(a)
        last_end = a.end
    return chosen


def _merge(text: str, atoms: list[Atom]) -> list[Atom]:
    """Join a date atom and the clock atom right after it into one datetime atom."""
    if len(atoms) < 2:  # nothing to join (most texts)
        return atoms
    out: list[Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if a.kind == "clock" and i + 1 < len(atoms) and atoms[i + 1].kind == "date":
            b = atoms[i + 1]  # "22:30 UTC on October 29": the date said after the clock
            c = atoms[i + 2] if i + 2 < len(atoms) else None
            owns_next = (  # "05:00 on 2021-12-13 15:50": the date heads the clock after it
                c is not None
                and c.kind == "clock"
                and _DATE_CLOCK_SEP_RE.fullmatch(text, b.end, c.start) is not None
            )
            if (
                _CLOCK_ON_DATE_SEP_RE.fullmatch(text, a.end, b.start)
                and not b.fields.get("problem")
                and not owns_next
            ):
                fields = dict(a.fields)
                fields.update((k, v) for k, v in b.fields.items() if k != "precision")
                out.append(Atom(a.start, b.end, "datetime", fields))
                i += 2
                continue
        if a.kind == "date" and i + 1 < len(atoms) and atoms[i + 1].kind == "clock":
            b = atoms[i + 1]
            if _DATE_CLOCK_SEP_RE.fullmatch(text, a.end, b.start):
                fields = dict(b.fields)
                for key, value in a.fields.items():
                    if key == "precision":
                        continue
                    if key == "problem" and fields.get("problem"):
                        continue
                    fields[key] = value
                out.append(Atom(a.start, b.end, "datetime", fields))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _to_expr(text: str, a: Atom) -> TimeExpr:
    f = a.fields  # the atom's own (each builder and join makes a new one), used up here
    zone = f.get("zone")
    if zone is not None and f.get("utc_offset") is None and f.get("date") is not None:
        info = get_zone(zone)
        if info is not None and info.generic:
            f["utc_offset"] = info.offset_on(f["date"])
    return TimeExpr(start=a.start, end=a.end, text=text[a.start : a.end], **f)


def find_times(text: str, *, date_order: str = "MDY", use_fallback: bool = True) -> list[TimeExpr]:
    """All time/date expressions in text, left to right, non-overlapping.

    A date and a clock time right after it on the same line ("May 15, 2023 10:00 UTC",
    "2024-03-05 14:05", "Nov 1, 2022 6:00 AM", "Saturday 2nd May 10:00 hours (East Africa
    Time)") form one expression. Each time carries only its own zone: use
    :func:`apply_range_context` to share a zone written once at the end of a range.
    ``date_order`` ("MDY" or "DMY") decides slash and dash dates; ISO dates are always
    year-first and dotted dates always day-first.
    """
    if date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS}, not {date_order!r}")
    excluded = (
        [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
        if "://" in text or "www." in text
        else []
    )
    atoms = _collect_atoms(text, date_order)
    if not atoms and not use_fallback:
        return []
    chosen = _select(atoms, excluded, text)
    if use_fallback:
        extra = fallback_atoms(text, chosen, date_order)
        if extra:
            chosen = _select([*chosen, *extra], excluded, text)
    return [_to_expr(text, a) for a in _merge(text, chosen)]


def parse_time(text: str, **kw: Any) -> TimeExpr | None:
    """The single expression filling ``text`` (surrounding whitespace ignored), or None.
    Keyword arguments go to :func:`find_times`. Offsets are relative to the stripped text."""
    stripped = text.strip()
    found = find_times(stripped, **kw)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None
