"""Turn the paths given on the command line into the files to lint."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

EXTENSIONS = (".md", ".markdown", ".txt")
SKIP_DIRS = frozenset({"node_modules", ".git", "__pycache__", ".venv", "venv"})


@dataclass
class Discovered:
    """Files to lint (in order, without duplicates) and paths that could not be used."""

    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def display_path(path: str) -> str:
    """The path relative to the working directory when it is inside it, with ``/``."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(path).as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _walk(root: str) -> list[str]:
    found: list[str] = []
    visited: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        try:
            stat = os.stat(dirpath)
        except OSError:
            dirnames[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in visited:  # a symlink loop
            dirnames[:] = []
            continue
        visited.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(filenames):
            if name.lower().endswith(EXTENSIONS) and not name.startswith("."):
                found.append(os.path.join(dirpath, name))
    return found


def discover(paths: list[str]) -> Discovered:
    """Expand directories recursively; a file named explicitly is kept whatever its name."""
    result = Discovered()
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            result.files.append("-")
            continue
        if os.path.isdir(raw):
            found = _walk(raw)
            if not found:
                result.errors.append(
                    f"{display_path(raw)}: no postmortems to lint (no .md, .markdown or .txt files)"
                )
        elif os.path.lexists(raw):
            found = [raw]
        else:
            result.errors.append(f"{display_path(raw)}: no such file or directory")
            continue
        for path in found:
            key = os.path.normpath(path)
            if key not in seen:
                seen.add(key)
                result.files.append(path)
    return result
