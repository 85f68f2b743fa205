"""Lint one file safely: bad input, a crash or running past the time limit become an
error for that file, never a traceback."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from pmlint.engine import FileResult
from pmlint.findings import Finding
from pmlint.source import InputError, Source, decode, read_bytes

DEFAULT_TIME_LIMIT = 30.0
"""Seconds one file may take before it is reported as an error (``PMLINT_FILE_TIMEOUT``)."""


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


def timed_out(shown: str, seconds: float, where: str = "") -> str:
    """The error for a file stopped by the time limit (``where``: see :func:`running_when`)."""
    return (
        f"{shown}: took longer than {seconds:g} s to lint and was stopped{where}; the other "
        "files were still linted. Please report this file's shape to the pmlint maintainers"
    )


def running_when(exc: BaseException) -> str:
    """`` (running rule PM401 (name), at pmlint/x.py:function)`` for an exception's
    traceback: the outermost rule on the stack and the innermost pmlint function, or ''."""
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection while one file is linted (it is resumed, if it was on, after).

    A document's objects live until its lint ends, so a collection in the middle finds no
    garbage: it only traces the live document, a few times per file (some 5% of a lint's
    time). The document frees itself by reference counting at the end
    (:meth:`~pmlint.document.document.Document.release`).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


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
        with deadline(seconds), collector_paused():
            data = sys.stdin.buffer.read() if path == "-" else read_bytes(path, shown)
            source = decode(data, shown)
            del data
            findings = linter.lint_source(source)
    except InputError as exc:
        return FileResult(shown, error=str(exc))
    except FileTimeout as exc:
        return FileResult(shown, error=timed_out(shown, seconds, running_when(exc)))
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
