"""The plain settings and profiles (used without pydantic) agree with the pydantic models
that validate config files, and with the shipped profile files."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest
from pydantic import BaseModel, ConfigDict, Field

from pmlint.config_models import SettingsModel
from pmlint.profiles import Profile, load_profile, profile_names
from pmlint.settings import Settings


def test_plain_defaults_are_the_models_defaults() -> None:
    assert Settings().model_dump() == SettingsModel().model_dump()
    assert Settings().model_dump(by_alias=True) == SettingsModel().model_dump(by_alias=True)


def test_validated_table_keeps_every_value() -> None:
    table = {
        "profile": "google",
        "select": ["PM1"],
        "extend-select": ["PM5"],
        "ignore": ["PM104"],
        "per-file-ignores": {"drafts/**": ["PM2"]},
        "severity": {"PM101": "info"},
        "fail-on": "warning",
        "include": ["*.md"],
        "exclude": ["old/"],
        "force-exclude": True,
        "timeline": {"timezone": "UTC", "date-order": "DMY"},
        "sections": {"summary": ["TL;DR"]},
        "rules": {"length-out-of-range": {"min-words": 10}},
    }
    settings = Settings.model_validate(table)
    assert settings.model_dump(by_alias=True) == table
    assert settings.timeline.date_order == "DMY" and settings.fail_on == "warning"
    assert Settings(**table) == settings  # the same values given plainly


def test_plain_settings_refuse_unknown_keys() -> None:
    with pytest.raises(TypeError):
        Settings(**{"fail_onn": "error"})


class _ProfileShape(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    name: str
    description: str = ""
    required_sections: list[str] = Field(default_factory=list, alias="required-sections")
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    required_fields: list[str] = Field(default_factory=list, alias="required-fields")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)


@pytest.mark.parametrize("name", profile_names())
def test_shipped_profiles_have_the_expected_shape(name: str) -> None:
    profile = load_profile(name)
    values = msgspec.structs.asdict(profile)
    shape = _ProfileShape.model_validate(values)
    assert shape.model_dump() == values
    assert profile.name == name


def test_unknown_profile_key_is_refused() -> None:
    with pytest.raises(ValueError, match="required-section"):
        Profile.from_table({"name": "x", "required-section": ["summary"]})
