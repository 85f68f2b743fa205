"""Rewrite a file in place for ``--fix`` without changing anything but its text.

The file keeps its owner, group, mode, hard links and final-newline state, and no
temporary file is left behind:

- When a new file can take the old one's place unnoticed (a single link, owned by
  whoever runs pmlint, a writable directory, the group settable), the text is written
  to a temporary file in the same directory and renamed over the original: a crash
  leaves either the old or the new text, never half of each.
- Otherwise (hard links, another owner, a read-only directory) the bytes are written
  through the same inode: a rename would break the links or hand the file to the
  user running pmlint, and needs a writable directory.
- SIGINT, SIGTERM and SIGHUP are held while a file is written and delivered just after,
  so an interrupted run never leaves a temporary file or a half-written file. Where
  Linux allows it the temporary file has no name until its bytes are written
  (``O_TMPFILE``); temporary files that a killed run (``kill -9``) left are removed the
  next time pmlint writes into that directory.
- A symlink is written through (to its target) only when the caller allows it.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

TEMP_PREFIX = ".pmlint-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.pmlint-(\d+)-[0-9a-f]+\.tmp")
_HELD = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class WriteRefused(OSError):
    """A write pmlint will not do (a symlink without permission to follow it)."""


@contextmanager
def held_signals() -> Iterator[None]:
    """Defer SIGINT, SIGTERM and SIGHUP until the block ends (Unix, main thread)."""
    if (
        not hasattr(signal, "pthread_sigmask")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_file(path: str, data: bytes, *, follow_symlinks: bool = False) -> None:
    """Replace the contents of the file at ``path`` with ``data`` (see the module doc).

    Raises :class:`WriteRefused` for a symlink unless ``follow_symlinks``, and
    :class:`OSError` when the file cannot be written.
    """
    if os.path.islink(path) and not follow_symlinks:
        raise WriteRefused(
            errno.EPERM,
            "it is a symlink; pass --fix-symlinks to write the fix to the file it points to",
        )
    real = os.path.realpath(path)
    info = os.stat(real)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    with held_signals():
        data = _keep_final_newline(real, data)
        directory = os.path.dirname(real) or "."
        sweep_temp_files(directory)
        if not _replace(real, directory, data, info):
            _overwrite(real, data)


def _keep_final_newline(path: str, data: bytes) -> bytes:
    """``data`` with the same final-newline state as the file now on disk."""
    with open(path, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        if handle.tell() == 0 or not data:
            return data
        handle.seek(-1, os.SEEK_END)
        had = handle.read(1) == b"\n"
    has = data.endswith(b"\n")
    if had and not has:
        return data + (b"\r\n" if b"\r\n" in data else b"\n")
    if has and not had:
        return data[:-2] if data.endswith(b"\r\n") else data[:-1]
    return data


def _replaceable(directory: str, info: os.stat_result) -> bool:
    """Whether renaming a new file over this one keeps its links and owner."""
    if info.st_nlink != 1 or not os.access(directory, os.W_OK | os.X_OK):
        return False
    return not hasattr(os, "geteuid") or os.geteuid() in (0, info.st_uid)


def _replace(real: str, directory: str, data: bytes, info: os.stat_result) -> bool:
    """Write a temporary file and rename it over ``real``; False when that cannot keep
    the file's owner, group or links (nothing is left behind then)."""
    if not _replaceable(directory, info):
        return False
    fd, named = _temp_file(directory)
    temp = os.path.join(directory, named) if named else ""
    try:
        try:
            if hasattr(os, "fchown"):
                os.fchown(fd, info.st_uid, info.st_gid)
        except PermissionError:  # a group the user is not in: keep it by writing in place
            return False
        os.fchmod(fd, stat.S_IMODE(info.st_mode))
        _write_all(fd, data)
        os.fsync(fd)
        if not temp:  # an unnamed O_TMPFILE file gets its name only now, complete
            try:
                _name_unnamed(fd, os.path.join(directory, name := _temp_name()))
            except OSError:  # /proc hidden or linking refused: write in place instead
                return False
            temp = os.path.join(directory, name)
        os.replace(temp, real)
        temp = ""
        return True
    finally:
        os.close(fd)
        if temp:
            with suppress(OSError):
                os.unlink(temp)


def _name_unnamed(fd: int, temp: str) -> None:
    """Give an ``O_TMPFILE`` file a name (``linkat`` with ``AT_SYMLINK_FOLLOW``; a
    ``dst_dir_fd`` makes Python use ``linkat`` rather than ``link``)."""
    directory = os.open(os.path.dirname(temp), os.O_RDONLY)
    try:
        os.link(
            f"/proc/self/fd/{fd}",
            os.path.basename(temp),
            dst_dir_fd=directory,
            follow_symlinks=True,
        )
    finally:
        os.close(directory)


def _temp_name() -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"


def _temp_file(directory: str) -> tuple[int, str]:
    """An open temporary file in ``directory``: unnamed (``O_TMPFILE``) where possible,
    with ``''``, else its name."""
    if hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd"):
        with suppress(OSError):
            return os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o600), ""
    while True:
        name = _temp_name()
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return os.open(os.path.join(directory, name), flags, 0o600), name
        except FileExistsError:
            continue


def _overwrite(real: str, data: bytes) -> None:
    """Write ``data`` through the file's own inode (keeps links, owner and mode)."""
    fd = os.open(real, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        _write_all(fd, data)
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def sweep_temp_files(directory: str) -> None:
    """Remove the temporary files that pmlint runs killed outright left in ``directory``
    (those whose process is gone)."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        match = _TEMP_NAME.fullmatch(name)
        if match and not _alive(int(match.group(1))):
            with suppress(OSError):
                os.unlink(os.path.join(directory, name))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


__all__ = ["WriteRefused", "held_signals", "sweep_temp_files", "write_file"]
