"""``json``: an array of finding objects, in ruff's shape."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pmlint.findings import Finding, Position

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions


def _location(position: Position) -> dict[str, int]:
    return {"row": position.line, "column": position.column}


def finding_to_dict(finding: Finding, result: FileResult) -> dict[str, Any]:
    """One finding as a JSON-ready dict (fix edits carry both offsets and rows)."""
    fix = None
    if finding.fix is not None and result.source is not None:
        source = result.source
        fix = {
            "applicability": finding.fix.applicability.value,
            "message": finding.fix.title,
            "edits": [
                {
                    "content": edit.content,
                    "location": _location(source.position(edit.start_offset)),
                    "end_location": _location(source.position(edit.end_offset)),
                }
                for edit in finding.fix.edits
            ],
        }
    return {
        "code": finding.code,
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity.label,
        "filename": finding.path,
        "location": _location(finding.span.start),
        "end_location": _location(finding.span.end),
        "fix": fix,
        "url": finding.url,
    }


def render_json(results: list[FileResult], options: RenderOptions) -> str:
    """All findings of all files as one JSON array."""
    items = [finding_to_dict(f, r) for r in results for f in r.findings]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def render_json_lines(results: list[FileResult], options: RenderOptions) -> str:
    """One JSON object per line, one line per finding (easy to stream and grep)."""
    lines = [
        json.dumps(finding_to_dict(f, r), ensure_ascii=False) for r in results for f in r.findings
    ]
    return "".join(line + "\n" for line in lines)
