"""Worker processes that lint chunks of files.

Files travel to the workers in chunks (contiguous runs of the sorted list, a few tens
of milliseconds of linting each), so the cost of a message is paid per chunk, not per
file. Each worker writes which file it is on, and since when, into memory it shares
with this process: a worker that dies or hangs costs that one file only, and the rest
of its chunk is linted again.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import msgspec

from pmlint.engine import FileResult
from pmlint.safe_lint import SupportsLint, lint_path, timed_out

if TYPE_CHECKING:  # multiprocessing is imported only when files are linted in parallel
    from multiprocessing.connection import Connection

CHUNK_BYTES = 16_384
"""A chunk holds about this much text (with :data:`FILE_COST_BYTES` per file): 30-50 ms
of linting, so that sending it costs well under 1% of the work."""

FILE_COST_BYTES = 512
"""What a file costs whatever its length (open, parse, run each rule), counted in bytes."""

CHUNKS_PER_WORKER = 4
"""Chunks are small enough that each worker gets at least this many: they end together."""

KILL_GRACE = 5.0
"""Seconds past the time limit before a worker stuck where the alarm cannot reach is killed."""

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def plan_chunks(sizes: Sequence[int], workers: int) -> list[range]:
    """Split files of these byte sizes, kept in order, into contiguous chunks of similar
    work: at most :data:`CHUNK_BYTES` each (or one longer file), smaller when there is
    little to share out."""
    weights = [max(0, size) + FILE_COST_BYTES for size in sizes]
    target = min(CHUNK_BYTES, sum(weights) // (max(1, workers) * CHUNKS_PER_WORKER))
    chunks: list[range] = []
    start = load = 0
    for index, weight in enumerate(weights):
        if load and load + weight > target:  # full: this file starts the next chunk
            chunks.append(range(start, index))
            start, load = index, 0
        load += weight
    if start < len(weights):
        chunks.append(range(start, len(weights)))
    return chunks


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
    conn: Connection,
    progress: Any,
    linter: SupportsLint,
    limit: float,
    keep_source: bool,
    parent: int,
) -> None:
    """Lint the chunks sent on ``conn`` until it sends ``None`` or closes; before each
    file, write its position and start time into ``progress``."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while (task := conn.recv()) is not None:
            first, files = task
            results = []
            for position, (path, shown) in enumerate(files, first):
                progress[1] = time.monotonic()  # the time first: it is read second
                progress[0] = position
                results.append(lint_path(path, shown, linter, limit=limit, keep_source=keep_source))
            conn.send(results)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass


class _Slot(msgspec.Struct):
    """One worker process, the chunk it is linting, and where it is in it."""

    process: Any
    conn: Connection
    progress: Any  # shared doubles: position of the file being linted, when it started
    task: range | None = None


Outcome = tuple[list[tuple[int, FileResult]], list[range], bool]
"""What a slot gave: results by position, chunks to lint again, whether to replace it."""


class Pool:
    """Worker processes fed one chunk at a time; a dead or stuck worker is replaced."""

    def __init__(
        self,
        linter: SupportsLint,
        size: int,
        limit: float,
        keep_source: bool,
        grace: float = KILL_GRACE,
    ) -> None:
        self.linter = linter
        self.size = size
        self.limit = limit
        self.keep_source = keep_source
        self.grace = grace
        self.context = _context()

    def spawn(self) -> _Slot:
        """Start one worker."""
        parent, child = self.context.Pipe()
        progress = self.context.RawArray("d", 2)
        process = self.context.Process(
            target=_worker,
            args=(child, progress, self.linter, self.limit, self.keep_source, os.getpid()),
            daemon=True,
        )
        process.start()
        child.close()
        return _Slot(process, parent, progress)

    def stream(
        self, files: Sequence[tuple[str, str]], chunks: Sequence[range]
    ) -> Iterator[tuple[int, FileResult]]:
        """Lint ``files`` (``(path, shown)``) chunk by chunk; yield ``(position in files,
        result)`` for every file, as each chunk is done."""
        from multiprocessing.connection import wait

        queue = deque(chunk for chunk in chunks if chunk)
        slots = [self.spawn() for _ in range(self.size)]
        try:
            while queue or any(slot.task is not None for slot in slots):
                for slot in slots:
                    if slot.task is None and queue:
                        self._send(slot, queue.popleft(), files)
                busy = [slot for slot in slots if slot.task is not None]
                wait(
                    [s.conn for s in busy] + [s.process.sentinel for s in busy],
                    timeout=self._next_deadline(busy),
                )
                for index, slot in enumerate(slots):
                    results, again, replace = self._collect(slot, files)
                    yield from results
                    queue.extendleft(reversed(again))  # first, in their order
                    if replace:
                        self._stop(slot, kill=True)
                        slots[index] = self.spawn()
        finally:
            for slot in slots:
                self._stop(slot)

    @staticmethod
    def _send(slot: _Slot, chunk: range, files: Sequence[tuple[str, str]]) -> None:
        slot.task = chunk
        slot.progress[1] = time.monotonic()
        slot.progress[0] = chunk.start
        with suppress(OSError):  # a worker already dead is found by _collect
            slot.conn.send((chunk.start, [files[i] for i in chunk]))

    def _next_deadline(self, busy: list[_Slot]) -> float:
        hard = self.limit + self.grace
        now = time.monotonic()
        return max(0.0, min(s.progress[1] + hard - now for s in busy)) if busy else 0.0

    def _collect(self, slot: _Slot, files: Sequence[tuple[str, str]]) -> Outcome:
        """The slot's results when its chunk is done; when its worker died or is stuck,
        an error for the file it was on and the rest of the chunk to lint again."""
        chunk = slot.task
        if chunk is None:
            return [], [], False
        if slot.conn.poll():
            try:
                results: list[FileResult] | None = slot.conn.recv()
            except (EOFError, OSError):
                results = None
            if results is not None:
                slot.task = None
                return list(zip(chunk, results, strict=True)), [], False
        if not slot.process.is_alive() or slot.conn.closed:
            code = slot.process.exitcode
            how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
            return self._lose(slot, chunk, files, lambda shown: _crashed(shown, how))
        position = slot.progress[0]
        started = slot.progress[1]
        if slot.progress[0] == position and time.monotonic() - started > self.limit + self.grace:
            return self._lose(slot, chunk, files, lambda shown: timed_out(shown, self.limit))
        return [], [], False

    @staticmethod
    def _lose(
        slot: _Slot, chunk: range, files: Sequence[tuple[str, str]], error: Callable[[str], str]
    ) -> Outcome:
        """The file the worker was on fails with ``error(shown)``; the others go again."""
        slot.task = None
        current = min(max(int(slot.progress[0]), chunk.start), chunk.stop - 1)
        shown = files[current][1]
        again = [r for r in (range(chunk.start, current), range(current + 1, chunk.stop)) if r]
        return [(current, FileResult(shown, error=error(shown)))], again, True

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
