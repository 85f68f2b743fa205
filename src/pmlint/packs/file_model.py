"""The pydantic model of a whole pack file (``[pack]``, ``[lists]``, ``[[rules]]``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pmlint.packs.kinds import AnySpec


class PackInfo(BaseModel):
    """The ``[pack]`` table."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str = ""


class PackFile(BaseModel):
    """A whole pack file."""

    model_config = ConfigDict(extra="forbid")

    pack: PackInfo
    lists: dict[str, list[str]] = Field(default_factory=dict)
    rules: list[AnySpec] = Field(default_factory=list)
