"""Locate and load the declarative data shipped with pmlint (``rules/`` in the repo)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pmlint.toml_compat import tomllib


@functools.cache
def data_dir() -> Path:
    """The folder holding ``sections.toml``, ``profiles/`` and the packs.

    Inside a wheel it is ``pmlint/_packs``; in a source checkout (editable install or
    tests) it is the repository's ``rules/`` folder.
    """
    packaged = Path(__file__).parent / "_packs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@functools.cache
def load_toml(relative: str) -> dict[str, Any]:
    """Parse one TOML file of the data folder (cached: data never changes in a run)."""
    with (data_dir() / relative).open("rb") as handle:
        return tomllib.load(handle)
