"""``gitlab``: a GitLab Code Quality report (JSON array of issues)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pmlint.output.fingerprints import with_fingerprints

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render_gitlab(results: list[FileResult], options: RenderOptions) -> str:
    """Issues with description, check name, stable fingerprint, severity and lines."""
    issues = [
        {
            "description": f"{finding.code} {finding.message}",
            "check_name": f"{finding.code} {finding.name}",
            "fingerprint": fingerprint,
            "severity": _SEVERITY[finding.severity.label],
            "location": {
                "path": finding.path,
                "lines": {"begin": finding.span.start.line, "end": finding.span.end.line},
            },
        }
        for _, finding, fingerprint in with_fingerprints(results)
    ]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
