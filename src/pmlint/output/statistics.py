"""``--statistics``: how many findings each rule produced, most frequent first.

As text (with ``concise`` and ``full``) or, with ``--output-format json`` or
``json-lines``, as JSON objects: ``code``, ``name``, ``severity``, ``count``, ``fixable``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions


def statistics(results: list[FileResult]) -> list[dict[str, Any]]:
    """One row per rule that reported something, most frequent first, then by code."""
    counts: Counter[tuple[str, str, str]] = Counter()
    fixable: Counter[str] = Counter()
    for result in results:
        for finding in result.findings:
            counts[(finding.code, finding.name, finding.severity.label)] += 1
            if finding.fix is not None and finding.fix.applicability.value != "suggestion":
                fixable[finding.code] += 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"code": code, "name": name, "severity": severity, "count": count, "fixable": fixable[code]}
        for (code, name, severity), count in rows
    ]


def render_statistics(results: list[FileResult], options: RenderOptions) -> str:
    """``count  code  name  severity  [*]`` lines; ``[*]`` marks rules with fixes."""
    rows = statistics(results)
    if not rows:
        return "" if options.quiet else "All checks passed!\n"
    width = max(len(str(row["count"])) for row in rows)
    name_width = max(len(row["name"]) for row in rows)
    lines = [
        f"{row['count']:>{width}}  {row['code']}  {row['name']:<{name_width}}  "
        f"{row['severity']:<7}  {'[*]' if row['fixable'] else ''}".rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def render_statistics_json(results: list[FileResult], options: RenderOptions) -> str:
    """The rows as one JSON array."""
    return json.dumps(statistics(results), indent=2, ensure_ascii=False) + "\n"
