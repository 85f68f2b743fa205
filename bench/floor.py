"""The parse floor: read and parse Markdown files with markdown-it-py, on one core.

Usage: ``python bench/floor.py PATH...`` (files, or directories whose ``*.md`` files are
read). Each file is read as bytes, decoded as UTF-8 and parsed to tokens (block and
inline) by markdown-it-py with CommonMark plus tables, which is the least a Python tool
that understands Markdown pays per file. Prints the number of files and tokens.
"""

from __future__ import annotations

import sys
from pathlib import Path

from markdown_it import MarkdownIt


def files_of(arguments: list[str]) -> list[Path]:
    """The files named, with directories expanded to their ``*.md`` files (sorted)."""
    found: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        found.extend(sorted(path.glob("*.md")) if path.is_dir() else [path])
    return found


def main(argv: list[str]) -> int:
    """Parse every file; exit 2 with one line when a file cannot be read."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = 0
    files = files_of(argv)
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            print(f"floor: cannot read {path}: {exc.strerror}", file=sys.stderr)
            return 2
        tokens += len(parser.parse(text))
    print(f"{len(files)} files, {tokens} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
