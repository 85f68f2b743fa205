"""Lint a list of files, in parallel processes when there are many, in a stable order.

Every file is read safely (no FIFOs or devices, a size cap), linted under a time
limit, and turned into a :class:`FileResult`; a file that crashes pmlint, hangs or
kills its worker process becomes an error for that file only, and the others are
still reported. Results come back sorted by path whatever the number of jobs.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from pmlint.engine import FileResult
from pmlint.findings import Finding
from pmlint.source import InputError, Source, decode, read_bytes

if TYPE_CHECKING:  # multiprocessing is imported only when files are linted in parallel
    from multiprocessing.connection import Connection

"""Larger files are refused: no postmortem is this long, and it bounds time and memory."""

DEFAULT_TIME_LIMIT = 30.0
"""Seconds one file may take before it is reported as an error (``PMLINT_FILE_TIMEOUT``)."""

SERIAL_UP_TO = 8
"""With no ``--jobs``, runs of this many files or fewer stay in one process."""

_KILL_GRACE = 5.0  # seconds past the limit before a stuck worker process is killed
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class SupportsLint(Protocol):
    """A :class:`~pmlint.engine.Linter` or anything that lints a source the same way."""

    def lint_source(self, source: Source) -> list[Finding]:
        """All findings in ``source``."""


class FileTimeout(BaseException):
    """Raised by the alarm when a file runs past its time limit.

    A ``BaseException`` so that the engine's per-rule ``except Exception`` does not
    turn it into a rule crash: it must stop the whole file.
    """


def time_limit() -> float:
    """The per-file time limit in seconds (``PMLINT_FILE_TIMEOUT`` overrides the default)."""
    raw = os.environ.get("PMLINT_FILE_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIME_LIMIT
    return value if value > 0 else DEFAULT_TIME_LIMIT


def cpu_count() -> int:
    """The cores this process may run on."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


def default_jobs(file_count: int) -> int:
    """The number of processes when ``--jobs`` is not given: the cores, for many files."""
    if file_count <= SERIAL_UP_TO:
        return 1
    return max(1, min(cpu_count(), file_count))


def _alarm_usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum: int, frame: object) -> None:
    raise FileTimeout


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`FileTimeout` in this thread after ``seconds`` (main thread, Unix only)."""
    if not _alarm_usable():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


def _timed_out(shown: str, seconds: float, where: str = "") -> str:
    return (
        f"{shown}: took longer than {seconds:g} s to lint and was stopped{where}; the other "
        "files were still linted. Please report this file's shape to the pmlint maintainers"
    )


def running_when(exc: BaseException) -> str:
    """`` in rule PM401 (name), at pmlint/x.py:function`` for an exception's traceback:
    the outermost rule on the stack and the innermost pmlint function, or ''."""
    from pmlint.rule import Rule

    rule = ""
    place = ""
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        owner = frame.f_locals.get("self")
        if not rule and isinstance(owner, Rule):
            rule = f"{owner.code} ({owner.name})"
        filename = frame.f_code.co_filename.replace(os.sep, "/")
        if "/pmlint/" in filename:
            place = f"pmlint/{filename.rsplit('/pmlint/', 1)[1]}:{frame.f_code.co_name}"
        tb = tb.tb_next
    parts = [f"rule {rule}" if rule else "", f"at {place}" if place else ""]
    text = ", ".join(p for p in parts if p)
    return f" (running {text})" if text else ""


def lint_path(
    path: str,
    shown: str,
    linter: SupportsLint,
    *,
    limit: float | None = None,
    keep_source: bool = True,
) -> FileResult:
    """Lint one file (or ``-`` for stdin); bad input, a crash or a timeout become ``error``.

    The result keeps the :class:`Source` (for code frames and fixes) only when there
    are findings or the text came from stdin, and never with ``keep_source=False``.
    """
    seconds = limit if limit is not None else time_limit()
    try:
        with deadline(seconds):
            data = sys.stdin.buffer.read() if path == "-" else read_bytes(path, shown)
            source = decode(data, shown)
            del data
            findings = linter.lint_source(source)
    except InputError as exc:
        return FileResult(shown, error=str(exc))
    except FileTimeout as exc:
        return FileResult(shown, error=_timed_out(shown, seconds, running_when(exc)))
    except Exception as exc:  # a bug in pmlint (RecursionError, MemoryError...): go on
        return FileResult(
            shown,
            error=(
                f"{shown}: pmlint failed on this file ({type(exc).__name__}: {exc}); the "
                "other files were still linted. Please report this"
            ),
        )
    keep = keep_source and (findings or path == "-")  # renderers and fixes need it only then
    return FileResult(shown, findings, source=source if keep else None)


def lint_files(
    files: list[tuple[str, str]],
    linter: SupportsLint,
    *,
    jobs: int | None = None,
    keep_source: bool = True,
    limit: float | None = None,
) -> list[FileResult]:
    """Lint ``(path, shown)`` pairs, sorted by shown path; one bad file never stops the others
    (every result of :func:`iter_lint_files`, kept)."""
    return list(iter_lint_files(files, linter, jobs=jobs, keep_source=keep_source, limit=limit))


def iter_lint_files(
    files: list[tuple[str, str]],
    linter: SupportsLint,
    *,
    jobs: int | None = None,
    keep_source: bool = True,
    limit: float | None = None,
) -> Iterator[FileResult]:
    """Lint ``(path, shown)`` pairs and yield the results sorted by shown path (ties in the
    order given), each as soon as it and those before it are done, so that a caller can
    write and drop them one by one.

    ``jobs`` processes share the files (default: :func:`default_jobs`); stdin is
    always read here, in this process. Documents are not held once linted, except
    the sources that renderers and fixes need (see :func:`lint_path`).
    """
    seconds = limit if limit is not None else time_limit()
    # More processes than cores or files only costs memory (``-j 100000``).
    count = min(jobs, cpu_count(), len(files)) if jobs is not None else default_jobs(len(files))
    ordered = sorted(files, key=lambda item: item[1])
    here = [i for i, (path, _) in enumerate(ordered) if path == "-"]
    others = [i for i, (path, _) in enumerate(ordered) if path != "-"]
    if count <= 1 or len(others) <= 2:
        for path, shown in ordered:
            yield lint_path(path, shown, linter, limit=seconds, keep_source=keep_source)
        return
    # The first file given is linted here: it warms the lazy caches (compiled patterns,
    # lazy imports) that the forked workers then inherit instead of each rebuilding them.
    first = ordered.index(next(item for item in files if item[0] != "-"))
    others.remove(first)
    here.append(first)
    done = {i: lint_path(*ordered[i], linter, limit=seconds, keep_source=keep_source) for i in here}
    pool = _Pool(linter, min(count, len(others)), seconds, keep_source)
    upcoming = 0
    for position, result in pool.stream([ordered[i] for i in others]):
        done[others[position]] = result
        while upcoming in done:
            yield done.pop(upcoming)
            upcoming += 1
    while upcoming in done:  # the files linted here, after the last worker's
        yield done.pop(upcoming)
        upcoming += 1


def _context() -> Any:
    """``fork`` where the OS has it (workers inherit the linter), else ``spawn``."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _die_with_parent(parent: int) -> None:
    """End this worker when the pmlint process that started it dies, however it dies.

    A worker blocked in ``recv()`` would not notice: forked siblings keep the parent's
    pipe ends open. Linux kills it (``PR_SET_PDEATHSIG``); elsewhere a thread watches
    for the parent to change.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        with suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before prctl took effect
                    os._exit(1)
                return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker(
    conn: Connection, linter: SupportsLint, limit: float, keep_source: bool, parent: int
) -> None:
    """Lint the paths sent on ``conn`` until it sends ``None`` or closes."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while (task := conn.recv()) is not None:
            path, shown = task
            conn.send(lint_path(path, shown, linter, limit=limit, keep_source=keep_source))
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass


@dataclass
class _Slot:
    """One worker process, and the file it is linting now."""

    process: Any
    conn: Connection
    task: tuple[int, str, str] | None = None
    started: float = 0.0


class _Pool:
    """Worker processes fed one file at a time; a dead or stuck worker is replaced."""

    def __init__(self, linter: SupportsLint, size: int, limit: float, keep_source: bool) -> None:
        self.linter = linter
        self.size = size
        self.limit = limit
        self.keep_source = keep_source
        self.context = _context()

    def spawn(self) -> _Slot:
        """Start one worker."""
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_worker,
            args=(child, self.linter, self.limit, self.keep_source, os.getpid()),
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent)

    def stream(self, files: list[tuple[str, str]]) -> Iterator[tuple[int, FileResult]]:
        """Lint every file; yield ``(position in files, result)`` as each is done."""
        from multiprocessing.connection import wait

        queue = deque((i, path, shown) for i, (path, shown) in enumerate(files))
        slots = [self.spawn() for _ in range(self.size)]
        try:
            while queue or any(slot.task for slot in slots):
                for slot in slots:
                    if slot.task is None and queue:
                        slot.task = queue.popleft()
                        slot.started = time.monotonic()
                        slot.conn.send(slot.task[1:])
                busy = [slot for slot in slots if slot.task is not None]
                wait(
                    [s.conn for s in busy] + [s.process.sentinel for s in busy],
                    timeout=self._next_deadline(busy),
                )
                for index, slot in enumerate(slots):
                    outcome = self._collect(slot)
                    if outcome is None:
                        continue
                    position, result, replace = outcome
                    yield position, result
                    if replace:
                        self._stop(slot, kill=True)
                        slots[index] = self.spawn()
        finally:
            for slot in slots:
                self._stop(slot)

    def _next_deadline(self, busy: list[_Slot]) -> float:
        hard = self.limit + _KILL_GRACE
        now = time.monotonic()
        return max(0.0, min(s.started + hard - now for s in busy)) if busy else 0.0

    def _collect(self, slot: _Slot) -> tuple[int, FileResult, bool] | None:
        """``(position, result, replace the worker)`` when the slot's file is done."""
        if slot.task is None:
            return None
        position, _, shown = slot.task
        if slot.conn.poll():
            try:
                result: FileResult = slot.conn.recv()
            except (EOFError, OSError):
                result = None  # type: ignore[assignment]
            if result is not None:
                slot.task = None
                return position, result, False
        if not slot.process.is_alive() or slot.conn.closed:
            slot.task = None
            code = slot.process.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            return position, FileResult(shown, error=_crashed(shown, how)), True
        if time.monotonic() - slot.started > self.limit + _KILL_GRACE:
            slot.task = None
            return position, FileResult(shown, error=_timed_out(shown, self.limit)), True
        return None

    @staticmethod
    def _stop(slot: _Slot, *, kill: bool = False) -> None:
        """Ask a worker to finish (or kill it), and reap it."""
        if not kill and slot.process.is_alive():
            with suppress(OSError):
                slot.conn.send(None)
            slot.process.join(timeout=1.0)
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=1.0)
        slot.conn.close()


def _crashed(shown: str, how: str) -> str:
    return (
        f"{shown}: the pmlint process linting this file died ({how}); the other files "
        "were still linted. Please report this file's shape to the pmlint maintainers"
    )


__all__ = [
    "DEFAULT_TIME_LIMIT",
    "FileTimeout",
    "SupportsLint",
    "deadline",
    "default_jobs",
    "iter_lint_files",
    "lint_files",
    "lint_path",
    "time_limit",
]
