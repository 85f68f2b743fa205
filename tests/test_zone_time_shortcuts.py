"""Shortcuts in the zone and timeline rules (issue 14) find what the plain code they replace
found: each is compared with that plain code, written out here, on hand-written texts, on
random texts built from zone-like pieces, and on every fixture and corpus document."""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, SHARED, batches
from pmlint.document import detection
from pmlint.document.document import Document
from pmlint.document.stamped import ZoneStamp, collect_zone_stamps, zone_family
from pmlint.document.zone_mentions import (
    find_zone_declarations,
    find_zone_mentions,
    names_zone,
)
from pmlint.source import decode


def _documents() -> list[Path]:
    paths = sorted((FIXTURES / "rules").glob("*/*.*"))
    for folder in ("real", "seeds"):
        if (SHARED / "corpus" / folder).is_dir():
            paths += sorted((SHARED / "corpus" / folder).iterdir())
    return [p for p in paths if p.suffix in (".md", ".txt")]


DOCUMENTS = _documents()

# Our own lines, in the shapes that decide whether a text names a zone.
SAMPLES = [
    "",
    "The deploy went out at 10:00 and was rolled back at 10:40.",
    "Rollback at 10:40 UTC.",
    "Rollback at 10:40 (BST).",
    "Rollback at 10:40 BST.",
    "Rollback at 10:40PM BST.",
    "The BST team met later.",  # a weak abbreviation in running text names nothing
    "All times are BST.",  # ... but inside a declaration it does
    "All times are in Eastern.",
    "Timeline (all times +05:30)",
    "Timezone: UTC+3",
    "tz=CAT",
    "Logged at 2024-03-01T10:00:00Z by the agent.",
    "Servers in Pacific Time and Central European Time.",
    "Times given in GMT+1 throughout.",
    "The ABCD service and the XYZ queue.",
    "( AST ) was mentioned once.",
    "Pacific was calm; the central team waited.",
]

_PIECES = [
    "10:00", "9:45 PM", "9:45pm ", "(", ")", " ", "\n", "BST", "CAT", "AST", "UT", "UTC",
    "GMT", "PST", "Z", "2024-01-01T", "all times are ", "Times in ", "timeline (", "tz: ",
    "Eastern", "Pacific Time", "+05:30", "-0800", "GMT+1", "UTC-7", "word", "A", "*", "_",
    "time", "date", "are ", "in ", "the ",
]  # fmt: skip


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def _plain_names_zone(text: str) -> bool:
    return bool(find_zone_mentions(text)) or bool(find_zone_declarations(text))


@pytest.mark.parametrize("texts", batches([*SAMPLES, *_random_texts(3000, 14)]))
def test_names_zone_is_mentions_or_declarations(texts: list[str]) -> None:
    for text in texts:
        assert names_zone(text) is _plain_names_zone(text)


def test_names_zone_on_documents() -> None:
    assert DOCUMENTS, "no fixture documents found"
    answers = set()
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        # whole documents, and their paragraphs one by one (shorter texts, more often no zone)
        for part in [text, *text.split("\n\n")]:
            expected = _plain_names_zone(part)
            assert names_zone(part) is expected, (path.name, part[:80])
            answers.add(expected)
    assert answers == {True, False}


# ------------------------------------------------------------------ zone stamps


def _doc(text: str, name: str = "t.md") -> Document:
    return Document(decode(text.encode("utf-8"), name))


def _plain_zone_stamps(doc: Document) -> list[ZoneStamp]:
    """Every block's stamps grouped by line through a list of its line breaks."""
    paste = doc.pasted_copy
    out: list[ZoneStamp] = []
    for block in doc.blocks:
        if block.kind == "code" or (paste is not None and paste.contains_line(block.line)):
            continue
        stamps = [
            t
            for t in doc.block_times[block]
            if t.has_clock
            and t.zone is not None
            and (t.utc_offset is not None or t.zone_ambiguous)
            and t.zone[:1] not in "+-\u2212"
            and not any(
                m.start() <= t.start < m.end() for m in re.finditer(r"`[^`\n]*`", block.text)
            )
        ]
        breaks = [m.start() for m in re.finditer("\n", block.masked)]
        by_line: dict[int, list] = {}
        for t in stamps:
            by_line.setdefault(block.line + bisect.bisect_left(breaks, t.start), []).append(t)
        for line, times in by_line.items():
            if len({zone_family(t) for t in times} - {None}) <= 1:
                out.extend(ZoneStamp(block, t, line) for t in times)
    return out


def _key(stamps: list[ZoneStamp]) -> list[tuple[int, int, int]]:
    """Which block, which of its times (one parse, so the same objects) and which line."""
    return [(id(s.block), id(s.time), s.line) for s in stamps]


STAMPED = [
    "# Timeline\n\n- 10:00 UTC alert\n- 10:05 UTC page\n",
    # one paragraph, several lines, a conversion on the second line only
    "Began 09:00 UTC\nand 10:00 UTC (03:00 PDT) was\nthe peak, over by 11:00 UTC.\n",
    "| When | What |\n|---|---|\n| 14:05 PST | alert |\n| 22:20 UTC | rollback |\n",
    "We saw it at 10:00 IST and again\n\n\nat 11:00 IST, then 12:00 CET.\n",
    "```\n10:00 UTC in code\n```\n\nOutside at 10:00 +0200 and 11:00 GMT+1.\n",
]


@pytest.mark.parametrize("text", STAMPED)
def test_zone_stamps_as_plain_on_samples(text: str) -> None:
    doc = _doc(text)
    assert _key(collect_zone_stamps(doc)) == _key(_plain_zone_stamps(doc))


def test_zone_stamps_as_plain_on_documents() -> None:
    seen = 0
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")
        doc = _doc(text, path.name)
        found = collect_zone_stamps(doc)
        assert _key(found) == _key(_plain_zone_stamps(doc)), path.name
        seen += len({s.block.line for s in found}) < len(found)  # a block of several stamps
    assert seen > 10


# ------------------------------------------------------------------ detection


_VERB_PIECES = [
    "detect", "ed", "ion", "alert", "alarm", "page", "d", "s", "notic", "notification",
    "ticket", "identified", "discovered", "realised", "realized", "spotted", "reported",
    "flagged", "complaint", "caught", "lit", "up", "became", "aware", "first", "observed",
    "seen", "received", "got", "raised", "sent", "an", "the", "was", "were", "fired", " ",
    "\t", "  ", ".", ",", "at", "on", "around", "@", ":", "~", "approx", "about", "10:00",
    "UTC", "X", "Lit", "DETECT", "Paged", "ALERTS", "Monitoring", "_", "-", "\n", "pager",
    "Cause", "root",
]  # fmt: skip


def _random_verb_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_VERB_PIECES) for _ in range(rng.randint(1, 16))) for _ in range(count)
    ]


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


@pytest.mark.parametrize(
    ("caseless", "lower"),
    [
        (detection._DETECT_PHRASE_RE, detection._DETECT_PHRASE_LOWER_RE),
        (detection._DETECT_WORDS_RE, detection._DETECT_WORDS_LOWER_RE),
    ],
)
def test_lowered_search_finds_what_the_caseless_pattern_finds(
    caseless: re.Pattern[str], lower: re.Pattern[str]
) -> None:
    texts = [*_random_verb_texts(20000, 7), *(p.read_text("utf-8") for p in DOCUMENTS)]
    # ends of lines as the detection phrase is searched (the text before a time), and
    # non-ASCII text, which is searched as it is
    texts += [line[-60:] for text in texts[20000:] for line in text.splitlines()]
    ends = [" at ", " at", ": ", " around ~", " on", " @ ", " at approximately ", "**: "]
    texts += [text + ends[i % len(ends)] for i, text in enumerate(texts[:20000])]
    texts += ["\u017fpotted at", "got a tic\u212aet at", "DETECTED at", "alerted \u00e9 at"]
    found = 0
    for text in texts:
        expected = _span(caseless.search(text))
        assert _span(detection._search(text, caseless, lower)) == expected, text
        found += expected is not None
    assert found > 1000


def _detections(doc: Document) -> list[object]:
    """What find_detection gives for the document and for each of its sections."""
    from pmlint.document.incident import prose_blocks

    prose = prose_blocks(doc)
    spans = [None, *((s.line, s.end_line) for s in doc.sections if s.heading is not None)]
    out: list[object] = []
    for span in spans:
        found, from_timeline = detection.find_detection(doc, prose, span)
        out.append(None if found is None else (found.start, found.end, found.line, from_timeline))
    return out


def _caseless_search(
    text: str, caseless: re.Pattern[str], lower: re.Pattern[str]
) -> re.Match[str] | None:
    return caseless.search(text)


DETECTED = [
    "# R\n\nWe detected the problem at 10:05 UTC after a long quiet night of no changes.\n",
    "# R\n\nAfter a long quiet night of no changes at all, at 10:05 UTC monitoring alerted us.\n",
    "# R\n\nThe team in the other building were later paged around 11:00 UTC by the tool.\n",
    "# R\n\nThe long report of the afternoon says: customers complained at ~14:10 UTC.\n",
    "# R\n\nAt 09:00 UTC the deploy of the new release of the service ran; graphs lit up.\n",
    "# R\n\nNothing unusual happened in the long afternoon until 16:20 UTC, then a rollback.\n",
]


@pytest.mark.parametrize("text", DETECTED)
def test_detection_as_with_caseless_patterns_on_samples(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lowered = _detections(_doc(text))
    monkeypatch.setattr(detection, "_search", _caseless_search)
    assert lowered == _detections(_doc(text))


def test_detection_as_with_caseless_patterns_on_documents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lowered = [_detections(_doc(p.read_text("utf-8"), p.name)) for p in DOCUMENTS]
    monkeypatch.setattr(detection, "_search", _caseless_search)
    assert lowered == [_detections(_doc(p.read_text("utf-8"), p.name)) for p in DOCUMENTS]
    assert sum(found is not None for doc in lowered for found in doc) > 50
