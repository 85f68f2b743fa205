"""``pmlint.schema.json`` is generated from the pydantic models and must stay current."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT
from pmlint.cli import main
from pmlint.schema import config_schema
from pmlint.toml_compat import tomllib

SCHEMA_FILE = ROOT / "pmlint.schema.json"
REGENERATE = "regenerate it: pmlint config --schema > pmlint.schema.json"


def test_schema_file_is_current() -> None:
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert on_disk == config_schema(), f"pmlint.schema.json is out of date; {REGENERATE}"


def test_schema_command_prints_the_file() -> None:
    result = CliRunner().invoke(main, ["config", "--schema"])
    assert result.exit_code == 0
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_schema_accepts_a_full_config_and_rejects_typos() -> None:
    validator = jsonschema.Draft202012Validator(config_schema())
    config = tomllib.loads(
        """
profile = "holberton"
extend = "../.pmlint.toml"
select = ["PM1", "time"]
extend-select = ["PM105"]
ignore = ["PM403"]
severity = { PM104 = "error" }
fail-on = "warning"
include = ["*.md"]
exclude = ["drafts"]
force-exclude = true
[per-file-ignores]
"legacy/*.md" = ["PM101"]
[timeline]
timezone = "UTC"
date-order = "DMY"
[sections]
resolution = ["Making it right"]
[rules.length-out-of-range]
min-words = 300
"""
    )
    validator.validate(config)
    for typo in (
        {"selct": []},
        {"timeline": {"zone": "UTC"}},
        {"profile": "gogle"},
        {"rules": {"length-out-of-range": {"min-word": 1}}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(typo)
