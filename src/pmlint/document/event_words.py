"""Words that tell what a timeline entry is: the impact beginning, the incident resolved."""

from __future__ import annotations

import re

__all__ = ["IMPACT_START_RE", "RESOLVED_RE"]

# an entry saying the incident is over: "resolved", "service restored", "back to normal"
RESOLVED_RE = re.compile(
    r"(?i)\b(?:resolv\w*|resolution|restor(?:ed|ation)|recovered|recovery\s+complete"
    r"|(?:complete|full)\s+recovery|reconnected"
    r"|back\s+(?:online|up|to\s+normal)|fully\s+operational|outage\s+end(?:s|ed)?"
    r"|incident\s+closed)\b"
)
# an entry saying the impact began: "errors begin", "outage started", "start of impact"
_BEGIN = r"(?:beg[ai]n|begins|beginning|start(?:s|ed|ing)?)"
IMPACT_START_RE = re.compile(
    rf"(?i)\b(?:(?:impact|outage|incident|disruption|degradation|downtime|errors?|failures?)"
    rf"\s+{_BEGIN}|(?:start|beginning|onset)\s+of\s+(?:the\s+)?(?:customer\s+)?(?:impact|outage"
    rf"|incident|disruption|degradation|errors))\b"
)
