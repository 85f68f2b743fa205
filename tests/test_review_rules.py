"""Helpers of the review rules: owners, tickets, blame, IPs, secrets, cards, metadata values."""

from __future__ import annotations

import pytest

from conftest import codes, lint_text
from pmlint.checks.actions import ActionItem, has_owner, has_tracking, is_done
from pmlint.checks.blame import blame_in
from pmlint.checks.language import luhn_valid, public_ip, shannon_entropy
from pmlint.checks.metadata import InvalidMetadataValue
from pmlint.document.model import Block


def _item(text: str, checked: bool | None = None) -> ActionItem:
    block = Block("list_item", 0, len(text), text, 1, 1, checked=checked)
    return ActionItem(block, [])


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Add an alert @dana", True),
        ("Add an alert (owner: storage team)", True),
        ("Owner: Priya - add an alert", True),
        ("Assigned to: Lee", True),
        ("Add an alert, mail ops@example.com", False),
        ("Add an alert for the owner table", False),
    ],
)
def test_owner(text: str, owner: bool) -> None:
    assert has_owner(_item(text)) is owner


@pytest.mark.parametrize(
    ("text", "tracked"),
    [
        ("Add an alert (OPS-12)", True),
        ("Add an alert, see #482", True),
        ("Add an alert https://github.com/acme/app/issues/9", True),
        ("Add an alert https://acme.atlassian.net/browse/OPS-12", True),
        ("Add an alert, due 2024-08-15", True),
        ("Add an alert by March 3, 2025", True),
        ("Add an alert in Q3 2024", True),
        ("Add an alert https://grafana.example.com/d/abc", False),
        ("Add an alert on HTTP 500s", False),
        ("Add an alert for utf-8 errors", False),
    ],
)
def test_tracking(text: str, tracked: bool) -> None:
    assert has_tracking(_item(text)) is tracked


def test_done_items() -> None:
    assert is_done(_item("Roll back", checked=True))
    assert is_done(_item("DONE: roll back"))
    assert is_done(_item("~~Roll back~~"))
    assert not is_done(_item("Roll back", checked=False))


@pytest.mark.parametrize(
    "sentence",
    [
        "John forgot to renew the certificate.",
        "It was the intern's mistake.",
        "The deploy happened with the SRE being hungover.",
        "The developers were careless with the config.",
        "The admin failed to check the dashboard.",
    ],
)
def test_blame(sentence: str) -> None:
    assert blame_in(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Alice paged the on-call at 10:05.",
        "The engineer rolled back the release.",
        "Nginx failed to start after the change.",
        "The alert was fired to the payments team.",
        "I forgot to restart Apache after editing the file.",
        "Our team dropped the ball on this one.",
        "The Monday deploy failed to finish.",
    ],
)
def test_no_blame(sentence: str) -> None:
    assert blame_in(sentence) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("## Root cause\n\nHuman error.\n", True),
        ("## Root cause\n\nThis was not human error.\n", False),
        ("## Root cause\n\nIt wasn't operator error but a missing guard.\n", False),
        ("## Summary\n\nHuman error.\n", False),
        ("## What went wrong\n\nAn operator mistakenly removed the pool.\n", True),
    ],
)
def test_human_error_only_in_root_cause(text: str, found: bool) -> None:
    assert ("PM602" in codes(lint_text(text))) is found


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "192.168.0.1",
        "172.16.0.1",
        "172.31.255.1",
        "127.0.0.1",
        "192.0.2.1",
        "198.51.100.1",
        "203.0.113.1",
        "::1",
        "2001:db8::1",
        "fe80::1",
        "not-an-ip",
    ],
)
def test_private_and_documentation_ips_are_fine(address: str) -> None:
    assert not public_ip(address)


def test_public_ip() -> None:
    assert public_ip("8.8.8.8") and public_ip("172.32.0.1") and public_ip("2606:4700::1111")


def test_luhn_and_entropy() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert shannon_entropy("Zx81kLq0vP2mWn7RtY4bHs9d") > 4 > shannon_entropy("passwordpassword")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("SEV2", True),
        ("sev 2", True),
        ("**P1**", True),
        ("Complete, items open", True),
        ("Final (reviewed)", True),
        ("kinda done", False),
        ("SEV9", False),
    ],
)
def test_allowed_metadata_values(value: str, ok: bool) -> None:
    allowed = ["sev2", "sev 2", "p1", "complete", "final"]
    assert InvalidMetadataValue._allowed(value, allowed) is ok


def test_rule_options_validated() -> None:
    with pytest.raises(ValueError, match="extra"):
        lint_text(
            "# x\n",
            rules={"invalid-metadata-value": {"colours": ["red"]}},
            **{"extend-select": ["PM702"]},
        )


def test_removing_repeated_blocks_keeps_unique_text_between_them() -> None:
    from pmlint.fix import apply_fixes_to_text
    from pmlint.source import decode

    first = "The nightly export wrote every row twice into the warehouse staging table."
    second = "The dedupe step was skipped because its feature flag was switched off."
    unique = "Only the March partitions were affected."
    text = f"# Summary\n\n{first}\n\n{second}\n\n## Notes\n\n{first}\n\n{unique}\n\n{second}\n"
    findings = [f for f in lint_text(text) if f.code == "PM401"]
    assert len(findings) == 1
    fixed, _ = apply_fixes_to_text(decode(text.encode(), "doc.md"), [findings[0].fix])
    assert unique in fixed
    assert fixed.count(first) == 1 and fixed.count(second) == 1
