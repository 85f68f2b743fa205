"""Turn the paths given on the command line into the files to lint."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pmlint.ignorefiles import IgnoreRules

EXTENSIONS = (".md", ".markdown", ".txt")
SKIP_DIRS = frozenset({"node_modules", ".git", "__pycache__", ".venv", "venv"})


@dataclass
class Discovered:
    """Files to lint (in order, without duplicates) and paths that could not be used."""

    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    walked: dict[str, str] = field(default_factory=dict)
    """Files found by walking a directory, with the directory given (the walk root)."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Paths a walk left out, with the reason (``ignored by .gitignore``)."""


def display_path(path: str) -> str:
    """The path relative to the working directory when it is inside it, with ``/``."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    return Path(path).as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _inside(path: str, root: str) -> bool:
    """Whether the resolved ``path`` is ``root`` or below it (both real paths)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(root: str, errors: list[str], skipped: list[tuple[str, str]]) -> list[str]:
    """Postmortem files below ``root``, never leaving it through a symlink.

    Symlinks to directories are not walked (like git and ruff): one pointing out of
    the tree would lint, and ``--fix`` would rewrite, files that are not the user's;
    one pointing inside it reaches files that are linted under their own path anyway,
    and a loop cannot form. A file symlink is linted when its target is inside
    ``root``. A directory that cannot be listed is reported in ``errors``. Paths that
    ``.gitignore``/``.ignore`` files exclude are left out and listed in ``skipped``.
    """
    ignore = IgnoreRules.for_root(root)
    top = os.path.realpath(root)
    found: list[str] = []
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            errors.append(
                f"{display_path(directory)}: cannot list this directory "
                f"({exc.strerror or exc}); its files were not linted"
            )
            continue
        subdirs: list[str] = []
        ignore.load(directory)
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if entry.is_symlink() and (is_dir or not _inside(os.path.realpath(entry.path), top)):
                continue  # a directory link, or a link out of the tree: never followed
            if not name.startswith(".") and (is_dir or name.lower().endswith(EXTENSIONS)):
                by = ignore.ignored_by(entry.path, is_dir=is_dir)
                if by is not None:
                    skipped.append((entry.path, f"ignored by {display_path(by)}"))
                    continue
            if is_dir:
                if not name.startswith(".") and name not in SKIP_DIRS:
                    subdirs.append(entry.path)
            elif name.lower().endswith(EXTENSIONS) and not name.startswith("."):
                found.append(entry.path)
        stack.extend(reversed(subdirs))
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
            before = len(result.errors)
            found = _walk(raw, result.errors, result.skipped)
            result.walked.update((path, raw) for path in found)
            if not found and len(result.errors) == before:
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
