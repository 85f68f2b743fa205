"""Resolved settings for one run (or one file), and rule selection from them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from pmlint.findings import Severity
from pmlint.profiles import Profile, load_profile
from pmlint.registry import Registry
from pmlint.rule import Rule

SeverityName = Literal["error", "warning", "info"]


class TimelineSettings(BaseModel):
    """``[tool.pmlint.timeline]``: how times are read."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    timezone: str | None = Field(default=None, description="Zone assumed for times without one.")
    date_order: Literal["MDY", "DMY"] = Field(
        default="MDY", alias="date-order", description="How to read 01/02/2024 style dates."
    )


class Settings(BaseModel):
    """Everything that decides which findings a file gets."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    profile: str = Field(default="default", description="default, holberton, google, ...")
    select: list[str] | None = Field(
        default=None,
        description="Rules to enable, replacing the profile's (codes, prefixes, "
        "names, tags or ALL).",
    )
    extend_select: list[str] = Field(
        default_factory=list,
        alias="extend-select",
        description="Rules to enable on top of the profile's.",
    )
    ignore: list[str] = Field(default_factory=list, description="Rules to disable.")
    per_file_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        alias="per-file-ignores",
        description="Rules to disable in files matching a glob (relative to the config file).",
    )
    severity: dict[str, SeverityName] = Field(
        default_factory=dict, description="Severity per rule code or name."
    )
    fail_on: SeverityName = Field(
        default="error", alias="fail-on", description="Lowest severity that fails the run."
    )
    include: list[str] | None = Field(
        default=None,
        description="Globs of the files to lint when a directory is given (default: every "
        ".md, .markdown and .txt file).",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Globs of files and directories to skip when a directory is given.",
    )
    force_exclude: bool = Field(
        default=False,
        alias="force-exclude",
        description="Apply exclude to files named on the command line too (pre-commit).",
    )
    timeline: TimelineSettings = Field(default_factory=TimelineSettings)
    sections: dict[str, list[str]] = Field(
        default_factory=dict, description="Extra section aliases per canonical key."
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Options per rule, by rule name."
    )

    def load_profile(self) -> Profile:
        """The profile these settings name."""
        return load_profile(self.profile)


def enabled_codes(settings: Settings, registry: Registry, profile: Profile) -> set[str]:
    """Codes on for these settings: defaults or ``select``, plus extensions, minus ignores."""
    if settings.select is not None:
        codes = registry.select(settings.select)
    else:
        codes = {rule.code for rule in registry if rule.default_enabled}
        codes |= registry.select(profile.extend_select, strict=False)
    codes |= registry.select(settings.extend_select)
    codes -= registry.select(settings.ignore)
    codes.add("PM000")
    return {c for c in codes if registry.get(c) is not None}


def rule_options(rule: type[Rule], settings: Settings, profile: Profile) -> Any:
    """The rule's options model built from the profile, then overridden by settings."""
    raw: dict[str, Any] = {}
    raw.update(profile.rules.get(rule.name, {}))
    raw.update(settings.rules.get(rule.name, {}))
    return rule.options.model_validate(raw)


def severity_for(rule: type[Rule], settings: Settings) -> Severity:
    """The configured severity of a rule (by code or name), else its default."""
    value = settings.severity.get(rule.code) or settings.severity.get(rule.name)
    return Severity.parse(value) if value else rule.severity
