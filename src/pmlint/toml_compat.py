"""The TOML parser: the standard ``tomllib`` on Python 3.11+, its ``tomli`` backport before.

Import it as ``from pmlint.toml_compat import tomllib`` so the version check lives in one place.
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["tomllib"]
