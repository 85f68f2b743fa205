"""The shared geometry of a drawn timeline: the padded extent, ticks and their labels."""

from __future__ import annotations

import msgspec

from pmlint.show.reading import Axis

_DAY = 1440
_STEPS = (5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 4320, 10080)


class Scale(msgspec.Struct, frozen=True):
    """Maps axis minutes to a position in ``[0, size]``."""

    low: int
    high: int
    size: float

    @classmethod
    def fit(cls, axis: Axis, size: float) -> Scale:
        """A scale showing the whole axis with a margin on both sides."""
        widen = max(0, 60 - (axis.end - axis.start)) // 2  # a lone point gets an hour
        low, high = axis.start - widen, axis.end + widen
        pad = max(15, (high - low) // 20)
        return cls(low - pad, high + pad, size)

    def at(self, minute: float) -> float:
        """The position of ``minute``."""
        return (minute - self.low) / (self.high - self.low) * self.size

    def ticks(self, most: int) -> list[int]:
        """Round minutes (multiples of a step that divides a day) inside the scale."""
        span = self.high - self.low
        step = next((s for s in _STEPS if span / s <= most), _STEPS[-1])
        first = -(-self.low // step) * step
        return list(range(first, self.high + 1, step))

    def midnights(self) -> list[int]:
        """Each midnight inside the scale (day boundaries)."""
        first = -(-self.low // _DAY) * _DAY
        return list(range(first, self.high + 1, _DAY))


def clock_label(minute: int) -> str:
    """``HH:MM`` of an axis minute."""
    of_day = minute % _DAY
    return f"{of_day // 60:02d}:{of_day % 60:02d}"


def day_index(minute: int) -> int:
    """Which day (0 is the origin) an axis minute falls on."""
    return minute // _DAY


def span_words(minutes: float) -> str:
    """A length in words: ``2 h 30 min``, ``45 min``, ``1 d 3 h``."""
    total = round(abs(minutes))
    sign = "-" if minutes < 0 else ""
    days, rest = divmod(total, _DAY)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} d")
    if hours:
        parts.append(f"{hours} h")
    if mins or not parts:
        parts.append(f"{mins} min")
    return sign + " ".join(parts)
