"""Profiles: which sections are required and which extra rules are on (data in rules/profiles)."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pmlint.data import data_dir, load_toml


class Profile(BaseModel):
    """One profile file, validated."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str
    description: str = ""
    required_sections: list[str] = Field(default_factory=list, alias="required-sections")
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    required_fields: list[str] = Field(default_factory=list, alias="required-fields")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)


def profile_names() -> list[str]:
    """The names of the shipped profiles."""
    return sorted(p.stem for p in (data_dir() / "profiles").glob("*.toml"))


@functools.cache
def load_profile(name: str) -> Profile:
    """Load a shipped profile by name; raises ``KeyError`` for an unknown one."""
    if name not in profile_names():
        raise KeyError(name)
    return Profile.model_validate(load_toml(f"profiles/{name}.toml"))
