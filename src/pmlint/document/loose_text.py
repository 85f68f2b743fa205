"""Read loose text line by line: section labels, bullets, fields and one-event lines.

Every paragraph, and every indented block that CommonMark would call code, goes
through one line classifier that recognises the shapes of loose text: section labels
(``Timeline:``), bold pseudo-headings, ``•`` bullets, ``Label: value`` fields and
one-event-per-line timeline lines.
"""

from __future__ import annotations

import re

import msgspec

from pmlint.document.model import plain_text
from pmlint.document.parsed import PSEUDO_LEVEL, BlockSink
from pmlint.lazy_re import LazyPattern

BULLET = re.compile(
    r"(?P<indent>[ \t]*)"
    r"(?P<marker>[•◦▪●·‣∙○■□➢➤►▸✓✔-]|[*+](?=[ \t])|\d{1,3}[.)]|[a-zA-Z][.)](?=[ \t]))"
    r"[ \t]+(?P<box>\[[ xX]\][ \t]+)?(?=\S)"
)
_LOOSE_BULLET = re.compile(r"(?P<indent>[ \t]*)(?P<marker>[•◦▪●·‣∙○■□➢➤►▸✓✔])[ \t]*(?=\S)")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|(?=[^#\s]))(?=\S)")
_TIME_START = re.compile(
    r"[ \t>*_-]*(?:\d{1,2}:\d{2}|\d{1,2}\s?[ap]\.?m\b|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}"
    r"|T\+|\+\d{1,2}:\d{2})",
    re.IGNORECASE,
)
_FIELD_LINE = re.compile(r"[ \t]*([A-Z][A-Za-z'’/&() -]{0,40}?)[ \t]*:[ \t]*(?=\S)(?!//)")
_BLOCKQUOTE = LazyPattern(r"\A[ \t]*(?:>[ \t]?)+")
_TAGS = re.compile(r"<[^<>]*>")
_EMPHASISED = re.compile(r"(\*\*|__)(.+?)\1[:;]?")
_MAX_LABEL_WORDS = 8
_SUBTITLE_WORDS = 4  # extra words allowed after a label's colon ("Timeline: Minute By Minute")
_CENTRED_INDENT = 12  # a title centred with spaces, not an indented list or code
_MINOR_WORDS = frozenset(
    {"and", "of", "the", "to", "in", "for", "a", "an", "on", "at", "by", "with", "&"}
)


def _is_title_case(title: str, max_words: int = 5) -> bool:
    """A short line whose words all start with a capital (or are ALL CAPS)."""
    title = title.strip()
    words = title.split()
    if not 1 <= len(words) <= max_words or not title[-1:].isalnum():
        return False
    return all(w[:1].isupper() or w in _MINOR_WORDS for w in words)


def _from_first_letter(title: str) -> str:
    """``title`` from its first letter or digit on (an emoji or symbol before it dropped)."""
    if title[:1].isalnum():  # nearly always: nothing to drop
        return title
    return title[next((i for i, c in enumerate(title) if c.isalnum()), 0) :]


class _OpenBlock(msgspec.Struct):
    """The paragraph or item being collected from consecutive lines."""

    kind: str
    start: int
    depth: int
    first: int
    last: int
    marker: str | None = None
    checked: bool | None = None


class LooseText(BlockSink):
    """The loose-text reader: classifies each line of a paragraph into blocks and labels."""

    def classify_label(self, line: str) -> tuple[str, str] | None:
        """``(title, style)`` when a line is a section label, else None.

        A label is a bold-only line naming a section (``**Timeline**``), or a
        plain line that is exactly a section alias, with or without a colon.
        """
        body = _BLOCKQUOTE.sub("", line, count=1) if line.lstrip().startswith(">") else line
        stripped = body.strip()
        if not stripped or len(stripped) > 120:
            return None
        visible = plain_text(stripped).strip()
        if visible.endswith(";") and stripped.endswith(";"):
            # "**Timeline**;": a bold label with a semicolon for its colon
            visible = visible[:-1] if _EMPHASISED.fullmatch(_TAGS.sub("", stripped)) else visible
        subtitled = ":" in visible.rstrip(":")
        limit = _MAX_LABEL_WORDS + (_SUBTITLE_WORDS if subtitled else 0)
        if not visible or len(visible.split()) > limit:
            return None
        title = visible.rstrip(":").strip()
        if not title or visible.count(":") > 1 or visible.endswith((".", ",", ";")):
            return None
        if stripped.startswith("![") or (stripped.startswith("[") and "](" in stripped):
            return None  # an image or a link on its own line, not a section label
        if _EMPHASISED.fullmatch(_TAGS.sub("", stripped)):
            return (title, "bold") if self.registry.keys_for(title, heading=True) else None
        cased = _from_first_letter(title)  # "🕰️ Timeline": the emoji has no case
        if (visible.endswith(":") or cased[:1].isupper()) and self.registry.is_alias(title):
            return title, "label"
        if self.registry.subtitled_alias(title) and _is_title_case(
            title.split(":", 1)[1], max_words=_MAX_LABEL_WORDS
        ):
            return title, "label"
        if (
            not visible.endswith(":")
            and _is_title_case(cased)
            and self.registry.keys_for(title, heading=True)
        ):
            return title, "label"
        return None

    def loose_lines(self, indices: range, *, base_depth: int = 0, indented: bool = False) -> None:
        """Classify each line of a paragraph (or indented block) of loose text."""
        current: _OpenBlock | None = None
        after_heading = False  # a "- item" right under a label line starts a list too
        lines = self.source.lines
        starts = self.source.line_starts  # a line's offset (``source.offset(index + 1)``)
        for index in indices:
            line = lines[index]
            if not line.strip():
                current = self._flush(current)
                continue
            quoted = _BLOCKQUOTE.match(line) if line.lstrip().startswith(">") else None
            body_offset = quoted.end() if quoted else 0
            body = line[body_offset:]
            start = starts[index] + body_offset
            bullet = _LOOSE_BULLET.match(body) or (
                BULLET.match(body)
                if indented or current or index == indices.start or after_heading
                else None
            )
            after_heading = False
            heading = self._line_heading(body, bulleted=bullet is not None)
            if heading is None and indented and self._is_centred_title(index, line):
                heading = (line.strip().rstrip(":").strip(), PSEUDO_LEVEL, "centred")
            if heading is not None:
                current = self._flush(current)
                self.heading(start, self.source.line_end(index + 1), *heading)
                after_heading = True
                continue
            if bullet:
                self._flush(current)
                box = bullet.groupdict().get("box")
                current = _OpenBlock(
                    "list_item",
                    start + bullet.end(),
                    base_depth + len(bullet.group("indent").expandtabs(4)) // 4,
                    index,
                    index,
                    bullet.group("marker"),
                    (box.strip()[1] in "xX") if box else None,
                )
                continue
            starts_entry = _TIME_START.match(body) is not None or _FIELD_LINE.match(body)
            if current is not None and not (indented or starts_entry):
                current.last = index
                continue
            self._flush(current)
            kind = "list_item" if indented else "paragraph"
            lead = len(body) - len(body.lstrip())
            current = _OpenBlock(kind, start + lead, base_depth, index, index)
        self._flush(current)

    def _line_heading(self, body: str, *, bulleted: bool) -> tuple[str, int, str] | None:
        """``(title, level, style)`` when the line is a ``#`` heading or a section label."""
        atx = _ATX.match(body)
        if atx:
            return body[atx.end() :].strip().rstrip("#").strip(), len(atx.group(1)), "atx"
        label = None if bulleted else self.classify_label(body)
        return (label[0], PSEUDO_LEVEL, label[1]) if label else None

    def _is_centred_title(self, index: int, line: str) -> bool:
        """A short line indented far (centred by hand) and standing alone between blanks."""
        lines = self.source.lines
        alone = all(
            not (0 <= n < len(lines)) or not lines[n].strip() for n in (index - 1, index + 1)
        )
        indent = len(line.expandtabs(4)) - len(line.lstrip())
        text = line.strip()
        return (
            alone
            and indent >= _CENTRED_INDENT
            and len(text.split()) <= _MAX_LABEL_WORDS + 4
            and not text.endswith((".", ",", ";"))
            and _TIME_START.match(text) is None
        )

    def _flush(self, current: _OpenBlock | None) -> None:
        """Keep the open block, if any; always returns None (the new open block)."""
        if current is not None:
            end = self.source.line_end(current.last + 1)
            self.add(
                self.block(
                    current.kind,
                    current.start,
                    end,
                    depth=current.depth,
                    marker=current.marker,
                    checked=current.checked,
                )
            )
