""".gitignore and .ignore files, read the way git reads them, for directory walks.

Patterns are matched with ``pathspec``'s ``GitIgnoreSpec`` (git's wildmatch rules,
negation, directory-only patterns, the "last matching pattern wins" order) rather than
re-implemented here. Each directory's files apply to the paths below it; a deeper file
decides before a shallower one, and ``.ignore`` before ``.gitignore`` in one directory
(as ripgrep and ruff do). ``.gitignore`` counts only inside a git repository (a
directory with ``.git`` at or above it); ``.ignore`` counts everywhere. ``pathspec`` is
imported only when an ignore file is read.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    import pathspec

IGNORE_FILES = (".ignore", ".gitignore")


def repository_root(directory: str) -> str | None:
    """The nearest directory at or above ``directory`` holding ``.git``, or None."""
    current = os.path.abspath(directory)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _read_spec(path: str) -> pathspec.GitIgnoreSpec | None:
    """The patterns of one ignore file; unreadable files and bad lines are skipped."""
    import pathspec

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    patterns = []
    for line in lines:
        try:
            patterns.append(pathspec.GitIgnoreSpec.from_lines([line]).patterns[0])
        except (ValueError, IndexError):  # git skips a pattern it cannot read, so do we
            continue
    return pathspec.GitIgnoreSpec(patterns) if patterns else None


class IgnoreRules(msgspec.Struct):
    """The ignore files that govern a walk, by directory (absolute paths)."""

    in_git: bool
    specs: dict[str, list[tuple[str, pathspec.GitIgnoreSpec]]] = msgspec.field(default_factory=dict)

    @classmethod
    def for_root(cls, root: str) -> IgnoreRules:
        """Rules for a walk of ``root``: its own files and those of its parents up to the
        repository root."""
        root = os.path.abspath(root)
        repo = repository_root(root)
        rules = cls(in_git=repo is not None)
        directory = root
        chain = [root]
        while repo is not None and directory != repo:
            directory = os.path.dirname(directory)
            chain.append(directory)
        for item in reversed(chain):
            rules.load(item)
        return rules

    def load(self, directory: str) -> None:
        """Read the ignore files of one directory (once)."""
        directory = os.path.abspath(directory)
        if directory in self.specs:
            return
        found = []
        for name in IGNORE_FILES:
            if name == ".gitignore" and not self.in_git:
                continue
            spec = _read_spec(os.path.join(directory, name))
            if spec is not None:
                found.append((name, spec))
        self.specs[directory] = found

    def ignored_by(self, path: str, *, is_dir: bool) -> str | None:
        """The ignore file (``dir/.gitignore``) that excludes ``path``, or None."""
        full = os.path.abspath(path)
        directory = os.path.dirname(full)
        while True:
            for name, spec in self.specs.get(directory, []):
                rel = os.path.relpath(full, directory).replace(os.sep, "/")
                result = spec.check_file(rel + "/" if is_dir else rel)
                if result.include is not None:
                    return os.path.join(directory, name) if result.include else None
            parent = os.path.dirname(directory)
            if parent == directory or directory not in self.specs:
                return None
            directory = parent
