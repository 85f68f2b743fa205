"""``pmlint show``: text, ``--format json`` against its schema, and ``--timeline`` drawing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import SHARED
from pmlint.cli import main
from pmlint.show.json_view import schema

ROOT = Path(__file__).resolve().parents[1]
SHOW = ROOT / "fixtures" / "show"
SEEDS = SHARED / "corpus" / "seeds"
REAL = SHARED / "corpus" / "real"
SEED_003 = SEEDS / "seed-003-db-query-outage.txt"
MIDNIGHT = sorted(SHOW.glob("midnight-crossing-*"))
MULTI_DAY = sorted(SHOW.glob("multi-day-*"))
FIXTURES = sorted(p for p in SHOW.iterdir() if p.suffix in (".md", ".txt"))


def _show(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["show", *args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def _json(*paths: Path) -> dict:
    code, out, err = _show("--format", "json", *map(str, paths))
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, schema())
    return data


def _corpus(folder: Path) -> list[Path]:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared corpus is not checked out next to the repo)")
    return sorted(p for p in folder.iterdir() if p.suffix in (".md", ".txt"))


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    code, out, _ = _show("--schema")
    assert code == 0 and json.loads(out) == schema()


def test_json_on_the_fixtures_validates_with_one_object_per_document() -> None:
    data = _json(*FIXTURES)
    assert data["schema_version"] == 1
    assert [Path(d["path"]).name for d in data["documents"]] == [p.name for p in FIXTURES]
    assert all(d["window"] is not None and d["detection"] is not None for d in data["documents"])


@pytest.mark.parametrize("folder", [SEEDS, REAL], ids=["seeds", "real"])
def test_show_runs_on_every_corpus_document(folder: Path) -> None:
    files = _corpus(folder)
    code, out, err = _show(*map(str, files))
    assert code == 0, err
    assert "Traceback" not in out + err
    assert out.count("Incident window: ") == len(files)
    code, out, err = _show("--timeline", *map(str, files))
    assert code == 0 and "Traceback" not in out + err
    data = _json(*files)
    assert len(data["documents"]) == len(files)


def test_midnight_crossing_window_is_placed_on_the_next_day() -> None:
    for path in MIDNIGHT:
        doc = _json(path)["documents"][0]
        w, d = doc["window"], doc["detection"]
        assert w["crosses_midnight"] is True
        assert w["end_minute"] - w["start_minute"] == w["minutes"] == doc["time_to_resolve"]
        assert w["start_minute"] < 1440 < w["end_minute"]  # starts on day 1, ends on day 2
        assert d["inside_window"] is False and d["minute"] > w["end_minute"]
        assert doc["time_to_detect"] == d["minute"] - w["start_minute"]
        assert doc["axis"]["days"] == 2


def test_range_window_and_late_detection_read_from_prose() -> None:
    doc = _json(SHOW / "midnight-crossing-range.md")["documents"][0]
    w = doc["window"]
    assert (w["start"]["clock"], w["end"]["clock"], w["minutes"]) == ("22:50", "00:35", 105)
    assert w["how"] == "range" and "line 5" in w["source"]
    assert doc["detection"]["time"]["clock"] == "01:10"
    assert doc["detection"]["how"] == "phrase"
    assert doc["time_to_detect"] == 140
    assert [z["zone"] for z in doc["declared_zones"]] == ["UTC"]


def test_multi_day_window_keeps_its_dates() -> None:
    for path in MULTI_DAY:
        doc = _json(path)["documents"][0]
        w = doc["window"]
        assert w["start"]["date"] and w["end"]["date"] and w["start"]["date"] != w["end"]["date"]
        assert w["minutes"] > 1440
        assert doc["axis"]["origin"] == w["start"]["date"]
        assert doc["axis"]["days"] == 3
        days = [e["day"] for e in doc["entries"] if e["time"]]
        assert days == sorted(days) and len(set(days)) == 3
        minutes = [e["minute"] for e in doc["entries"] if e["minute"] is not None]
        assert minutes == sorted(minutes)
        assert w["start_minute"] == minutes[0]  # the first entry is the start of the window


def test_text_names_sections_window_detection_and_entries() -> None:
    code, out, _ = _show(str(SHOW / "multi-day-fields.md"))
    assert code == 0
    assert "line 6     Summary" in out and "summary" in out
    assert "Incident window: " in out and "from start and end fields (lines 3 and 4)" in out
    assert "Detection: " in out and "OUTSIDE the window" in out
    assert "Timeline: 6 entries, 6 with a time" in out


def _columns(drawing: str, row: str, marks: str) -> list[int]:
    """Columns of ``marks`` in the plot part of a row (between its two ``|``)."""
    line = next(x for x in drawing.splitlines() if x.startswith(row))
    plot = line.split("|")[1]
    return [i for i, ch in enumerate(plot) if ch in marks]


@pytest.mark.parametrize("path", [*MIDNIGHT, *MULTI_DAY], ids=lambda p: p.name)
def test_timeline_draws_a_late_detection_right_of_the_bar(path: Path) -> None:
    code, out, _ = _show("--timeline", str(path))
    assert code == 0
    (bar_end,) = _columns(out, "window", "]")
    (mark,) = _columns(out, "detection", "D")
    assert mark > bar_end
    assert "| " in out.splitlines()[-2]  # a day label at the midnight


def test_timeline_draws_an_inside_detection_inside_the_bar() -> None:
    code, out, _ = _show("--timeline", str(SHOW / "out-of-order.md"))
    assert code == 0
    (bar_start,) = _columns(out, "window", "[")
    (bar_end,) = _columns(out, "window", "]")
    (mark,) = _columns(out, "detection", "D")
    assert bar_start < mark < bar_end


def test_seed_003_detection_sits_outside_the_noon_bar() -> None:
    if not SEED_003.is_file():
        pytest.skip(f"{SEED_003} is absent")
    code, out, _ = _show("--timeline", str(SEED_003))
    assert code == 0
    (bar_end,) = _columns(out, "window", "]")
    (mark,) = _columns(out, "detection", "D")
    assert mark - bar_end > 20  # 9 h 15 min after 2:30 PM: far right of the bar
    assert "OUTSIDE the window" in out
    doc = _json(SEED_003)["documents"][0]
    assert (
        doc["window"]["start"]["clock"] == "12:00" and doc["detection"]["time"]["clock"] == "23:45"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no paths given"),
        (["no-such-file.md"], "no-such-file.md"),
        (["--timeline", "--format", "json", "x.md"], "--timeline"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, _, err = _show(*args)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_directory_and_stdin(tmp_path: Path) -> None:
    folder = tmp_path / "postmortems"
    folder.mkdir()
    for path in MULTI_DAY:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _show("--format", "json", str(folder))
    assert code == 0, err
    paths = sorted(Path(d["path"]).name for d in json.loads(out)["documents"])
    assert paths == sorted(p.name for p in MULTI_DAY)
    text = (SHOW / "out-of-order.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["show", "-"], input=text)
    assert result.exit_code == 0 and "Incident window: " in result.stdout


def test_a_misspelled_time_shows_how_it_was_written(tmp_path: Path) -> None:
    doc = tmp_path / "spelling.md"
    doc.write_text(
        "# Postmortem\n\n## Timeline\n\n- 13:20pm UTC: the api failed\n"
        "- 2:05 PM UTC: the cache was flushed\n",
        encoding="utf-8",
    )
    code, out, err = _show(str(doc))
    assert code == 0, err
    first, second = (line for line in out.splitlines() if "line 5" in line or "line 6" in line)
    assert '[written "13:20pm UTC": 13:20 is already 24-hour' in first
    assert "[written" not in second
    times = [e["time"] for e in _json(doc)["documents"][0]["entries"]]
    assert "already 24-hour" in times[0]["spelling"]
    assert times[1]["spelling"] is None


def test_check_does_not_import_show_or_html(tmp_path: Path) -> None:
    doc = SHOW / "out-of-order.md"
    script = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pmlint.cli import main\n"
        f"CliRunner().invoke(main, ['check', {str(doc)!r}])\n"
        "mine = ('pmlint.show', 'pmlint.output.html')\n"
        "print(sorted(m for m in sys.modules if m.startswith(mine)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    ).stdout
    assert out.strip() == "[]"
