"""Third-party rules through entry points.

- ``pmlint.rules``: the entry point's name is the code prefix (``ACME``); its value is a
  Rule subclass, a list of them, or a module whose Rule subclasses are taken. Every code
  must be the prefix plus three digits, and ``PM`` is reserved for pmlint.
- ``pmlint.packs``: the name is again the code prefix; the value is a module (its
  ``*.toml`` files are packs), or a path, or a function returning paths.

Plugins are opt-in: only those a config lists (``plugins = ["ACME"]``) or ``--plugin``
names are imported, so ``pmlint rules``, ``config --schema`` and ``check --isolated``
never run third-party code. Pack rules from a plugin are off until selected. A plugin
that was asked for and fails to load or validate is an error.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from pmlint.findings import Severity
from pmlint.packs import PackError, load_pack
from pmlint.registry import Registry
from pmlint.rule import Rule

RULES_GROUP = "pmlint.rules"
PACKS_GROUP = "pmlint.packs"
_PREFIX = re.compile(r"[A-Z]{2,6}")
_RESERVED = ("PM",)


class PluginError(ValueError):
    """A plugin that cannot be used; the message names the plugin and the problem."""


def _check_prefix(prefix: str) -> None:
    if not _PREFIX.fullmatch(prefix):
        raise PluginError("the entry-point name must be 2 to 6 capital letters (the code prefix)")
    if prefix in _RESERVED:
        raise PluginError(f"the prefix {prefix} is reserved for pmlint's own rules")


def validate_rule(rule: Any, prefix: str) -> type[Rule]:
    """Check a plugin rule class's metadata; raises :class:`PluginError`."""
    from pmlint.packs.kinds.base import NAME

    if not (inspect.isclass(rule) and issubclass(rule, Rule)):
        raise PluginError(f"{rule!r} is not a pmlint Rule class")
    code = getattr(rule, "code", "")
    if not isinstance(code, str) or not re.fullmatch(re.escape(prefix) + r"\d{3}", code):
        raise PluginError(
            f"rule {rule.__name__} has code {code!r}; it must be {prefix} followed by three digits"
        )
    if not isinstance(getattr(rule, "name", None), str) or not NAME.fullmatch(rule.name):
        raise PluginError(f"rule {code} needs a lower-case, dash-separated name")
    if not isinstance(getattr(rule, "summary", None), str) or not rule.summary:
        raise PluginError(f"rule {code} needs a summary")
    if not isinstance(getattr(rule, "severity", None), Severity):
        raise PluginError(f"rule {code} needs a Severity")
    if rule.check is Rule.check:
        raise PluginError(f"rule {code} does not implement check()")
    if not rule.__doc__ or "## What it does" not in rule.__doc__:
        raise PluginError(f"rule {code} needs a docstring with '## What it does'")
    return rule


def _rule_classes(value: Any) -> list[Any]:
    if isinstance(value, ModuleType):
        return [
            v
            for v in vars(value).values()
            if inspect.isclass(v)
            and issubclass(v, Rule)
            and v.__module__ == value.__name__
            and getattr(v, "code", None)
        ]
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return list(value)
    return [value]


def _pack_paths(value: Any) -> list[Path]:
    if isinstance(value, ModuleType):
        folder = Path(value.__file__ or "").parent
        return sorted(folder.glob("*.toml"))
    if callable(value):
        value = value()
    if isinstance(value, (str, Path)):
        path = Path(value)
        return sorted(path.glob("*.toml")) if path.is_dir() else [path]
    return [Path(v) for v in value]


def _from_rules(entry: Any) -> list[type[Rule]]:
    _check_prefix(entry.name)
    rules = [validate_rule(rule, entry.name) for rule in _rule_classes(entry.load())]
    if not rules:
        raise PluginError("it provides no rule classes")
    for rule in rules:
        if not getattr(rule, "origin", "") or rule.origin == "pmlint":
            rule.origin = entry.dist.name if entry.dist else entry.value
    return rules


def _from_packs(entry: Any) -> list[type[Rule]]:
    _check_prefix(entry.name)
    origin = entry.dist.name if entry.dist else entry.value
    rules: list[type[Rule]] = []
    for path in _pack_paths(entry.load()):
        rules += load_pack(path, origin=origin, prefix=entry.name).rules
    if not rules:
        raise PluginError("it provides no pack rules")
    return rules


def _entries(names: Collection[str]) -> list[tuple[str, Any]]:
    """The installed entry points named in ``names``, as ``(group, entry)``."""
    from importlib.metadata import entry_points

    wanted = set(names)
    return [
        (group, entry)
        for group in (RULES_GROUP, PACKS_GROUP)
        for entry in sorted(entry_points(group=group), key=lambda e: (e.name, e.value))
        if entry.name in wanted
    ]


def load_plugins(names: Collection[str]) -> list[type[Rule]]:
    """Rules of the installed plugins named in ``names`` (entry-point names); nothing
    else is imported. Pack rules that plugins declare are off by default: a user selects
    them. A plugin that is not installed or fails to load raises :class:`PluginError`.
    """
    entries = _entries(names)
    for name in sorted(set(names) - {entry.name for _, entry in entries}):
        raise PluginError(f"plugin {name}: no installed package provides it")
    loaded: list[type[Rule]] = []
    for group, entry in entries:
        build = _from_rules if group == RULES_GROUP else _from_packs
        try:
            rules = build(entry)
        except Exception as exc:  # a plugin can fail in any way: one line, never a traceback
            reason = (
                str(exc)
                if isinstance(exc, (PluginError, PackError))
                else f"{type(exc).__name__}: {exc}"
            )
            where = f"plugin {entry.name} ({group} = {entry.value})"
            raise PluginError(f"{where} cannot be loaded: {reason}") from exc
        if group == PACKS_GROUP:
            for rule in rules:
                rule.default_enabled = False
        loaded += rules
    return loaded


_ACTIVE: dict[str, list[type[Rule]]] = {}


def activate(registry: Registry, names: Collection[str]) -> None:
    """Add the rules of the plugins ``names`` to ``registry`` (each plugin is imported
    once per process); raises :class:`PluginError` when one cannot be used."""
    missing = [name for name in names if name not in _ACTIVE]
    if missing:
        loaded = load_plugins(missing)
        for name in missing:
            _ACTIVE[name] = [r for r in loaded if r.code.rstrip("0123456789") == name]
    for name in names:
        for rule in _ACTIVE[name]:
            if registry.get(rule.code) is rule:
                continue
            try:
                registry.add(rule)
            except ValueError as exc:
                raise PluginError(f"plugin {name}: rule {rule.code} clashes: {exc}") from None
