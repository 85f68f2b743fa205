"""The zone table: what pmlint knows about each zone, read from ``rules/zones.toml``
(shipped in the wheel as ``pmlint/_packs``). Lookups and patterns are in :mod:`.zones`."""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import msgspec

from pmlint.toml_compat import tomllib


class ZoneInfo(msgspec.Struct, frozen=True):
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
    standard: int | None = None

    @property
    def family(self) -> int | None:
        """The standard-time offset, shared by a zone and its summer twin (PST, PDT and
        "Pacific Time"); None when ambiguous or unknown."""
        if self.utc_offset is None:
            return self.standard
        return self.utc_offset - 60 if self.dst else self.utc_offset

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


# --------------------------------------------------------------------------- table loading


def _zones_path() -> Path:
    """``pmlint/_packs/zones.toml`` inside a wheel, ``rules/zones.toml`` in a checkout."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "_packs" / "zones.toml"
    if packaged.is_file():
        return packaged
    return here.parents[3] / "rules" / "zones.toml"


def norm_name(name: str) -> str:
    """A long name as the table keys it: lower case, single spaces."""
    return " ".join(name.lower().split())


class _Table(msgspec.Struct, frozen=True):
    """Zones by abbreviation and by normalised long name."""

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
            standard=None if entry.get("standard") is None else int(entry["standard"]),
        )
        if abbr:
            by_abbr[abbr] = base
        for n in names:
            # a long name is never weak, whatever its abbreviation is
            by_name[norm_name(n)] = msgspec.structs.replace(base, long_name=n, weak=False)
    return _Table(by_abbr=by_abbr, by_name=by_name)
