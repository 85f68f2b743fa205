"""Every regular expression pmlint runs on document text is safe from catastrophic
backtracking: 100 KB of adversarial text is scanned in well under a second.

The patterns are collected generically, so patterns added later are checked too:
module-level compiled patterns (also inside tuples, lists and dicts) of every
``pmlint`` module, class attributes of every registered rule (packs build theirs from
TOML), the section registry, and every ``pattern``/``patterns``/``regex`` string in
the shipped TOML files. Each is first screened on short adversarial strings built
from its own literal characters; the slowest screens are then rerun at 100 KB.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pmlint
from pmlint.data import data_dir
from pmlint.document.sections import default_section_registry
from pmlint.lazy_re import LAZY_PATTERNS, LazyPattern
from pmlint.registry import default_registry
from pmlint.toml_compat import tomllib

SCREEN = 500  # characters of each screening string (quadratic already shows)
FULL = 100_000  # characters of the final adversarial strings (100 KB)
FULL_LIMIT = 5.0  # a hang guard, not a speed figure: a linear scan of 100 KB takes
# milliseconds, a quadratic one minutes; 5 s keeps a loaded machine from flaking
RERUN = 12  # how many of the slowest screens are rerun at full size
UNITS = (
    " ",
    "a",
    "A",
    "1",
    "\n",
    "\t",
    "\u00a0",
    "é",
    "-",
    ":",
    ".",
    ",",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "|",
    "#",
    "/",
    "`",
    "\\",
    "@",
    "+",
    "'",
    '"',
    "!",
    "?",
    "=",
    "a ",
    "A ",
    "Aa ",
    "a1",
    "1 ",
    "1:",
    "12:",
    "12:00 ",
    "1.",
    "a.",
    "a-",
    "a_",
    "a:",
    "a/",
    "- ",
    " - ",
    "**",
    "**a",
    "__a",
    "<a",
    "</a>",
    "[a",
    "[a](",
    "](",
    "http://a",
    "www.",
    "2024-",
    "2024-01-01 ",
    "1/",
    "Jan 1, ",
    "March ",
    "UTC+",
    "+01:00 ",
    "TODO ",
    "a\n",
    "\n\n",
    "- a\n",
    "# a\n",
    "| a ",
    "1 hour ",
    "at ",
    "a, ",
    "a; ",
    "'s ",
    "a's ",
    "o'",
)


def _patterns_in(value: Any, where: str, depth: int = 0) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield where, value
    elif isinstance(value, LazyPattern):  # compiled on first use: compiled here to be scanned
        yield where, value.compiled
    elif depth < 3 and isinstance(value, (tuple, list, set, frozenset)):
        for index, item in enumerate(value):
            yield from _patterns_in(item, f"{where}[{index}]", depth + 1)
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from _patterns_in(item, f"{where}[{key!r}]", depth + 1)


def module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Compiled patterns at module level (and in classes) of every pmlint module."""
    for info in pkgutil.walk_packages(pmlint.__path__, "pmlint."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            yield from _patterns_in(value, f"{info.name}.{name}")
            if isinstance(value, type) and value.__module__ == info.name:
                for attr, item in vars(value).items():
                    yield from _patterns_in(item, f"{info.name}.{name}.{attr}")


def rule_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Patterns held by rule classes (pack rules compile theirs from TOML) and sections."""
    for rule in default_registry():
        for klass in rule.__mro__:
            for attr, item in vars(klass).items():
                yield from _patterns_in(item, f"{rule.code}.{attr}")
    yield from _patterns_in(default_section_registry().patterns, "sections.toml")


def _toml_regexes(value: Any, key: str, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for sub, item in value.items():
            yield from _toml_regexes(item, str(sub), f"{where}.{sub}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _toml_regexes(item, key, f"{where}[{index}]")
    elif isinstance(value, str) and any(w in key.lower() for w in ("pattern", "regex")):
        yield where, value


def toml_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """``pattern``/``patterns``/``regex`` strings of every shipped TOML file, compiled."""
    root = Path(data_dir())
    for path in sorted(root.rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for where, source in _toml_regexes(data, "", path.relative_to(root).as_posix()):
            try:
                yield where, re.compile(source, re.IGNORECASE)
            except re.error:
                continue  # not a regex after all (the pack loader reports real mistakes)


def all_patterns() -> dict[tuple[str, int], tuple[str, re.Pattern[str]]]:
    """Every distinct pattern (by source and flags), with one place it was found."""
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    for where, pattern in (*module_patterns(), *rule_patterns(), *toml_patterns()):
        found.setdefault((pattern.pattern, pattern.flags), (where, pattern))
    return found


def _method_calls() -> dict[str, set[str]]:
    """``NAME -> {"match", "search", ...}``: how each name is called in pmlint's sources."""
    calls: dict[str, set[str]] = {}
    for path in Path(pmlint.__file__).parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name, method in re.findall(
            r"\b(\w+)\.(match|fullmatch|search|finditer|"
            r"findall|sub|subn|split)\(",
            text,
        ):
            calls.setdefault(name, set()).add(method)
    return calls


def anchored(where: str, calls: dict[str, set[str]]) -> bool:
    """Whether a module-level pattern is only ever used with ``match``/``fullmatch``.

    Those try one position, so a leading ``[ \t]*`` stays linear; everything else
    (and any pattern whose use is not a plain ``NAME.method(`` call) is scanned.
    """
    name = where.rsplit(".", 1)[-1]
    used = calls.get(name)
    return bool(used) and used <= {"match", "fullmatch"}


def adversarial_units(pattern: re.Pattern[str]) -> list[str]:
    """Generic units plus the literal characters of the pattern itself (each repeated)."""
    literal = {c for c in re.sub(r"\\[dDwWsSbB]", "", pattern.pattern) if c.isprintable()}
    return sorted(set(UNITS) | literal)


class Timeout(BaseException):
    """One scan ran past its deadline."""


def _alarm(signum: int, frame: object) -> None:
    raise Timeout


def scan_seconds(
    pattern: re.Pattern[str], text: str, limit: float, *, at_start: bool = False
) -> float:
    """Seconds to find every match in ``text`` (or to match at its start, ``at_start``);
    ``inf`` past ``limit`` (the scan is stopped)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, _alarm) if usable else None
    start = time.perf_counter()
    try:
        if usable:
            signal.setitimer(signal.ITIMER_REAL, limit)
        if at_start:
            pattern.match(text)
        else:
            for _ in pattern.finditer(text):
                pass
    except Timeout:
        return float("inf")
    finally:
        if usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)
    return time.perf_counter() - start


def adversarial(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters, then a character that breaks any match."""
    return (unit * (size // len(unit) + 1))[:size] + "\x00"


PATTERNS = all_patterns()
CALLS = _method_calls()

# Patterns that do backtrack on some 100 KB strings, each with why it is tolerated for
# now. Bounded ones only ever see short text; the others wait for a fix by their owner
# (a file that hits one is stopped by the per-file time limit meanwhile, exit 2).
KNOWN: dict[str, str] = {
    "pmlint.document.time.clocks._WORD_BEFORE_RE": (
        "bounded: searched in the 16 characters before a time"
    ),
    "pmlint.document.time.clocks._REL_PART_RE": "bounded: run on a matched T+ offset",
    "pmlint.document.sections._SPLIT": "bounded: run on normalised titles, whitespace collapsed",
}


def worst_cases() -> list[tuple[float, str, re.Pattern[str], str, bool]]:
    """Every (pattern, unit) screened on short strings, slowest first."""
    screens = []
    for where, pattern in PATTERNS.values():
        if where in KNOWN:
            continue
        at_start = anchored(where, CALLS)
        for unit in adversarial_units(pattern):
            text = adversarial(unit, SCREEN)
            seconds = scan_seconds(pattern, text, FULL_LIMIT, at_start=at_start)
            screens.append((seconds, where, pattern, unit, at_start))
    screens.sort(key=lambda s: s[0], reverse=True)
    return screens


def test_patterns_are_collected() -> None:
    wheres = [where for where, _ in PATTERNS.values()]
    assert len(PATTERNS) > 100
    assert any(w.startswith("pmlint.document.time.") for w in wheres)
    assert any(w.startswith("pmlint.document.loose_text.") for w in wheres)
    assert any(".toml" in w for w in wheres)
    assert any(re.match(r"PM\d{3}\.", w) for w in wheres)
    assert anchored("pmlint.document.loose_text._TIME_START", CALLS)
    assert not anchored("pmlint.document.time.clocks._CLOCK_RE", CALLS)


def test_lazy_patterns_are_collected() -> None:
    """Patterns compiled on first use are scanned like the others."""
    sources = {pattern.pattern for _, pattern in PATTERNS.values()}
    assert LAZY_PATTERNS
    assert all(lazy.pattern in sources for lazy in LAZY_PATTERNS)


def test_known_slow_patterns_still_exist() -> None:
    """An entry of KNOWN whose pattern is gone or renamed must be removed from the list."""
    assert set(KNOWN) <= {where for where, _ in PATTERNS.values()}


def test_no_pattern_backtracks_catastrophically_on_100kb() -> None:
    slow = []
    for _, where, pattern, unit, at_start in worst_cases()[:RERUN]:
        text = adversarial(unit, FULL)
        seconds = scan_seconds(pattern, text, FULL_LIMIT, at_start=at_start)
        if seconds >= FULL_LIMIT:
            how = "match" if at_start else "search"
            slow.append(f"{where}: /{pattern.pattern}/ ({how}) on {unit!r} * {FULL:,}")
    heading = f"patterns that backtrack on 100 KB (over {FULL_LIMIT:g} s):"
    assert not slow, heading + "\n" + "\n".join(slow)


@pytest.mark.parametrize(
    ("pattern", "unit"),
    [(r"(a+)+$", "a"), (r"\[([^\]]*)\]\([^)]*\)", "[")],
    ids=["exponential", "quadratic"],
)
def test_the_check_catches_backtracking(pattern: str, unit: str) -> None:
    compiled = re.compile(pattern)
    assert scan_seconds(compiled, adversarial(unit, FULL), 0.25) == float("inf")


# -- the load-time check of pack patterns (pmlint.packs.regex_safety) ---------------------------

from pmlint.packs.regex_safety import backtracking_problem  # noqa: E402


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a|aa)+$",
        r"(a+)+$",
        r"(\w+\s?)+$",
        r"(x|)*y",
        r"(a*)*b",
        r"\s*\s*$",
        r".*.*=",
        r"(?:ab|a)*c",
    ],
)
def test_backtracking_pack_patterns_are_refused(pattern: str) -> None:
    assert backtracking_problem(pattern) is not None
    # and the refusal is right: each really is slow on some text
    compiled = re.compile(pattern)
    slow = any(
        scan_seconds(compiled, adversarial(unit, 20_000), 0.25) == float("inf")
        for unit in ("a", "ab", "a ", " ", "x", "=")
    )
    assert slow or pattern == r"(x|)*y"  # refused for the empty alternative alone


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:foo|bar)+",
        r"(?:\w+\s)*",
        r"(?:[a-z]+-)*[a-z]+",
        r"(?:\d+,)*\d+$",
        r"(?>a+)+$",
        r"(a++)+$",
        r"\b\d{1,2}:\d{2}\b",
        r"(?<![\w-])on\s+call(?![\w-])",
    ],
)
def test_linear_pack_patterns_are_accepted(pattern: str) -> None:
    assert backtracking_problem(pattern) is None
    compiled = re.compile(pattern)
    # Prose-like text: a run of one character would still cost a scan per start
    # position for a pattern that starts with a repeat (the time limit bounds that).
    for unit in ("word ", "a a ", "1, 2, ", "a-b ", "foo bar "):
        assert scan_seconds(compiled, adversarial(unit, FULL), FULL_LIMIT) < FULL_LIMIT
