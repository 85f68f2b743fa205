"""PM403: the impact says how much was affected, with a number tied to what was affected.

A number counts when it counts something affected (users, requests, errors, orders,
money, a share of traffic). Dates, durations, status codes, versions, resource metrics
("disk usage reached 85%") and counts of causes ("these 3 bugs") do not.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.data import load_toml
from pmlint.findings import Finding, Severity
from pmlint.lazy_re import LazyPattern
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    from pmlint.document.document import Document
    from pmlint.document.model import Block


_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*(?:%|per ?cent\b)", re.IGNORECASE)
# A resource metric is not an impact: "disk usage on the primary reached 92%", "95% CPU".
_RESOURCE = LazyPattern(
    r"\b(?:cpu|memory|ram|disk|disks|storage|heap|swap|inodes?|load average|iops)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = LazyPattern(r"[,;:.()]|\b(?:and|but|while|so|which|then)\b", re.IGNORECASE)
_PERCENT_OF = re.compile(r"\s*(?:of\s+)?(?:the\s+|our\s+|all\s+)?(?P<what>[\w-]+)")
_RESOURCE_WINDOW = 10  # words before a percent that may name its resource


def _impact_percent(text: str) -> bool:
    """Whether a percent in text measures impact, not a resource's usage.

    A percent with a resource in its own clause, just before it ("CPU sat at 100%") or
    right after it ("95% memory"), is a metric, unless it is a share of something affected
    ("30% of requests").
    """
    for match in _PERCENT.finditer(text):
        after = _PERCENT_OF.match(text, match.end())
        if after and _is_unit(after.group("what")):
            return True
        if after and _RESOURCE.fullmatch(after.group("what")):
            continue
        clause = _CLAUSE_BREAK.split(text[: match.start()])[-1]
        if _RESOURCE.search(" ".join(clause.split()[-_RESOURCE_WINDOW:])):
            continue
        return True
    return False


_MONEY = re.compile(
    r"[$€£¥]\s?\d|(?<![\d,.])\d[\d,.]*\s?(?:USD|EUR|GBP|dollars|euros)\b", re.IGNORECASE
)
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundreds|thousands|millions|dozens|a dozen|half|a third|a quarter|one in \w+"
)
_NUMBER = (
    r"(?:(?<![\d,.])(?<![A-Za-z]-)\d(?:[\d,.]*\d)?\s*(?:k|m|mm|b|bn|thousand|million|billion|hundred)?|"
    rf"{_NUMBER_WORDS})"
)
_RATIO = re.compile(r"\b\d[\d,]*\s*(?:out of|in)\s*\d[\d,]*\b", re.IGNORECASE)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME_UNITS = r"hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?"
_ORDINAL = r"(?:st|nd|rd|th)?"
# Numbers that are not counts: clock times, dates (with a month name too: "October 2",
# "2nd of May"), years, durations in digits or words ("almost four hours"), HTTP status
# codes, ports, versions and IP addresses. They are blanked before looking for a quantity.
# The month names and the time units are written once each (the pattern is compiled at
# every start, and its length is what costs): "day" is set when the date starts with its
# day ("2nd of May"), "digits" when a duration starts with digits, which alone may take a
# one-letter unit ("5m"). A date or duration starts with a digit or a letter, never both,
# so this is the same as writing each form out, tried in that order.
_NOT_COUNTS_FORMS = (
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b"
    rf"|\b(?P<day>\d{{1,2}}{_ORDINAL}(?:\s+of)?\s+)?{_MONTH}"
    rf"(?(day)(?!\w)|\s+\d{{1,2}}{_ORDINAL}\b)"
    r"|(?:(?<![\d.])\d+(?:\.\d+)?(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*(?P<digits>)"
    rf"|\b(?:{_NUMBER_WORDS}|one|sixty|ninety|several|a few|a couple of|an?)[\s-]+"
    rf"(?:and a half[\s-]+)?)(?:{_TIME_UNITS}|(?(digits)(?:h|m|s|ms)|(?!)))\b"
    r"|\b(?:HTTP|status|code|error|port)\s*:?\s*\d+\b|\b[1-5]\d\d(?=\s+(?:(?-i:[A-Z])|errors?\b|"
    r"status|response|code))|\bv?\d+(?:\.\d+){1,3}\b(?![\d.]|\s*(?:%|per ?cent))"
)
# Every form starts with a digit or at the start of a word (a "\b" before a word
# character). Asked first, that rejects most places at once: the forms' alternation,
# ignoring case, is tried only where one can start (twice as fast on prose).
_NOT_COUNTS = re.compile(rf"(?=\b\w|\d)(?:{_NOT_COUNTS_FORMS})", re.IGNORECASE)


_UNIT_PART = re.compile(r"(\[[a-z]+\]|[a-z -])(\??)")


def _spellings(unit: str) -> list[str]:
    """The words a unit of the list matches ("users?": user, users; "licen[cs]es?")."""
    words = [""]
    parts = list(_UNIT_PART.finditer(unit))
    if "".join(p.group(0) for p in parts) != unit:
        raise ValueError(f"impact unit {unit!r} uses more than letters, [..] and ?")
    for part in parts:
        options = list(part.group(1).strip("[]")) + ([""] if part.group(2) else [])
        words = [w + o for w in words for o in options]
    return words


@functools.cache
def _unit_words() -> frozenset[str]:
    return frozenset(
        w for unit in load_toml("content.toml")["impact"]["units"] for w in _spellings(unit)
    )


def _is_unit(word: str) -> bool:
    """Whether a word is one of the impact units, as the units' pattern ignoring case says:
    a look-up for ASCII words (where ignoring case is lowering), the pattern otherwise."""
    if word.isascii():
        return word.lower() in _unit_words()
    return re.fullmatch(_impact_units(), word, re.IGNORECASE) is not None


@functools.cache
def _impact_units() -> str:
    return "|".join(load_toml("content.toml")["impact"]["units"])


@functools.cache
def _quantity_pattern() -> re.Pattern[str]:
    """A number, at most two words, then a thing affected ("1,200 failed checkout requests")."""
    return re.compile(
        rf"\b{_NUMBER}\s+(?P<between>(?:[\w-]+\s+){{0,2}}?)(?:{_impact_units()})\b",
        re.IGNORECASE,
    )


@functools.cache
def _label_count_pattern() -> re.Pattern[str]:
    """A thing affected, then its number ("Users affected: 25", "Failed orders - ~300")."""
    return re.compile(
        rf"\b(?:{_impact_units()})"
        r"(?:\s+(?:affected|impacted|lost|failed|dropped|raised|opened|filed|received))?\s*[:=–—-]"
        r"\s*(?:~|about|approximately|approx\.?|around|over|roughly)?\s*\d",
        re.IGNORECASE,
    )


# A count of anything affected: digits, then a plural noun within one word ("60 PRs
# were stuck", "1,200 stuck builds"); plurals that are not things are excluded. The
# digits never end in a comma: "On October 2, it was" holds no count.
_COUNT_OF_THINGS = re.compile(
    r"(?<![\w.,:/-])\d(?:[\d,]*\d)?\+?\s+(?:(?P<between>[A-Za-z-]+)\s+)?(?P<noun>[A-Za-z]{2,}s)\b"
)


@functools.cache
def _not_things() -> frozenset[str]:
    return frozenset(load_toml("content.toml")["impact"]["not-counted-plurals"])


def _counts_things(text: str) -> bool:
    """Whether a number in text (non-counts already blanked) counts something affected."""
    not_things = _not_things()
    for m in _quantity_pattern().finditer(text):
        if not set(m.group("between").lower().split()) & not_things:
            return True
    if _label_count_pattern().search(text):
        return True
    return any(
        m.group("noun").lower() not in not_things
        and (m.group("between") or "").lower() not in not_things
        for m in _COUNT_OF_THINGS.finditer(text)
    )


# An impact that says there was none is a count too: zero ("None: the change never
# shipped", "No customer impact", "no users were affected").
_NO_IMPACT = re.compile(
    r"\A\W*(?:none|nil|n/a)\b|\bno\s+(?:[\w-]+\s+)?impact\b"
    r"|\b(?:no|zero|nobody|no one)\s+(?:[\w-]+\s+)?(?:(?:was|were)\s+)?"
    r"(?:affected|impacted)\b",
    re.IGNORECASE,
)


def is_quantified(text: str) -> bool:
    """Whether text counts something affected: users, requests, a percent, money, tickets.

    Dates, durations, status codes, versions and resource metrics are not counts, nor
    are counts of causes ("these 3 bugs").
    """
    return any_quantified([text])


def any_quantified(texts: list[str]) -> bool:
    """Whether any of the texts is quantified (:func:`is_quantified`).

    The quick tests (none, a percent, money, a ratio) run on all texts before the counts
    of things, whose patterns hold the ~80 impact units: when one text has a percent, as
    most impacts do, those are never compiled.
    """
    blanked = []
    for text in texts:
        text = _NOT_COUNTS.sub(" ", text)
        if _NO_IMPACT.search(text) or _impact_percent(text):
            return True
        if _MONEY.search(text) or _RATIO.search(text):
            return True
        blanked.append(text)
    return any(_counts_things(text) for text in blanked)


def _row_text(block: Block) -> str:
    """A table row read with its column names ("Support Cases Raised: 1; Customers
    Impacted: All"), so a count under a heading that names the thing counts."""
    if block.header or not block.column_names:
        return block.plain
    pairs = zip(block.column_names, block.cells, strict=False)
    return "; ".join(f"{name}: {cell.text}" for name, cell in pairs)


class ImpactNotQuantified(Rule):
    """## What it does
    Checks that the impact (or the summary, when there is no impact section) gives a
    number of something affected: users, requests, errors, a percentage, money or
    tickets. Times, dates and durations do not count, nor do HTTP status codes, resource
    metrics ("disk usage reached 85%") or counts of causes ("these 3 bugs").

    ## Why is this bad?
    "All users were affected" cannot be compared, prioritised or trended. "About 12,000
    checkout requests failed (8% of traffic)" can.

    ## Example
    `Impact: the site was down for some users.`: say how many, or what share.
    """

    code = "PM403"
    name = "impact-not-quantified"
    summary = "The impact gives no number of users, requests, errors, percent or money"
    severity = Severity.WARNING
    tags = ("content", "impact")

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """One finding, at the impact (or summary) heading, when nothing is counted."""
        impact_fields = [f for f in doc.fields if f.key in ("impact", "customer impact")]
        blocks = [b for b in doc.blocks_in("impact") if b.kind != "code" and b.plain.strip()]
        if not blocks:  # the summary stands for the impact only when there is no impact
            blocks = doc.blocks_in("summary")
            if not doc.has_section("summary"):
                blocks += doc.intro_blocks
        if not blocks and not impact_fields:
            return
        texts = [
            _row_text(b) if b.kind == "table_row" else b.plain for b in blocks if b.kind != "code"
        ]
        texts += [f.value for f in impact_fields]
        if any_quantified(texts):
            return
        anchor = self._anchor(doc, impact_fields)
        yield self.finding(
            doc,
            anchor[0],
            anchor[1],
            "the impact is not quantified: say how many users, requests or errors were "
            "affected, or what percentage of traffic",
        )

    @staticmethod
    def _anchor(doc: Document, impact_fields: list) -> tuple[int, int]:
        for key in ("impact", "summary"):
            sections = doc.sections_for(key)
            if sections and sections[0].heading is not None:
                return sections[0].heading.start, sections[0].heading.end
        if impact_fields:
            return impact_fields[0].label_start, impact_fields[0].value_end
        return 0, doc.source.line_end(1)
