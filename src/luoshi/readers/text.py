"""Plain text and Markdown: the decoded file is the text, unchanged.

Gold annotations and users' own tools index the file as ``open(path, encoding=...).read()``
gives it, so nothing is normalised here (no OpenCC, no full-width folding, no joining of broken
lines): the extractor does that later with its own offset map. We only find the lines, mark
the ones that read as headings, and take a title.
"""

from __future__ import annotations

import re
from pathlib import Path

from luoshi.readers.base import BlockKind, Document, ReaderError, line_blocks
from luoshi.readers.encoding import Decoded, decode_text
from luoshi.readers.layout import guess_title, heading_level
from luoshi.readers.registry import register

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _text_kind(line: str) -> tuple[BlockKind, int | None]:
    level = heading_level(line)
    return ("heading", level) if level else ("paragraph", None)


def _markdown_kind(line: str) -> tuple[BlockKind, int | None]:
    m = _MD_HEADING.match(line)
    if m:
        return "heading", len(m.group(1))
    if re.match(r"^(?:[-*+]|\d+[.)])\s", line):
        return "list_item", None
    return _text_kind(line)


def _decode(path: Path, data: bytes) -> Decoded:
    decoded = decode_text(data)
    if decoded is None:
        raise ReaderError(path, "not text in a known encoding (tried UTF-8, GB18030, Big5); "
                                "re-save it as UTF-8, or check that this is the report")
    return decoded


class TextReader:
    """``.txt`` and anything else that decodes as text."""

    format = "text"

    def read(self, path: Path, data: bytes) -> Document:
        decoded = _decode(path, data)
        text = decoded.text
        return Document(text=text, path=str(path), title=guess_title(text[:2000].split("\n")), format="text",
                        blocks=line_blocks(text, _text_kind), encoding=decoded.encoding,
                        notes=(decoded.note,) if decoded.note else ())


class MarkdownReader:
    """Markdown is text whose headings are marked with ``#``; the markup stays in the text."""

    format = "markdown"

    def read(self, path: Path, data: bytes) -> Document:
        decoded = _decode(path, data)
        text = decoded.text
        blocks = line_blocks(text, _markdown_kind)
        marked = (_MD_HEADING.match(text[b.start : b.end]) for b in blocks if b.kind == "heading")
        title = next((m.group(2) for m in marked if m), None) or guess_title(text[:2000].split("\n"))
        return Document(text=text, path=str(path), title=title, format="markdown", blocks=blocks,
                        encoding=decoded.encoding, notes=(decoded.note,) if decoded.note else ())


register(TextReader())
register(MarkdownReader())
