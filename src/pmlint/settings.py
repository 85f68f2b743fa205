"""Resolved settings for one run (or one file), and rule selection from them.

:class:`Settings` is a plain object so that a run without a config file imports no
pydantic: config tables are validated by :mod:`pmlint.config_models` first
(:meth:`Settings.model_validate`), command-line values are checked by the CLI. It
keeps the small part of pydantic's interface that callers use (``model_validate``,
``model_dump``).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from pmlint.findings import Severity
from pmlint.profiles import Profile, load_profile

if TYPE_CHECKING:
    from pmlint.registry import Registry, RuleLike
    from pmlint.rule import Rule

_FIELDS: dict[str, tuple[str, Any]] = {
    # attribute: (config key, default; lists and dicts are copied for each object)
    "profile": ("profile", "default"),
    "select": ("select", None),
    "extend_select": ("extend-select", []),
    "ignore": ("ignore", []),
    "per_file_ignores": ("per-file-ignores", {}),
    "severity": ("severity", {}),
    "fail_on": ("fail-on", "error"),
    "include": ("include", None),
    "exclude": ("exclude", []),
    "force_exclude": ("force-exclude", False),
    "timeline": ("timeline", None),
    "sections": ("sections", {}),
    "rules": ("rules", {}),
}
_BY_KEY = {key: name for name, (key, _) in _FIELDS.items()}


class TimelineSettings:
    """``[tool.pmlint.timeline]``: how times are read."""

    __slots__ = ("date_order", "timezone")

    def __init__(self, timezone: str | None = None, date_order: str = "MDY", **aliased: Any):
        self.timezone = timezone
        self.date_order = aliased.pop("date-order", date_order)
        if aliased:
            raise TypeError(f"unknown timeline settings {sorted(aliased)}")

    def model_dump(self, *, by_alias: bool = False) -> dict[str, Any]:
        """The settings as a table (config keys with ``by_alias``)."""
        return {
            "timezone": self.timezone,
            "date-order" if by_alias else "date_order": self.date_order,
        }


class Settings:
    """Everything that decides which findings a file gets (keys: see
    :class:`pmlint.config_models.SettingsModel`, which validates them)."""

    __slots__ = (*_FIELDS, "__weakref__")

    profile: str
    select: list[str] | None
    extend_select: list[str]
    ignore: list[str]
    per_file_ignores: dict[str, list[str]]
    severity: dict[str, str]
    fail_on: str
    include: list[str] | None
    exclude: list[str]
    force_exclude: bool
    timeline: TimelineSettings
    sections: dict[str, list[str]]
    rules: dict[str, dict[str, Any]]

    def __init__(self, **values: Any) -> None:
        """Settings from already valid values, by attribute name or config key."""
        for key, value in values.items():
            name = _BY_KEY.get(key, key)
            if name not in _FIELDS:
                raise TypeError(f"unknown setting {key!r}")
            setattr(self, name, value)
        for name, (_, default) in _FIELDS.items():
            if not hasattr(self, name):
                setattr(self, name, copy.copy(default))
        if self.timeline is None:
            self.timeline = TimelineSettings()
        elif isinstance(self.timeline, dict):
            self.timeline = TimelineSettings(**self.timeline)

    @classmethod
    def model_validate(cls, table: dict[str, Any]) -> Settings:
        """Validate a config table with the pydantic model (imported now); raises
        ``pydantic.ValidationError`` as the model does."""
        from pmlint.config_models import SettingsModel

        return cls(**SettingsModel.model_validate(table).model_dump())

    def model_dump(self, *, by_alias: bool = False) -> dict[str, Any]:
        """The settings as a table (config keys with ``by_alias``), values copied."""
        table = {
            (key if by_alias else name): copy.deepcopy(getattr(self, name))
            for name, (key, _) in _FIELDS.items()
        }
        table["timeline"] = self.timeline.model_dump(by_alias=by_alias)
        return table

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Settings({self.model_dump(by_alias=True)!r})"

    def load_profile(self) -> Profile:
        """The profile these settings name."""
        return load_profile(self.profile)


def enabled_codes(settings: Settings, registry: Registry, profile: Profile) -> set[str]:
    """Codes on for these settings: defaults or ``select``, plus extensions, minus ignores."""
    if settings.select is not None:
        codes = registry.select(settings.select)
    else:
        codes = {rule.code for rule in registry.infos() if rule.default_enabled}
        codes |= registry.select(profile.extend_select, strict=False)
    codes |= registry.select(settings.extend_select)
    codes -= registry.select(settings.ignore)
    codes.add("PM000")
    return {c for c in codes if registry.info(c) is not None}


def rule_options(rule: type[Rule], settings: Settings, profile: Profile) -> Any:
    """The rule's options model built from the profile, then overridden by settings
    (None for a rule without options)."""
    raw: dict[str, Any] = {}
    raw.update(profile.rules.get(rule.name, {}))
    raw.update(settings.rules.get(rule.name, {}))
    model = rule.options
    if model is None:
        if raw:  # config files are checked before; a profile's keys must be known too
            from pmlint.config_models import NoOptions

            NoOptions.model_validate(raw)
        return None
    return model.model_validate(raw)


def severity_for(rule: RuleLike, settings: Settings) -> Severity:
    """The configured severity of a rule (by code or name), else its default."""
    value = settings.severity.get(rule.code) or settings.severity.get(rule.name)
    return Severity.parse(value) if value else rule.severity
