"""A document written to each vendor template passes its own profile, with its extra rules on."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, codes, lint_text
from pmlint.cli import main

TEMPLATES = FIXTURES / "templates"
# The catalog's "extra rules on" per profile.
EXTRA = {
    "google": {"PM502", "PM503", "PM603", "PM701"},
    "pagerduty": {"PM502", "PM503", "PM603"},
    "atlassian": {"PM502", "PM503", "PM701"},
}


@pytest.mark.parametrize("profile", sorted(EXTRA))
def test_template_passes_its_profile(profile: str) -> None:
    path = TEMPLATES / f"{profile}.md"
    result = CliRunner().invoke(
        main, ["check", "--profile", profile, "--output-format", "concise", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "All checks passed!"


@pytest.mark.parametrize("profile", sorted(EXTRA))
def test_template_passes_as_subprocess(profile: str) -> None:
    path = TEMPLATES / f"{profile}.md"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmlint",
            "--profile",
            profile,
            "--output-format",
            "json",
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "[]"


# Edits to each template that break exactly the extra rules of its profile.
BREAK = {
    "google": [
        ("| mitigate | @priya | SRCH-217 |", "| mitigate |  |  |"),
        ("- 14:31 Lin sees", "- 14:31 Lin, who could have checked sooner, sees"),
        ("**Date:** 2024-03-12\n", ""),
    ],
    "pagerduty": [
        (" (owner: @omar, NOTIF-90)", ""),
        ("| 09:49 | Omar finds", "| 09:49 | Omar, who could have looked sooner, finds"),
    ],
    "atlassian": [
        ("| Hana Sato | IDN-303 |", "|  |  |"),
        ("| Date | 2024-09-18 |\n", ""),
    ],
}


@pytest.mark.parametrize("profile", sorted(EXTRA))
def test_profile_turns_on_extra_rules(profile: str) -> None:
    """The profile enables its extra rules, and breaking the template makes them fire."""
    text = (TEMPLATES / f"{profile}.md").read_text(encoding="utf-8")
    for old, new in BREAK[profile]:
        assert old in text
        text = text.replace(old, new)
    found = codes(lint_text(text, path=f"{profile}.md", profile=profile))
    assert found == EXTRA[profile]
    assert codes(lint_text(text, path=f"{profile}.md")) == set(), "off in the default profile"
