"""Parallel runs: files go to workers in chunks that cover each file once and in order,
few files or busy cores keep a run in one process, a worker dying mid-chunk costs one
file, and the output is the same whatever the number of jobs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pmlint import runner, workers
from pmlint.engine import Linter
from pmlint.findings import Finding
from pmlint.registry import default_registry
from pmlint.settings import Settings
from pmlint.source import Source

BOUND = 120  # seconds: a hang guard for subprocess runs, not a timing

SHAPES = [
    """# Postmortem: {svc} outage

## Summary

On 2024-03-05 the {svc} service failed for 40 minutes after a bad deploy.

## Timeline

- 14:05 UTC deploy started
- 14:45 UTC rollback finished

## Root Cause

A bad deploy.
""",
    """# Incident review: {svc} latency

<!-- pmlint-disable-next-line PM601 -->
**Summary**

Requests to {svc} were slow. TODO fill in the numbers.

## Timeline

- 09:10 alert fired
- 09:02 engineer paged
- 09:40 PST latency recovered
""",
    """{svc} went down

Timeline:
10:00 CET something broke
11:30 UTC fixed

Root cause: Dana made a mistake and forgot the config.
""",
]
"""Three document shapes with different findings (and a fix in the second)."""


def write_tree(folder: Path, count: int) -> list[tuple[str, str]]:
    """``count`` postmortems of varied shapes and lengths, plus an empty and a binary
    file, as ``(path, shown)`` pairs in a shuffled order."""
    files = []
    for index in range(count):
        text = SHAPES[index % len(SHAPES)].format(svc=f"service {index}")
        text += "\n".join(f"- 15:{i % 60:02d} UTC step {i} done" for i in range(index % 7 * 20))
        path = folder / f"pm{index:03d}.md"
        path.write_text(text, encoding="utf-8")
        files.append((str(path), path.name))
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "zz-binary.md").write_bytes(b"\x00\x01")
    files += [
        (str(folder / "empty.md"), "empty.md"),
        (str(folder / "zz-binary.md"), "zz-binary.md"),
    ]
    return files[1::2] + files[::2]


def real_linter() -> Linter:
    """The built-in rules with default settings."""
    return Linter(Settings(), default_registry())


# -- chunks ----------------------------------------------------------------------------


SIZE_LISTS = [
    [],
    [0],
    [1800] * 1000,
    [0] * 50,
    [10 * 1024 * 1024, 100, 100, 50_000, 3, 0, 20_000] * 9,
    [(i * 7919) % 40_000 for i in range(333)],
]


@pytest.mark.parametrize("sizes", SIZE_LISTS, ids=lambda s: f"{len(s)}-files")
@pytest.mark.parametrize("jobs", [1, 2, 4, 16])
def test_chunks_cover_every_file_exactly_once_in_order(sizes: list[int], jobs: int) -> None:
    chunks = workers.plan_chunks(sizes, jobs)
    assert all(len(chunk) > 0 and chunk.step == 1 for chunk in chunks)
    assert [i for chunk in chunks for i in chunk] == list(range(len(sizes)))


def test_chunks_group_small_files_and_leave_every_worker_several() -> None:
    sizes = [1800] * 1000
    chunks = workers.plan_chunks(sizes, 2)
    per_chunk = workers.CHUNK_BYTES // (1800 + workers.FILE_COST_BYTES)
    assert {len(chunk) for chunk in chunks[:-1]} == {per_chunk}
    few = workers.plan_chunks([1800] * 20, 2)
    assert len(few) >= 2 * workers.CHUNKS_PER_WORKER
    assert len(workers.plan_chunks([1800] * 3, 4)) == 3  # never fewer files than one


def test_a_long_file_is_a_chunk_of_its_own() -> None:
    sizes = [500] * 40 + [200_000] + [500] * 40
    chunks = workers.plan_chunks(sizes, 2)
    assert range(40, 41) in chunks


# -- how many processes ------------------------------------------------------------------


class NoPool:
    """Stands in for the worker pool where a run must stay in one process."""

    def __init__(self, *args: object) -> None:
        raise AssertionError("a worker pool was started")


def idle(monkeypatch: pytest.MonkeyPatch, load: float) -> None:
    """Make the machine's one-minute load average read ``load``."""
    monkeypatch.setattr(runner.os, "getloadavg", lambda: (load, load, load))


def test_a_few_files_stay_in_one_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    idle(monkeypatch, 0.0)
    monkeypatch.setattr(runner, "_Pool", NoPool)
    files = write_tree(tmp_path, runner.SERIAL_UP_TO - 2)
    assert len(files) == runner.SERIAL_UP_TO
    results = runner.lint_files(files, real_linter())
    assert [r.path for r in results] == sorted(shown for _, shown in files)


def test_busy_cores_keep_a_default_run_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    idle(monkeypatch, float(os.cpu_count() or 1))
    monkeypatch.setattr(runner, "_Pool", NoPool)
    files = write_tree(tmp_path, runner.SERIAL_UP_TO + 10)
    results = runner.lint_files(files, real_linter())
    assert [r.path for r in results] == sorted(shown for _, shown in files)


def test_jobs_for_many_files() -> None:
    cores = runner.cpu_count()
    assert runner.jobs_for(1, 1000) == 1
    assert runner.jobs_for(100_000, 1000) == cores
    assert runner.jobs_for(100_000, 3) == min(cores, 3)


def test_default_jobs_follow_the_load(monkeypatch: pytest.MonkeyPatch) -> None:
    cores = runner.cpu_count()
    idle(monkeypatch, 0.0)
    assert runner.jobs_for(None, runner.SERIAL_UP_TO) == 1
    assert runner.jobs_for(None, 1000) == cores
    idle(monkeypatch, float(os.cpu_count() or 1))
    assert runner.cpus_busy()
    assert runner.jobs_for(None, 1000) == 1
    assert runner.jobs_for(2, 1000) == min(2, cores)  # an explicit --jobs is kept


@pytest.mark.skipif(runner.cpu_count() < 2, reason="needs two cores to start workers")
def test_many_files_go_to_workers_in_chunks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[range]] = []

    class Recording(workers.Pool):
        def stream(self, files, chunks):  # type: ignore[no-untyped-def]
            seen.append(list(chunks))
            return super().stream(files, chunks)

    idle(monkeypatch, 0.0)
    monkeypatch.setattr(runner, "_Pool", Recording)
    files = write_tree(tmp_path, 60)
    linter = real_linter()
    parallel = runner.lint_files(files, linter)
    serial = runner.lint_files(files, linter, jobs=1)
    (chunks,) = seen
    assert [i for chunk in chunks for i in chunk] == list(range(len(files) - 1))
    assert max(len(chunk) for chunk in chunks) > 1
    assert [(r.path, r.findings, r.error) for r in parallel] == [
        (r.path, r.findings, r.error) for r in serial
    ]


# -- a worker that dies mid-chunk ----------------------------------------------------------


class DiesOn:
    """The real linter, except that the process dies on a text saying ``DIE-HERE``."""

    def __init__(self) -> None:
        self.real = real_linter()

    def lint_source(self, source: Source) -> list[Finding]:
        """Lint like the real linter, or kill this process."""
        if "DIE-HERE" in source.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return self.real.lint_source(source)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_worker_dying_mid_chunk_loses_that_file_only(tmp_path: Path) -> None:
    files = write_tree(tmp_path, 40)
    (tmp_path / "pm020.md").write_text("# DIE-HERE\n", encoding="utf-8")
    results = runner.lint_files(files, DiesOn(), jobs=2)
    serial = {r.path: r for r in runner.lint_files(files, real_linter(), jobs=1)}
    assert [r.path for r in results] == sorted(serial)
    for result in results:
        if result.path == "pm020.md":
            assert result.error is not None and "died (signal 9)" in result.error
        else:
            assert (result.findings, result.error) == (
                serial[result.path].findings,
                serial[result.path].error,
            )


# -- the real command line -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["concise", "full", "json"])
def test_output_is_identical_with_1_2_and_4_jobs(tmp_path: Path, fmt: str) -> None:
    write_tree(tmp_path, 45)
    outputs = set()
    for jobs in ("1", "2", "4"):
        done = subprocess.run(
            [sys.executable, "-m", "pmlint", "check", "--output-format", fmt, "-j", jobs, "."],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=BOUND,
            check=False,
        )
        assert done.returncode == 2, done.stderr  # the binary file is an error
        outputs.add((done.stdout, done.stderr))
    assert len(outputs) == 1
    stdout, stderr = outputs.pop()
    assert stdout.count("pm0") > 45 and "zz-binary.md" in stderr
