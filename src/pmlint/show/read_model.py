"""The records ``pmlint show`` prints: what pmlint read from one document, as plain typed
values (see :mod:`pmlint.show.reading`, which builds them). Positions on the time axis are
minutes since the midnight that starts the first day drawn (``Axis.origin``)."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

DAY = 1440
"""Minutes in a day."""


class TimeRead(msgspec.Struct, frozen=True):
    """A time or date as written and as parsed.

    ``clock`` is ``HH:MM`` on a 24-hour clock; ``date`` is ISO (``2024-03-05``) or
    ``--03-05`` when no year is written; ``utc_offset`` is minutes east of UTC.
    ``span`` is the source offsets of the text. ``spelling`` says how a clear time is
    misspelled ("13:20pm": already 24-hour), ``None`` when it is written well.
    """

    text: str
    line: int
    clock: str | None
    date: str | None
    zone: str | None
    utc_offset: int | None
    problem: str | None
    span: tuple[int, int]
    spelling: str | None = None


class SectionRead(msgspec.Struct, frozen=True):
    """A section found by its heading: title, line, level, heading style, meaning keys."""

    title: str
    line: int
    level: int
    style: str
    keys: tuple[str, ...]


class ZoneRead(msgspec.Struct, frozen=True):
    """A line that declares the zone of the times ("All times are in UTC")."""

    zone: str
    utc_offset: int | None
    ambiguous: bool
    line: int
    text: str


class WindowRead(msgspec.Struct, frozen=True):
    """The incident window: both ends, where they came from, length and axis position."""

    start: TimeRead
    end: TimeRead
    how: str
    source: str
    minutes: int | None
    crosses_midnight: bool
    start_minute: int | None
    end_minute: int | None


class DetectionRead(msgspec.Struct, frozen=True):
    """The detection time, how it was found, why, and where it falls."""

    time: TimeRead
    how: str
    why: str
    minute: int | None
    inside_window: bool | None


class DurationRead(msgspec.Struct, frozen=True):
    """A duration the text states, drawn as a bracket from the window start."""

    text: str
    line: int
    minutes: float
    max_minutes: float | None
    approximate: bool
    span: tuple[int, int]
    start_minute: int | None
    end_minute: int | None


class MetricRead(msgspec.Struct, frozen=True):
    """A stated metric: ``kind`` is ``ttd``, ``ttr`` or ``downtime``."""

    kind: str
    label: str
    text: str
    minutes: float
    line: int


class EntryRead(msgspec.Struct, frozen=True):
    """One timeline entry: its text, the time it opens with (if any), its day, position."""

    line: int
    text: str
    time: TimeRead | None
    day: str | None
    minute: int | None
    span: tuple[int, int]


class Axis(msgspec.Struct, frozen=True):
    """The time axis: ``origin`` is the first day drawn (ISO, ``--MM-DD`` without a year,
    ``None`` when no date is written); ``start``/``end`` the extent in minutes since it."""

    origin: str | None
    start: int
    end: int

    @property
    def days(self) -> int:
        """How many calendar days the extent touches."""
        return (max(self.end - 1, self.start)) // DAY - self.start // DAY + 1

    def day_label(self, index: int) -> str:
        """A label for day ``index`` (0 is the origin): its date, or "day N"."""
        if self.origin is None:
            return f"day {index + 1}"
        if self.origin.startswith("--"):
            day = date(2000, int(self.origin[2:4]), int(self.origin[5:7])) + timedelta(index)
            return day.strftime("%b %-d")
        day = date.fromisoformat(self.origin) + timedelta(index)
        return day.isoformat()


class Reading(msgspec.Struct, frozen=True):
    """Everything pmlint read from one document that a person may want to check."""

    path: str
    sections: tuple[SectionRead, ...]
    zones: tuple[ZoneRead, ...]
    window: WindowRead | None
    detection: DetectionRead | None
    durations: tuple[DurationRead, ...]
    metrics: tuple[MetricRead, ...]
    entries: tuple[EntryRead, ...]
    axis: Axis | None

    @property
    def time_to_detect(self) -> int | None:
        """Minutes from the window start to the detection, when both are placed."""
        if self.window is None or self.detection is None:
            return None
        if self.window.start_minute is None or self.detection.minute is None:
            return None
        return self.detection.minute - self.window.start_minute

    @property
    def time_to_resolve(self) -> int | None:
        """The window's length in minutes."""
        return self.window.minutes if self.window else None
