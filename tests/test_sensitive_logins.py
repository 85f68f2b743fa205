"""PM604: a login at a host (an argument of ``ssh``/``scp``, an scp-style git remote) is
not a published mailbox; an address in prose still is."""

from __future__ import annotations

import pytest

from conftest import lint_text


def _emails(line: str) -> list[str]:
    doc = f"# Outage\n\n## Timeline\n\n- 10:00 {line}\n"
    return [f.message for f in lint_text(doc, select=["PM604"]) if "email address" in f.message]


@pytest.mark.parametrize(
    "line",
    [
        "We ran ssh deploy@bastion.corp-net.io to reach the host.",
        "We ran `ssh -p 2222 root@db1.corp-net.io` on the jump box.",
        "A copy went out with scp -r backup@store.corp-net.io over the VPN.",
        "Sync with rsync -az mirror@files.corp-net.io finished late.",
        "The runner cloned git@github.com:acme/infra.git again.",
        "Pushed to git@gitlab.corp-net.io:platform/cache.git by the job.",
    ],
)
def test_a_login_at_a_host_is_not_an_email(line: str) -> None:
    assert _emails(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "The customer jane.roe@mailbox-corp.io reported failed payments.",
        "Write to jane.roe@mailbox-corp.io: she owns the report.",
        "The ssh keys were handed over and then mailed to jane.roe@mailbox-corp.io today.",
        "Ask jane.roe@mailbox-corp.io about the ssh bastion.",
    ],
)
def test_an_address_in_prose_is_still_an_email(line: str) -> None:
    assert len(_emails(line)) == 1
