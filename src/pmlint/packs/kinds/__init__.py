"""Declarative rule kinds: a pack rule's ``kind`` picks its spec model and base class."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from pmlint.packs.kinds.base import PackRule, RuleSpec, make_class
from pmlint.packs.kinds.existence import ExistenceRule, ExistenceSpec
from pmlint.packs.kinds.matching import TokenRule, TokenSpec
from pmlint.packs.kinds.occurrence import OccurrenceRule, OccurrenceSpec
from pmlint.packs.kinds.required import (
    RequiredFieldsRule,
    RequiredFieldsSpec,
    RequiredSectionsRule,
    RequiredSectionsSpec,
)
from pmlint.packs.kinds.substitution import SubstitutionRule, SubstitutionSpec

AnySpec = Annotated[
    Union[  # noqa: UP007 - a discriminated union needs the Union spelling on 3.10
        ExistenceSpec, SubstitutionSpec, OccurrenceSpec, RequiredSectionsSpec, RequiredFieldsSpec
    ],
    Field(discriminator="kind"),
]

BASES: dict[type[RuleSpec], type[PackRule]] = {
    ExistenceSpec: ExistenceRule,
    SubstitutionSpec: SubstitutionRule,
    OccurrenceSpec: OccurrenceRule,
    RequiredSectionsSpec: RequiredSectionsRule,
    RequiredFieldsSpec: RequiredFieldsRule,
}

KIND_NAMES = ("existence", "substitution", "occurrence", "required-sections", "required-fields")

__all__ = [
    "BASES",
    "KIND_NAMES",
    "AnySpec",
    "PackRule",
    "RuleSpec",
    "TokenRule",
    "TokenSpec",
    "make_class",
]
