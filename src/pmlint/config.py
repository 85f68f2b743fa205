"""Settings per file: find the config file closest to each file, resolve it with the
command line's options, and keep one :class:`Linter` per config file.

In one directory ``.pmlint.toml`` wins over ``pyproject.toml``; the search stops at the
repository root or the home directory. Reading, validating and merging a config file
(``extend``) is :mod:`pmlint.config_files`'s job.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import msgspec

from pmlint import config_files
from pmlint.config_files import (
    CONFIG_NAME,
    PYPROJECT,
    ConfigError,
    load_chain,
    merge_overrides,
    shown_path,
    validation_message,
)
from pmlint.engine import Linter
from pmlint.findings import Finding, Severity
from pmlint.globs import absolute_posix, matches
from pmlint.registry import Registry, UnknownSelector
from pmlint.rule import Rule
from pmlint.settings import Settings
from pmlint.source import Source

__all__ = ["ConfigError", "ConfigResolver", "LoadedConfig"]


class LoadedConfig(msgspec.Struct, frozen=True):
    """Settings resolved for a directory: the files they came from and their root."""

    settings: Settings
    root: str
    files: tuple[Path, ...] = ()


_LEVELS = ("error", "warning", "info")


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _plain(table: dict[str, Any]) -> bool:
    """Whether a table without a config file holds only the command line's values,
    already checked by the CLI, so that it needs no pydantic validation."""
    checks = {
        "profile": lambda v: isinstance(v, str),
        "select": _strings,
        "extend-select": _strings,
        "ignore": _strings,
        "fail-on": lambda v: v in _LEVELS,
        "force-exclude": lambda v: isinstance(v, bool),
        "severity": lambda v: (
            isinstance(v, dict)
            and all(isinstance(k, str) and level in _LEVELS for k, level in v.items())
        ),
    }
    return all(key in checks and checks[key](value) for key, value in table.items())


def _home() -> str:
    return absolute_posix(os.path.expanduser("~"))


class ConfigResolver:
    """Settings and a :class:`Linter` for each file, found once per directory.

    Config lookups are cached per directory and linters per config file, so linting
    thousands of files reads each config file once. It lints like a :class:`Linter`:
    :meth:`lint_source` picks the linter of the source's own directory.
    """

    def __init__(
        self,
        registry: Registry,
        *,
        overrides: dict[str, Any] | None = None,
        config_path: str | None = None,
        isolated: bool = False,
        inline_config: bool = True,
    ) -> None:
        self.registry = registry
        self.overrides = overrides or {}
        self.isolated = isolated
        self.inline_config = inline_config
        self.config_path = Path(config_path) if config_path else None
        self._found: dict[str, Path | None] = {}
        self._tables: dict[Path, dict[str, Any] | None] = {}
        self._configs: dict[Path | None, LoadedConfig] = {}
        self._linters: dict[Path | None, Linter] = {}
        if self.config_path is not None and not self.config_path.is_file():
            raise ConfigError(f"{config_path}: --config: no such file")

    def find_config(self, directory: str) -> Path | None:
        """The config file closest to ``directory`` (itself or an ancestor), or None.

        The search stops at the repository root (a directory holding ``.git``) or the
        user's home directory, as ruff's does: a stray config above the project does
        not govern it.
        """
        if directory in self._found:
            return self._found[directory]
        result: Path | None = None
        for name in (CONFIG_NAME, PYPROJECT):
            candidate = Path(directory, name)
            if candidate.is_file() and (name == CONFIG_NAME or self._has_table(candidate)):
                result = candidate
                break
        else:
            parent = os.path.dirname(directory)
            boundary = (
                parent == directory
                or os.path.exists(os.path.join(directory, ".git"))
                or directory == _home()
            )
            result = None if boundary else self.find_config(parent)
        self._found[directory] = result
        return result

    def _has_table(self, path: Path) -> bool:
        if path not in self._tables:
            self._tables[path] = config_files.read_table(path)
        return self._tables[path] is not None

    def config_file_for(self, path: str) -> Path | None:
        """The config file that applies to ``path`` (a file, ``-`` or a stdin name)."""
        if self.isolated:
            return None
        if self.config_path is not None:
            return self.config_path
        return self.find_config(os.path.dirname(absolute_posix(path)))

    def config_for(self, path: str) -> LoadedConfig:
        """The resolved settings for a file (cached per config file)."""
        config_file = self.config_file_for(path)
        if config_file not in self._configs:
            self._configs[config_file] = self._load(config_file)
        return self._configs[config_file]

    def _load(self, config_file: Path | None) -> LoadedConfig:
        if config_file is None:
            table: dict[str, Any] = {}
            files: tuple[Path, ...] = ()
            root = absolute_posix(".")
        else:
            root = absolute_posix(str(config_file.parent))
            table, files = load_chain(config_file, self.registry, root)
        table = merge_overrides(table, self.overrides)
        if config_file is None and _plain(table):
            return LoadedConfig(settings=Settings(**table), root=root, files=files)
        from pydantic import ValidationError

        from pmlint.config_models import SettingsModel

        try:
            settings = Settings.model_validate(table)
        except ValidationError as exc:
            raise ConfigError(validation_message(exc, SettingsModel, "settings", "")) from None
        return LoadedConfig(settings=settings, root=root, files=files)

    def linter_for(self, path: str) -> Linter:
        """The linter for a file's settings (one per config file)."""
        config_file = self.config_file_for(path)
        linter = self._linters.get(config_file)
        if linter is None:
            config = self.config_for(path)
            try:
                linter = Linter(
                    config.settings,
                    self.registry,
                    root=config.root,
                    inline_config=self.inline_config,
                )
            except UnknownSelector as exc:
                raise ConfigError(str(exc)) from None
            self._linters[config_file] = linter
        return linter

    def fail_on(self, path: str) -> Severity:
        """The ``fail-on`` severity of a file's config (by its shown path)."""
        return Severity.parse(self.config_for(path).settings.fail_on)

    def enabled_rules(self) -> list[type[Rule]]:
        """Every rule enabled by some config used so far, by code."""
        codes = {code for linter in self._linters.values() for code in linter.codes}
        found = (self.registry.get(code) for code in sorted(codes))
        return [rule for rule in found if rule is not None]

    def lint_source(self, source: Source) -> list[Finding]:
        """Lint a source with the linter of its own directory's config."""
        return self.linter_for(source.path).lint_source(source)

    def walk_decision(self, path: str) -> tuple[bool | None, str]:
        """For a file found by walking a directory: lint it or not by ``exclude`` and
        ``include``, and why; ``(None, "")`` when they do not decide (then pmlint lints it
        only when it looks like a postmortem)."""
        config = self.config_for(path)
        settings = config.settings
        where = shown_path(config.files[0]) if config.files else "the command line"
        full = absolute_posix(path)
        if matches(settings.exclude, config.root, full):
            return False, f"excluded by exclude in {where}"
        if settings.include is not None:
            if matches(settings.include, config.root, full, parents=False):
                return True, f"matched by include in {where}"
            return False, f"not matched by include in {where}"
        return None, ""
