"""The one registry of rules: built-in classes, declarative packs and plugins.

Rules are selected as ruff selects them: by code (``PM301``), prefix (``PM3``,
``PM``), name (``duration-mismatch``), tag (``time``) or ``ALL``.
"""

from __future__ import annotations

import difflib
import functools
import importlib
from collections.abc import Iterable, Iterator

from pmlint.rule import Rule

BUILTIN_MODULES = (
    "pmlint.checks.meta",
    "pmlint.checks.structure",
    "pmlint.checks.content",
    "pmlint.checks.headings",
    "pmlint.checks.actions",
    "pmlint.checks.language",
    "pmlint.checks.metadata",
    "pmlint.checks.timeline",
    "pmlint.checks.consistency",
    "pmlint.checks.agreement",
)


class UnknownSelector(ValueError):
    """A selector that names no rule; the message suggests the closest one."""


class Registry:
    """All known rules, by code and by name."""

    def __init__(self, rules: Iterable[type[Rule]] = ()) -> None:
        self._by_code: dict[str, type[Rule]] = {}
        self._by_name: dict[str, type[Rule]] = {}
        self.problems: list[str] = []
        for rule in rules:
            self.add(rule)

    def add(self, rule: type[Rule]) -> None:
        """Register a rule class; a clashing code or name is an error."""
        if rule.code in self._by_code:
            raise ValueError(f"rule code {rule.code} is registered twice")
        if rule.name in self._by_name:
            raise ValueError(f"rule name {rule.name} is registered twice")
        self._by_code[rule.code] = rule
        self._by_name[rule.name] = rule

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(sorted(self._by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, key: str) -> type[Rule] | None:
        """A rule by code (any case) or name."""
        return self._by_code.get(key.upper()) or self._by_name.get(key.lower())

    def resolve(self, selector: str) -> set[str]:
        """The codes a selector means; raises :class:`UnknownSelector` if none."""
        token = selector.strip()
        if token.upper() == "ALL":
            return set(self._by_code)
        rule = self.get(token)
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


def builtin_rules() -> list[type[Rule]]:
    """Rule classes defined in pmlint's own check modules."""
    found: list[type[Rule]] = []
    for module_name in BUILTIN_MODULES:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value is not Rule
                and getattr(value, "code", None)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


@functools.cache
def _all_rules() -> tuple[type[Rule], ...]:
    """Built-in and shipped pack rules (loaded once per process)."""
    from pmlint.packs import builtin_packs

    return tuple(builtin_rules() + [rule for pack in builtin_packs() for rule in pack.rules])


def default_registry() -> Registry:
    """Built-in rules and shipped packs; plugins are added only on request
    (:func:`pmlint.plugins.activate`).

    Rules are collected once per process; each call returns a fresh :class:`Registry`.
    """
    return Registry(_all_rules())
