"""Profiles: which sections are required and which extra rules are on (data in rules/profiles)."""

from __future__ import annotations

import functools
from typing import Any

import msgspec

from pmlint.data import data_dir, load_toml

_KEYS = {
    "name": "name",
    "description": "description",
    "required-sections": "required_sections",
    "extend-select": "extend_select",
    "required-fields": "required_fields",
    "rules": "rules",
}


class Profile(msgspec.Struct, frozen=True):
    """One profile file: plain data shipped with pmlint (the tests check
    every shipped file against this shape: ``tests/test_settings_models.py``)."""

    name: str
    description: str = ""
    required_sections: list[str] = msgspec.field(default_factory=list)
    extend_select: list[str] = msgspec.field(default_factory=list)
    required_fields: list[str] = msgspec.field(default_factory=list)
    rules: dict[str, dict[str, Any]] = msgspec.field(default_factory=dict)

    @classmethod
    def from_table(cls, table: dict[str, Any]) -> Profile:
        """A profile from its TOML table; raises ``ValueError`` for an unknown key."""
        unknown = sorted(set(table) - set(_KEYS))
        if unknown:
            raise ValueError(f"unknown profile keys {unknown}")
        return cls(**{_KEYS[key]: value for key, value in table.items()})


def profile_names() -> list[str]:
    """The names of the shipped profiles."""
    return sorted(p.stem for p in (data_dir() / "profiles").glob("*.toml"))


@functools.cache
def load_profile(name: str) -> Profile:
    """Load a shipped profile by name; raises ``KeyError`` for an unknown one."""
    if name not in profile_names():
        raise KeyError(name)
    return Profile.from_table(load_toml(f"profiles/{name}.toml"))
