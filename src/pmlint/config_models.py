"""The pydantic models that validate config files, profiles and rule options.

Imported only when something needs validating or describing: a config file was found,
``config --schema``, the rule reference, or a rule with options is on. A run without a
config file uses the plain :class:`pmlint.settings.Settings` and never imports pydantic.
``tests/test_settings_models.py`` checks that the plain classes have the same keys and
defaults as these models.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SeverityName = Literal["error", "warning", "info"]


class NoOptions(BaseModel):
    """A rule without options: any key under ``[rules.<name>]`` is unknown."""

    model_config = ConfigDict(extra="forbid")


class TimelineSettings(BaseModel):
    """``[tool.pmlint.timeline]``: how times are read."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    timezone: str | None = Field(default=None, description="Zone assumed for times without one.")
    date_order: Literal["MDY", "DMY"] = Field(
        default="MDY", alias="date-order", description="How to read 01/02/2024 style dates."
    )


class SettingsModel(BaseModel):
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


class ConfigFile(SettingsModel):
    """The keys of ``.pmlint.toml`` or ``[tool.pmlint]``: the settings plus ``extend``."""

    extend: str | None = Field(
        default=None, description="Another config file to inherit (relative to this one)."
    )
    plugins: list[str] = Field(
        default_factory=list,
        description="Installed plugins to load, by entry-point name (their code prefix).",
    )
