"""What every reader gives back: a ``Document`` whose ``text`` the extractor runs on.

The extractor only sees ``Document.text``; item offsets index it. Everything else here exists so
that a person can find an item again in the file they were given: ``blocks`` (headings,
paragraphs, table rows with their offsets) and ``page_starts`` (where each PDF page begins in
``text``) back ``locate``, which turns an offset into "第7页", "第23段" or "表1第2行".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, Protocol

Format = Literal["text", "markdown", "html", "docx", "pdf"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_row"]

_STRIP = " \t\r\n\f\v\u3000\ufeff\xa0"


class ReaderError(Exception):
    """A file could not be read; ``str(err)`` is one line: the file, the reason, what to do.

    The CLI prints it and moves on to the next file, so it must never need a traceback to be
    understood.
    """

    def __init__(self, path: str | Path, reason: str | None = None) -> None:
        if reason is None:  # ReaderError("file.txt: why") keeps working
            path, _, reason = str(path).partition(": ")
        self.path = str(path)
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.path}: {self.reason}" if self.path else self.reason)


@dataclass(frozen=True, slots=True)
class Block:
    """One line of ``Document.text``: a heading, a paragraph, a list item or a table row.

    ``[start, end)`` indexes ``Document.text``. ``level`` is the heading depth (0 for a
    document title, 1 for 一、 or Heading 1, ...). ``page`` is the PDF page the block starts on;
    ``table``/``row`` number tables and rows from 1 so that people can count them.
    """

    start: int
    end: int
    kind: BlockKind = "paragraph"
    level: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None


@dataclass(frozen=True)
class Document:
    """A report as the extractor reads it, plus what is needed to point back into the file.

    ``text`` is exactly what item offsets index. For text and Markdown files it is the file's
    decoded content unchanged (as ``open(path, encoding=...).read()`` gives it, so gold
    annotations made on the raw file line up); for HTML, DOCX and PDF it is one block per line.
    """

    text: str
    path: str = ""
    title: str | None = None
    format: Format = "text"
    blocks: tuple[Block, ...] = ()
    page_starts: tuple[tuple[int, int], ...] = ()  # (offset in text, page number), ascending
    encoding: str | None = None
    notes: tuple[str, ...] = field(default=())  # things worth telling the user, e.g. pages without text

    def block_at(self, offset: int) -> Block | None:
        """The block holding ``offset``, or the last one before it (offsets between blocks)."""
        if not self.blocks:
            return None
        i = bisect_right(self.blocks, offset, key=lambda b: b.start) - 1
        return self.blocks[max(i, 0)]

    def page_at(self, offset: int) -> int | None:
        """The PDF page ``offset`` is on; None for formats without pages."""
        if not self.page_starts:
            return None
        i = bisect_right(self.page_starts, offset, key=lambda p: p[0]) - 1
        return self.page_starts[max(i, 0)][1]

    def locate(self, offset: int) -> str:
        """A place a person can find: "第7页" in a PDF, "表1第2行" in a table, else "第23段"."""
        page = self.page_at(offset)
        if page is not None:
            return f"第{page}页"
        block = self.block_at(offset)
        if block is None:
            return f"第{self.text.count(chr(10), 0, max(offset, 0)) + 1}行"
        if block.kind == "table_row" and block.table:
            return f"表{block.table}第{block.row}行"
        return f"第{self.paragraph_number(block)}段"

    def paragraph_number(self, block: Block) -> int:
        """1-based count of non-table blocks up to ``block``: how a reader counts 段."""
        i = bisect_right(self.blocks, block.start, key=lambda b: b.start)
        return self._paragraph_counts[i - 1] if i else 1

    @cached_property
    def _paragraph_counts(self) -> tuple[int, ...]:
        counts, n = [], 0
        for b in self.blocks:
            n += b.kind != "table_row"
            counts.append(max(n, 1))
        return tuple(counts)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def headings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "heading")

    @property
    def page_count(self) -> int | None:
        return max((p for _, p in self.page_starts), default=None)


class Reader(Protocol):
    """One per format. ``read`` gets the bytes already read so that nothing is read twice."""

    format: Format

    def read(self, path: Path, data: bytes) -> Document: ...


def line_blocks(text: str, classify: Callable[[str], tuple[BlockKind, int | None]] | None = None
                ) -> tuple[Block, ...]:
    """Blocks for text that already has one paragraph per line (text, Markdown).

    ``classify(line) -> (kind, level)`` marks headings; spans exclude surrounding whitespace.
    """
    blocks = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip(_STRIP)
        if stripped:
            start = pos + line.index(stripped[0])
            kind, level = classify(stripped) if classify else ("paragraph", None)
            blocks.append(Block(start, start + len(stripped), kind, level))
        pos += len(line) + 1
    return tuple(blocks)


@dataclass
class DocumentBuilder:
    """Writes blocks one per line and records their offsets, so readers never count by hand.

    A block may be made of pieces from different pages (a paragraph running over a page break);
    each piece records where its page starts in the text.
    """

    parts: list[str] = field(default_factory=list)
    length: int = 0
    blocks: list[Block] = field(default_factory=list)
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    tables: int = 0

    def add(self, text: str, kind: BlockKind = "paragraph", *, level: int | None = None,
            page: int | None = None, table: int | None = None, row: int | None = None) -> None:
        self.add_pieces([(text, page)], kind, level=level, table=table, row=row)

    def add_pieces(self, pieces: Iterable[tuple[str, int | None]], kind: BlockKind = "paragraph", *,
                   level: int | None = None, table: int | None = None, row: int | None = None) -> None:
        """Add one block from ``(text, page)`` pieces joined as given (callers decide spacing)."""
        pieces = [(t.replace("\n", " "), p) for t, p in pieces if t]
        joined = "".join(t for t, _ in pieces)
        lead = len(joined) - len(joined.lstrip(_STRIP))
        body = joined.strip(_STRIP)
        if not body:
            return
        if self.parts:
            self._write("\n")
        start = self.length
        cut = -lead  # position within ``joined`` relative to the block start
        for text, page in pieces:
            if page is not None and (not self.page_starts or self.page_starts[-1][1] != page):
                self.page_starts.append((start + min(max(cut, 0), len(body)), page))
            cut += len(text)
        self._write(body)
        first_page = pieces[0][1]
        self.blocks.append(Block(start, self.length, kind, level, first_page, table, row))

    def next_table(self) -> int:
        self.tables += 1
        return self.tables

    def _write(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def build(self, path: Path, fmt: Format, *, title: str | None = None, encoding: str | None = None,
              notes: Iterable[str] = ()) -> Document:
        return Document(text="".join(self.parts), path=str(path), title=title, format=fmt,
                        blocks=tuple(self.blocks), page_starts=tuple(self.page_starts),
                        encoding=encoding, notes=tuple(notes))
