"""``--output-format html``: one self-contained page (no network, no scripts, no fonts).

A summary (documents, then findings per rule by severity), then per document its findings
with the offending lines and an inline SVG of the incident (see :mod:`pmlint.show.svg`).
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import TYPE_CHECKING

from pmlint.findings import Finding, Severity
from pmlint.show.reading import Reading, read_source
from pmlint.show.svg import render_svg
from pmlint.source import InputError, Source
from pmlint.source import read_source as read_file

if TYPE_CHECKING:
    from pmlint.engine import FileResult
    from pmlint.output import RenderOptions

_LINE_MAX = 240  # characters of an offending line shown around the finding
_ICONS = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
# Findings drawn on the marks they point at: timeline and time-consistency problems, but
# not those about something missing (an entry without a time, no zone anywhere).
_DRAWN_PREFIXES = ("PM2", "PM3")
_NOT_DRAWN = frozenset({"PM201", "PM204"})

_STYLE = """
:root{--err:#b71c1c;--warn:#8a5a00;--info:#0b5cad;--ink:#1b1b1b;--muted:#5f6368;--line:#d0d4d9}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);margin:24px;
max-width:1000px}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em;word-break:break-all}
table{border-collapse:collapse;margin:.6em 0 1.2em}caption{text-align:left;font-weight:600;
padding:.2em 0}th,td{border:1px solid var(--line);padding:.25em .6em;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{font-weight:600;white-space:nowrap}.error .sev{color:var(--err)}
.warning .sev{color:var(--warn)}.info .sev{color:var(--info)}
ol.findings{padding-left:1.2em}ol.findings li{margin:.4em 0}
pre{background:#f6f8fa;border:1px solid var(--line);padding:.3em .6em;margin:.2em 0;
overflow-x:auto;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
.ln{color:var(--muted);user-select:none;margin-right:.8em}
mark{background:#ffe08a;text-decoration:underline wavy var(--err)}
figure{margin:.6em 0}figcaption{color:var(--muted);font-size:.9em}
.pm-svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}
.pm-row{fill:var(--muted);font-weight:600}.pm-note{fill:var(--ink)}
.pm-clock,.pm-day{fill:var(--muted)}.pm-day{font-weight:600}
.pm-axis{stroke:#777}.pm-tick{stroke:#e3e6ea}.pm-midnight{stroke:#777;stroke-dasharray:4 3}
.pm-window{fill:#90b4e0;stroke:#2f5f9a}
.pm-duration{fill:none;stroke:#2e7d32;stroke-width:2}
.pm-entry{fill:#37474f}.pm-detection{fill:#6a1b9a}
path.pm-entry{fill:none;stroke-width:2.5}
.pm-flag{fill:var(--err);stroke:var(--err)}path.pm-duration.pm-flag,path.pm-entry.pm-flag{fill:none}
[data-pm-kind]:hover{stroke:#000;stroke-width:3}
"""


def _drawn(code: str) -> bool:
    return code.startswith(_DRAWN_PREFIXES) and code not in _NOT_DRAWN


def _source_of(result: FileResult) -> Source | None:
    """The text the findings point into (re-read when the run did not keep it)."""
    if result.source is not None:
        return result.source
    if result.path == "-":
        return None
    try:
        return read_file(result.path)
    except InputError:
        return None


def _line_html(source: Source, finding: Finding) -> str:
    """The offending line, with the finding's span marked (trimmed around it)."""
    line_no = finding.span.start.line
    if not 0 < line_no <= len(source.lines):
        return ""
    text = source.lines[line_no - 1]
    start = finding.span.start.column - 1
    end = finding.span.end.column - 1 if finding.span.end.line == line_no else len(text)
    end = max(start + 1, min(end, len(text)))
    lo = max(0, min(start - 40, len(text) - _LINE_MAX))
    hi = min(len(text), lo + _LINE_MAX)
    head, mid, tail = text[lo:start], text[start : min(end, hi)], text[min(end, hi) : hi]
    before = "…" if lo > 0 else ""
    after = "…" if hi < len(text) else ""
    return (
        f'<pre><code><span class="ln">{line_no}</span>{before}{escape(head)}'
        f"<mark>{escape(mid) or ' '}</mark>{escape(tail)}{after}</code></pre>"
    )


def _finding_html(source: Source | None, finding: Finding) -> str:
    sev = finding.severity
    where = f"{finding.span.start.line}:{finding.span.start.column}"
    fix = f"<br>Fix: {escape(finding.fix.title)}" if finding.fix else ""
    frame = _line_html(source, finding) if source is not None else ""
    return (
        f'<li class="{sev.label}"><span class="sev">{_ICONS[sev]} {sev.label}</span> '
        f"<code>{finding.code}</code> {escape(finding.name)} at line {where}: "
        f"{escape(finding.message)}{fix}{frame}</li>"
    )


def _reading(source: Source | None) -> Reading | None:
    if source is None:
        return None
    try:
        return read_source(source)
    except Exception:  # the picture is a bonus: a document it cannot read is still listed
        return None


def _document_html(index: int, result: FileResult) -> str:
    source = _source_of(result)
    reading = _reading(source)
    flagged: dict[int, list[str]] = {}
    for f in result.findings:
        if _drawn(f.code):
            flagged.setdefault(f.span.start_offset, []).append(f.code)
    svg = render_svg(reading, f"pm{index}", flagged) if reading is not None else ""
    figure = (
        f"<figure>{svg}<figcaption>The incident as pmlint read it: window bar, stated "
        "durations as brackets, timeline entries as dots (hover for text), detection as a "
        "diamond; a mark a finding points at is red and drawn as a cross or with a note."
        "</figcaption></figure>"
        if svg
        else "<p>No clock time was read, so there is no timeline to draw.</p>"
    )
    items = "".join(_finding_html(source, f) for f in result.findings)
    findings = f'<ol class="findings">{items}</ol>' if items else "<p>No findings.</p>"
    return (
        f'<section class="doc" id="doc-{index}"><h2>{escape(result.path)}</h2>'
        f"{figure}{findings}</section>"
    )


def _counts(findings: list[Finding]) -> Counter[Severity]:
    return Counter(f.severity for f in findings)


def _summary_html(results: list[FileResult]) -> str:
    total = _counts([f for r in results for f in r.findings])
    head = (
        f"<p>{len(results)} document{'s' if len(results) != 1 else ''}: "
        f"{total[Severity.ERROR]} errors, {total[Severity.WARNING]} warnings, "
        f"{total[Severity.INFO]} info.</p>"
    )
    per_rule: dict[tuple[str, str], Counter[Severity]] = {}
    docs_per_rule: Counter[str] = Counter()
    for r in results:
        for code in {f.code for f in r.findings}:
            docs_per_rule[code] += 1
        for f in r.findings:
            per_rule.setdefault((f.code, f.name), Counter())[f.severity] += 1
    rule_rows = "".join(
        f"<tr><td><code>{code}</code></td><td>{escape(name)}</td>"
        f'<td class="n">{c[Severity.ERROR]}</td><td class="n">{c[Severity.WARNING]}</td>'
        f'<td class="n">{c[Severity.INFO]}</td><td class="n">{docs_per_rule[code]}</td></tr>'
        for (code, name), c in sorted(per_rule.items())
    )
    rules = (
        "<table><caption>Findings per rule</caption><thead><tr><th>Rule</th><th>Name</th>"
        '<th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Info</th>'
        f'<th scope="col">Documents</th></tr></thead><tbody>{rule_rows}</tbody></table>'
        if rule_rows
        else ""
    )
    doc_rows = "".join(
        f'<tr><td><a href="#doc-{i}">{escape(r.path)}</a></td>'
        f'<td class="n">{c[Severity.ERROR]}</td><td class="n">{c[Severity.WARNING]}</td>'
        f'<td class="n">{c[Severity.INFO]}</td></tr>'
        for i, r in enumerate(results, start=1)
        for c in [_counts(r.findings)]
    )
    docs = (
        "<table><caption>Documents</caption><thead><tr><th>Document</th>"
        '<th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Info</th>'
        f"</tr></thead><tbody>{doc_rows}</tbody></table>"
    )
    return head + rules + docs


def render_html(results: list[FileResult], options: RenderOptions) -> str:
    """The whole report as one HTML page."""
    body = "".join(_document_html(i, r) for i, r in enumerate(results, start=1))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>pmlint report</title><style>{_STYLE}</style></head><body>"
        f"<h1>pmlint report</h1>{_summary_html(results)}{body}</body></html>\n"
    )
