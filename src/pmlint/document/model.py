"""The document model's data types: blocks, sections, fields, front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

import msgspec

from pmlint.document.lazy import lazy
from pmlint.lazy_re import LazyPattern

BlockKind = Literal["paragraph", "list_item", "table_row", "code", "heading"]

# Neither part may contain its own opening character, so a failed match stops at the
# next "<" or "[": linear on "<<<<" and on "[a](" repeated.
_TAG = re.compile(r"<[^<>]*>")
_INLINE_CODE = LazyPattern(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\[\]\n]*\)")
# A template slot filled with a time, a date or an offset: "[17:18]", "[2024-01-20]",
# "[10:05 AM]", "[GMT+2]" (never a link's text: no "(" after it)
_FILLED_VALUE = re.compile(
    r"\[(\d{1,4}(?:[:/.\-]\d{1,4}){1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?(?: ?[AaPp]\.?[Mm]\.?)?"
    r"|(?:UTC|GMT) ?[+\-\u2212] ?\d{1,2}(?::?\d{2})?)\](?!\()"
)
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|~~|`)")
_ENTITY = LazyPattern(r"&(amp|lt|gt|quot|nbsp|#39);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "nbsp": " ", "#39": "'"}
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_TOKEN = re.compile(r"[\w-]+")


# On ASCII text a word character is a letter, a digit or "_": everything else becomes a
# space, and ``split`` finds the same runs as the patterns (in a fraction of the time).
# Case folding ASCII is lowering, done by the same table for the words. The tables are
# for ``bytes.translate`` of the text encoded (a look-up per byte; ``str.translate`` asks
# a dictionary per character, some 40% slower on a line).
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_LOWER_SPACE_ALL_BUT_TOKENS = bytes(
    ord(chr(i).lower() if chr(i) in _ASCII_WORD or chr(i) == "-" else " ") for i in range(128)
) + bytes(128)
_SPACE_ALL_BUT_WORDS = bytes(
    ord(chr(i) if chr(i) in _ASCII_WORD else " ") for i in range(128)
) + bytes(128)


def words_of(text: str) -> frozenset[str]:
    r"""The case-folded words of ``text`` (runs of letters, digits, ``_`` and ``-``).

    A whole-word pattern of a word list, bounded by ``(?<![\w-])``/``(?![\w-])`` with
    whitespace between its words, can match only where every word of its phrase is here:
    rules test this set before running the pattern.
    """
    if text.isascii():  # case folding is lowering; the runs are what split leaves
        return frozenset(text.encode().translate(_LOWER_SPACE_ALL_BUT_TOKENS).decode().split())
    return frozenset(_TOKEN.findall(text.casefold()))


_WORD_CHARS = re.compile(r"\w+")  # what is left between punctuation, bullets and whitespace
_URL = re.compile(r"https?://\S+|www\.\S+")


def _has_emphasis(text: str) -> bool:
    """Whether ``text`` holds a character :data:`_EMPHASIS` starts with."""
    return "*" in text or "_" in text or "~" in text or "`" in text


def plain_text(raw: str) -> str:
    """Markdown and HTML reduced to the words a reader sees (links keep their text).

    Each substitution runs only when its opening character is in the text.
    """
    text = _TAG.sub(" ", raw) if "<" in raw else raw
    text = _LINK.sub(r"\1", text) if "[" in text else text
    text = _EMPHASIS.sub("", text) if _has_emphasis(text) else text
    return _ENTITY.sub(lambda m: _ENTITIES[m.group(1)], text) if "&" in text else text


def _unbracket(m: re.Match[str]) -> str:
    return f" {m.group(1)} "


def mask_markup(raw: str) -> str:
    """``raw`` with HTML tags, emphasis markers and the square brackets of a filled-in
    template value ("from [17:18] to [18:19] in [GMT+2]") blanked to spaces (same length).

    Regular expressions run on the masked text find words as a reader sees them,
    and their match offsets are still offsets into ``raw``.
    """
    masked = _TAG.sub(lambda m: " " * len(m.group(0)), raw) if "<" in raw else raw
    if "[" in masked:
        masked = _FILLED_VALUE.sub(_unbracket, masked)
    if not _has_emphasis(masked):
        return masked
    return _EMPHASIS.sub(lambda m: " " * len(m.group(0)), masked)


def _repr_without(record: msgspec.Struct, left_out: tuple[str, ...]) -> str:
    """``Name(field=value, ...)`` without the ``left_out`` fields: those that point back
    up or down the section tree, whose repr would never end."""
    shown = ", ".join(
        f"{name}={getattr(record, name)!r}"
        for name in record.__struct_fields__
        if name not in left_out
    )
    return f"{type(record).__name__}({shown})"


def normalise_for_duplicates(text: str) -> str:
    """Lower case, no URLs, punctuation, bullets or repeated whitespace: the runs of word
    characters, one space between them."""
    text = text.lower()
    if "://" in text or "www." in text:  # every URL _URL matches holds one of these
        text = _URL.sub(" ", text)
    if text.isascii():  # the runs of word characters are what split leaves
        return " ".join(text.encode().translate(_SPACE_ALL_BUT_WORDS).decode().split())
    return " ".join(_WORD_CHARS.findall(text))


class Cell(msgspec.Struct, eq=False):
    """One table cell: its text (trimmed) and its offsets in the source."""

    text: str
    start: int
    end: int


class Block(msgspec.Struct, eq=False, dict=True):
    """A paragraph, list item, table row, code block or heading, with its exact span.

    ``text`` is the source slice ``[start, end)`` (for a list item, from after its
    marker), so a match at index ``i`` of ``text`` is at source offset ``start + i``.
    Blocks compare and hash by identity; the ``__dict__`` holds the :func:`lazy` views.
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    line: int
    end_line: int
    depth: int = 0
    marker: str | None = None
    checked: bool | None = None
    cells: tuple[Cell, ...] = ()
    header: bool = False
    table: int | None = None
    column_names: tuple[str, ...] = ()
    section: Section | None = None

    def __repr__(self) -> str:
        return _repr_without(self, ("section",))

    @lazy
    def plain(self) -> str:
        """The block's text as a reader sees it (no markup)."""
        return plain_text(self.text)

    @lazy
    def masked(self) -> str:
        """The block's text with markup blanked to spaces (offsets preserved)."""
        return mask_markup(self.text)

    @lazy
    def normalised(self) -> str:
        """:attr:`plain` as duplicates are compared (:func:`normalise_for_duplicates`)."""
        return normalise_for_duplicates(self.plain)

    @lazy
    def words(self) -> frozenset[str]:
        """The token index of :attr:`masked`: its case-folded words (see :func:`words_of`)."""
        return words_of(self.masked)

    @lazy
    def word_count(self) -> int:
        """Number of words in :attr:`plain`."""
        return len(_WORD.findall(self.plain))

    @lazy
    def inline_code(self) -> list[tuple[int, int]]:
        """The ``[start, end)`` spans (in :attr:`text`) of inline code written on one line."""
        return [m.span() for m in _INLINE_CODE.finditer(self.text)] if "`" in self.text else []

    def column_at(self, offset: int) -> str | None:
        """The name of the column whose cell holds source ``offset``, for a table row."""
        for name, cell in zip(self.column_names, self.cells, strict=False):
            if cell.start <= offset < cell.end:
                return name
        return None

    def cell(self, column: str) -> Cell | None:
        """The cell under the named column (case-insensitive), for a table row."""
        wanted = column.lower()
        for name, cell in zip(self.column_names, self.cells, strict=False):
            if name.lower() == wanted:
                return cell
        return None


class Section(msgspec.Struct, eq=False):
    """A part of the document under one heading (or the root, level 0, before any).

    Sections compare and hash by identity."""

    title: str
    keys: frozenset[str]
    level: int
    style: Literal["root", "atx", "setext", "html", "bold", "label", "centred"]
    heading: Block | None = None
    parent: Section | None = None
    children: list[Section] = msgspec.field(default_factory=list)
    blocks: list[Block] = msgspec.field(default_factory=list)
    end_line: int = 0

    def __repr__(self) -> str:
        return _repr_without(self, ("parent", "children", "blocks"))

    @property
    def line(self) -> int:
        """The line of the heading (1 for the root)."""
        return self.heading.line if self.heading else 1

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self) -> Iterator[Block]:
        """Blocks of this section and its descendants, in document order."""
        for section in self.walk():
            yield from section.blocks

    def is_empty(self) -> bool:
        """True when there is no block and no subsection under the heading."""
        return not self.blocks and not self.children


class Field(msgspec.Struct, frozen=True):
    """A ``Label: value`` line (or ``**Label:** value``), with the spans of both parts.

    Two fields are equal when their text and spans are: the block they are in is not
    compared (nor shown in the repr)."""

    label: str
    key: str
    value: str
    label_start: int
    value_start: int
    value_end: int
    block: Block

    def _compared(self) -> tuple[str, str, str, int, int, int]:
        return (
            self.label,
            self.key,
            self.value,
            self.label_start,
            self.value_start,
            self.value_end,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Field) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        return _repr_without(self, ("block",))


class FrontMatter(msgspec.Struct, frozen=True):
    """A front-matter block at the top of the file: its kind, lines and raw body."""

    kind: Literal["yaml", "toml", "json"]
    start_line: int
    end_line: int
    body: str
    body_start: int
