"""``--statistics``: how many findings each rule produced, most frequent first."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions


def render_statistics(results: list[FileResult], options: RenderOptions) -> str:
    """``count  code  name  [*]`` lines; ``[*]`` marks rules whose findings have fixes."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: set[str] = set()
    for result in results:
        for finding in result.findings:
            counts[(finding.code, finding.name)] += 1
            if finding.fix is not None:
                fixable.add(finding.code)
    if not counts:
        return "All checks passed!\n"
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max(len(str(count)) for _, count in rows)
    name_width = max(len(name) for (_, name), _ in rows)
    lines = [
        f"{count:>{width}}  {code}  {name:<{name_width}}  {_mark(code, fixable)}".rstrip()
        for (code, name), count in rows
    ]
    return "\n".join(lines) + "\n"


def _mark(code: str, fixable: set[str]) -> str:
    return "[*]" if code in fixable else ""
