"""The one registry of rules: built-in classes, declarative packs and plugins.

Rules are selected as ruff selects them: by code (``PM301``), prefix (``PM3``,
``PM``), name (``duration-mismatch``), tag (``time``) or ``ALL``.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from pmlint.findings import Severity
from pmlint.rule import Rule
from pmlint.rule_table import BUILTIN_RULES, RuleInfo


class RuleLike(Protocol):
    """A rule class or its :class:`RuleInfo` row: what selection and severity read."""

    code: str
    name: str
    severity: Severity


class UnknownSelector(ValueError):
    """A selector that names no rule; the message suggests the closest one."""


class Registry:
    """All known rules, by code and by name.

    Rows (:class:`RuleInfo`) are enough to select rules; a rule's class is imported on
    first :meth:`get` (``pmlint rules``, which iterates, imports them all).
    """

    def __init__(self, rules: Iterable[type[Rule] | RuleInfo] = ()) -> None:
        self._by_code: dict[str, RuleInfo] = {}
        self._by_name: dict[str, RuleInfo] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: type[Rule] | RuleInfo) -> None:
        """Register a rule class (or a row of the built-in table); a clashing code or
        name is an error."""
        info = rule if isinstance(rule, RuleInfo) else RuleInfo.of(rule)
        if info.code in self._by_code:
            raise ValueError(f"rule code {info.code} is registered twice")
        if info.name in self._by_name:
            raise ValueError(f"rule name {info.name} is registered twice")
        self._by_code[info.code] = info
        self._by_name[info.name] = info

    def __iter__(self) -> Iterator[type[Rule]]:
        return (_load(info) for info in self.infos())

    def __len__(self) -> int:
        return len(self._by_code)

    def infos(self) -> list[RuleInfo]:
        """Every rule's row, by code (imports nothing)."""
        return sorted(self._by_code.values(), key=lambda r: r.code)

    def info(self, key: str) -> RuleInfo | None:
        """A rule's row by code (any case) or name, without importing the rule."""
        return self._by_code.get(key.upper()) or self._by_name.get(key.lower())

    def get(self, key: str) -> type[Rule] | None:
        """A rule class by code (any case) or name (imported now if need be)."""
        info = self.info(key)
        return None if info is None else _load(info)

    def resolve(self, selector: str) -> set[str]:
        """The codes a selector means; raises :class:`UnknownSelector` if none."""
        token = selector.strip()
        if token.upper() == "ALL":
            return set(self._by_code)
        rule = self.info(token)
        if rule is not None:
            return {rule.code}
        upper = token.upper()
        codes = {code for code in self._by_code if code.startswith(upper)}
        if codes and upper[:2].isalpha():
            return codes
        tagged = {r.code for r in self._by_code.values() if token.lower() in r.tags}
        if tagged:
            return tagged
        raise UnknownSelector(f"unknown rule selector {selector!r}{self.suggest(token)}")

    def suggest(self, token: str) -> str:
        """A ``did you mean`` suffix for a misspelt code or name, or ''."""
        import difflib

        choices = list(self._by_code) + list(self._by_name)
        close = difflib.get_close_matches(token, choices, n=1, cutoff=0.6)
        return f" (did you mean {close[0]!r}?)" if close else ""

    def select(self, selectors: Iterable[str], *, strict: bool = True) -> set[str]:
        """The codes a list of selectors means together: the one selection function that
        the command line, config files and profiles all use.

        Each selector is a code, prefix, name, tag or ``ALL``; with ``strict`` an unknown
        one raises :class:`UnknownSelector`, otherwise it is skipped (a profile may name a
        plugin prefix that is not installed).
        """
        codes: set[str] = set()
        for selector in selectors:
            try:
                codes |= self.resolve(selector)
            except UnknownSelector:
                if strict:
                    raise
        return codes


@functools.cache
def _classes(source: str) -> dict[str, type[Rule]]:
    """The rule classes of one table ``source``, by code (each imported once)."""
    if source.startswith("pack:"):
        from pmlint.packs import builtin_packs

        stem = source.removeprefix("pack:")
        rules: Iterable[type[Rule]] = (
            rule for pack in builtin_packs() if pack.path.stem == stem for rule in pack.rules
        )
    else:
        module = importlib.import_module(source)
        rules = (
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, Rule)
            and value is not Rule
            and getattr(value, "code", None)
            and value.__module__ == module.__name__
        )
    return {rule.code: rule for rule in rules}


def _load(info: RuleInfo) -> type[Rule]:
    """The class of a row; a row its source does not define is a stale table."""
    if info.rule is not None:
        return info.rule
    rule = _classes(info.source).get(info.code)
    if rule is None:
        raise LookupError(f"{info.source} defines no rule {info.code}: update pmlint.rule_table")
    return rule


def builtin_attribute(target: str) -> Any:
    """``pmlint.module:name`` imported (pmlint's own modules only)."""
    module, _, name = target.partition(":")
    if not module.startswith("pmlint."):
        raise ValueError(f"{target!r} is not in pmlint")
    return getattr(importlib.import_module(module), name)


def builtin_rules() -> list[type[Rule]]:
    """Rule classes defined in pmlint's own check modules (every one imported)."""
    modules = sorted({info.source for info in BUILTIN_RULES if not info.source.startswith("pack:")})
    return [rule for module in modules for rule in _classes(module).values()]


def default_registry() -> Registry:
    """Built-in rules and shipped packs, from :mod:`pmlint.rule_table` (nothing imported
    until a rule is used); plugins are added only on request
    (:func:`pmlint.plugins.activate`). Each call returns a fresh :class:`Registry`.
    """
    return Registry(BUILTIN_RULES)
