"""Find time and date expressions in free text, as people write them in postmortems.

The grammar is a table of rows (:mod:`.tokens`): cheap hint, compiled pattern, builder. The
date rows (:mod:`.dates`) and clock rows (:mod:`.clocks`) find *atoms*; the scanner
(:mod:`.scan`) keeps the leftmost-longest ones and joins a date and the clock time right
after it into one expression; :mod:`.ranges` pairs expressions written as a range. Precision
matters more than recall: version numbers, IP addresses and ports, URLs, ratios, ``24/7``,
fractions and Bible-style references are not times. Things written as a time but invalid
("25:10", "13:30 PM", "February 30") are returned with ``problem`` set so rules can report
them. ``dateparser`` is only a lazy fallback (:mod:`.fallback`) for a month-name date in an
unusual layout; the common forms never import it.
"""

from pmlint.document.time.expr import TimeExpr, TimeRange
from pmlint.document.time.ranges import apply_range_context, find_time_ranges
from pmlint.document.time.scan import DATE_ORDERS, find_times, parse_time

__all__ = [
    "DATE_ORDERS",
    "TimeExpr",
    "TimeRange",
    "apply_range_context",
    "find_time_ranges",
    "find_times",
    "parse_time",
]
