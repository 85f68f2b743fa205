"""The result types of the time grammar: one expression (:class:`TimeExpr`) and a range of two
(:class:`TimeRange`)."""

from __future__ import annotations

from datetime import date

import msgspec

__all__ = ["TimeExpr", "TimeRange"]


class TimeExpr(msgspec.Struct, frozen=True):
    """One time or date expression found in text.

    ``start``/``end`` are offsets into the text given to :func:`find_times`. Clock fields are
    24-hour after applying am/pm. ``date`` is set only when day, month and a real year are
    written; ``month_day`` when the year is missing or a template ("20XX"). ``problem`` is set
    when the text is written as a time or date but cannot be one; then the invalid fields
    are ``None``. ``spelling`` is set when the time is clear but misspelled ("13:20pm": a
    24-hour time with a redundant PM); it is read as written in 24-hour form. Relative
    markers (``T+5m``, ``+00:10``) have no clock fields and carry ``relative_seconds``
    instead.
    """

    start: int
    end: int
    text: str
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    date: date | None = None
    month_day: tuple[int, int] | None = None
    year_placeholder: bool = False
    weekday: int | None = None
    meridiem: str | None = None
    zone: str | None = None
    utc_offset: int | None = None
    zone_ambiguous: bool = False
    precision: str = "minute"
    relative: bool = False
    problem: str | None = None
    spelling: str | None = None
    relative_seconds: int | None = None

    @property
    def has_clock(self) -> bool:
        """True when a valid clock time (hour at least) is written."""
        return self.hour is not None

    @property
    def has_date(self) -> bool:
        """True when a day is written (with or without a year)."""
        return self.date is not None or self.month_day is not None

    @property
    def weekday_mismatch(self) -> bool:
        """True when a written weekday contradicts the full date ("Monday, May 16, 2024")."""
        return (
            self.weekday is not None
            and self.date is not None
            and (self.date.weekday() != self.weekday)
        )

    def minutes_of_day(self) -> int | None:
        """Minutes since midnight of the clock time (local to its own zone), or None."""
        if self.hour is None:
            return None
        return self.hour * 60 + (self.minute or 0)

    def with_day_of(self, day: TimeExpr) -> TimeExpr:
        """This expression with the day (date, month and day, template year, weekday) that
        ``day`` gives: a clock time dated by a date written elsewhere."""
        return msgspec.structs.replace(
            self,
            date=day.date,
            month_day=day.month_day,
            year_placeholder=day.year_placeholder,
            weekday=day.weekday,
        )

    def seconds_of_day(self) -> int | None:
        """Seconds since midnight of the clock time, or None."""
        if self.hour is None:
            return None
        return self.hour * 3600 + (self.minute or 0) * 60 + (self.second or 0)


class TimeRange(msgspec.Struct, frozen=True):
    """Two expressions joined as a range ("10:00 AM to 12:30 PM", "15:00-18:30")."""

    first: TimeExpr
    second: TimeExpr
    start: int
    end: int
