"""Loading packs: read a TOML pack file, validate it with pydantic, build its rules.

A pack file has a ``[pack]`` table (name, description), named word ``[lists]`` that
Python rules and pack rules share, and ``[[rules]]`` of the kinds in
:mod:`pmlint.packs.kinds`. Each pack rule becomes a :class:`~pmlint.rule.Rule` subclass,
so the registry, the engine and ``pmlint rule CODE`` treat it like a rule written in
Python. Word lists are read without pydantic; building rules imports the models.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from pmlint.data import data_dir
from pmlint.toml_compat import tomllib

if TYPE_CHECKING:
    from pydantic import ValidationError

    from pmlint.packs.kinds import PackRule


class PackError(ValueError):
    """A pack that cannot be loaded; the message names the file and the key."""


class Pack(msgspec.Struct):
    """A loaded pack: its name, word lists and generated rule classes."""

    name: str
    path: Path
    lists: dict[str, list[str]] = msgspec.field(default_factory=dict)
    rules: list[type[PackRule]] = msgspec.field(default_factory=list)


def _where(loc: tuple[Any, ...], raw: dict[str, Any]) -> str:
    """``rules[2] (PM603).scope`` from a pydantic error location."""
    from pmlint.packs.kinds import KIND_NAMES

    parts: list[str] = []
    for index, item in enumerate(loc):
        if isinstance(item, int):
            parts[-1] += f"[{item}]"
            rules = raw.get("rules", [])
            if loc[:index] == ("rules",) and item < len(rules) and isinstance(rules[item], dict):
                parts[-1] += f" ({rules[item].get('code', '?')})"
        elif item in KIND_NAMES and index and isinstance(loc[index - 1], int):
            continue
        else:
            parts.append(str(item))
    return ".".join(parts) or "(top level)"


def _validation_message(path: Path, exc: ValidationError, raw: dict[str, Any]) -> str:
    from pmlint.packs.kinds import KIND_NAMES

    error = exc.errors()[0]
    loc = tuple(error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc += ("kind",)
        message = f"unknown or missing kind; use one of {', '.join(KIND_NAMES)}"
    return f"{path}: {_where(loc, raw)}: {message}"


def load_pack(path: Path, *, origin: str = "pmlint", prefix: str | None = None) -> Pack:
    """Read, validate and build one pack file; raises :class:`PackError`.

    ``prefix`` (for third-party packs) is the code prefix every rule must use.
    """
    from pydantic import ValidationError

    from pmlint.packs.file_model import PackFile
    from pmlint.packs.kinds import BASES, TokenSpec, make_class
    from pmlint.packs.kinds.matching import word_pattern

    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except OSError as exc:
        raise PackError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: invalid TOML: {exc}") from exc
    try:
        parsed = PackFile.model_validate(raw)
    except ValidationError as exc:
        raise PackError(_validation_message(path, exc, raw)) from exc
    pack = Pack(parsed.pack.name, path, dict(parsed.lists))
    for index, spec in enumerate(parsed.rules):
        where = f"{path}: rules[{index}] ({spec.code})"
        if prefix is not None and not re.fullmatch(re.escape(prefix) + r"\d{3}", spec.code):
            raise PackError(f"{where}.code: must be {prefix} followed by three digits")
        attrs: dict[str, object] = {}
        if isinstance(spec, TokenSpec):
            words = list(spec.tokens)
            for name in spec.lists:
                values = pack.lists.get(name)
                if values is None:
                    values = builtin_lists().get(name)
                if values is None:
                    raise PackError(f"{where}.lists: unknown word list {name!r}")
                words += values
            if not words and not spec.patterns:
                raise PackError(f"{where}: give tokens, lists or patterns")
            attrs["pattern"] = word_pattern(words, spec.patterns, spec.ignorecase)
        pack.rules.append(make_class(spec, BASES[type(spec)], origin, attrs))
    return pack


def builtin_pack_paths() -> list[Path]:
    """The shipped pack files, in name order."""
    return sorted((data_dir() / "packs").glob("*.toml"))


@functools.cache
def builtin_packs() -> tuple[Pack, ...]:
    """The shipped packs (loaded once per process)."""
    return tuple(load_pack(path) for path in builtin_pack_paths())


@functools.cache
def builtin_lists() -> dict[str, list[str]]:
    """Every word list of the shipped packs, read without building their rules."""
    merged: dict[str, list[str]] = {}
    for index in range(len(_pack_texts())):
        for name, words in _pack_lists(index).items():
            merged.setdefault(name, []).extend(words)
    return merged


@functools.cache
def _pack_texts() -> tuple[bytes, ...]:
    """The shipped pack files' bytes, in name order (read once per process)."""
    return tuple(path.read_bytes() for path in builtin_pack_paths())


@functools.cache
def _pack_lists(index: int) -> dict[str, list[str]]:
    """The word lists of one shipped pack file (parsed once per process)."""
    lists: dict[str, list[str]] = tomllib.loads(_pack_texts()[index].decode()).get("lists", {})
    return lists


@functools.cache
def _builtin_list(name: str) -> list[str] | None:
    """One word list of the shipped packs, merged as :func:`builtin_lists` merges it, parsing
    only the files that spell its name (a pack that does not cannot define it): a run that
    needs a few lists skips the packs that hold none of them."""
    key = name.encode()
    found = [
        _pack_lists(index).get(name) for index, text in enumerate(_pack_texts()) if key in text
    ]
    parts = [words for words in found if words is not None]
    return [word for words in parts for word in words] if parts else None


def word_list(name: str) -> list[str]:
    """A shipped word list by name (``vague-verbs``, ``blame-predicates``, ...)."""
    words = _builtin_list(name)
    if words is None:
        raise KeyError(f"no word list {name!r} in {data_dir() / 'packs'}")
    return words
