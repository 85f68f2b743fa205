"""``junit``: JUnit XML, one test suite per file and one failing test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions


def render_junit(results: list[FileResult], options: RenderOptions) -> str:
    """The XML document; a file without findings has one passing test case."""
    total = sum(len(r.findings) for r in results)
    root = ET.Element(
        "testsuites",
        name="pmlint",
        tests=str(sum(max(1, len(r.findings)) for r in results)),
        failures=str(total),
        errors="0",
    )
    for result in results:
        suite = ET.SubElement(
            root,
            "testsuite",
            name=result.path,
            tests=str(max(1, len(result.findings))),
            failures=str(len(result.findings)),
            errors="0",
            skipped="0",
        )
        if not result.findings:
            ET.SubElement(suite, "testcase", name="No problems found", classname=result.path)
        for finding in result.findings:
            start = finding.span.start
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"pmlint.{finding.code}",
                classname=result.path,
                file=result.path,
                line=str(start.line),
            )
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{finding.code} {finding.message}",
                type=finding.severity.label,
            )
            failure.text = (
                f"line {start.line}, col {start.column}, {finding.code} {finding.name} "
                f"[{finding.severity.label}]: {finding.message}"
            )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
