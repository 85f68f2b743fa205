"""Hostile trees and unlucky runs (issue 13): symlinks never lead out of the tree, ``--fix``
keeps owner, links, mode and final newline and leaves no temporary file, a write error
stops only its own file, and worker processes die with their parent."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pmlint import runner, safe_write
from pmlint.engine import Linter
from pmlint.registry import default_registry
from pmlint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "examples" / "postmortem.md").read_text(encoding="utf-8")
BOLD = GOOD.replace("## Summary", "**Summary**")  # one PM105 finding with a safe fix
FIXED = GOOD
PM105 = ["--extend-select", "PM105"]
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def pmlint(*args: str | Path, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, concise output, with a hang guard."""
    return subprocess.run(
        [sys.executable, "-m", "pmlint", "--output-format", "concise", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``repo/`` with links to ``/``, to a directory and a file outside, and loops."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(BOLD, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "pm.md").write_text(BOLD, encoding="utf-8")
    (repo / "x").symlink_to("/", target_is_directory=True)
    (repo / "linked").symlink_to(outside, target_is_directory=True)
    (repo / "docs" / "up").symlink_to("..", target_is_directory=True)
    (repo / "self").symlink_to(".", target_is_directory=True)
    (repo / "alias").symlink_to("docs", target_is_directory=True)
    (repo / "leak.md").symlink_to(outside / "secret.md")
    return repo


def test_directory_symlinks_never_lead_out_of_the_tree_or_loop(tree: Path) -> None:
    started = time.monotonic()
    result = pmlint("--extend-select", "PM105", ".", cwd=tree)
    assert time.monotonic() - started < 30  # `x -> /` is not walked
    assert result.returncode in (0, 1) and result.stderr == "", result.stderr
    linted = {line.split(":")[0] for line in result.stdout.splitlines() if "PM105" in line}
    assert linted == {"docs/pm.md"}  # once, under its own path; nothing outside
    assert "secret" not in result.stdout + result.stderr


def test_fix_on_a_tree_never_writes_outside_it(tree: Path) -> None:
    outside = tree.parent / "outside" / "secret.md"
    result = pmlint(*PM105, "--fix", ".", cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tree / "docs" / "pm.md").read_text(encoding="utf-8") == FIXED
    assert outside.read_text(encoding="utf-8") == BOLD


def test_a_file_symlink_named_on_the_command_line_is_read(tree: Path) -> None:
    result = pmlint(*PM105, "leak.md", cwd=tree)
    assert result.returncode in (0, 1) and result.stderr == ""
    assert "leak.md:" in result.stdout and "PM105" in result.stdout


def test_fix_writes_through_a_symlink_only_when_asked(tree: Path) -> None:
    outside = tree.parent / "outside" / "secret.md"
    refused = pmlint(*PM105, "--fix", "leak.md", "docs/pm.md", cwd=tree)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "leak.md: cannot write the fixed file (it is a symlink; pass --fix-symlinks" in (
        refused.stderr
    )
    assert "leak.md:" in refused.stdout and "PM105" in refused.stdout  # findings still shown
    assert outside.read_text(encoding="utf-8") == BOLD
    assert (tree / "docs" / "pm.md").read_text(encoding="utf-8") == FIXED  # the run went on
    allowed = pmlint(*PM105, "--fix", "--fix-symlinks", "leak.md", cwd=tree)
    assert allowed.returncode == 0, allowed.stderr
    assert (tree / "leak.md").is_symlink()
    assert outside.read_text(encoding="utf-8") == FIXED


@pytest.mark.skipif(ROOT_USER, reason="root can list any directory")
def test_an_unreadable_directory_is_reported(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "pm.md").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        result = pmlint(".", cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 2
    assert "locked: cannot list this directory" in result.stderr


# -- in-place writes --------------------------------------------------------------------


def fix(path: Path) -> subprocess.CompletedProcess[str]:
    return pmlint(*PM105, "--fix", path.name, cwd=path.parent)


def test_fix_keeps_mode_and_hard_links(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BOLD, encoding="utf-8")
    path.chmod(0o640)
    other = tmp_path / "hardlink.md.bak"
    os.link(path, other)
    inode = path.stat().st_ino
    assert fix(path).returncode == 0
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED
    assert path.stat().st_mode & 0o7777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hardlink.md.bak", "pm.md"]


@pytest.mark.skipif(not ROOT_USER, reason="only root can give a file to another user")
def test_fix_keeps_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BOLD, encoding="utf-8")
    os.chown(path, 4321, 8765)
    assert fix(path).returncode == 0
    assert path.read_text(encoding="utf-8") == FIXED
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 8765)


@pytest.mark.skipif(ROOT_USER, reason="root may write in any directory")
def test_fix_works_when_only_the_file_is_writable(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "pm.md"
    path.write_text(BOLD, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = fix(path)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == FIXED


@pytest.mark.parametrize(
    ("before", "after", "written"),
    [
        (b"a\nb", b"a\nB\n", b"a\nB"),
        (b"a\nb\n", b"a\nB", b"a\nB\n"),
        (b"a\r\nb", b"a\r\nB\r\n", b"a\r\nB"),
        (b"a\r\nb\r\n", b"a\r\nB", b"a\r\nB\r\n"),
        (b"a\nb\n", b"a\nB\n", b"a\nB\n"),
    ],
)
def test_writes_keep_the_final_newline_state(
    tmp_path: Path, before: bytes, after: bytes, written: bytes
) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(before)
    safe_write.write_file(str(path), after)
    assert path.read_bytes() == written


def test_signals_wait_until_the_write_is_done(tmp_path: Path) -> None:
    seen: list[int] = []
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: seen.append(signum))
    try:
        with safe_write.held_signals():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            assert seen == []
        assert seen == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temp_files_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    path = tmp_path / "pm.md"
    path.write_text(BOLD, encoding="utf-8")
    stale = tmp_path / f".pmlint-{dead_pid()}-0123abcd.tmp"
    stale.write_text("half a file", encoding="utf-8")
    assert fix(path).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]


WRITER = """
import sys
from pmlint.safe_write import write_file
big = (b"line of a postmortem\\n" * 400_000)
print("ready", flush=True)
i = 0
while True:
    write_file(sys.argv[1], big if i % 2 else big.upper())
    i += 1
"""


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45])
def test_kill_9_during_writes_leaves_no_temp_file(tmp_path: Path, delay: float) -> None:
    path = tmp_path / "pm.md"
    path.write_bytes(b"x\n")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    time.sleep(delay)
    writer.kill()
    writer.wait()
    full = b"line of a postmortem\n" * 400_000
    assert path.read_bytes() in (b"x\n", full, full.upper())  # never half-written
    # A complete temporary file gets its name only between linking it and renaming it
    # over the target; a kill in that instant leaves it, named with the dead writer's pid,
    # and the next run removes it. Nothing else may ever be left.
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "pm.md")
    assert all(name.startswith(f".pmlint-{writer.pid}-") for name in left), left
    path.write_text(BOLD, encoding="utf-8")
    assert fix(path).returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["pm.md"]


# -- worker processes -------------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux ``/proc``)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_within_2_s_of_their_parent(tmp_path: Path, how: int) -> None:
    body = GOOD + "\n".join(f"- 14:{i % 60:02d} UTC step {i} happened" for i in range(3000))
    for index in range(60):
        (tmp_path / f"pm{index:02d}.md").write_text(body, encoding="utf-8")
    parent = subprocess.Popen(
        [sys.executable, "-m", "pmlint", "-j", "2", "."],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        workers: list[int] = []
        while not workers and time.monotonic() < deadline and parent.poll() is None:
            workers = [pid for pid in children(parent.pid) if alive(pid)]
            time.sleep(0.02)
        if not workers:
            pytest.skip("the run ended before its workers could be seen")
        parent.send_signal(how)
        parent.wait()
        limit = time.monotonic() + 2.0
        while any(alive(pid) for pid in workers) and time.monotonic() < limit:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_jobs_are_capped_at_cores_and_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes: list[int] = []

    class Recording(runner._Pool):  # type: ignore[name-defined]
        def __init__(self, linter: object, size: int, *args: object) -> None:
            sizes.append(size)
            super().__init__(linter, size, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "_Pool", Recording)
    files = []
    for index in range(6):
        path = tmp_path / f"pm{index}.md"
        path.write_text(GOOD, encoding="utf-8")
        files.append((str(path), path.name))
    linter = Linter(Settings(), default_registry())
    results = runner.lint_files(files, linter, jobs=100_000)
    assert [r.path for r in results] == sorted(name for _, name in files)
    assert all(r.error is None for r in results)
    cores = runner.cpu_count()
    # One file is linted in this process first; the pool gets the rest.
    assert sizes == ([min(cores, len(files) - 1)] if cores > 1 else [])
