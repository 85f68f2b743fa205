"""``sarif``: SARIF 2.1.0, as GitHub code scanning and other CI dashboards read it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from pmlint import __version__
from pmlint.output.fingerprints import with_fingerprints
from pmlint.rule import DOCS_URL

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions
    from pmlint.rule import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/pmlint/pmlint"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SECTION = re.compile(r"^##\s+What it does\s*\n(?P<body>.*?)(?=^##\s|\Z)", re.M | re.S)


def _what_it_does(rule: type[Rule]) -> str:
    doc = rule.documentation()
    match = _SECTION.search(doc)
    text = " ".join((match.group("body") if match else doc).split())
    return text or rule.summary or rule.name


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """The ``reportingDescriptor`` of a rule: id, name, descriptions, help, level, tags."""
    summary = rule.summary or rule.name
    documentation = rule.documentation() or summary
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": _what_it_does(rule)},
        "help": {"text": documentation, "markdown": documentation},
        "helpUri": DOCS_URL.format(code=rule.code),
        "defaultConfiguration": {"level": _LEVEL[rule.severity.label]},
    }
    if rule.tags:
        descriptor["properties"] = {"tags": list(rule.tags)}
    return descriptor


def artifact_uri(path: str) -> str:
    """A URI relative to the working directory (the repository root in CI), else file:."""
    posix = Path(path).as_posix()
    if os.path.isabs(path) or posix.startswith("../") or posix == "-":
        return Path(os.path.abspath(path)).as_uri()
    return quote(posix)


def _region(finding: Any) -> dict[str, int]:
    start, end = finding.span.start, finding.span.end
    end_column = end.column if end.line > start.line else max(end.column, start.column)
    return {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end_column,
    }


def render_sarif(results: list[FileResult], options: RenderOptions) -> str:
    """One run with every enabled rule in the driver and one result per finding."""
    rules = sorted({rule.code: rule for rule in options.rules}.values(), key=lambda rule: rule.code)
    codes = [rule.code for rule in rules]
    sarif_results = []
    for result, finding, fingerprint in with_fingerprints(results):
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(result.path)},
                "region": _region(finding),
            }
        }
        item: dict[str, Any] = {
            "ruleId": finding.code,
            "level": _LEVEL[finding.severity.label],
            "message": {"text": finding.message or finding.name},
            "locations": [location],
            "partialFingerprints": {"pmlint/v1": fingerprint},
        }
        if finding.code in codes:
            item["ruleIndex"] = codes.index(finding.code)
        sarif_results.append(item)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pmlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [rule_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
