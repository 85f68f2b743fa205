"""Addresses that are a login at a host, not a mailbox (PM604): "ssh deploy@bastion",
"git@github.com:org/repo"."""

from __future__ import annotations

__all__ = ["is_login"]

_LOGIN_COMMANDS = frozenset({"ssh", "scp", "sftp", "mosh", "rsync", "ssh-copy-id"})
_LOGIN_LOOKBACK = 4  # words before the address where its command may be ("ssh -p 2222 x@y")


def is_login(text: str, start: int, end: int) -> bool:
    """Whether the address at ``[start, end)`` is a login at a host, not a mailbox: an
    scp-style remote (``git@github.com:org/repo``) or an argument of ``ssh``, ``scp`` and
    the like (``ssh deploy@bastion.corp.net``, ``ssh -p 2222 root@db1.corp.net``)."""
    if text[end : end + 1] == ":" and text[end + 1 : end + 2] not in ("", " ", "\t", "\n"):
        return True
    line = text[text.rfind("\n", 0, start) + 1 : start]
    words = [w.strip("`*_(").lower() for w in line.split()[-_LOGIN_LOOKBACK:]]
    return any(w in _LOGIN_COMMANDS for w in words)
