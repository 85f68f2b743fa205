"""Shared test helpers: paths, linting text through the real engine, and test options.

``--snapshot-update`` rewrites the fixture snapshots (see tests/test_fixtures.py). The
``shared`` fixture is the ``../shared`` folder (or ``$PMLINT_SHARED``); a test that takes it
is skipped, with the reason, where that folder is absent.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pmlint.document.time import clock_zone
from pmlint.document.zones import get_zone
from pmlint.engine import Linter
from pmlint.findings import Finding
from pmlint.registry import default_registry
from pmlint.settings import Settings
from pmlint.source import decode

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = Path(os.environ.get("PMLINT_SHARED", ROOT.parent / "shared"))
EXPECT = re.compile(r"[ \t]*<!--\s*expect:\s*([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)\s*-->")


def make_linter(**settings: object) -> Linter:
    """A linter of the built-in rules with the given settings (aliases allowed)."""
    return Linter(Settings.model_validate(settings), default_registry())


def lint_text(text: str, path: str = "doc.md", **settings: object) -> list[Finding]:
    """Lint a string with the given settings (aliases such as ``extend-select`` allowed)."""
    return make_linter(**settings).lint_source(decode(text.encode("utf-8"), path))


def codes(findings: list[Finding]) -> set[str]:
    """The set of codes in findings."""
    return {f.code for f in findings}


def strip_markers(text: str) -> tuple[str, set[tuple[str, int]]]:
    """Remove ``<!-- expect: CODE -->`` markers; return the text and the expected pairs."""
    expected: set[tuple[str, int]] = set()
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        match = EXPECT.search(line)
        if match:
            for code in match.group(1).split(","):
                expected.add((code.strip(), number))
            lines[number - 1] = line[: match.start()] + line[match.end() :]
    return "\n".join(lines), expected


def random_texts(pieces: Sequence[str], count: int, seed: int, *, most: int) -> list[str]:
    """``count`` texts of 1 to ``most`` pieces drawn at random (seeded, so the same every
    run), for comparing a shortcut with the plain code it stands for."""
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(1, most))) for _ in range(count)]


def batches(texts: list[str], size: int = 250) -> list[list[str]]:
    """Sample texts in runs of ``size``, for a test parametrized by run rather than by
    text: thousands of generated samples stay a handful of test items."""
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def plain_zone_of(text: str, pos: int, m: re.Match[str], end: int) -> tuple[int, dict[str, Any]]:
    """The zone token ``m`` (ending at ``end``) read the plain way, every token through
    get_zone: its end and fields, or ``(pos, {})``; what the zone shortcuts are compared with."""
    token = m.group(0)
    zone = get_zone(token)
    if zone is None:
        if token[:3].upper() in ("UTC", "GMT"):
            return end, clock_zone.offset_fields(token)
        return pos, {}
    if " " in token:
        extra = clock_zone._ABBR_PAREN_RE.match(text, end)
        if extra and get_zone(extra.group("abbr")) is not None:
            end = extra.end()
    return end, clock_zone.zone_fields(" ".join(token.split()), zone)


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--snapshot-update``: write fixture snapshots instead of comparing with them."""
    parser.addoption(
        "--snapshot-update",
        action="store_true",
        default=False,
        help="rewrite fixtures/rules/*/*.snap from pmlint's current output (review the diff)",
    )


@pytest.fixture
def snapshot_update(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites snapshots (``pytest --snapshot-update``)."""
    return bool(request.config.getoption("--snapshot-update"))


@pytest.fixture
def shared() -> Path:
    """The shared corpus folder; skips the test, saying why, when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED} (set PMLINT_SHARED to its folder)")
    return SHARED
