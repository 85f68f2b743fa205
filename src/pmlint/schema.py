"""The JSON schema of the config file (``pmlint.schema.json``), from the pydantic models.

Editors that read JSON schemas for TOML (Even Better TOML, taplo) use it to complete and
check ``.pmlint.toml``; ``pmlint config --schema > pmlint.schema.json`` regenerates it.
"""

from __future__ import annotations

from typing import Any

from pmlint.config_models import ConfigFile
from pmlint.profiles import profile_names
from pmlint.registry import default_registry


def _inline(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Move a sub-schema's ``$defs`` into the shared ones."""
    defs.update(schema.pop("$defs", {}))
    return schema


def config_schema() -> dict[str, Any]:
    """The schema of ``.pmlint.toml`` / ``[tool.pmlint]``, with each rule's options."""
    schema = ConfigFile.model_json_schema(by_alias=True)
    defs: dict[str, Any] = schema.setdefault("$defs", {})
    rule_props: dict[str, Any] = {}
    for rule in default_registry():
        if rule.origin != "pmlint" or rule.options is None:
            continue
        options = _inline(rule.options.model_json_schema(by_alias=True), defs)
        options["description"] = f"Options of {rule.code} {rule.name}."
        rule_props[rule.name] = options
    schema["properties"]["rules"] = {
        "description": "Options per rule, by rule name.",
        "type": "object",
        "properties": rule_props,
        "additionalProperties": False,
    }
    schema["properties"]["profile"]["enum"] = profile_names()
    schema["title"] = "pmlint configuration (.pmlint.toml or [tool.pmlint] in pyproject.toml)"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/pmlint/pmlint/blob/main/pmlint.schema.json",
        **schema,
    }
