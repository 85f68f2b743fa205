"""pmlint benchmark: cold start, runs over 100 / 1,000 / 10,000 documents, memory, stages.

Usage (from the repository root)::

    .venv/bin/python bench/run.py                      # sizes 100,1000,10000; 3 repeats
    .venv/bin/python bench/run.py --sizes 100,1000 --repeat 5
    .venv/bin/python bench/run.py --compare "markdownlint-cli2 '{dir}/*.md'"

The corpus is generated (deterministically) under ``--work`` (default: a directory in
the system temp dir, so no config file of this checkout applies to it). Every pmlint
run is a real subprocess (``python -m pmlint``); wall times are the median of the
repeats; peak memory is the largest resident set of the run's processes. The stage
table times pmlint's internal functions directly, in this process, over up to 1,000
documents. A table is printed and the numbers are written as JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

HERE = Path(__file__).resolve().parent


def run_process(command: list[str] | str, *, shell: bool = False) -> tuple[float, int, int]:
    """``(seconds, peak RSS in KB, exit code)`` of one subprocess, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, int(usage.ru_maxrss), process.returncode


def measure(command: list[str] | str, repeat: int, *, shell: bool = False) -> dict[str, Any]:
    """Run a command ``repeat`` times: median and min seconds, peak RSS, exit code."""
    runs = [run_process(command, shell=shell) for _ in range(repeat)]
    seconds = [r[0] for r in runs]
    return {
        "median_s": statistics.median(seconds),
        "min_s": min(seconds),
        "runs_s": seconds,
        "peak_rss_mb": max(r[1] for r in runs) / 1024,
        "exit_code": runs[-1][2],
    }


def pmlint(*args: str) -> list[str]:
    """The command line of a pmlint run in the same interpreter."""
    return [sys.executable, "-m", "pmlint", "--output-format", "concise", *args]


def import_breakdown(path: Path, repeat: int) -> list[tuple[str, float]]:
    """Self import time in ms by top-level package (``pmlint.x`` kept apart), mean of runs."""
    totals: collections.Counter[str] = collections.Counter()
    for _ in range(repeat):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "pmlint", str(path)],
            capture_output=True,
            text=True,
            check=False,
        ).stderr
        for line in err.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _, name = line[len("import time:") :].split("|")
            name = name.strip()
            top = ".".join(name.split(".")[:2]) if name.startswith("pmlint.") else name
            top = top.split(".")[0] if not top.startswith("pmlint") else top
            totals[top] += int(self_us) / 1000 / repeat
    return totals.most_common(12)


def stages(paths: list[Path]) -> dict[str, Any]:
    """Milliseconds per document of each stage, timed on pmlint's internal functions."""
    from pmlint.document import builder
    from pmlint.document.document import Document
    from pmlint.document.sections import default_registry as sections
    from pmlint.document.times import find_times
    from pmlint.engine import FileResult, Linter
    from pmlint.output import RenderOptions, get_renderer
    from pmlint.registry import default_registry
    from pmlint.settings import Settings
    from pmlint.source import decode, read_bytes

    linter = Linter(Settings(), default_registry())
    registry = sections()
    totals: collections.Counter[str] = collections.Counter()
    per_rule: collections.Counter[str] = collections.Counter()
    results = []

    def timed(stage: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = fn()
        totals[stage] += time.perf_counter() - start
        return value

    for path in paths:
        data = timed("read", lambda p=path: read_bytes(str(p), p.name))
        source = timed("decode", lambda d=data, p=path: decode(d, p.name))
        tokens = timed("markdown", lambda s=source: builder._MD.parse(s.text))
        b = builder._Builder(source, registry)
        parsed = timed("blocks", lambda b=b, t=tokens: (b.walk(t), b.out)[1])
        parsed.blocks.sort(key=lambda blk: blk.start)
        timed("sections", lambda p=parsed, s=source: builder.build_sections(p, s))
        doc = Document(source, linter.sections, linter.settings.model_dump(by_alias=True))
        texts = [blk.masked for blk in doc.content_blocks() if blk.kind != "code"]
        timed("times", lambda t=texts: [find_times(x) for x in t])
        for rule, context, _ in linter.rules:
            start = time.perf_counter()
            with contextlib.suppress(Exception):  # a crash is the engine's business (PM000)
                list(rule.check(doc, context))
            spent = time.perf_counter() - start
            totals["rules"] += spent
            per_rule[f"{rule.code} {rule.name}"] += spent
        findings = timed("engine", lambda s=source: linter.lint(s))
        results.append(FileResult(source.path, findings, source=source))
    options = RenderOptions(rules=[r for r, _, _ in linter.rules])
    for fmt in ("concise", "full", "json"):
        timed(f"render-{fmt}", lambda f=fmt: get_renderer(f)(results, options))
    count = len(paths)
    return {
        "documents": count,
        "ms_per_doc": {k: 1000 * v / count for k, v in totals.items()},
        "slowest_rules_ms_per_doc": {k: 1000 * v / count for k, v in per_rule.most_common(8)},
        "findings_per_doc": sum(len(r.findings) for r in results) / count,
    }


def table(rows: list[tuple[str, ...]]) -> str:
    """Left-aligned first column, right-aligned others, Markdown pipes."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)]
        out.append("| " + " | ".join(cells) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the tables, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold-repeat", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "pmlint-bench"))
    parser.add_argument("--out", default=str(HERE / "out"))
    parser.add_argument(
        "--compare",
        default=None,
        help="another command to run on the same corpus; {dir} is the corpus directory",
    )
    parser.add_argument("--compare-size", type=int, default=1000)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = Path(args.work)
    report: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "command": " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]),
    }

    corpora = {n: work / f"n{n}" for n in sizes}
    for n, directory in corpora.items():
        write_corpus(directory, n, args.seed)
    sample = sorted(corpora[min(sizes)].glob("*.md"))[0]

    print(f"cold single-file run ({args.cold_repeat} runs) ...", file=sys.stderr)
    report["python_startup"] = measure([sys.executable, "-c", "pass"], args.cold_repeat)
    report["cold"] = measure(pmlint(str(sample)), args.cold_repeat)
    report["imports_ms"] = import_breakdown(sample, 3)

    report["runs"] = {}
    for n, directory in corpora.items():
        print(f"{n} documents ...", file=sys.stderr)
        entry = {"default": measure(pmlint(str(directory)), args.repeat)}
        entry["jobs1"] = measure(pmlint("--jobs", "1", str(directory)), max(1, args.repeat - 2))
        report["runs"][str(n)] = entry

    print("stages ...", file=sys.stderr)
    stage_size = max(s for s in sizes if s <= 1000) if min(sizes) <= 1000 else min(sizes)
    stage_paths = sorted(corpora[stage_size].glob("*.md"))[:1000]
    report["stages"] = stages(stage_paths)

    if args.compare:
        n = args.compare_size if args.compare_size in corpora else max(sizes)
        command = args.compare.replace("{dir}", str(corpora[n]))
        print(f"compare: {command} ...", file=sys.stderr)
        other = measure(command, args.repeat, shell=True)
        ours = report["runs"][str(n)]["default"]["median_s"]
        report["compare"] = {
            "command": args.compare,
            "documents": n,
            "result": other,
            "ratio_pmlint_over_other": ours / other["median_s"],
        }

    print(render(report))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2)
    (out / "latest.json").write_text(text + "\n", encoding="utf-8")
    (out / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(text + "\n")
    print(f"\nJSON: {out / 'latest.json'}", file=sys.stderr)
    return 0


def render(report: dict[str, Any]) -> str:
    """The tables for a report."""
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    rows = [("run", "median", "min", "per doc", "peak RSS")]
    cold = report["cold"]
    rows.append(
        (
            "1 file, cold (subprocess)",
            ms(cold["median_s"]),
            ms(cold["min_s"]),
            "-",
            f"{cold['peak_rss_mb']:.0f} MB",
        )
    )
    start = report["python_startup"]
    rows.append(("python -c pass", ms(start["median_s"]), ms(start["min_s"]), "-", "-"))
    for n, entry in report["runs"].items():
        for label, key in (("default jobs", "default"), ("--jobs 1", "jobs1")):
            m = entry[key]
            rows.append(
                (
                    f"{int(n):,} docs, {label}",
                    ms(m["median_s"]),
                    ms(m["min_s"]),
                    f"{m['median_s'] * 1000 / int(n):.2f} ms",
                    f"{m['peak_rss_mb']:.0f} MB",
                )
            )
    if "compare" in report:
        c = report["compare"]
        rows.append(
            (
                f"{c['documents']:,} docs, {c['command'].split()[0]}",
                ms(c["result"]["median_s"]),
                ms(c["result"]["min_s"]),
                f"x{c['ratio_pmlint_over_other']:.2f} (pmlint/other)",
                f"{c['result']['peak_rss_mb']:.0f} MB",
            )
        )
    parts = [f"{report['machine']}, Python {report['python']}", "", table(rows), ""]
    st = report["stages"]
    stage_rows = [("stage (in process)", "ms per doc")]
    for name, value in st["ms_per_doc"].items():
        stage_rows.append((name, f"{value:.3f}"))
    parts += [table(stage_rows), ""]
    rule_rows = [("slowest rules", "ms per doc")]
    rule_rows += [(k, f"{v:.3f}") for k, v in st["slowest_rules_ms_per_doc"].items()]
    parts += [table(rule_rows), ""]
    imp_rows = [("cold-start imports (self)", "ms")]
    imp_rows += [(k, f"{v:.1f}") for k, v in report["imports_ms"]]
    parts += [table(imp_rows)]
    parts += [
        "",
        f"{st['documents']} documents in the stage run, "
        f"{st['findings_per_doc']:.1f} findings per document",
    ]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.exit(main())
