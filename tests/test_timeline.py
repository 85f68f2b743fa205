"""The timeline view and the PM2xx rules on real-shaped documents."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import codes, lint_text
from pmlint.cli import main
from pmlint.document.document import Document
from pmlint.document.timeline import timeline_of
from pmlint.source import decode


def _doc(text: str, **settings: object) -> Document:
    return Document(decode(text.encode(), "doc.md"), settings=settings)


def _moments(text: str) -> list[int | None]:
    return [e.moment for e in timeline_of(_doc(text)).timed]


def test_entries_from_list_items_with_leading_times() -> None:
    doc = _doc("# T\n\n## Timeline\n\n- 10:00 AM: alert\n- **10:05 AM** - paged\n- untimed step\n")
    entries = timeline_of(doc).entries
    assert [e.time.text if e.time else None for e in entries] == ["10:00 AM", "10:05 AM", None]
    assert [e.line for e in entries] == [5, 6, 7]
    assert entries[2].any_time is False


def test_timeline_is_cached_on_the_document() -> None:
    doc = _doc("## Timeline\n\n- 10:00 alert\n")
    assert timeline_of(doc) is timeline_of(doc)


def test_midnight_rollover_moves_to_the_next_day() -> None:
    moments = _moments("## Timeline\n\n- 23:10 job starts\n- 00:30 index rebuilt\n- 05:00 done\n")
    assert moments == [23 * 60 + 10, 1440 + 30, 1440 + 300]


def test_date_sub_headers_set_the_day() -> None:
    text = "## Timeline\n\n### 2024-03-05\n\n- 22:00 a\n\n### 2024-03-06\n\n- 01:00 b\n"
    entries = timeline_of(_doc(text)).timed
    assert [str(e.day) for e in entries] == ["2024-03-05", "2024-03-06"]
    assert entries[1].moment is not None and entries[0].moment is not None
    assert entries[1].moment - entries[0].moment == 180


def test_table_time_column_found_by_header() -> None:
    text = "## Timeline\n\n| Event | Time (UTC) |\n|---|---|\n| alert | 09:14 |\n| fix | 09:40 |\n"
    entries = timeline_of(_doc(text)).timed
    assert [e.time.text for e in entries if e.time] == ["09:14", "09:40"]


def test_glued_entries_on_one_line_are_split() -> None:
    text = "## Timeline\n\n- 12:30 PM: cause found. - 1:00 PM: fix deployed\n"
    entries = timeline_of(_doc(text)).timed
    assert [e.time.text for e in entries if e.time] == ["12:30 PM", "1:00 PM"]


def test_paragraph_lines_continue_the_timed_entry() -> None:
    text = "## Timeline\n\n02:47 config changed\nwrapped text of it\n02:58 customer report\n"
    entries = timeline_of(_doc(text)).entries
    assert len(entries) == 2 and all(e.any_time for e in entries)


def test_out_of_order_message_says_the_arithmetic() -> None:
    text = "# X\n\nAll times UTC.\n\n## Timeline\n\n- 14:20 rollback\n- 14:05 alert\n"
    found = [f for f in lint_text(text) if f.code == "PM202"]
    assert len(found) == 1
    assert found[0].message.startswith("entry 14:05 comes after 14:20 (line 7)")
    assert found[0].span.start.line == 8


def test_untimed_subbullets_of_a_timed_entry_are_details() -> None:
    text = "# X\n\nAll times UTC.\n\n## Timeline\n\n- 19:36 release\n  - bump library one\n"
    assert "PM201" not in codes(lint_text(text))


def test_missing_timezone_respects_the_setting() -> None:
    text = "# X\n\nThe outage ran from 12:00 PM to 2:30 PM.\n"
    assert "PM204" in codes(lint_text(text))
    assert "PM204" not in codes(lint_text(text, timeline={"timezone": "UTC"}))


def test_date_order_setting_reads_day_first() -> None:
    text = "## Timeline\n\n- 01/02/2024 10:00 a\n- 03/02/2024 09:00 b\n"
    mdy = [str(e.day) for e in timeline_of(_doc(text)).timed]
    dmy = [str(e.day) for e in timeline_of(_doc(text, timeline={"date-order": "DMY"})).timed]
    assert mdy == ["2024-01-02", "2024-03-02"]
    assert dmy == ["2024-02-01", "2024-02-03"]


def test_seed_003_through_the_cli(shared: Path) -> None:
    seed = shared / "corpus" / "seeds" / "seed-003-db-query-outage.txt"
    result = CliRunner().invoke(main, ["check", "--output-format", "json", str(seed)])
    assert result.exit_code in (0, 1)
    data = json.loads(result.output)
    items = data.get("findings", data) if isinstance(data, dict) else data
    got = {item["code"] for item in items}
    assert {"PM201", "PM204", "PM302"} <= got
    assert not {"PM301", "PM303"} & got
    pm302 = next(item for item in items if item["code"] == "PM302")
    assert "did you mean 11:45AM?" in pm302["message"]


def test_seed_000_as_a_subprocess_has_no_time_findings(shared: Path) -> None:
    seed = shared / "corpus" / "seeds" / "seed-000-web-outage.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint", "check", "--output-format", "json", str(seed)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    items = data.get("findings", data) if isinstance(data, dict) else data
    assert not [i["code"] for i in items if i["code"][:3] in ("PM2", "PM3")]


def test_dateparser_is_not_imported_for_ordinary_documents(shared: Path) -> None:
    code = (
        "import sys\n"
        "from pmlint.cli import main\n"
        "try:\n"
        f"    main([{str(shared / 'corpus' / 'seeds' / 'seed-000-web-outage.txt')!r}])\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)\n"
        "print('dateparser' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    lines = proc.stdout.strip().splitlines()
    assert lines[-2] in ("exit 0", "exit 1"), proc.stdout + proc.stderr  # it linted the seed
    assert lines[-1] == "False"
