"""Declarative rule packs: TOML files of word lists and rules, turned into Rule classes.

The subsystem in one package, by job:

- :mod:`pmlint.packs.loader`: read, validate and build a pack file; the shipped packs and
  their word lists (read without pydantic, for the Python rules that share them).
- :mod:`pmlint.packs.file_model`: the pydantic model of a whole pack file.
- :mod:`pmlint.packs.kinds`: one module per rule ``kind`` (its spec model and base class).
- :mod:`pmlint.packs.scopes`: which parts of a document a pack rule reads.
- :mod:`pmlint.packs.regex_safety`: refuses pack patterns that can backtrack for long.

Importing this package loads neither pydantic nor the kinds; :func:`load_pack` does.
"""

from __future__ import annotations

from pmlint.packs.loader import (
    Pack,
    PackError,
    builtin_lists,
    builtin_pack_paths,
    builtin_packs,
    load_pack,
    word_list,
)

__all__ = [
    "Pack",
    "PackError",
    "builtin_lists",
    "builtin_pack_paths",
    "builtin_packs",
    "load_pack",
    "word_list",
]
