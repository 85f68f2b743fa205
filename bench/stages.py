"""Where pmlint's time goes: per document (in process, one core) and at start-up.

Usage (from the repository root)::

    .venv/bin/python bench/stages.py            # 1,000 generated documents
    .venv/bin/python bench/stages.py --quick    # 100 documents, fewer start-up runs

Per document: the generated files are linted twice in this process with the default
settings, first plainly (which also warms every cache and compiles every pattern), then
with timers wrapped around the stages: reading and decoding, markdown-it, the builder,
each lazy view (every ``cached_property`` of pmlint's classes, the ``*_of`` and
``block_times`` views), each time/zone/duration finder, and each rule's ``check``. Times
are *self* times: a view or finder is charged to itself, not to the rule that first asked
for it (the rule's inclusive time is shown too). The sum is compared with the plain pass
to show the timers' own overhead.

Start-up: ``python -X importtime -m pmlint --version`` (and ``check FILE``) summarised
by module, and a fresh interpreter that times importing ``pmlint.cli``, building the
rule registry, the linter, the first document and a second one, plus the regular
expressions compiled on the way, by module. Prints tables and writes
``bench/out/profile.json``.
"""

from __future__ import annotations

import argparse
import collections
import functools
import importlib
import inspect
import json
import os
import pkgutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import seedlike, write_corpus  # noqa: E402
from run import compile_bytecode, table  # noqa: E402

FINDER_PREFIXES = ("find_", "parse_time", "apply_range_context")
"""Public functions of ``pmlint.document`` modules timed as finders."""


class Clock:
    """Self and inclusive time per label, for nested timed calls."""

    def __init__(self) -> None:
        self.self_s: collections.Counter[str] = collections.Counter()
        self.inclusive_s: collections.Counter[str] = collections.Counter()
        self.calls: collections.Counter[str] = collections.Counter()
        self._children = [0.0]
        self._active: collections.Counter[str] = collections.Counter()

    def wrap(self, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` with its time added to ``label`` (children's time subtracted)."""

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._children.append(0.0)
            self._active[label] += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                self._active[label] -= 1
                self.self_s[label] += elapsed - self._children.pop()
                if not self._active[label]:  # a recursive call is counted once
                    self.inclusive_s[label] += elapsed
                self.calls[label] += 1
                self._children[-1] += elapsed

        return timed


def pmlint_modules() -> list[Any]:
    """Every module of the installed pmlint package, imported."""
    import pmlint

    names = [m.name for m in pkgutil.walk_packages(pmlint.__path__, "pmlint.")]
    modules = []
    for name in sorted(names):
        if name.endswith("__main__"):
            continue
        try:
            modules.append(importlib.import_module(name))
        except Exception as exc:  # a module that does not import is reported, not fatal
            print(f"profile: skipped {name}: {exc}", file=sys.stderr)
    return modules


@contextmanager
def patched(clock: Clock, modules: list[Any], rules: list[Any]) -> Iterator[list[str]]:  # noqa: C901 (bench tool)
    """Wrap the stages, views, finders and rules with ``clock``; undo on exit.

    Yields the labels that were set up (a label with no calls was never reached).
    """
    from markdown_it import MarkdownIt

    labels: list[str] = []
    with ExitStack() as undo:

        def replace(owner: Any, name: str, value: Any) -> None:
            old = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
            setattr(owner, name, value)
            undo.callback(setattr, owner, name, old)

        def everywhere(module_name: str, name: str, label: str) -> None:
            """Wrap a function in its module and in every module that imported it."""
            module = sys.modules.get(module_name)
            original = getattr(module, name, None)
            if original is None:
                return
            timed = clock.wrap(label, original)
            labels.append(label)
            for other in modules:
                for key, value in list(vars(other).items()):
                    if value is original:
                        replace(other, key, timed)

        replace(MarkdownIt, "parse", clock.wrap("markdown-it parse", MarkdownIt.parse))
        labels.append("markdown-it parse")
        everywhere("pmlint.source", "read_bytes", "read")
        everywhere("pmlint.source", "decode", "decode")
        everywhere("pmlint.document.builder", "find_front_matter", "front matter")
        everywhere("pmlint.document.builder", "parse", "builder (blocks, sections)")
        document = sys.modules["pmlint.document.document"].Document
        replace(document, "__init__", clock.wrap("document (other)", document.__init__))
        labels.append("document (other)")
        engine = sys.modules["pmlint.engine"].Linter
        timed_lint = clock.wrap("engine (suppressions, sort)", engine.lint_source)
        replace(engine, "lint_source", timed_lint)
        labels.append("engine (suppressions, sort)")

        for module in modules:
            for cls in [v for v in vars(module).values() if inspect.isclass(v)]:
                if cls.__module__ != module.__name__:
                    continue
                for name, attr in list(vars(cls).items()):
                    if isinstance(attr, functools.cached_property):
                        label = f"view {cls.__name__}.{name}"
                        old_func = attr.func
                        attr.func = clock.wrap(label, old_func)
                        undo.callback(setattr, attr, "func", old_func)
                        labels.append(label)
        for module in modules:
            if not module.__name__.startswith("pmlint.document."):
                continue
            for name, fn in list(vars(module).items()):
                if not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                    continue
                if name.startswith("_") or name in ("find_front_matter", "parse"):
                    continue
                if name.endswith("_of") or name == "block_times":
                    everywhere(module.__name__, name, f"view {name}")
                elif name.startswith(FINDER_PREFIXES):
                    everywhere(module.__name__, name, f"finder {name}")

        for rule in rules:
            check = rule.check

            def listed(doc: Any, ctx: Any, _check: Callable[..., Any] = check) -> list[Any]:
                return list(_check(doc, ctx))

            label = f"rule {rule.code} {rule.name}"
            rule.check = clock.wrap(label, listed)
            undo.callback(delattr, rule, "check")
            labels.append(label)
        yield labels


def group_of(label: str) -> str:
    """The summary line a timed label belongs to."""
    if label.startswith("rule "):
        return "rules " + label.split()[1][:3] + "xx"
    if label.startswith("finder "):
        return "finders (times, zones, durations, pasted copy)"
    if label.startswith("view "):
        return "lazy views (block_times, timeline, incident, masked, plain, fields)"
    if label in ("read", "decode"):
        return "read + decode"
    if label in ("front matter", "document (other)"):
        return "builder (blocks, sections)"
    return label


def per_document(paths: list[Path]) -> dict[str, Any]:
    """Milliseconds per document of each stage, view, finder and rule (self time)."""
    modules = pmlint_modules()
    from pmlint import source
    from pmlint.engine import Linter
    from pmlint.registry import default_registry
    from pmlint.settings import Settings

    linter = Linter(Settings(), default_registry())

    def lint_all() -> int:
        found = 0
        for path in paths:  # looked up on each call, so the timed versions are used
            data = source.read_bytes(str(path), path.name)
            found += len(linter.lint_source(source.decode(data, path.name)))
        return found

    start = time.perf_counter()
    findings = lint_all()  # warms caches and compiles patterns used on first use
    plain_s = time.perf_counter() - start
    start = time.perf_counter()
    lint_all()
    plain_warm_s = time.perf_counter() - start
    clock = Clock()
    with patched(clock, modules, [rule for rule, _, _ in linter.rules]) as labels:
        start = time.perf_counter()
        lint_all()
        timed_s = time.perf_counter() - start
    count = len(paths)
    per_doc = lambda s: round(1000 * s / count, 4)  # noqa: E731
    entries = {
        label: {
            "self_ms": per_doc(clock.self_s[label]),
            "inclusive_ms": per_doc(clock.inclusive_s[label]),
            "calls": round(clock.calls[label] / count, 2),
        }
        for label in labels
    }
    families: collections.Counter[str] = collections.Counter()
    groups: collections.Counter[str] = collections.Counter()
    for label, value in entries.items():
        if label.startswith("rule "):
            families[label.split()[1][:3] + "xx"] += value["self_ms"]
        groups[group_of(label)] += value["self_ms"]
    return {
        "documents": count,
        "findings_per_doc": round(findings / count, 2),
        "plain_first_pass_ms": per_doc(plain_s),
        "plain_ms": per_doc(plain_warm_s),
        "instrumented_ms": per_doc(timed_s),
        "accounted_ms": round(sum(e["self_ms"] for e in entries.values()), 4),
        "entries": entries,
        "rule_families_ms": {k: round(v, 4) for k, v in sorted(families.items())},
        "groups_ms": {k: round(v, 4) for k, v in groups.most_common()},
        "never_reached": sorted(k for k, e in entries.items() if not e["calls"]),
    }


def importtime(argv: list[str], repeat: int) -> dict[str, Any]:
    """``-X importtime`` of a pmlint command: heaviest modules, median over runs."""
    per_run: list[dict[str, tuple[int, int]]] = []
    for _ in range(repeat):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "pmlint", *argv],
            capture_output=True,
            text=True,
            check=False,
            cwd=tempfile.gettempdir(),
        ).stderr
        rows: dict[str, tuple[int, int]] = {}
        for line in err.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, cumulative_us, name = line[len("import time:") :].split("|")
            rows[name.strip()] = (int(self_us), int(cumulative_us))
        per_run.append(rows)
    names = set().union(*per_run)
    med = {
        n: (
            statistics.median(r.get(n, (0, 0))[0] for r in per_run) / 1000,
            statistics.median(r.get(n, (0, 0))[1] for r in per_run) / 1000,
        )
        for n in names
    }
    groups: collections.Counter[str] = collections.Counter()
    for name, (self_ms, _) in med.items():
        groups[name if name.startswith("pmlint") else name.split(".")[0]] += self_ms
    top = [n for n in med if "." not in n and not n.startswith("pmlint")]
    packages = {n: med[n][1] for n in top}
    return {
        "command": ["python", "-X", "importtime", "-m", "pmlint", *argv],
        "total_ms": round(sum(s for s, _ in med.values()), 1),
        "modules": len(med),
        "heaviest_self_ms": [(n, round(v, 1)) for n, v in groups.most_common(15)],
        "heaviest_cumulative_ms": sorted(
            ((n, round(v, 1)) for n, v in packages.items()), key=lambda x: -x[1]
        )[:10],
        "pmlint_cumulative_ms": sorted(
            ((n, round(c, 1)) for n, (_, c) in med.items() if n.startswith("pmlint")),
            key=lambda x: -x[1],
        )[:12],
    }


STARTUP_CHILD = r"""
import json, re, sys, time
t0 = time.perf_counter()
compile_s = {}
_compile = re._compile
def timed_compile(pattern, flags):
    start = time.perf_counter()
    try:
        return _compile(pattern, flags)
    finally:
        frame = sys._getframe(1)
        while frame and frame.f_globals.get("__name__") in ("re", "re._compiler"):
            frame = frame.f_back
        owner = frame.f_globals.get("__name__", "?") if frame else "?"
        owner = owner if owner.startswith("pmlint") else owner.split(".")[0]
        compile_s[owner] = compile_s.get(owner, 0.0) + time.perf_counter() - start
re._compile = timed_compile
phases = {}
def phase(name, fn):
    start = time.perf_counter()
    try:
        value = fn()
    except Exception as exc:
        phases[name] = None
        phases[name + " (error)"] = f"{type(exc).__name__}: {exc}"
        return None
    phases[name] = (time.perf_counter() - start) * 1000
    return value
phase("import pmlint.cli", lambda: __import__("pmlint.cli"))
from pmlint.registry import default_registry
registry = phase("build the rule registry", default_registry)
def linter():
    from pmlint.engine import Linter
    from pmlint.settings import Settings
    return Linter(Settings(), registry)
lint = phase("Settings() and Linter()", linter)
from pmlint.source import read_source
for n, path in enumerate(sys.argv[1:3]):
    name = ("first document (cold)", "second document (warm)")[n]
    phase(name, lambda p=path: lint.lint_source(read_source(p)))
print(json.dumps({"phases_ms": phases,
                  "regex_compile_ms": {k: v * 1000 for k, v in compile_s.items()},
                  "total_ms": (time.perf_counter() - t0) * 1000}))
"""


def startup(files: list[Path], repeat: int) -> dict[str, Any]:
    """Phases of a cold start in a fresh interpreter, median over runs."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", STARTUP_CHILD, *map(str, files[:2])],
            capture_output=True,
            text=True,
            check=False,
            cwd=tempfile.gettempdir(),
        )
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return {"error": f"start-up probe failed: {tail}"}
        runs.append(json.loads(done.stdout))
    phases: dict[str, Any] = {}
    for name, value in runs[0]["phases_ms"].items():
        values = [r["phases_ms"].get(name) for r in runs]
        numbers = [v for v in values if isinstance(v, float | int)]
        phases[name] = round(statistics.median(numbers), 1) if numbers else value
    owners = set().union(*(r["regex_compile_ms"] for r in runs))
    compiles = {
        o: statistics.median(r["regex_compile_ms"].get(o, 0.0) for r in runs) for o in owners
    }
    return {
        "runs": repeat,
        "phases_ms": phases,
        "in_process_total_ms": round(statistics.median(r["total_ms"] for r in runs), 1),
        "regex_compile_total_ms": round(sum(compiles.values()), 1),
        "regex_compile_ms": sorted(
            ((o, round(v, 1)) for o, v in compiles.items() if v >= 0.05), key=lambda x: -x[1]
        )[:12],
    }


def render(report: dict[str, Any], rule_rows: int = 15) -> str:
    """The profile as tables."""
    doc = report["per_document"]
    entries = doc["entries"]
    parts = [
        f"Per document ({doc['documents']} documents, --jobs 1, in process, "
        f"{doc['findings_per_doc']} findings each): plain {doc['plain_ms']:.2f} ms "
        f"(first pass {doc['plain_first_pass_ms']:.2f} ms), with timers "
        f"{doc['instrumented_ms']:.2f} ms, accounted {doc['accounted_ms']:.2f} ms",
        "",
    ]
    total = doc["accounted_ms"] or 1.0
    rows = [("where the time goes (self time)", "ms per doc", "share")]
    rows += [(k, f"{v:.3f}", f"{100 * v / total:.0f}%") for k, v in doc["groups_ms"].items()]
    parts += [table(rows), ""]
    stages = [(k, e) for k, e in entries.items() if not k.startswith("rule ")]
    rows = [("stage / view / finder (self time)", "ms per doc", "calls per doc")]
    rows += [
        (k, f"{e['self_ms']:.3f}", f"{e['calls']:g}")
        for k, e in sorted(stages, key=lambda x: -x[1]["self_ms"])
        if e["calls"]
    ]
    parts += [table(rows), ""]
    family_rows = [("rule family", "ms per doc")]
    family_rows += [(k, f"{v:.3f}") for k, v in doc["rule_families_ms"].items()]
    parts += [table(family_rows), ""]
    rules = sorted(
        ((k, e) for k, e in entries.items() if k.startswith("rule ")),
        key=lambda x: -x[1]["self_ms"],
    )
    rows = [(f"rule (slowest {rule_rows})", "self ms", "incl. ms")]
    rows += [(k[5:], f"{e['self_ms']:.3f}", f"{e['inclusive_ms']:.3f}") for k, e in rules][
        :rule_rows
    ]
    parts += [table(rows), ""]
    if doc["never_reached"]:
        parts += ["never called: " + ", ".join(doc["never_reached"]), ""]
    start = report["startup"]
    if "error" in start:
        parts += [start["error"]]
    else:
        rows = [(f"start-up phase (fresh interpreter, median of {start['runs']})", "ms")]
        rows += [
            (k, f"{v:.1f}" if isinstance(v, float | int) else str(v))
            for k, v in start["phases_ms"].items()
        ]
        rows.append(
            (
                "regular expressions compiled (within the above)",
                f"{start['regex_compile_total_ms']:.1f}",
            )
        )
        parts += [table(rows), ""]
        rows = [("regex compile time by module", "ms")]
        rows += [(k, f"{v:.1f}") for k, v in start["regex_compile_ms"]]
        parts += [table(rows), ""]
    for key in ("importtime_version", "importtime_check"):
        imp = report[key]
        parts += [
            f"{' '.join(imp['command'][4:])}: {imp['modules']} modules, "
            f"{imp['total_ms']:.0f} ms of imports",
            "",
        ]
    imp = report["importtime_version"]
    rows = [("heaviest imports, --version (self, by package)", "ms")]
    rows += [(k, f"{v:.1f}") for k, v in imp["heaviest_self_ms"]]
    parts += [table(rows), ""]
    rows = [("pmlint modules, check FILE (cumulative)", "ms")]
    rows += [(k, f"{v:.1f}") for k, v in report["importtime_check"]["pmlint_cumulative_ms"]]
    parts += [table(rows)]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Profile, print the tables, write ``profile.json``."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 documents, 3 start-up runs")
    parser.add_argument("--files", type=int, help="documents profiled (default 1000)")
    parser.add_argument("--startup-runs", type=int, help="fresh interpreters (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", help="profile the .md/.txt files of this directory instead")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "pmlint-bench"))
    parser.add_argument("--out", default=str(HERE / "out"), help="directory for profile.json")
    args = parser.parse_args(argv)
    count = args.files or (100 if args.quick else 1000)
    runs = args.startup_runs or (3 if args.quick else 5)
    if args.corpus:
        if not Path(args.corpus).is_dir():
            parser.error(f"not a directory: {args.corpus}")
        paths = sorted(p for p in Path(args.corpus).iterdir() if p.suffix in (".md", ".txt"))
        if not paths:
            parser.error(f"no .md or .txt files in {args.corpus}")
    else:
        paths = write_corpus(Path(args.work) / f"n{count}-s{args.seed}", count, args.seed)
    cold = Path(args.work) / "cold" / "seedlike.md"
    cold.parent.mkdir(parents=True, exist_ok=True)
    cold.write_text(seedlike(0, args.seed), encoding="utf-8")

    compile_bytecode()  # start-up as an installed wheel has it, not recompiling sources
    print(f"start-up ({runs} runs) ...", file=sys.stderr)
    report: dict[str, Any] = {
        "schema": 1,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "startup": startup([cold, paths[0]], runs),
        "importtime_version": importtime(["--version"], runs),
        "importtime_check": importtime(["check", "--output-format", "concise", str(cold)], runs),
    }
    print(f"per document ({len(paths)} documents) ...", file=sys.stderr)
    report["per_document"] = per_document(paths)
    print(render(report))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "profile.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nJSON: {out / 'profile.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
