"""Configuration files: find the one closest to each file, load it, validate it.

A config is ``.pmlint.toml`` (the whole file) or the ``[tool.pmlint]`` table of
``pyproject.toml``; in one directory ``.pmlint.toml`` wins. ``extend = "../.pmlint.toml"``
inherits another config: its keys are the base, this file's keys override them (tables
such as ``severity``, ``timeline``, ``sections`` and each ``rules.<name>`` are merged key by
key). Every key is checked against the pydantic models of :mod:`pmlint.config_models`
(imported only when a config file is found); a typo is a :class:`ConfigError` naming
the file, the key and the closest valid key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmlint.engine import Linter
from pmlint.findings import Finding, Severity
from pmlint.globs import absolute_posix, compile_glob, matches, posix_normpath
from pmlint.profiles import profile_names
from pmlint.registry import Registry, UnknownSelector
from pmlint.rule import Rule
from pmlint.settings import Settings
from pmlint.source import Source
from pmlint.toml_compat import tomllib

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

CONFIG_NAME = ".pmlint.toml"
PYPROJECT = "pyproject.toml"
_MERGED_TABLES = ("timeline", "sections", "severity", "per-file-ignores")
_PATTERN_KEYS = ("include", "exclude")
_ADDED = ("extend-select", "ignore")


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line naming file and key."""


@dataclass(frozen=True)
class LoadedConfig:
    """Settings resolved for a directory: the files they came from and their root."""

    settings: Settings
    root: str
    files: tuple[Path, ...] = ()


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return path.as_posix() if rel.startswith("..") and path.is_absolute() else Path(rel).as_posix()


def read_table(path: Path) -> dict[str, Any] | None:
    """The pmlint table of a config file (None for a pyproject without ``[tool.pmlint]``)."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_display(path)}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{_display(path)}: is not UTF-8 (byte {exc.object[exc.start]:#04x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{_display(path)}: cannot be read ({exc.strerror or exc})") from None
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("pmlint")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{_display(path)}: [tool.pmlint] must be a table")
        return table
    return data


def _prefix(path: Path) -> str:
    return "tool.pmlint." if path.name == PYPROJECT else ""


def _keys_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The valid keys of the (nested) model at ``loc``, by alias."""
    from pydantic import BaseModel

    for part in loc:
        field = next((f for name, f in model.model_fields.items() if part in (name, f.alias)), None)
        annotation = getattr(field, "annotation", None)
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return []
        model = annotation
    return [f.alias or name for name, f in model.model_fields.items()]


def suggestion(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or ''."""
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _validation_message(
    exc: ValidationError, model: type[BaseModel], where: str, prefix: str
) -> str:
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    key = prefix + ".".join(str(part) for part in loc)
    if error["type"] == "extra_forbidden":
        hint = suggestion(str(loc[-1]), _keys_at(model, loc[:-1]))
        return f"{where}: unknown key {key!r}{hint}"
    return f"{where}: {key}: {error['msg']}"


def _normalise_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {str(k).replace("_", "-"): v for k, v in table.items()}


def check_table(table: dict[str, Any], path: Path, registry: Registry) -> None:
    """Validate one file's table: known keys and types, profile, selectors, rule options."""
    from pydantic import ValidationError

    from pmlint.config_models import ConfigFile, NoOptions

    where, prefix = _display(path), _prefix(path)
    try:
        ConfigFile.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(_validation_message(exc, ConfigFile, where, prefix)) from None
    profile = table.get("profile")
    if profile is not None and profile not in profile_names():
        raise ConfigError(
            f"{where}: {prefix}profile: unknown profile {profile!r}"
            f"{suggestion(profile, profile_names())}; choose one of {', '.join(profile_names())}"
        )
    selectors = [(k, s) for k in ("select", "extend-select", "ignore") for s in table.get(k) or []]
    selectors += [
        (f"per-file-ignores.{glob}", s)
        for glob, values in (table.get("per-file-ignores") or {}).items()
        for s in values
    ]
    for key, selector in selectors:
        try:
            registry.select([selector])
        except UnknownSelector as exc:
            raise ConfigError(f"{where}: {prefix}{key}: {exc}") from None
    check_globs(table, where, prefix)
    for key in table.get("severity") or {}:
        if registry.get(key) is None:
            raise ConfigError(
                f"{where}: {prefix}severity: unknown rule {key!r}{registry.suggest(key)}"
            )
    for name, options in (table.get("rules") or {}).items():
        rule = registry.get(name)
        if rule is None:
            names = [r.name for r in registry.infos()]
            raise ConfigError(
                f"{where}: unknown key {prefix + 'rules.' + name!r}{suggestion(name, names)}"
            )
        model = rule.options or NoOptions
        try:
            model.model_validate(options)
        except ValidationError as exc:
            raise ConfigError(
                _validation_message(exc, model, where, f"{prefix}rules.{name}.")
            ) from None


def check_globs(table: dict[str, Any], where: str, prefix: str) -> None:
    """Every ``include``/``exclude``/``per-file-ignores`` glob compiles, or a ConfigError."""
    globs = [(k, p) for k in _PATTERN_KEYS for p in table.get(k) or []]
    globs += [("per-file-ignores", p) for p in table.get("per-file-ignores") or {}]
    for key, pattern in globs:
        try:
            compile_glob(str(pattern), "/")
        except (re.error, ValueError) as exc:
            raise ConfigError(f"{where}: {prefix}{key}: bad glob {pattern!r} ({exc})") from None


def _rebase(table: dict[str, Any], source_dir: str, root: str) -> dict[str, Any]:
    """Make anchored patterns of a file in ``source_dir`` relative to ``root`` instead."""
    if source_dir == root:
        return table

    def move(pattern: str) -> str:
        if "/" not in pattern.strip().rstrip("/") or pattern.startswith("/"):
            return pattern
        full = posix_normpath(f"{source_dir}/{pattern.removeprefix('./')}")
        return os.path.relpath(full, root).replace("\\", "/")

    out = dict(table)
    for key in _PATTERN_KEYS:
        if out.get(key) is not None:
            out[key] = [move(p) for p in out[key]]
    if "per-file-ignores" in out:
        out["per-file-ignores"] = {move(k): v for k, v in out["per-file-ignores"].items()}
    return out


def merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``base``: scalars and lists replace, tables merge key by key."""
    out = dict(base)
    for key, value in child.items():
        if key in _MERGED_TABLES and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        elif key == "rules" and isinstance(out.get(key), dict):
            rules = dict(out[key])
            for name, options in value.items():
                rules[name] = {**rules.get(name, {}), **options}
            out[key] = rules
        else:
            out[key] = value
    return out


def merge_overrides(table: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Command-line options over a config: ``--extend-select``/``--ignore`` add, others
    replace; ``--select`` also drops the config's ``extend-select`` and ``ignore``."""
    if "select" in overrides:  # as in ruff: a new selection drops the config's
        table = {k: v for k, v in table.items() if k not in _ADDED}
    out = merge(table, {k: v for k, v in overrides.items() if k not in _ADDED})
    for key in _ADDED:
        if key in overrides:
            out[key] = [*out.get(key, []), *overrides[key]]
    return out


def load_chain(
    path: Path, registry: Registry, root: str, seen: tuple[Path, ...] = ()
) -> tuple[dict[str, Any], tuple[Path, ...]]:
    """The merged table of ``path`` and the files it extends (``path`` first)."""
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(_display(p) for p in (*seen, resolved))
        raise ConfigError(f"{_display(path)}: extend: circular extend ({chain})")
    table = read_table(path)
    if table is None:
        raise ConfigError(f"{_display(path)}: has no [tool.pmlint] table")
    table = _normalise_keys(table)
    names = table.get("plugins")
    if names and isinstance(names, list) and all(isinstance(name, str) for name in names):
        from pmlint.plugins import PluginError, activate

        try:
            activate(registry, names)  # before the check: selectors may name their rules
        except PluginError as exc:
            raise ConfigError(f"{_display(path)}: {_prefix(path)}plugins: {exc}") from None
    check_table(table, path, registry)
    own = _rebase(table, absolute_posix(str(path.parent)), root)
    own.pop("plugins", None)
    extend = own.pop("extend", None)
    if extend is None:
        return own, (path,)
    target = (path.parent / extend).resolve() if not Path(extend).is_absolute() else Path(extend)
    if not target.is_file():
        raise ConfigError(f"{_display(path)}: extend: no such file {extend!r}")
    base, files = load_chain(target, registry, root, (*seen, resolved))
    return merge(base, own), (path, *files)


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
    :meth:`lint` picks the linter of the source's own directory.
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
            self._tables[path] = read_table(path)
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
            raise ConfigError(_validation_message(exc, SettingsModel, "settings", "")) from None
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

    def lint(self, source: Source) -> list[Finding]:
        """Lint a source with the linter of its own directory's config."""
        return self.linter_for(source.path).lint(source)

    def walk_decision(self, path: str) -> tuple[bool | None, str]:
        """For a file found by walking a directory: lint it or not by ``exclude`` and
        ``include``, and why; ``(None, "")`` when they do not decide (then pmlint lints it
        only when it looks like a postmortem)."""
        config = self.config_for(path)
        settings = config.settings
        where = _display(config.files[0]) if config.files else "the command line"
        full = absolute_posix(path)
        if matches(settings.exclude, config.root, full):
            return False, f"excluded by exclude in {where}"
        if settings.include is not None:
            if matches(settings.include, config.root, full, parents=False):
                return True, f"matched by include in {where}"
            return False, f"not matched by include in {where}"
        return None, ""
