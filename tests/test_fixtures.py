"""Every rule's fixtures: bad files get exactly the marked findings, good files none.

Layout: ``fixtures/rules/<CODE>-<name>/{bad,good}*.{md,txt}``. A line ending in
``<!-- expect: PM301 -->`` expects that code on that line; the marker is stripped before
linting. Only the folder's own code is compared, so fixtures stay focused. A fixture may
start with ``<!-- settings: {"profile": "google"} -->`` (JSON) to lint with settings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, lint_text, strip_markers
from pmlint.registry import default_registry

SETTINGS = re.compile(r"\A<!--\s*settings:\s*(\{.*?\})\s*-->\n", re.DOTALL)
CASES = sorted(p for p in (FIXTURES / "rules").glob("*/*") if p.suffix in (".md", ".txt"))


def _run(path: Path) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    code = path.parent.name.split("-", 1)[0]
    raw = path.read_text(encoding="utf-8")
    settings: dict[str, object] = {}
    match = SETTINGS.match(raw)
    if match:
        settings = json.loads(match.group(1))
        raw = raw[match.end() :]
    text, expected = strip_markers(raw)
    settings.setdefault("extend-select", [code])
    findings = lint_text(text, path=path.name, **settings)
    got = {(f.code, f.span.start.line) for f in findings if f.code == code}
    return got, {pair for pair in expected if pair[0] == code}


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(path: Path) -> None:
    got, expected = _run(path)
    if path.name.startswith("good"):
        assert got == set(), f"good fixture got findings: {sorted(got)}"
    else:
        assert expected, "a bad fixture must mark at least one expected finding"
        assert got == expected


def test_every_rule_has_bad_and_good_fixtures() -> None:
    folders = {p.name.split("-", 1)[0]: p for p in (FIXTURES / "rules").iterdir() if p.is_dir()}
    missing = []
    for rule in default_registry():
        if rule.code == "PM000":
            continue
        folder = folders.get(rule.code)
        names = [p.name for p in folder.iterdir()] if folder else []
        if not any(n.startswith("bad") for n in names) or not any(
            n.startswith("good") for n in names
        ):
            missing.append(rule.code)
    assert missing == [], f"rules without a bad and a good fixture: {missing}"


def test_folder_names_match_rule_names() -> None:
    registry = default_registry()
    for folder in (FIXTURES / "rules").iterdir():
        code, _, name = folder.name.partition("-")
        rule = registry.get(code)
        assert rule is not None, f"{folder.name}: no rule {code}"
        assert rule.name == name, f"{folder.name}: rule {code} is named {rule.name}"
