"""Read front matter: flat YAML, TOML (``+++``) and JSON, into plain key/value pairs.

pmlint needs a handful of metadata values (date, authors, status, severity), so the YAML
reader is deliberately small: ``key: value`` lines, quoted strings, ``[a, b]`` lists and
``- item`` lists under a key. Anything else (nested mappings, block scalars, anchors) is
reported as unsupported, never guessed at.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import msgspec

from pmlint.document.model import FrontMatter
from pmlint.source import Source

if TYPE_CHECKING:
    from pmlint.document.document import Document

from pmlint.lazy_re import LazyPattern
from pmlint.toml_compat import tomllib

_YAML_KEY = LazyPattern(r"(?P<key>[A-Za-z_][\w .-]*?)\s*:(?:\s+(?P<value>.*))?$")
_YAML_ITEM = LazyPattern(r"\s+-\s+(?P<value>.*)$|-\s+(?P<top>.*)$")
_UNSUPPORTED_VALUE = LazyPattern(r"^(?:[|>][+-]?\d*|[&*!]\S*|\{.*)\s*$")


def find_front_matter(source: Source) -> FrontMatter | None:
    """YAML (``---``), TOML (``+++``) or JSON (``{``) front matter on the first line."""
    lines = source.lines
    if not lines:
        return None
    first = lines[0].strip()
    fences = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}
    if first in fences:
        kind, closers = fences[first]
        for index in range(1, min(len(lines), 500)):
            if lines[index].strip() in closers:
                body = "\n".join(lines[1:index])
                if kind == "yaml" and not any(":" in line for line in lines[1:index]):
                    return None
                return FrontMatter(kind, 1, index + 1, body, source.offset(2))  # type: ignore[arg-type]
        return None
    if first == "{":
        for index in range(1, min(len(lines), 500)):
            if lines[index].rstrip() == "}":
                body = "\n".join(lines[: index + 1])
                return FrontMatter("json", 1, index + 1, body, 0)
    return None


class Metadata(msgspec.Struct):
    """What the front matter says: normalised keys to string values, or why it is unreadable.

    ``lines`` maps each key to the 1-based source line it was written on.
    """

    values: dict[str, str] = msgspec.field(default_factory=dict)
    lines: dict[str, int] = msgspec.field(default_factory=dict)
    error: str | None = None
    error_line: int = 1


def normalise_key(key: str) -> str:
    """Lower case, ``_``/``-`` as spaces, single spaces."""
    return " ".join(key.replace("_", " ").replace("-", " ").lower().split())


def _scalar(raw: str) -> str:
    value = raw.strip()
    if value.startswith("#"):
        return ""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return re.sub(r"\s+#.*$", "", value).strip()


def _flow_list(raw: str) -> str | None:
    value = raw.strip()
    if not (value.startswith("[") and value.endswith("]")):
        return None
    inner = value[1:-1]
    if any(ch in inner for ch in "[]{}"):
        return None
    return ", ".join(_scalar(part) for part in inner.split(",") if part.strip())


def _read_yaml(body: str, first_line: int) -> Metadata:
    meta = Metadata()
    current: str | None = None
    items: list[str] = []

    def close() -> None:
        if current is not None and items:
            meta.values[current] = ", ".join(items)

    for index, line in enumerate(body.split("\n")):
        number = first_line + index
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _YAML_ITEM.match(line)
        if item and current is not None and current not in meta.values:
            value = item.group("value") if item.group("value") is not None else item.group("top")
            if ":" in value and not value.strip().startswith(("'", '"')):
                return _unsupported(meta, number, "a list of mappings")
            items.append(_scalar(value))
            continue
        if line[:1].isspace():
            return _unsupported(meta, number, "nested keys")
        match = _YAML_KEY.match(line)
        if not match:
            return _unsupported(meta, number, f"the line {line.strip()[:40]!r}")
        close()
        items = []
        current = normalise_key(match.group("key"))
        meta.lines[current] = number
        raw = match.group("value") or ""
        if _UNSUPPORTED_VALUE.match(raw.strip()):
            return _unsupported(meta, number, "block scalars, anchors and inline mappings")
        flow = _flow_list(raw)
        if raw.strip().startswith("[") and flow is None:
            return _unsupported(meta, number, "nested lists")
        if raw.strip():
            meta.values[current] = flow if flow is not None else _scalar(raw)
    close()
    return meta


def _unsupported(meta: Metadata, line: int, what: str) -> Metadata:
    meta.error = (
        f"the YAML front matter uses {what} (line {line}), which pmlint does not read; "
        "write flat `key: value` lines"
    )
    meta.error_line = line
    return meta


def _flatten(data: dict[str, object], lines: dict[str, int], line: int) -> Metadata:
    meta = Metadata()
    for key, value in data.items():
        name = normalise_key(str(key))
        if isinstance(value, dict):
            meta.error = (
                f"the front matter nests values under {key!r}, which pmlint does not read; "
                "use flat keys"
            )
            meta.error_line = lines.get(name, line)
            return meta
        if isinstance(value, list):
            # Only scalars: str() of a nested list recurses as deep as the nesting.
            meta.values[name] = ", ".join(str(v) for v in value if not isinstance(v, (dict, list)))
        else:
            meta.values[name] = str(value)
        meta.lines[name] = lines.get(name, line)
    return meta


def _key_lines(body: str, first_line: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, line in enumerate(body.split("\n")):
        match = re.match(r'\s*"?([A-Za-z_][\w .-]*?)"?\s*[:=]', line)
        if match:
            found.setdefault(normalise_key(match.group(1)), first_line + index)
    return found


def read_front_matter(front: FrontMatter) -> Metadata:
    """Parse detected front matter; ``error`` is set when it cannot be read faithfully."""
    first_line = front.start_line + (0 if front.kind == "json" else 1)
    if front.kind == "yaml":
        return _read_yaml(front.body, first_line)
    lines = _key_lines(front.body, first_line)
    import json  # here, not at start-up: only JSON front matter needs it

    try:
        data = tomllib.loads(front.body) if front.kind == "toml" else json.loads(front.body)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        meta = Metadata(error=f"the {front.kind.upper()} front matter is invalid: {exc}")
        meta.error_line = front.start_line
        return meta
    except RecursionError:  # the parsers recurse once per level of nesting
        return Metadata(
            error=f"the {front.kind.upper()} front matter nests values too deeply to read; "
            "use flat keys",
            error_line=front.start_line,
        )
    if not isinstance(data, dict):
        return Metadata(error="the front matter is not a set of keys", error_line=first_line)
    return _flatten(data, lines, first_line)


class MetaValue(msgspec.Struct, frozen=True):
    """One metadata value and where it is written."""

    key: str
    value: str
    start: int
    end: int
    origin: str  # "front matter" or "header"


class DocumentMetadata(msgspec.Struct):
    """Metadata of a document: front matter first, then ``Label: value`` lines and
    two-column ``| Label | value |`` rows outside the timeline."""

    entries: dict[str, MetaValue] = msgspec.field(default_factory=dict)
    error: str | None = None
    error_line: int = 1

    def get(self, name: str) -> MetaValue | None:
        """The value written under ``name`` (any case, ``_``/``-`` or spaces)."""
        entry = self.entries.get(normalise_key(name))
        return entry if entry and entry.value.strip() else None


@functools.lru_cache(maxsize=4)
def find_metadata(doc: Document) -> DocumentMetadata:
    """Collect the metadata of ``doc`` (cached for the few rules that read it)."""
    found = DocumentMetadata()
    if doc.front_matter is not None:
        meta = read_front_matter(doc.front_matter)
        found.error, found.error_line = meta.error, meta.error_line
        for key, value in meta.values.items():
            line = meta.lines.get(key, doc.front_matter.start_line)
            start = doc.source.offset(line, 1)
            found.entries[key] = MetaValue(
                key, value, start, doc.source.line_end(line), "front matter"
            )
    timeline = {id(b) for b in doc.blocks_in("timeline")}
    for item in doc.fields:
        if id(item.block) not in timeline:
            key = normalise_key(item.label)
            found.entries.setdefault(
                key, MetaValue(key, item.value, item.label_start, item.value_end, "header")
            )
    _heading_fields(doc, found)
    for block in doc.blocks:
        if block.kind == "table_row" and len(block.cells) == 2 and id(block) not in timeline:
            label, value = block.cells
            key = normalise_key(label.text.strip("*_ :"))
            if key and not any(ch.isdigit() for ch in key):
                found.entries.setdefault(
                    key, MetaValue(key, value.text, label.start, value.end, "header")
                )
    return found


_HEADING_FIELD_WORDS = 2  # "## Date", "## Authors", "## Status": a field name, not a section
_HEADING_FIELD_BLOCKS = 6


def _heading_fields(doc: Document, found: DocumentMetadata) -> None:
    """A short heading whose content is its value (``## Date`` then ``2015-10-21``)."""
    for section in doc.sections:
        if section.heading is None or section.keys or not section.blocks:
            continue
        title = section.title.strip("*_ :")
        if not 0 < len(title.split()) <= _HEADING_FIELD_WORDS:
            continue
        blocks = [b for b in section.blocks if b.kind in ("paragraph", "list_item")]
        if not blocks:
            continue
        value = ", ".join(b.plain.strip().split("\n")[0] for b in blocks[:_HEADING_FIELD_BLOCKS])
        key = normalise_key(title)
        found.entries.setdefault(
            key, MetaValue(key, value, section.heading.start, blocks[0].end, "header")
        )
