"""Declarative rule kinds: a pack rule's ``kind`` picks its spec model and base class."""

from __future__ import annotations

from typing import Annotated, Union

from pydantic import Field

from pmlint.kinds.base import PackRule, RuleSpec, make_class
from pmlint.kinds.existence import ExistenceRule, ExistenceSpec
from pmlint.kinds.matching import TokenRule, TokenSpec
from pmlint.kinds.occurrence import OccurrenceRule, OccurrenceSpec
from pmlint.kinds.required import (
    RequiredFieldsRule,
    RequiredFieldsSpec,
    RequiredSectionsRule,
    RequiredSectionsSpec,
)
from pmlint.kinds.substitution import SubstitutionRule, SubstitutionSpec

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
