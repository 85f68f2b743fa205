"""The options models of the rules that take options (pydantic, imported only when such
a rule is on or its options are validated or documented)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from pmlint.packs import word_list


class LengthOptions(BaseModel):
    """Word-count bounds of PM104."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    min_words: int | None = Field(default=None, alias="min-words", ge=0)
    max_words: int | None = Field(default=None, alias="max-words", ge=0)


class StatusSeverityOptions(BaseModel):
    """Allowed values, compared case-insensitively (defaults from metadata.toml)."""

    model_config = ConfigDict(extra="forbid")

    statuses: list[str] = Field(default_factory=lambda: word_list("statuses"))
    severities: list[str] = Field(default_factory=lambda: word_list("severities"))
