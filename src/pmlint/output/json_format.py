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
    stream = JsonLinesStream(options)
    return "".join(stream.file(result) for result in results) + stream.end()


class JsonLinesStream:
    """``json-lines`` written file by file."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options

    def file(self, result: FileResult) -> str:
        """One line per finding of this file."""
        return "".join(
            json.dumps(finding_to_dict(f, result), ensure_ascii=False) + "\n"
            for f in result.findings
        )

    def end(self) -> str:
        """Nothing: the format has no summary."""
        return ""
