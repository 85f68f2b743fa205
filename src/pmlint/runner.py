"""Lint a list of files, in parallel processes when that is faster, in a stable order.

Every file is read safely (no FIFOs or devices, a size cap), linted under a time
limit, and turned into a :class:`FileResult` (see :mod:`pmlint.safe_lint`); a file
that crashes pmlint, hangs or kills its worker process becomes an error for that file
only, and the others are still reported. Results come back sorted by path whatever the
number of jobs, so the output is the same with one process or many.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from pmlint.engine import FileResult
from pmlint.safe_lint import (
    DEFAULT_TIME_LIMIT,
    FileTimeout,
    SupportsLint,
    deadline,
    lint_path,
    time_limit,
)
from pmlint.workers import KILL_GRACE, plan_chunks
from pmlint.workers import Pool as _Pool

SERIAL_UP_TO = 12
"""With no ``--jobs``, runs of this many files or fewer stay in one process. Measured:
two workers cost about 23 ms of CPU to start and warm up, a file about 5 ms to lint, so
on two idle cores a second process only pays off clearly from about a dozen files."""

_KILL_GRACE = KILL_GRACE  # seconds past the limit before a stuck worker process is killed


def cpu_count() -> int:
    """The cores this process may run on."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)


def default_jobs(file_count: int) -> int:
    """The number of processes when ``--jobs`` is not given: the cores, for many files."""
    if file_count <= SERIAL_UP_TO:
        return 1
    return max(1, min(cpu_count(), file_count))


def cpus_busy() -> bool:
    """Whether the machine's cores are all taken already: the one-minute load average
    reaches their number (where the OS reports it)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return False
    return load >= (os.cpu_count() or 1)


def jobs_for(jobs: int | None, file_count: int) -> int:
    """The processes to lint ``file_count`` files with: ``--jobs`` capped at the cores and
    the files (more only costs memory); by default :func:`default_jobs`, or one when the
    cores are busy (workers would then only add their overhead)."""
    if jobs is not None:
        return max(1, min(jobs, cpu_count(), file_count))
    count = default_jobs(file_count)
    return 1 if count > 1 and cpus_busy() else count


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

    :func:`jobs_for` decides how many processes share the files; stdin is always read
    here, in this process. Documents are not held once linted, except the sources that
    renderers and fixes need (see :func:`~pmlint.safe_lint.lint_path`).
    """
    seconds = limit if limit is not None else time_limit()
    count = jobs_for(jobs, len(files))
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
    size = min(count, len(others))
    chunks = plan_chunks([_size(ordered[i][0]) for i in others], size)
    pool = _Pool(linter, min(size, len(chunks)), seconds, keep_source, _KILL_GRACE)
    upcoming = 0
    for position, result in pool.stream([ordered[i] for i in others], chunks):
        done[others[position]] = result
        while upcoming in done:
            yield done.pop(upcoming)
            upcoming += 1
    while upcoming in done:  # the files linted here, after the last worker's
        yield done.pop(upcoming)
        upcoming += 1


def _size(path: str) -> int:
    """The file's size in bytes, or 0 when it cannot be read (its error comes later)."""
    try:
        return os.stat(path).st_size
    except (OSError, ValueError):
        return 0


__all__ = [
    "DEFAULT_TIME_LIMIT",
    "FileTimeout",
    "SupportsLint",
    "cpus_busy",
    "deadline",
    "default_jobs",
    "iter_lint_files",
    "jobs_for",
    "lint_files",
    "lint_path",
    "time_limit",
]
