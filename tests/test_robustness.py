"""Hostile inputs and a hostile run: each bad file gets one clear error and exit 2, in
bounded time, and every other file is still linted and reported in a stable order."""

from __future__ import annotations

import codecs
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from pmlint import runner
from pmlint.cli import main
from pmlint.engine import Linter
from pmlint.findings import Finding, Severity
from pmlint.registry import Registry, builtin_rules, default_registry
from pmlint.rule import Rule
from pmlint.runner import default_jobs, lint_files
from pmlint.settings import Settings
from pmlint.source import MAX_FILE_BYTES, InputError, Source, decode, read_bytes

GOOD = """# Postmortem: login outage

## Summary

On 2024-03-05 the login service failed for 40 minutes after a bad deploy.

## Timeline

- 14:05 UTC deploy started
- 14:45 UTC rollback finished

## Root Cause

A bad deploy.
"""

UTF16 = "is UTF-16; save it as UTF-8 to lint it"
BOUND = 120  # seconds: no hostile input may take longer than this (a hang guard, not a timing)


def pmlint(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI as a subprocess, concise output, with a hang guard."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pmlint",
            "--output-format",
            "concise",
            "--force-include",
            *map(str, args),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=BOUND,
        env={**os.environ, **(env or {})},
        check=False,
    )


def cli(*args: str | Path, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run the CLI in this process (CliRunner) from ``cwd``; same fields as :func:`pmlint`."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(
        main, ["--output-format", "concise", "--force-include", *map(str, args)]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def assert_findings_or_time_limit(result: subprocess.CompletedProcess[str], name: str) -> None:
    """``name`` got findings (exit 1), or was stopped by the time limit (exit 2) with one
    clear error; either way ``good.md`` was linted and reported."""
    assert "good.md:" in result.stdout
    if result.returncode == 1:
        assert result.stderr == "" and f"{name}:" in result.stdout
    else:
        assert result.returncode == 2
        assert result.stderr.startswith(f"pmlint: error: {name}: took longer than ")
        assert result.stderr.count("\n") == 1


def assert_clean_errors(stderr: str) -> None:
    """Errors are single ``pmlint: error:`` lines, never a traceback."""
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        assert line.startswith("pmlint: error: "), line


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A small postmortem with findings, next to which the hostile files are put."""
    path = tmp_path / "good.md"
    path.write_text(GOOD, encoding="utf-8")
    return path


def linter() -> Linter:
    """The default linter."""
    return Linter(Settings(), default_registry())


# -- bad bytes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"# Title\n\nsome\x00binary\n", "looks like a binary file (contains NUL bytes)"),
        (b"# Title\n\ncaf\xe9 \xff\xfe\n", "is not valid UTF-8 (bad byte at line 3)"),
        (
            codecs.BOM_UTF16_LE + "# Title\n".encode("utf-16-le"),
            "is UTF-16; save it as UTF-8 to lint it",
        ),
        (
            codecs.BOM_UTF16_BE + "# Title\n".encode("utf-16-be"),
            "is UTF-16; save it as UTF-8 to lint it",
        ),
    ],
    ids=["nul", "invalid-utf8", "utf16-le-bom", "utf16-be-bom"],
)
def test_undecodable_file_is_one_error_and_the_rest_is_linted(
    tmp_path: Path, good: Path, data: bytes, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "bad.md").write_bytes(data)
    result = cli(".", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.returncode == 2
    assert result.stderr == f"pmlint: error: bad.md: {expected}\n"
    assert "good.md:" in result.stdout


def test_file_over_the_size_cap_is_refused_without_reading_it(tmp_path: Path, good: Path) -> None:
    big = tmp_path / "huge.md"
    line = b"- 14:05 UTC the deploy started and the error rate rose again\n"
    with big.open("wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    assert big.stat().st_size > 50 * 1024 * 1024
    result = pmlint(".", cwd=tmp_path)
    assert result.returncode == 2
    assert_clean_errors(result.stderr)
    assert "pmlint: error: huge.md: is 50.0 MB; pmlint lints postmortems up to 10 MB" in (
        result.stderr
    )
    assert "good.md:" in result.stdout


def test_file_that_grows_past_the_cap_while_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "grows.md"
    path.write_bytes(b"x" * 10)
    with path.open("ab") as handle:  # st_size is checked first, then the bytes read
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputError, match="up to 10 MB"):
        read_bytes(str(path), "grows.md")


# -- pathological shapes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\n" + "- " * 10_000 + "deep\n",
        "# T\n\n" + ">" * 10_000 + " quoted\n",
        "# T\n\n" + "1. " * 10_000 + "deep\n",
        "# T\n\n" + "".join("  " * i + "- item 14:05\n" for i in range(1_500)),
        "# T\n\n" + "[" * 10_000 + "]" * 10_000 + "\n",
        "# T\n\n" + "*" * 10_000 + "x" + "_" * 10_000 + "\n",
    ],
    ids=[
        "10000-nested-bullets",
        "10000-nested-quotes",
        "10000-nested-ordered",
        "1500-indented-levels",
        "10000-brackets",
        "10000-emphasis",
    ],
)
def test_deep_nesting_gives_findings_not_a_crash(
    tmp_path: Path, good: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "deep.md").write_text(text, encoding="utf-8")
    result = cli(".", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    assert "deep.md:" in result.stdout and "good.md:" in result.stdout


@pytest.mark.parametrize("text", ["\r0", "# T\r\rtext\r- a\r", "# T\n\ntext\r\rmore\n"])
def test_lone_carriage_returns(text: str) -> None:
    findings = linter().lint_source(decode(text.encode("utf-8"), "cr.md"))
    assert all(f.code != "PM000" for f in findings)


@pytest.mark.slow
def test_one_megabyte_single_line(tmp_path: Path, good: Path) -> None:
    words = "at 14:05 UTC the deploy to prod-1 failed, see https://x.example/a?b=c ** _ | "
    (tmp_path / "line.md").write_text(
        "# T\n\n" + words * (1024 * 1024 // len(words)) + "\n", encoding="utf-8"
    )
    result = pmlint(".", cwd=tmp_path, env={"PMLINT_FILE_TIMEOUT": "20"})
    assert_findings_or_time_limit(result, "line.md")


@pytest.mark.slow
def test_100000_headings(tmp_path: Path, good: Path) -> None:
    text = "# Postmortem\n\n" + "".join(f"## Step {i}\n\ntext {i}\n\n" for i in range(100_000))
    (tmp_path / "headings.md").write_text(text, encoding="utf-8")
    result = pmlint(".", cwd=tmp_path, env={"PMLINT_FILE_TIMEOUT": "10"})
    assert_findings_or_time_limit(result, "headings.md")


# -- the file system --------------------------------------------------------------------


def test_symlink_loops_in_a_directory(tmp_path: Path, good: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    result = pmlint(".", cwd=tmp_path)
    assert result.returncode == 2
    assert_clean_errors(result.stderr)
    assert "pmlint: error: a.md: cannot be read (Too many levels of symbolic links)" in (
        result.stderr
    )
    assert "pmlint: error: b.md: cannot be read" in result.stderr
    assert result.stdout.count("good.md:") == len(
        [line for line in result.stdout.splitlines() if line.startswith("good.md:")]
    )
    assert "loop/" not in result.stdout  # the directory loop is walked once


@pytest.mark.parametrize("jobs", [1, 2])
def test_file_removed_between_listing_and_reading(tmp_path: Path, good: Path, jobs: int) -> None:
    gone = tmp_path / "gone.md"
    gone.write_text(GOOD, encoding="utf-8")
    files = [(str(gone), "gone.md"), (str(good), "good.md")]
    gone.unlink()  # after listing, before reading
    results = lint_files(files, linter(), jobs=jobs)
    assert [r.path for r in results] == ["gone.md", "good.md"]
    assert results[0].error == "gone.md: no such file (was it removed while pmlint ran?)"
    assert results[1].error is None and results[1].findings


def _read_as_nobody(path: str, conn: multiprocessing.connection.Connection) -> None:
    os.setgid(65534)
    os.setuid(65534)
    try:
        read_bytes(path, "secret.md")
        conn.send("read")
    except InputError as exc:
        conn.send(str(exc))


def test_file_without_read_permission(good: Path) -> None:
    directory = Path(tempfile.mkdtemp())
    try:
        directory.chmod(0o755)
        secret = directory / "secret.md"
        secret.write_text(GOOD, encoding="utf-8")
        secret.chmod(0)
        expected = "secret.md: permission denied; pmlint cannot read this file"
        if os.geteuid() == 0:
            # root reads any file: check the read path in a forked child that drops to nobody
            context = multiprocessing.get_context("fork")
            parent, child = context.Pipe()
            process = context.Process(target=_read_as_nobody, args=(str(secret), child))
            process.start()
            assert parent.poll(BOUND)
            assert parent.recv() == expected
            process.join()
        else:
            result = pmlint(secret, good, cwd=directory)
            assert result.returncode == 2
            assert result.stderr == f"pmlint: error: {expected}\n"
            assert "good.md:" in result.stdout
    finally:
        for child_path in directory.iterdir():
            child_path.unlink()
        directory.rmdir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_is_skipped_not_opened_for_a_blocking_read(tmp_path: Path, good: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")  # nobody ever writes to it: a blocking read would hang
    for args in ([".", "--jobs", "1"], [".", "--jobs", "2"], ["pipe.md", "good.md"]):
        result = pmlint(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr == (
            "pmlint: error: pipe.md: is not a regular file (a FIFO, socket or device); "
            "skipped. To lint piped text, pass - and pipe it to stdin\n"
        )
        assert "good.md:" in result.stdout


def test_device_is_skipped(tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    result = cli("/dev/zero", good, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.returncode == 2
    assert "/dev/zero: is not a regular file" in result.stderr
    assert "good.md:" in result.stdout


# -- a file that crashes, hangs or kills pmlint -----------------------------------------


class Hostile:
    """A real linter, except on files whose text asks for a crash, a hang or a death."""

    def __init__(self) -> None:
        self.real = linter()

    def lint_source(self, source: Source) -> list[Finding]:
        """Lint like the real linter unless the text says ``CRASH``, ``HANG`` or ``DIE``."""
        if "CRASH" in source.text:
            raise RecursionError("maximum recursion depth exceeded")
        if "HANG-IN-C" in source.text:  # the alarm cannot interrupt this: the parent kills it
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(BOUND)
        if "HANG" in source.text:
            while True:
                pass
        if "DIE" in source.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return self.real.lint_source(source)


def corpus(tmp_path: Path, bad: dict[str, str], good_count: int = 6) -> list[tuple[str, str]]:
    """Good files plus the named bad ones, as ``(path, shown)`` pairs."""
    files = []
    for i in range(good_count):
        path = tmp_path / f"good{i}.md"
        path.write_text(GOOD.replace("login", f"service {i}"), encoding="utf-8")
        files.append((str(path), path.name))
    for name, text in bad.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        files.append((str(path), name))
    return files


def check_others(results: list, bad: set[str]) -> None:
    """Every file not in ``bad`` has its findings and no error, in path order."""
    assert [r.path for r in results] == sorted(r.path for r in results)
    for result in results:
        if result.path not in bad:
            assert result.error is None and result.findings, result.path


@pytest.mark.parametrize("jobs", [1, 2])
def test_crash_in_one_file_is_an_error_for_that_file(tmp_path: Path, jobs: int) -> None:
    files = corpus(tmp_path, {"crash.md": "# CRASH\n"})
    results = lint_files(files, Hostile(), jobs=jobs)
    check_others(results, {"crash.md"})
    (crashed,) = [r for r in results if r.path == "crash.md"]
    assert crashed.error == (
        "crash.md: pmlint failed on this file (RecursionError: maximum recursion depth "
        "exceeded); the other files were still linted. Please report this"
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_hang_hits_the_time_limit_for_that_file_only(tmp_path: Path, jobs: int) -> None:
    files = corpus(tmp_path, {"hang.md": "# HANG\n"})
    results = lint_files(files, Hostile(), jobs=jobs, limit=0.5)
    check_others(results, {"hang.md"})
    (hung,) = [r for r in results if r.path == "hang.md"]
    assert hung.error is not None
    assert hung.error.startswith("hang.md: took longer than 0.5 s to lint and was stopped")


def test_worker_stuck_where_the_alarm_cannot_reach_is_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "_KILL_GRACE", 0.5)
    files = corpus(tmp_path, {"stuck.md": "# HANG-IN-C\n"})
    results = lint_files(files, Hostile(), jobs=2, limit=0.5)
    check_others(results, {"stuck.md"})
    (stuck,) = [r for r in results if r.path == "stuck.md"]
    assert stuck.error is not None and "took longer than 0.5 s" in stuck.error


def test_worker_killed_mid_file_loses_only_that_file(tmp_path: Path) -> None:
    files = corpus(tmp_path, {"die.md": "# DIE\n", "die2.md": "# DIE\n"}, good_count=10)
    results = lint_files(files, Hostile(), jobs=2)
    check_others(results, {"die.md", "die2.md"})
    for name in ("die.md", "die2.md"):
        (died,) = [r for r in results if r.path == name]
        assert died.error == (
            f"{name}: the pmlint process linting this file died (signal 9); the other files "
            "were still linted. Please report this file's shape to the pmlint maintainers"
        )


def test_pmlint_file_timeout_env_sets_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLINT_FILE_TIMEOUT", "2.5")
    assert runner.time_limit() == 2.5
    for bad in ("0", "-1", "soon", ""):
        monkeypatch.setenv("PMLINT_FILE_TIMEOUT", bad)
        assert runner.time_limit() == runner.DEFAULT_TIME_LIMIT


# -- --jobs -----------------------------------------------------------------------------


def test_default_jobs_is_one_for_a_handful_and_the_cores_for_many() -> None:
    assert default_jobs(1) == 1
    assert default_jobs(runner.SERIAL_UP_TO) == 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert default_jobs(1000) == max(1, cores or 1)


def test_output_is_identical_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    for i in range(12):
        text = GOOD.replace("login", f"service {i}")
        if i % 3 == 0:
            text = text.replace("## Root Cause\n\nA bad deploy.\n", "")
        if i % 4 == 0:
            text += "\n## Action Items\n\n- TODO\n"
        (tmp_path / f"pm{i:02d}.md").write_text(text, encoding="utf-8")
    (tmp_path / "zz-binary.md").write_bytes(b"\x00")
    outputs = {pmlint(".", "--jobs", str(j), cwd=tmp_path).stdout for j in (1, 3)}
    outputs |= {pmlint(".", cwd=tmp_path).stdout}  # more than a handful: the cores
    assert len(outputs) == 1
    assert (next(iter(outputs))).count("\n") > 12


def test_jobs_option_in_process(tmp_path: Path, good: Path) -> None:
    (tmp_path / "other.md").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(main, ["--jobs", "2", "--output-format", "concise", str(tmp_path)])
    assert result.exit_code == 1
    assert "good.md:" in result.output and "other.md:" in result.output


def test_jobs_must_be_positive(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--jobs", "0", str(tmp_path)])
    assert result.exit_code == 2
    assert "0 is not in the range x>=1" in result.output


# -- config, packs and documents are data ------------------------------------------------


def test_no_code_is_executed_from_data() -> None:
    """Nothing in pmlint evaluates text: no eval/exec/pickle/unsafe YAML, and modules are
    imported only from the built-in list and from installed, enabled plugins."""
    src = Path(runner.__file__).parent
    # Each imports from a table written in pmlint's own code (lazy commands, rule table).
    allowed_imports = {
        "registry.py",
        "plugins.py",
        "output/__init__.py",
        "rule.py",
        "cli/__init__.py",
    }
    for path in sorted(src.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(src).as_posix()
        for banned in ("eval(", "exec(", "pickle", "yaml.load(", "unsafe_load", "__import__("):
            assert banned not in text, f"{rel} uses {banned}"
        if "import_module(" in text or "entry_points(" in text:
            assert rel in allowed_imports, f"{rel} imports modules by name"


def test_front_matter_with_python_tags_is_inert(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    doc = tmp_path / "pm.md"
    doc.write_text(
        "---\ntitle: !!python/object/apply:os.system\n  - touch " + str(marker) + "\n"
        "owner: {{ __import__('os').system('touch " + str(marker) + "') }}\n---\n\n" + GOOD,
        encoding="utf-8",
    )
    result = pmlint(doc, cwd=tmp_path)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    assert not marker.exists()


@pytest.mark.parametrize(
    "front",
    [
        '{\n"owner": ' + "[" * 5000 + "]" * 5000 + "\n}\n",
        "+++\nowner = " + "[" * 5000 + "]" * 5000 + "\n+++\n",
        "+++\nowner = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n+++\n",
    ],
    ids=["json-lists", "toml-lists", "toml-tables"],
)
def test_deeply_nested_front_matter_is_reported_not_crashed(front: str) -> None:
    linter = Linter(Settings.model_validate({"select": ["ALL"]}), default_registry())
    findings = linter.lint_source(decode((front + GOOD).encode(), "deep.md"))
    codes = [f.code for f in findings]
    assert "PM000" not in codes
    assert any(f.code == "PM701" and "nests values too deeply" in f.message for f in findings)


class _Spins(Rule):
    """## What it does
    Never finishes (a stand-in for a rule with a super-linear pattern)."""

    code = "TST901"
    name = "spins-forever"
    summary = "Never finishes"
    severity = Severity.INFO

    def check(self, doc: Any, ctx: Any) -> list[Finding]:
        while True:
            time.sleep(0.01)


def test_a_file_past_the_time_limit_names_the_rule_that_ran(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(GOOD, encoding="utf-8")
    registry = Registry([*builtin_rules(), _Spins])
    linter = Linter(Settings.model_validate({"select": ["PM101", "TST901"]}), registry)
    result = runner.lint_path(str(path), "pm.md", linter, limit=0.5)
    assert result.error is not None and "\n" not in result.error
    assert result.error.startswith("pm.md: took longer than 0.5 s to lint and was stopped")
    assert "(running rule TST901 (spins-forever)" in result.error
