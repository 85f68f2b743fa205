"""``--output-format html``: a self-contained page whose SVG puts each mark where it belongs,
checked in the markup and, for the slow tests, in the page real headless Chromium renders."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from chromium_cdp import Chromium, available
from conftest import SHARED
from pmlint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHOW = ROOT / "fixtures" / "show"
SEED_003 = SHARED / "corpus" / "seeds" / "seed-003-db-query-outage.txt"
REAL = SHARED / "corpus" / "real"
MIDNIGHT = SHOW / "midnight-crossing-range.md"
MULTI_DAY = SHOW / "multi-day-fields.md"
OUT_OF_ORDER = SHOW / "out-of-order.md"


class _Marks(HTMLParser):
    """Collects every element's tag and attributes, and the text of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def kind(self, kind: str) -> list[tuple[str, dict[str, str]]]:
        return [(t, a) for t, a in self.elements if a.get("data-pm-kind") == kind]


def _html(*paths: Path) -> str:
    result = CliRunner().invoke(main, ["--output-format", "html", *map(str, paths)])
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.startswith("<!DOCTYPE html>")
    return result.stdout


def _parse(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


def test_page_is_self_contained_and_accessible() -> None:
    page = _html(MIDNIGHT, MULTI_DAY, OUT_OF_ORDER)
    marks = _parse(page)
    tags = {t for t, _ in marks.elements}
    assert not tags & {"script", "link", "img", "iframe", "object"}
    assert "@import" not in page and "url(" not in page
    urls = {v for _, a in marks.elements for k, v in a.items() if k in ("src", "href")}
    assert all(u.startswith("#") for u in urls)
    svgs = [a for t, a in marks.elements if t == "svg"]
    assert len(svgs) == 3
    ids = {a.get("id") for _, a in marks.elements}
    for svg in svgs:
        assert svg["role"] == "img"
        assert all(part in ids for part in svg["aria-labelledby"].split())
    assert sum(1 for t, _ in marks.elements if t == "desc") == 3


def test_summary_counts_findings_per_rule_and_document() -> None:
    page = _html(OUT_OF_ORDER)
    text = " ".join(_parse(page).text)
    assert "Findings per rule" in text and "PM202" in text and "timeline-out-of-order" in text
    assert "1 document:" in text
    assert "9:25 AM UTC" in text  # the offending line is shown


def test_midnight_crossing_geometry_and_date_axis() -> None:
    marks = _parse(_html(MIDNIGHT))
    ((_, window),) = marks.kind("window")
    ((_, detection),) = marks.kind("detection")
    start, end = int(window["data-pm-minute"]), int(window["data-pm-minute-end"])
    assert (start, end) == (22 * 60 + 50, 24 * 60 + 35)
    assert int(detection["data-pm-minute"]) == 24 * 60 + 70
    assert "PM302" in detection.get("data-pm-finding", "")
    entries = [int(a["data-pm-minute"]) for _, a in marks.kind("entry")]
    assert entries == sorted(entries) and entries[0] == start and entries[-2] == end
    assert any(a.get("class") == "pm-midnight" for _, a in marks.elements)
    assert "day 2" in marks.text


def test_multi_day_has_dates_and_a_duration_bracket() -> None:
    marks = _parse(_html(MULTI_DAY))
    ((_, window),) = marks.kind("window")
    ((_, bracket),) = marks.kind("duration")
    assert window["data-pm-minute"] == bracket["data-pm-minute"]
    assert int(bracket["data-pm-minute-end"]) - int(bracket["data-pm-minute"]) == 29 * 60 + 30
    assert "2024-03-05" in marks.text and "2024-03-06" in marks.text
    assert sum(1 for _, a in marks.elements if a.get("class") == "pm-midnight") == 2


def test_out_of_order_entry_is_a_red_cross_not_a_dot() -> None:
    marks = _parse(_html(OUT_OF_ORDER))
    flagged = [(t, a) for t, a in marks.kind("entry") if "PM202" in a.get("data-pm-finding", "")]
    assert len(flagged) == 1
    tag, attrs = flagged[0]
    assert tag == "path" and "pm-flag" in attrs["class"]  # a cross, not a circle
    others = [t for t, a in marks.kind("entry") if "data-pm-finding" not in a]
    assert others and set(others) == {"circle"}
    ((_, detection),) = marks.kind("detection")
    assert "pm-flag" not in detection["class"]  # 9:12 AM is inside 9:00 to 10:15


def _corpus_texts() -> list[str]:
    if REAL.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(REAL.iterdir()) if p.suffix == ".md"]
    return [p.read_text(encoding="utf-8") for p in sorted(SHOW.iterdir())]


def _many(tmp_path: Path, count: int) -> Path:
    texts = _corpus_texts()
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(count):
        (folder / f"postmortem-{i:04d}.md").write_text(texts[i % len(texts)], encoding="utf-8")
    return folder


def _size_per_hundred(tmp_path: Path, count: int) -> float:
    folder = _many(tmp_path, count)
    files = sorted(str(p) for p in folder.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "pmlint", "--output-format", "html", "--isolated", *files],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.count('<section class="doc"') == count
    return len(result.stdout.encode()) / count * 100


def test_html_of_a_hundred_documents_stays_small(tmp_path: Path) -> None:
    assert _size_per_hundred(tmp_path, 100) < 3_000_000


@pytest.mark.slow
def test_html_of_a_thousand_documents_stays_small(tmp_path: Path) -> None:
    assert _size_per_hundred(tmp_path, 1000) < 3_000_000


# ------------------------------------------------------------------------- real Chromium

_MEASURE = """JSON.stringify([...document.querySelectorAll('[data-pm-kind]')].map(e => {
  const b = e.getBoundingClientRect();
  return {kind: e.dataset.pmKind, left: b.left, right: b.right, width: b.width,
          height: b.height, finding: e.dataset.pmFinding || ''};
}))"""
_DAYS = """JSON.stringify([...document.querySelectorAll('.pm-day')].map(e => {
  const b = e.getBoundingClientRect(); return {text: e.textContent, width: b.width};
}))"""


def _render(tmp_path: Path, doc: Path) -> tuple[list[dict], list[dict], bytes]:
    import json

    report = tmp_path / "r.html"
    with report.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [sys.executable, "-m", "pmlint", "--output-format", "html", str(doc)],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
    assert done.returncode in (0, 1), done.stderr
    with Chromium() as browser:
        browser.open(report)
        marks = json.loads(browser.evaluate(_MEASURE))
        days = json.loads(browser.evaluate(_DAYS))
        shot = browser.screenshot()
    return marks, days, shot


needs_chromium = pytest.mark.skipif(
    not available(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("name", ["seed-003", "midnight", "multi-day"])
def test_chromium_draws_the_late_detection_right_of_the_window(tmp_path: Path, name: str) -> None:
    doc = {"seed-003": SEED_003, "midnight": MIDNIGHT, "multi-day": MULTI_DAY}[name]
    if not doc.is_file():
        pytest.skip(f"{doc} is absent")
    marks, days, shot = _render(tmp_path, doc)
    assert shot.startswith(b"\x89PNG\r\n\x1a\n") and len(shot) > 10_000
    (window,) = [m for m in marks if m["kind"] == "window"]
    (detection,) = [m for m in marks if m["kind"] == "detection"]
    assert window["width"] > 10 and detection["width"] > 0
    assert detection["left"] > window["right"]  # the whole diamond lies right of the bar
    assert "PM302" in detection["finding"]
    if name != "seed-003":  # incidents across midnight get a date axis
        assert len(days) >= 1 and all(d["width"] > 0 for d in days)
    (tmp_path / "screenshot.png").write_bytes(shot)


@pytest.mark.slow
@needs_chromium
def test_chromium_renders_a_thousand_document_report(tmp_path: Path) -> None:
    folder = _many(tmp_path, 1000)
    report = tmp_path / "big.html"
    files = sorted(str(p) for p in folder.iterdir())
    with report.open("w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-m", "pmlint", "--output-format", "html", "--isolated", *files],
            stdout=out,
            check=False,
            cwd=tmp_path,
        )
    with Chromium(timeout=120) as browser:
        browser.open(report)
        count = browser.evaluate("document.querySelectorAll('section.doc').length")
    assert count == 1000
