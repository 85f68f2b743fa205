"""Reading a document: bytes to text, and offsets to lines and columns."""

from __future__ import annotations

import bisect
import codecs
import os
import stat

import msgspec

from pmlint.document.lazy import lazy
from pmlint.findings import Position, Span


class InputError(Exception):
    """A file that cannot be linted; the message is one line for the user."""


class Source(msgspec.Struct, dict=True):
    """The decoded text of one document with a line index (its ``__dict__`` holds the
    views computed on first use)."""

    path: str
    text: str
    had_bom: bool = False
    newline: str = "\n"

    @lazy
    def line_starts(self) -> list[int]:
        """The offset at which each line starts."""
        starts = [0]
        text = self.text
        i = text.find("\n")
        while i != -1:
            starts.append(i + 1)
            i = text.find("\n", i + 1)
        return starts

    @lazy
    def lines(self) -> list[str]:
        """The lines of the text without their line endings (``\\r\\n`` or ``\\n``)."""
        return [line.removesuffix("\r") for line in self.text.split("\n")]

    def position(self, offset: int) -> Position:
        """The 1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(index + 1, offset - self.line_starts[index] + 1)

    def offset(self, line: int, column: int = 1) -> int:
        """The character offset of a 1-based line and column."""
        line = max(1, min(line, len(self.line_starts)))
        return min(self.line_starts[line - 1] + column - 1, len(self.text))

    def line_end(self, line: int) -> int:
        """The offset just past the last character of a line (before its newline)."""
        starts = self.line_starts
        if 0 < line < len(starts):  # not the last line: its newline is before the next one
            end = starts[line] - 1
            start = starts[line - 1]
        else:
            start = starts[line - 1]
            end = self.text.find("\n", start)
            end = len(self.text) if end == -1 else end
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return end

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for the offsets ``[start, end)``."""
        end = max(start, end)
        return Span(start, end, self.position(start), self.position(end))


def decode(data: bytes, path: str) -> Source:
    """Decode UTF-8 (with or without BOM); reject binary and other encodings."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{path}: is UTF-16; save it as UTF-8 to lint it")
    if b"\x00" in data:
        raise InputError(f"{path}: looks like a binary file (contains NUL bytes)")
    had_bom = data.startswith(codecs.BOM_UTF8)
    if had_bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}: is not valid UTF-8 (bad byte at line {line})") from None
    if "\r" in text and "\n" not in text:  # classic Mac OS: lone CRs end the lines
        return Source(path=path, text=text.replace("\r", "\n"), had_bom=had_bom, newline="\r")
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf >= text.count("\n") - crlf else "\n"
    return Source(path=path, text=text, had_bom=had_bom, newline=newline)


MAX_FILE_BYTES = 10 * 1024 * 1024


def read_bytes(path: str, shown: str) -> bytes:
    """The bytes of a regular file; FIFOs, devices and oversized files are refused.

    The file is opened non-blocking and checked with ``fstat`` on the open handle, so
    a FIFO never blocks the run and a file swapped after listing is still checked.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file (was it removed while pmlint ran?)") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied; pmlint cannot read this file") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{shown}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(
                f"{shown}: is not a regular file (a FIFO, socket or device); skipped. "
                "To lint piped text, pass - and pipe it to stdin"
            )
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(_too_large(shown, info.st_size))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # the file grew after fstat
                raise InputError(_too_large(shown, size))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _too_large(shown: str, size: int) -> str:
    megabytes = size / (1024 * 1024)
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return (
        f"{shown}: is {megabytes:.1f} MB; pmlint lints postmortems up to {limit} MB, "
        "so this file was skipped (is it really a postmortem?)"
    )


def read_source(path: str, display: str | None = None) -> Source:
    """Read (see :func:`read_bytes`) and decode a file; every problem is an InputError."""
    shown = display or path
    return decode(read_bytes(path, shown), shown)
