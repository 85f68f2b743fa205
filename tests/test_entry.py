"""The ``pmlint`` command's entry: the collector is on while the command runs, and what
start-up made is frozen (never traced again)."""

from __future__ import annotations

import gc
import subprocess
import sys
from importlib.metadata import entry_points

import pytest

import pmlint.__main__ as entry
import pmlint.cli


def test_the_command_is_this_entry() -> None:
    (script,) = entry_points(group="console_scripts", name="pmlint")
    assert script.value == "pmlint.__main__:main"


def test_start_up_is_frozen_and_the_run_collects(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bool, int]] = []

    def command_line() -> None:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        raise SystemExit(3)

    monkeypatch.setattr(pmlint.cli, "main", command_line)
    gc.unfreeze()
    try:
        with pytest.raises(SystemExit) as exit_info:
            entry.main()
        frozen_after = gc.get_freeze_count()
    finally:
        gc.unfreeze()
        gc.enable()
    assert exit_info.value.code == 3  # the command's exit code goes through
    ((enabled, frozen),) = seen
    assert enabled
    assert frozen > 1000  # the modules and functions of start-up
    assert frozen_after >= frozen


def test_python_m_pmlint_runs_the_command() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pmlint", "--version"], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0
    assert run.stdout.startswith("pmlint")


def test_a_bug_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def command_line() -> None:
        raise KeyError("renderer")

    monkeypatch.setattr(pmlint.cli, "main", command_line)
    try:
        with pytest.raises(SystemExit) as exit_info:
            entry.main()
    finally:
        gc.unfreeze()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err == "pmlint: error: internal error (KeyError: 'renderer'); please report this\n"
