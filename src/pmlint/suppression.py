"""Inline suppression comments: ``<!-- pmlint-disable PM401 -- reason -->`` and friends.

Directives (HTML comments, invisible when the Markdown is rendered):

- ``pmlint-disable CODES`` ... ``pmlint-enable CODES``: a range of lines;
- ``pmlint-disable-next-line CODES``: the line after the comment;
- ``pmlint-disable-line CODES``: the comment's own line;
- ``pmlint-disable-file CODES``: the whole file.

CODES are rule codes or names separated by spaces or commas; none means every rule.
Text after `` -- `` is a free-text reason. Comments in fenced code or in an inline code
span do nothing. A finding is suppressed when its first line is covered.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator

import msgspec

from pmlint.findings import Finding
from pmlint.registry import Registry
from pmlint.source import Source

_OPENER = re.compile(
    r"<!--[ \t]*pmlint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?![\w-])"
)
_TOKEN = re.compile(r"[^\s,]+")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
ALL = "*"


class Token(msgspec.Struct):
    """One code or name in a directive, with its source offsets."""

    text: str
    start: int
    end: int
    code: str | None = None  # the rule code it means; None when unknown
    used: bool = False


class Directive(msgspec.Struct):
    """One suppression comment."""

    kind: str
    start: int
    end: int
    line: int
    end_line: int
    tokens: list[Token] = msgspec.field(default_factory=list)
    reason: str = ""
    used: bool = False  # for a directive naming no codes (every rule)


def _comments(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each directive opener and the offset of the ``-->`` that closes it.

    Linear time: the next ``-->`` is searched once and reused by every opener before
    it, so a file full of unclosed comments is not scanned once per comment.
    """
    position = 0
    close = -1
    while (match := _OPENER.search(text, position)) is not None:
        if close < match.end():
            close = text.find("-->", match.end())
            if close == -1:
                return
        yield match, close
        position = close + 3


def parse_directives(source: Source, code_lines: Iterable[int]) -> list[Directive]:
    """Every directive of a source, skipping fenced code and inline code spans."""
    in_code = set(code_lines)
    found: list[Directive] = []
    text = source.text
    for match, close in _comments(text):
        start = source.position(match.start())
        if start.line in in_code:
            continue
        line_prefix = text[source.line_starts[start.line - 1] : match.start()]
        if line_prefix.count("`") % 2:  # inside an inline code span
            continue
        body_start = match.end()
        body = text[body_start:close]
        reason = ""
        split = _REASON.search(body)
        if split:
            reason = body[split.end() :].strip()
            body = body[: split.start()]
        tokens = [
            Token(m.group(0), body_start + m.start(), body_start + m.end())
            for m in _TOKEN.finditer(body)
        ]
        found.append(
            Directive(
                kind=match.group("kind"),
                start=match.start(),
                end=close + 3,
                line=start.line,
                end_line=source.position(close + 3).line,
                tokens=tokens,
                reason=reason,
            )
        )
    return found


class _Cover(msgspec.Struct):
    """Lines ``[first, last]`` where ``code`` (or every rule) is suppressed by a token."""

    code: str
    first: int
    last: int
    directive: Directive
    token: Token | None


def _covers(directives: list[Directive], last_line: int) -> list[_Cover]:
    covers: list[_Cover] = []
    open_ranges: dict[str, list[tuple[Directive, Token | None]]] = {}
    for directive in directives:
        entries: list[tuple[str, Token | None]] = [
            (t.code, t) for t in directive.tokens if t.code is not None
        ]
        if not directive.tokens:
            entries = [(ALL, None)]
        kind = directive.kind
        for code, token in entries:
            if kind == "disable":
                open_ranges.setdefault(code, []).append((directive, token))
            elif kind == "enable":
                closing = list(open_ranges) if code == ALL else [code]
                for key in closing:
                    for opener, opener_token in open_ranges.pop(key, []):
                        covers.append(
                            _Cover(key, opener.line, directive.line, opener, opener_token)
                        )
            else:
                first, last = {
                    "disable-next-line": (directive.end_line + 1, directive.end_line + 1),
                    "disable-line": (directive.line, directive.end_line),
                    "disable-file": (1, last_line),
                }[kind]
                covers.append(_Cover(code, first, last, directive, token))
    for code, openers in open_ranges.items():
        for opener, token in openers:
            covers.append(_Cover(code, opener.line, last_line, opener, token))
    return covers


def _sweep(findings: list[Finding], covers: list[_Cover]) -> set[int]:
    """The ids of ``findings`` (of one code) that ``covers`` suppress; marks every cover
    that suppresses one as used. Findings and covers are swept once, in line order."""
    ordered = sorted(covers, key=lambda c: c.first)
    active: list[tuple[int, int]] = []  # (last line, index in ordered): a heap
    unmarked: list[_Cover] = []
    suppressed: set[int] = set()
    index = 0
    for finding in sorted(findings, key=lambda f: f.span.start.line):
        line = finding.span.start.line
        while index < len(ordered) and ordered[index].first <= line:
            heapq.heappush(active, (ordered[index].last, index))
            unmarked.append(ordered[index])
            index += 1
        while active and active[0][0] < line:
            heapq.heappop(active)
        if not active:
            continue
        suppressed.add(id(finding))
        for cover in unmarked:  # lines only grow: a cover that ended is done for good
            if cover.last >= line:
                if cover.token is not None:
                    cover.token.used = True
                else:
                    cover.directive.used = True
        unmarked = []
    return suppressed


class Outcome(msgspec.Struct):
    """Findings left after suppression, and the suppressions that did nothing."""

    kept: list[Finding]
    unused: list[tuple[Directive, Token | None]]


def resolve_tokens(
    directives: list[Directive], registry: Registry
) -> list[tuple[Directive, Token]]:
    """Map each token to its rule code; return the tokens that name no rule."""
    unknown: list[tuple[Directive, Token]] = []
    for directive in directives:
        for token in directive.tokens:
            rule = registry.get(token.text)
            token.code = rule.code if rule else None
            if rule is None:
                unknown.append((directive, token))
    return unknown


def apply(
    findings: list[Finding], directives: list[Directive], enabled: set[str], last_line: int
) -> Outcome:
    """Drop suppressed findings and list the suppressions that suppressed nothing.

    Call :func:`resolve_tokens` first. A suppression only counts as unused when it names
    a rule in ``enabled`` (one that ran on this file): one naming a rule the profile
    leaves off is not an error.
    """
    covers = _covers(directives, last_line)
    by_code: dict[str, list[_Cover]] = {}
    for cover in covers:
        by_code.setdefault(cover.code, []).append(cover)
    by_finding_code: dict[str, list[Finding]] = {}
    for finding in findings:
        by_finding_code.setdefault(finding.code, []).append(finding)
    suppressed: set[int] = set()
    for code, group in by_finding_code.items():
        relevant = by_code.get(code, []) + by_code.get(ALL, [])
        if relevant:
            suppressed |= _sweep(group, relevant)
    kept = [finding for finding in findings if id(finding) not in suppressed]
    unused: list[tuple[Directive, Token | None]] = []
    for directive in directives:
        if directive.kind == "enable":
            continue
        if not directive.tokens and not directive.used:
            unused.append((directive, None))
        unused.extend(
            (directive, token)
            for token in directive.tokens
            if token.code is not None and token.code in enabled and not token.used
        )
    return Outcome(kept, unused)
