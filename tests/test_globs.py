"""Config globs: gitignore-style meaning, bad classes refused, and linear matching time."""

from __future__ import annotations

import re
import time

import pytest

from pmlint.globs import compile_glob, matches

ROOT = "/repo"


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.md", "/repo/a/b.md", True),
        ("*.md", "/repo/a/b.txt", False),
        ("drafts", "/repo/x/drafts/pm.md", True),
        ("docs/*.md", "/repo/docs/a.md", True),
        ("docs/*.md", "/repo/docs/old/a.md", False),
        ("docs/*.md", "/repo/other/docs/a.md", False),
        ("docs/**/*.md", "/repo/docs/a/b/c.md", True),
        ("docs/**/*.md", "/repo/docs/c.md", True),
        ("**/old", "/repo/a/b/old/pm.md", True),
        ("[!a]*.md", "/repo/b.md", True),
        ("[!a]*.md", "/repo/a.md", False),
        ("pm-?.md", "/repo/pm-1.md", True),
        ("pm-?.md", "/repo/pm-10.md", False),
        ("*draft*", "/repo/x/my-draft-1.md", True),
        ("a**b.md", "/repo/axxb.md", True),  # ``**`` inside a segment is ``*``
        ("a**b.md", "/repo/a/x/b.md", False),
    ],
)
def test_glob_meaning(pattern: str, path: str, expected: bool) -> None:
    assert matches([pattern], ROOT, path) is expected


def test_the_root_directory_name_is_literal() -> None:
    assert matches(["*.md"], "/we[ir]d*", "/we[ir]d*/pm.md")
    assert not matches(["*.md"], "/we[ir]d*", "/wid/pm.md")


def test_a_bad_character_class_is_an_error() -> None:
    with pytest.raises(re.error):
        compile_glob("[z-a].md", ROOT)


def test_many_double_stars_on_a_deep_path_are_fast() -> None:
    deep = ROOT + "/" + "/".join(["d"] * 3000) + "/pm.md"
    started = time.perf_counter()
    assert not matches(["**/" * 10 + "x.md"], ROOT, deep)
    assert matches(["**/" * 10 + "pm.md"], ROOT, deep)
    assert not matches(["*a*a*a*a*a*a*a*a*b"], ROOT, ROOT + "/" + "a" * 200)
    # A hang guard (the old matcher took minutes), not a speed figure.
    assert time.perf_counter() - started < 10.0
