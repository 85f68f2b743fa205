"""Turn the paths given on the command line into the files to lint: find them
(:func:`discover`), then keep those the config and :mod:`pmlint.recognise` let in, with
the reason for each (:func:`select_files`, for ``--show-files``)."""

from __future__ import annotations

import os
from pathlib import Path

import msgspec

from pmlint.config import ConfigError, ConfigResolver

EXTENSIONS = (".md", ".markdown", ".txt")
SKIP_DIRS = frozenset({"node_modules", ".git", "__pycache__", ".venv", "venv"})


class Discovered(msgspec.Struct):
    """Files to lint (in order, without duplicates) and paths that could not be used."""

    files: list[str] = msgspec.field(default_factory=list)
    errors: list[str] = msgspec.field(default_factory=list)
    walked: dict[str, str] = msgspec.field(default_factory=dict)
    """Files found by walking a directory, with the directory given (the walk root)."""
    skipped: list[tuple[str, str]] = msgspec.field(default_factory=list)
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
    from pmlint.ignorefiles import IgnoreRules  # only walks read ignore files

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


def safe_name(path: str) -> str:
    """A path as text that any output can hold: bytes that are not UTF-8 in a file name
    (kept by Python as lone surrogates) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class Selection(msgspec.Struct):
    """What a run lints, and what it leaves out.

    ``files`` are ``(path, shown)`` pairs; ``real`` maps a shown path back to the file
    (they differ for names that are not UTF-8); ``linted`` and ``skipped`` give the
    reason for each file (for ``--show-files``); ``errors`` are one-line problems.
    """

    files: list[tuple[str, str]] = msgspec.field(default_factory=list)
    errors: list[str] = msgspec.field(default_factory=list)
    linted: list[tuple[str, str]] = msgspec.field(default_factory=list)
    skipped: list[tuple[str, str]] = msgspec.field(default_factory=list)
    real: dict[str, str] = msgspec.field(default_factory=dict)


def _walk_verdict(
    resolver: ConfigResolver, path: str, probe: str, root: str, force_include: bool
) -> tuple[bool, str]:
    """Whether a file found by a walk (or filtered like one) is linted, and why."""
    lint, why = resolver.walk_decision(probe)
    if lint is None and force_include:
        return True, "--force-include"
    if lint is not None:
        return lint, why
    from pmlint.recognise import postmortem_reason

    reason = postmortem_reason(path, root)
    if reason is None:
        return False, "does not look like a postmortem (name, title, sections)"
    return True, f"looks like a postmortem ({reason})"


def select_files(
    paths: tuple[str, ...],
    resolver: ConfigResolver,
    stdin_filename: str | None,
    *,
    force_include: bool = False,
    explain: bool = True,
) -> Selection:
    """The files to lint: every file named, and from directory walks the files that are
    not ignored (``.gitignore``, ``.ignore``, ``exclude``) and that ``include``,
    ``--force-include`` or :mod:`pmlint.recognise` (looks like a postmortem) let in.
    With ``force-exclude`` (pre-commit), files named are filtered the same way.

    A config that cannot be used is an error for the files it governs only. The
    reasons (``linted``, ``skipped``) are kept only with ``explain``.
    """
    chosen = Selection()
    seen: set[str] = set()
    config_errors: set[str] = set()
    found = discover(list(paths))
    chosen.errors.extend(found.errors)
    if explain:
        chosen.skipped.extend((safe_name(display_path(p)), why) for p, why in found.skipped)
    for path in found.files:
        shown = safe_name((stdin_filename or "-") if path == "-" else display_path(path))
        probe = (stdin_filename or "-") if path == "-" else path
        root = found.walked.get(path)
        try:
            resolver.linter_for(probe)  # load and validate its config up front
            if path != "-" and root is None and resolver.config_for(probe).settings.force_exclude:
                root = os.path.dirname(path) or "."  # pre-commit: filter it like a walk
            lint, why = (
                (True, "named on the command line")
                if root is None
                else _walk_verdict(resolver, path, probe, root, force_include)
            )
        except ConfigError as exc:
            if str(exc) not in config_errors:
                config_errors.add(str(exc))
                chosen.errors.append(str(exc))
            lint, why = False, "its config file has an error"
        if not lint:
            if explain:
                chosen.skipped.append((shown, why))
            continue
        key = path if path == "-" else os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            chosen.files.append((path, shown))
            if explain:
                chosen.linted.append((shown, why))
            if probe != shown:
                chosen.real[shown] = probe
    return chosen


def collect_files(
    paths: tuple[str, ...], resolver: ConfigResolver, stdin_filename: str | None
) -> tuple[list[tuple[str, str]], list[str]]:
    """``(path, shown)`` pairs to lint (see :func:`select_files`) and the errors."""
    chosen = select_files(paths, resolver, stdin_filename)
    return chosen.files, chosen.errors
