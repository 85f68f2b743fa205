"""Config files: read one, validate it, merge the files it extends.

A config is ``.pmlint.toml`` (the whole file) or the ``[tool.pmlint]`` table of
``pyproject.toml``. ``extend = "../.pmlint.toml"`` inherits another config: its keys are
the base, this file's keys override them (tables such as ``severity``, ``timeline``,
``sections`` and each ``rules.<name>`` are merged key by key). Every key is checked against
the pydantic models of :mod:`pmlint.config_models` (imported only when a config file is
read); a typo is a :class:`ConfigError` naming the file, the key and the closest valid key.
Which config governs a file is :mod:`pmlint.config`'s job.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmlint.globs import absolute_posix, compile_glob, posix_normpath
from pmlint.profiles import profile_names
from pmlint.registry import Registry, UnknownSelector
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


def shown_path(path: Path) -> str:
    """A config file's path as messages show it: relative to the working directory
    when below it, else as given (``/``-separated)."""
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
        raise ConfigError(f"{shown_path(path)}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{shown_path(path)}: is not UTF-8 (byte {exc.object[exc.start]:#04x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None
    except OSError as exc:
        raise ConfigError(f"{shown_path(path)}: cannot be read ({exc.strerror or exc})") from None
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("pmlint")
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{shown_path(path)}: [tool.pmlint] must be a table")
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


def validation_message(
    exc: ValidationError, model: type[BaseModel], where: str, prefix: str
) -> str:
    """The first validation error as one line: ``where: key: problem``, or an unknown
    key with the closest valid one."""
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

    where, prefix = shown_path(path), _prefix(path)
    try:
        ConfigFile.model_validate(table)
    except ValidationError as exc:
        raise ConfigError(validation_message(exc, ConfigFile, where, prefix)) from None
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
                validation_message(exc, model, where, f"{prefix}rules.{name}.")
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
        chain = " -> ".join(shown_path(p) for p in (*seen, resolved))
        raise ConfigError(f"{shown_path(path)}: extend: circular extend ({chain})")
    table = read_table(path)
    if table is None:
        raise ConfigError(f"{shown_path(path)}: has no [tool.pmlint] table")
    table = _normalise_keys(table)
    names = table.get("plugins")
    if names and isinstance(names, list) and all(isinstance(name, str) for name in names):
        from pmlint.plugins import PluginError, activate

        try:
            activate(registry, names)  # before the check: selectors may name their rules
        except PluginError as exc:
            raise ConfigError(f"{shown_path(path)}: {_prefix(path)}plugins: {exc}") from None
    check_table(table, path, registry)
    own = _rebase(table, absolute_posix(str(path.parent)), root)
    own.pop("plugins", None)
    extend = own.pop("extend", None)
    if extend is None:
        return own, (path,)
    target = (path.parent / extend).resolve() if not Path(extend).is_absolute() else Path(extend)
    if not target.is_file():
        raise ConfigError(f"{shown_path(path)}: extend: no such file {extend!r}")
    base, files = load_chain(target, registry, root, (*seen, resolved))
    return merge(base, own), (path, *files)
