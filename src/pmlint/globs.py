"""Glob patterns of config files (``include``, ``exclude``, ``per-file-ignores``).

Patterns follow ``.gitignore`` habits: one without a ``/`` (``*.draft.md``, ``drafts``)
matches a file or directory name anywhere below the config file; one with a ``/``
(``docs/old/*.md``) is anchored at the config file's directory. ``*`` stays within one
path segment, ``**`` crosses segments. A pattern matching a directory matches every
file below it.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import PurePosixPath


def _translate(glob: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = glob.find("]", i + 1)
            if close == -1:
                out.append(re.escape(char))
            else:
                body = glob[i + 1 : close].replace("\\", "\\\\")
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = close + 1
                continue
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


@lru_cache(maxsize=1024)
def compile_glob(pattern: str, root: str) -> re.Pattern[str]:
    """A regex matching absolute POSIX paths that ``pattern`` (relative to ``root``) means."""
    text = pattern.strip().replace("\\", "/").removeprefix("./").rstrip("/")
    base = PurePosixPath(root.replace("\\", "/")).as_posix().rstrip("/")
    if "/" in text:
        if not text.startswith("/"):
            text = posix_normpath(f"{base}/{text}")
        return re.compile(_translate(text) + r"\Z")
    return re.compile(re.escape(base) + "/(?:.*/)?" + _translate(text) + r"\Z")


def posix_normpath(path: str) -> str:
    """``os.path.normpath`` with forward slashes (``..`` resolved lexically)."""
    return os.path.normpath(path).replace("\\", "/")


def _candidates(path: str) -> list[str]:
    """The path and each of its parent directories (absolute, POSIX)."""
    parts = PurePosixPath(path)
    return [parts.as_posix(), *(p.as_posix() for p in parts.parents)]


def matches(patterns: list[str], root: str, path: str, *, parents: bool = True) -> bool:
    """Whether an absolute POSIX ``path`` (or, with ``parents``, a parent) matches a pattern."""
    candidates = _candidates(path) if parents else [path]
    for pattern in patterns:
        regex = compile_glob(pattern, root)
        if any(regex.match(candidate) for candidate in candidates):
            return True
    return False


def absolute_posix(path: str) -> str:
    """The absolute, normalised POSIX form of a path."""
    return posix_normpath(os.path.abspath(path))
