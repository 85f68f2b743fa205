"""Dotted clocks in a timeline ("14.05 - alert fires"): a time only when the timeline
writes its times that way, since "2.50" alone is a decimal."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmlint.document.time import TimeExpr

if TYPE_CHECKING:
    from pmlint.document.timeline import Entry

__all__ = ["read_dotted_clocks"]

# bullets, markup and spaces before the time
_PREFIX_RE = re.compile(r"[\s*_>#\-\u2022]*")
# "14.05 - ", "9.40: ": a dotted clock opening an entry, then a separator
_DOTTED_LEAD_RE = re.compile(r"(?P<h>[01]?\d|2[0-3])\.(?P<mi>[0-5]\d)(?=[ \t]*[-\u2013:|][ \t])")


def read_dotted_clocks(entries: list[Entry]) -> None:
    """ "14.05 - alert fires": a dotted clock without zone or date is a decimal anywhere
    else, but when two or more untimed entries of the timeline open with one and no other
    untimed entry does, the timeline writes its times that way."""
    found: list[tuple[Entry, re.Match[str]]] = []
    untimed = [e for e in entries if e.time is None and not e.any_time]
    for e in untimed:
        rel = e.start - e.block.start
        prefix = _PREFIX_RE.match(e.block.masked, rel)
        at = prefix.end() if prefix is not None else rel
        m = _DOTTED_LEAD_RE.match(e.block.masked, at)
        if m is not None and int(m.group("h")) <= 23:
            found.append((e, m))
    if len(found) < 2 or len(found) * 2 < len(untimed):
        return
    for e, m in found:
        e.time = TimeExpr(
            start=m.start(),
            end=m.end("mi"),
            text=m.group(0)[: m.end("mi") - m.start()],
            hour=int(m.group("h")),
            minute=int(m.group("mi")),
        )
        e.any_time = True
