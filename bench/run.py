"""pmlint against markdownlint-cli2 and the markdown-it-py parse floor, on the same files.

Usage (from the repository root)::

    .venv/bin/python bench/run.py            # 1,000 files, 5 rounds, memory at 1,000/10,000
    .venv/bin/python bench/run.py --quick    # 100 files, 3 rounds, memory at 100/1,000
    .venv/bin/python bench/run.py --no-markdownlint

A corpus of postmortems is generated (deterministically, see ``corpus.py``) under
``--work``, a directory in the system temp dir, so no config file of a checkout applies.
markdownlint-cli2 (version :data:`MARKDOWNLINT_VERSION`) is installed with ``npm install``
into ``bench/.cache/`` on first use. Every run is a real subprocess with its output
discarded; the commands of a comparison run interleaved (A B C A B C ...), a ratio is the
median of the per-round ratios, a time the median of the rounds. Peak RSS is the largest
resident set of any one process of the run (``wait4``, which covers worker processes).
Ratios move less than absolute times on a busy machine, but both are noisy there: the
load average is recorded. pmlint's modules are compiled to bytecode first, as an installed
wheel's are. Prints a table and writes ``bench/out/latest.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import seedlike, write_corpus  # noqa: E402

MARKDOWNLINT_VERSION = "0.24.1"
"""The markdownlint-cli2 release compared against (pinned so runs compare)."""

TARGETS = {
    "jobs1_vs_floor": 3.0,
    "default_vs_markdownlint": 0.5,
    "cold_vs_markdownlint": 0.5,
    "rss_10k_vs_1k": 1.5,
}
"""Issue 14's goals for each ratio (at most)."""


@dataclass
class Tool:
    """A command line to compare, or why it is not available."""

    argv: list[str] | None
    reason: str | None = None


def markdownlint(cache: Path, *, install: bool = True) -> Tool:
    """markdownlint-cli2 from ``cache`` (installed there with npm if missing)."""
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        return Tool(None, "node/npm not found on PATH")
    folder = cache / f"markdownlint-cli2-{MARKDOWNLINT_VERSION}"
    script = folder / "node_modules" / "markdownlint-cli2" / "markdownlint-cli2-bin.mjs"
    if not script.exists():
        if not install:
            return Tool(None, f"not installed in {folder} and --no-install given")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        package = f"markdownlint-cli2@{MARKDOWNLINT_VERSION}"
        print(f"npm install {package} ...", file=sys.stderr)
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--loglevel=error", package],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0 or not script.exists():
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            return Tool(None, f"npm install failed (network?): {last}")
    return Tool([node, str(script)])


def compile_bytecode() -> None:
    """Compile pmlint's modules to bytecode, as ``pip install`` does for a wheel (and as
    markdown-it-py's and click's already are): without it, an editable checkout run with
    ``PYTHONDONTWRITEBYTECODE`` set recompiles every module on every start."""
    import pmlint

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package = str(Path(pmlint.__file__).resolve().parent)
    subprocess.run([sys.executable, "-m", "compileall", "-q", package], env=env, check=True)


def run_once(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """``(seconds, peak RSS in MB, exit code)`` of one subprocess, output discarded."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def interleaved(commands: dict[str, list[str]], rounds: int, cwd: Path) -> dict[str, Any]:
    """Run the commands in turn, ``rounds`` times: per command its runs and their median."""
    runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            runs[name].append(run_once(argv, cwd))
    return {
        name: {
            "argv": [shlex.quote(a) for a in commands[name]],
            "runs_s": [round(r[0], 4) for r in got],
            "median_s": statistics.median(r[0] for r in got),
            "min_s": min(r[0] for r in got),
            "peak_rss_mb": round(max(r[1] for r in got), 1),
            "exit_codes": sorted({r[2] for r in got}),
        }
        for name, got in runs.items()
    }


def paired_ratio(results: dict[str, Any], ours: str, other: str) -> float | None:
    """Median over rounds of ``ours / other`` (runs of the same round are neighbours)."""
    if ours not in results or other not in results:
        return None
    pairs = zip(results[ours]["runs_s"], results[other]["runs_s"], strict=True)
    return statistics.median(a / b for a, b in pairs)


def pmlint(*args: str) -> list[str]:
    """A pmlint run in this interpreter."""
    return [sys.executable, "-m", "pmlint", "check", "--output-format", "concise", *args]


def ratio_row(name: str, value: float | None, target: float | None, note: str = "") -> dict:
    """One ratio of the report, with its goal and whether it is met."""
    return {
        "name": name,
        "value": None if value is None else round(value, 3),
        "target_at_most": target,
        "met": None if value is None or target is None else value <= target,
        "note": note,
    }


def options(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options; ``--quick`` lowers the defaults."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 files, 3 rounds, small memory")
    parser.add_argument("--files", type=int, help="documents in the timed runs (default 1000)")
    parser.add_argument("--rounds", type=int, help="interleaved rounds (default 5)")
    parser.add_argument("--cold-rounds", type=int, help="rounds of the one-file runs (10)")
    parser.add_argument("--memory-sizes", help="document counts for peak RSS (1000,10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cold-file", help="use this file for the one-file runs")
    parser.add_argument("--corpus", help="time the .md files of this directory instead")
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "pmlint-bench"))
    parser.add_argument("--out", default=str(HERE / "out"), help="directory for latest.json")
    parser.add_argument("--cache", default=str(HERE / ".cache"), help="npm install folder")
    parser.add_argument("--no-markdownlint", action="store_true", help="skip markdownlint-cli2")
    parser.add_argument("--no-install", action="store_true", help="never run npm install")
    args = parser.parse_args(argv)
    quick = args.quick
    args.files = args.files or (100 if quick else 1000)
    args.rounds = args.rounds or (3 if quick else 5)
    args.cold_rounds = args.cold_rounds or (5 if quick else 10)
    sizes = args.memory_sizes or ("100,1000" if quick else "1000,10000")
    args.memory_sizes = sorted({int(s) for s in sizes.split(",") if s.strip()})
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the comparison, print the table, write ``latest.json``."""
    args = options(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    tool = (
        Tool(None, "--no-markdownlint given")
        if args.no_markdownlint
        else markdownlint(Path(args.cache), install=not args.no_install)
    )
    report: dict[str, Any] = {
        "schema": 1,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "command": " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]),
        "markdownlint_cli2": {
            "version": MARKDOWNLINT_VERSION,
            "available": tool.argv is not None,
            "skipped_because": tool.reason,
        },
    }
    if tool.reason:
        print(f"markdownlint-cli2 skipped: {tool.reason}", file=sys.stderr)
    compile_bytecode()

    if args.corpus:
        directory = Path(args.corpus).resolve()
        args.files = len(list(directory.glob("*.md")))
        if not args.files:
            print(f"run.py: error: no .md files in {args.corpus}", file=sys.stderr)
            return 2
    else:
        directory = work / f"n{args.files}-s{args.seed}"
        write_corpus(directory, args.files, args.seed)
    files = str(directory)
    throughput = {
        "pmlint --jobs 1": pmlint("--jobs", "1", files),
        "parse floor (markdown-it-py, 1 core)": [sys.executable, str(HERE / "floor.py"), files],
        "pmlint (default jobs)": pmlint(files),
    }
    if tool.argv:
        throughput["markdownlint-cli2"] = [*tool.argv, f"{files}/*.md"]
    print(f"{args.files} files x {args.rounds} rounds ...", file=sys.stderr)
    many = interleaved(throughput, args.rounds, work)
    report["throughput"] = {"files": args.files, "rounds": args.rounds, "commands": many}

    cold = Path(args.cold_file).resolve() if args.cold_file else work / "cold" / "seedlike.md"
    if not args.cold_file:
        cold.parent.mkdir(exist_ok=True)
        cold.write_text(seedlike(0, args.seed), encoding="utf-8")
    one = {
        "pmlint": pmlint(str(cold)),
        "python -c 'import markdown_it, click'": [
            sys.executable,
            "-c",
            "import markdown_it, click",
        ],
    }
    if tool.argv:
        one["markdownlint-cli2"] = [*tool.argv, str(cold)]
    print(f"one cold file x {args.cold_rounds} rounds ...", file=sys.stderr)
    single = interleaved(one, args.cold_rounds, cold.parent)
    report["cold"] = {"file": str(cold), "bytes": cold.stat().st_size, "commands": single}

    memory: dict[str, Any] = {}
    for size in args.memory_sizes:
        print(f"peak memory, {size} files ...", file=sys.stderr)
        folder = work / f"n{size}-s{args.seed}"
        write_corpus(folder, size, args.seed)
        seconds, rss, code = run_once(pmlint(str(folder)), work)
        memory[str(size)] = {"peak_rss_mb": round(rss, 1), "seconds": seconds, "exit_code": code}
    report["memory"] = memory

    report["ratios"] = ratios(report, args.memory_sizes)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    failed = [
        f"{name} exited {codes}"
        for group in (many, single)
        for name, entry in group.items()
        if (codes := [c for c in entry["exit_codes"] if c not in (0, 1)])
    ]
    report["errors"] = failed
    print(render(report))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nJSON: {out / 'latest.json'}", file=sys.stderr)
    for line in failed:
        print(f"run.py: error: {line} (a crash, not findings)", file=sys.stderr)
    return 2 if failed else 0


def ratios(report: dict[str, Any], sizes: list[int]) -> list[dict[str, Any]]:
    """The ratios issue 14 asks for (``None`` when a side was skipped)."""
    many = report["throughput"]["commands"]
    single = report["cold"]["commands"]
    skipped = report["markdownlint_cli2"]["skipped_because"] or ""
    rows = [
        ratio_row(
            "pmlint --jobs 1 / parse floor",
            paired_ratio(many, "pmlint --jobs 1", "parse floor (markdown-it-py, 1 core)"),
            TARGETS["jobs1_vs_floor"],
        ),
        ratio_row(
            "pmlint default jobs / markdownlint-cli2",
            paired_ratio(many, "pmlint (default jobs)", "markdownlint-cli2"),
            TARGETS["default_vs_markdownlint"],
            skipped,
        ),
        ratio_row(
            "one cold file: pmlint / markdownlint-cli2",
            paired_ratio(single, "pmlint", "markdownlint-cli2"),
            TARGETS["cold_vs_markdownlint"],
            skipped,
        ),
        ratio_row(
            "one cold file: pmlint / python -c 'import markdown_it, click'",
            paired_ratio(single, "pmlint", "python -c 'import markdown_it, click'"),
            None,
        ),
    ]
    memory = report["memory"]
    if len(sizes) >= 2:
        small, large = memory[str(sizes[0])], memory[str(sizes[-1])]
        rows.append(
            ratio_row(
                f"peak RSS {sizes[-1]:,} files / {sizes[0]:,} files",
                large["peak_rss_mb"] / small["peak_rss_mb"],
                TARGETS["rss_10k_vs_1k"] if sizes[-1] >= 10 * sizes[0] else None,
            )
        )
    return rows


def table(rows: list[tuple[str, ...]]) -> str:
    """A Markdown table: first column left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)]
        out.append("| " + " | ".join(cells) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def render(report: dict[str, Any]) -> str:
    """The report as text: runs, memory, ratios."""
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    rows = [("run", "median", "min", "peak RSS")]
    files = report["throughput"]["files"]
    for label, group in (
        (f"{files:,} files", report["throughput"]["commands"]),
        ("1 cold file", report["cold"]["commands"]),
    ):
        for name, m in group.items():
            rss = f"{m['peak_rss_mb']:.0f} MB"
            rows.append((f"{label}: {name}", ms(m["median_s"]), ms(m["min_s"]), rss))
    for size, m in report["memory"].items():
        rss = f"{m['peak_rss_mb']:.0f} MB"
        rows.append((f"{int(size):,} files: pmlint (default jobs)", ms(m["seconds"]), "-", rss))
    ratio_rows = [("ratio", "value", "goal", "met")]
    for r in report["ratios"]:
        value = "skipped" if r["value"] is None else f"{r['value']:.2f}x"
        goal = "-" if r["target_at_most"] is None else f"<= {r['target_at_most']}x"
        met = "-" if r["met"] is None else ("yes" if r["met"] else "no")
        ratio_rows.append((r["name"], value, goal, met))
    before, after = report["load_average_before"], report["load_average_after"]
    head = (
        f"{report['machine']}, Python {report['python']}, markdownlint-cli2 "
        f"{report['markdownlint_cli2']['version']}; load average {before[0]} before, "
        f"{after[0]} after (figures are noisy on a busy machine)"
    )
    return "\n".join([head, "", table(rows), "", table(ratio_rows)])


if __name__ == "__main__":
    sys.exit(main())
