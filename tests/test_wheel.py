"""The wheel ships the declarative data (rules/ as pmlint/_packs) and runs from it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_data_and_lints_from_it(tmp_path: Path) -> None:
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=False,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("pmlint-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "pmlint/_packs/sections.toml" in names
    assert "pmlint/_packs/profiles/default.toml" in names
    assert "pmlint/_packs/content.toml" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    probe = "import pmlint.data as d; print(d.data_dir().as_posix())"
    env_path = str(target)
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip().endswith("pmlint/_packs")
    doc = tmp_path / "empty.md"
    doc.write_text("", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pmlint", "--output-format", "concise", str(doc)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 1, run.stderr
    assert "PM101" in run.stdout
