"""What every declarative rule has: its spec (validated) and the Rule subclass built from it."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pmlint.findings import Severity
from pmlint.packs.scopes import Term, parse_scope
from pmlint.rule import Rule

CODE = re.compile(r"[A-Z]{2,6}\d{3}")
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RuleSpec(BaseModel):
    """The fields every pack rule has, whatever its kind."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    code: str
    name: str
    kind: str
    summary: str
    description: str
    why: str
    example_bad: str = Field(alias="example-bad")
    example_good: str = Field(alias="example-good")
    severity: Literal["error", "warning", "info"] = "warning"
    default_enabled: bool = Field(default=True, alias="default-enabled")
    tags: list[str] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=lambda: ["document"])

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE.fullmatch(value):
            raise ValueError("a code is 2 to 6 capital letters and 3 digits, like PM603")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not NAME.fullmatch(value):
            raise ValueError("a name is lower-case words joined by '-', like vague-wording")
        return value

    @field_validator("scope", mode="before")
    @classmethod
    def _scope(cls, value: object) -> object:
        scopes = [value] if isinstance(value, str) else value
        if isinstance(scopes, list):
            for scope in scopes:
                if isinstance(scope, str):
                    parse_scope(scope)
        return scopes

    def scopes(self) -> tuple[tuple[Term, ...], ...]:
        """The parsed scopes (any of them may hold)."""
        return tuple(parse_scope(s) for s in self.scope)


def documentation(spec: RuleSpec) -> str:
    """The docstring of a generated rule, with the same headings as a Python rule's."""
    return (
        f"## What it does\n{spec.description.strip()}\n\n"
        f"## Why is this bad?\n{spec.why.strip()}\n\n"
        f"## Example\nFlagged:\n\n{_indent(spec.example_bad)}\n\n"
        f"Better:\n\n{_indent(spec.example_good)}\n"
    )


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.strip("\n").split("\n"))


class PackRule(Rule):
    """Base of the rule classes generated from pack specs; ``spec`` holds the spec."""

    spec: ClassVar[RuleSpec]


def make_class(
    spec: RuleSpec, base: type[PackRule], origin: str, attrs: dict[str, object]
) -> type[PackRule]:
    """A new Rule subclass of ``base`` for ``spec``; the registry treats it like any rule."""
    namespace: dict[str, object] = {
        "__doc__": documentation(spec),
        "__module__": base.__module__,
        "__qualname__": spec.name,
        "code": spec.code,
        "name": spec.name,
        "summary": spec.summary,
        "severity": Severity.parse(spec.severity),
        "default_enabled": spec.default_enabled,
        "tags": (*spec.tags, "pack", spec.kind),
        "origin": origin,
        "spec": spec,
        **attrs,
    }
    return type(f"Pack_{spec.code}", (base,), namespace)
