"""docs/architecture.md names real things: every path and every ``pmlint.`` name in it
exists, and it names every package of ``src/pmlint``, so the doc cannot go stale silently."""

from __future__ import annotations

import importlib
import re

from conftest import ROOT

DOC = ROOT / "docs" / "architecture.md"
# A repository path: it starts at a top-level folder; a ``<placeholder>`` ends it.
PATH = re.compile(r"(?<![\w/.-])(?:src|tests|scripts|rules|fixtures|docs|bench|examples)/[\w./-]*")
DOTTED = re.compile(r"(?<![\w.])pmlint(?:\.\w+)+")


def _resolves(name: str) -> bool:
    """Whether ``pmlint.a.b.C.d`` is a module, or attributes of the longest module prefix."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def stale_names(text: str) -> list[str]:
    """The paths and ``pmlint.`` names in ``text`` that do not exist."""
    paths = {m.group(0).rstrip(".") for m in PATH.finditer(text)}
    missing = [p for p in sorted(paths) if not (ROOT / p).exists()]
    names = {m.group(0) for m in DOTTED.finditer(text)}
    return missing + [n for n in sorted(names) if not _resolves(n)]


def test_every_name_in_the_doc_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert PATH.search(text) and DOTTED.search(text), "the doc names no module at all"
    assert stale_names(text) == []


def test_stale_names_are_caught() -> None:
    text = (
        "`src/pmlint/engine.py` and `src/pmlint/nowhere.py`, `fixtures/rules/<CODE>-<name>/`,\n"
        "pmlint.engine.Linter.lint_source, pmlint.engine.Linter.nope, pmlint.nowhere.run\n"
    )
    assert stale_names(text) == [
        "src/pmlint/nowhere.py",
        "pmlint.engine.Linter.nope",
        "pmlint.nowhere.run",
    ]


def test_the_doc_names_every_package() -> None:
    text = DOC.read_text(encoding="utf-8")
    packages = sorted(p.parent.name for p in (ROOT / "src" / "pmlint").glob("*/__init__.py"))
    assert packages, "no package found under src/pmlint"
    unnamed = [name for name in packages if f"src/pmlint/{name}/" not in text]
    assert not unnamed, f"docs/architecture.md does not say what these hold: {unnamed}"
