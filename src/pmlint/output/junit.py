"""``junit``: JUnit XML, one test suite per file and one test case per finding.

Only findings that reach the file's ``--fail-on`` (default: error) are ``<failure>``s,
so the test report agrees with the exit code; the others are passing test cases whose
``<system-out>`` carries the finding.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions


def render_junit(results: list[FileResult], options: RenderOptions) -> str:
    """The XML document; a file without findings has one passing test case."""
    failing = {id(f) for r in results for f in r.findings if options.fails(f)}
    root = ET.Element(
        "testsuites",
        name="pmlint",
        tests=str(sum(max(1, len(r.findings)) for r in results)),
        failures=str(len(failing)),
        errors="0",
    )
    for result in results:
        suite = ET.SubElement(
            root,
            "testsuite",
            name=result.path,
            tests=str(max(1, len(result.findings))),
            failures=str(sum(1 for f in result.findings if id(f) in failing)),
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
            text = (
                f"line {start.line}, col {start.column}, {finding.code} {finding.name} "
                f"[{finding.severity.label}]: {finding.message}"
            )
            if id(finding) in failing:
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=f"{finding.code} {finding.message}",
                    type=finding.severity.label,
                )
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
