"""Scaffold a new built-in rule: its class, its fixture folder, and its doc page.

    python scripts/new_rule.py PM405 missing-customer-impact --family content

- The class goes at the end of the checks module named by ``--family`` (one of the
  modules named in ``pmlint.rule_table``, e.g. ``content``, ``timeline``); a new family
  name makes a new module beside them. The rule's row (code, name, severity, on by
  default, tags, module) is added to ``pmlint.rule_table.BUILTIN_RULES``, which the
  registry selects from without importing the rules.
- ``fixtures/rules/<CODE>-<name>/`` gets a ``bad.md`` (one line marked
  ``<!-- expect: CODE -->``) and a ``good.md``; replace both with your own wording.
- ``docs/rules/`` is regenerated with ``python -m pmlint.ruledocs``: the new page comes
  from the class docstring, so fill in its TODOs.
- Then: write ``check``, run ``pytest tests/test_fixtures.py -k CODE`` (it fails until the
  rule finds the marked line), and ``pytest tests/test_fixtures.py --snapshot-update`` to
  record the exact output; review the ``.snap`` file in the diff.

``--root`` works on another checkout (the tests scaffold into a temporary copy). Errors are
one line on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

CODE_RE = re.compile(r"PM\d{3}")
NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
FAMILY_RE = re.compile(r"[a-z][a-z0-9_]*")
SEVERITIES = ("error", "warning", "info")

#: The names the rule class uses, and where each comes from.
NEEDED_IMPORTS = {
    "Iterator": "from collections.abc import Iterator",
    "Finding": "from pmlint.findings import Finding",
    "Severity": "from pmlint.findings import Severity",
    "Context": "from pmlint.rule import Context",
    "Rule": "from pmlint.rule import Rule",
}
DOCUMENT_IMPORT = "from pmlint.document.document import Document"

MODULE_TEMPLATE = '''"""{family}: TODO one line on what this family of rules checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pmlint.findings import Finding, Severity
from pmlint.rule import Context, Rule

if TYPE_CHECKING:
    {document_import}
'''

CLASS_TEMPLATE = '''

class {class_name}(Rule):
    """## What it does
    TODO: what this rule finds, in one or two sentences.

    ## Why is this bad?
    TODO: how it hurts the readers of a postmortem.

    ## Example
    TODO: a short example and the fix.
    """

    code = "{code}"
    name = "{name}"
    summary = "{summary}"
    severity = Severity.{severity}

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """TODO: yield ``self.finding(doc, start, end, message)`` for each problem."""
        yield from ()
'''

BAD_TEMPLATE = """# TODO: a postmortem in your own words that shows what {code} finds

## Summary

TODO: a line {code} must flag, ending with its marker. <!-- expect: {code} -->
"""

GOOD_TEMPLATE = """# TODO: a postmortem in your own words where {code} must stay silent

## Summary

TODO: the same kind of text, written the way {code} asks for.
"""


class ScaffoldError(Exception):
    """A one-line reason the scaffold cannot go ahead."""


@dataclass
class Plan:
    """What the scaffold writes: new files with their text, and edited files."""

    created: dict[Path, str] = field(default_factory=dict)
    edited: dict[Path, str] = field(default_factory=dict)


def class_name(name: str) -> str:
    """``missing-customer-impact`` -> ``MissingCustomerImpact``."""
    return "".join(part.capitalize() for part in name.split("-"))


def imported_names(text: str) -> set[str]:
    """Names a module binds by top-level imports (including under ``if TYPE_CHECKING``)."""
    names: set[str] = set()
    for node in ast.parse(text).body:
        nodes = node.body if isinstance(node, ast.If) else [node]
        for inner in nodes:
            if isinstance(inner, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in inner.names)
    return names


def add_imports(text: str) -> str:
    """The module text with the imports the rule class needs added after the last import."""
    have = imported_names(text)
    missing = [line for name, line in NEEDED_IMPORTS.items() if name not in have]
    if "Document" not in have:
        missing.append(DOCUMENT_IMPORT)
    if not missing:
        return text
    last = max(
        node.end_lineno or node.lineno
        for node in ast.parse(text).body
        if isinstance(node, (ast.Import, ast.ImportFrom))
    )
    lines = text.splitlines(keepends=True)
    return "".join(lines[:last] + [line + "\n" for line in missing] + lines[last:])


def register_row(table_text: str, code: str, name: str, severity: str, module: str) -> str:
    """``rule_table.py`` with the new rule's row appended to ``BUILTIN_RULES``."""
    match = re.search(r"^BUILTIN_RULES: [^\n]*= \(\n(?:    [^\n]*\n)*?\)$", table_text, re.M)
    if match is None:
        raise ScaffoldError("cannot find BUILTIN_RULES in pmlint/rule_table.py to register it")
    end = match.end() - 1
    level = severity[0].upper()
    row = f'    RuleInfo("{code}", "{name}", {level}, True, (), "{module}"),\n'
    return table_text[:end] + row + table_text[end:]


def plan(root: Path, code: str, name: str, family: str, severity: str, summary: str) -> Plan:
    """Work out every file to write; raise :class:`ScaffoldError` if the rule cannot be added."""
    registry_mod = importlib.import_module("pmlint.registry")
    if not Path(registry_mod.__file__).resolve().is_relative_to(root / "src"):
        raise ScaffoldError(f"pmlint was imported from {registry_mod.__file__}, not from {root}")
    registry = registry_mod.default_registry()
    for key in (code, name):
        taken = registry.get(key)
        if taken is not None:
            raise ScaffoldError(f"{key} is taken by {taken.code} {taken.name}")
    result = Plan()
    table_mod = importlib.import_module("pmlint.rule_table")
    sources = {row.source for row in table_mod.BUILTIN_RULES}
    modules = sorted(s for s in sources if not s.startswith("pack:"))
    module = next((m for m in modules if m.rsplit(".", 1)[-1] == family), None)
    src = root / "src"
    fields = {
        "class_name": class_name(name),
        "code": code,
        "name": name,
        "summary": summary.replace("\\", "\\\\").replace('"', '\\"'),
        "severity": severity.upper(),
    }
    if module is None:
        module = f"{modules[-1].rsplit('.', 1)[0]}.{family}"
        path = src / (module.replace(".", "/") + ".py")
        head = MODULE_TEMPLATE.format(family=family, document_import=DOCUMENT_IMPORT)
        result.created[path] = head + CLASS_TEMPLATE.format(**fields)
    else:
        path = src / (module.replace(".", "/") + ".py")
        text = add_imports(path.read_text(encoding="utf-8"))
        result.edited[path] = text.rstrip("\n") + "\n" + CLASS_TEMPLATE.format(**fields)
    table_path = Path(table_mod.__file__)
    result.edited[table_path] = register_row(
        table_path.read_text("utf-8"), code, name, severity, module
    )
    folder = root / "fixtures" / "rules" / f"{code}-{name}"
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists")
    result.created[folder / "bad.md"] = BAD_TEMPLATE.format(code=code)
    result.created[folder / "good.md"] = GOOD_TEMPLATE.format(code=code)
    return result


def tidy(paths: list[Path]) -> None:
    """Sort imports and format the Python files written, when ruff is installed."""
    python = [str(p) for p in paths if p.suffix == ".py"]
    ruff = shutil.which("ruff")
    if ruff is None or not python:
        return
    subprocess.run([ruff, "check", "--quiet", "--select", "I", "--fix", *python], check=False)
    subprocess.run([ruff, "format", "--quiet", *python], check=False)


def write_doc_pages(root: Path) -> str | None:
    """Regenerate ``docs/rules/`` in a fresh interpreter that sees the new class.

    Returns None when done (or when the checkout has no ``pmlint.ruledocs``), else why not.
    """
    if not (root / "src" / "pmlint" / "ruledocs.py").is_file():
        return None
    proc = subprocess.run(
        [sys.executable, "-m", "pmlint.ruledocs", str(root / "docs" / "rules")],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root / "src")},
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode == 0:
        return None
    lines = (proc.stderr or proc.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit status {proc.returncode}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("code", help="the new code, e.g. PM405")
    parser.add_argument("name", help="the new name in kebab-case, e.g. missing-customer-impact")
    parser.add_argument("--family", required=True, help="checks module: content, timeline, ...")
    parser.add_argument("--severity", choices=SEVERITIES, default="warning")
    parser.add_argument("--summary", default="TODO: one line saying what is wrong")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Scaffold the rule; print the files written. Returns the exit status."""
    args = parse_args(argv)
    root: Path = args.root.resolve()
    try:
        if not CODE_RE.fullmatch(args.code):
            raise ScaffoldError(f"code {args.code!r} is not PM followed by three digits")
        if not NAME_RE.fullmatch(args.name):
            raise ScaffoldError(f"name {args.name!r} is not lower-case kebab-case")
        if not FAMILY_RE.fullmatch(args.family):
            raise ScaffoldError(f"family {args.family!r} is not a lower-case module name")
        if not (root / "src" / "pmlint" / "registry.py").is_file():
            raise ScaffoldError(f"{root} is not a pmlint checkout (no src/pmlint/registry.py)")
        sys.path.insert(0, str(root / "src"))
        todo = plan(root, args.code, args.name, args.family, args.severity, args.summary)
    except ScaffoldError as exc:
        print(f"new_rule: {exc}", file=sys.stderr)
        return 2
    for path, text in {**todo.created, **todo.edited}.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    tidy(list(todo.created) + list(todo.edited))
    for path in todo.created:
        print(f"created {path.relative_to(root)}")
    for path in todo.edited:
        print(f"edited  {path.relative_to(root)}")
    problem = write_doc_pages(root)
    if problem is not None:
        print(
            f"new_rule: scaffolded, but python -m pmlint.ruledocs failed: {problem}",
            file=sys.stderr,
        )
        return 2
    page = root / "docs" / "rules" / f"{args.code}.md"
    if page.is_file():
        print(f"created {page.relative_to(root)} (from the class docstring)")
    print(f"next: write check(), then pytest tests/test_fixtures.py -k {args.code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
