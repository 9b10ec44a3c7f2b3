"""PDF reports: the text layer, rebuilt into paragraphs, with page numbers kept for ``locate``.

Most reports are published as PDF. What can go wrong is common and needs a clear answer: a
scan has no text layer (OCR it), fonts without a Unicode map give "(cid:123)" instead of text
(OCR it too), a password stops everything. Tables ruled with lines are read as rows
("指标 | 目标 | 单位") and taken out of the running text so their cells do not leak into it.

Two engines: PDFium (pypdfium2) reads the lines, about seven times faster than pdfminer
(pdfplumber) with the same paragraphs; pdfplumber finds the ruled tables on the pages PDFium
finds rules on, and reads the whole file when PDFium cannot (a file it fails to open, or text it
cannot map to Unicode).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from luoshi.readers.base import Document, DocumentBuilder, ReaderError
from luoshi.readers.layout import guess_title, soft_join
from luoshi.readers.pdf_layout import Geometry, Line, Paragraph, TableRows, clean_line, drop_furniture, paragraphs
from luoshi.readers.pdf_pdfium import pdfium_read
from luoshi.readers.registry import register

# What an engine gives for a glyph it cannot map: pdfminer "(cid:N)"; PDFium U+FFFD, a control
# character or a private-use code point.
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff]")
OCR_HINT = "run OCR first, e.g. ocrmypdf -l chi_sim FILE.pdf OUT.pdf"
_FILENAME_TITLE = re.compile(r"\.(?:docx?|wps|pdf|txt)$|^Microsoft Word|^untitled$|^\(anonymous\)$|^无标题", re.I)


@dataclass
class _Layer:
    """What was read of the text layer: lines, ruled tables, heights and characters, per page."""

    title: str | None = None
    pages: list[list[Line]] = field(default_factory=list)
    tables: list[list[TableRows]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    char_counts: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class PdfReader:
    format = "pdf"

    def read(self, path: Path, data: bytes) -> Document:
        layer = _read_layer(path, data)
        if not layer.pages:
            raise ReaderError(path, "PDF has no pages; download it again")
        if not any(layer.char_counts):
            raise ReaderError(path, f"PDF has no text layer (scanned?); {OCR_HINT}")
        pages, notes = layer.pages, list(layer.notes)
        drop_furniture(pages, layer.heights)
        geometry = Geometry([x for lines in pages for x in lines])
        items: list[Line | TableRows] = []
        for lines, page_tables in zip(pages, layer.tables, strict=True):
            items += sorted([*lines, *page_tables], key=lambda it: it.top)
        builder = DocumentBuilder()
        for block in paragraphs(items, geometry):
            if isinstance(block, TableRows):
                number = builder.next_table()
                for i, cells in enumerate(block.rows, 1):
                    builder.add_pieces([(" | ".join(cells), block.page)], "table_row", table=number, row=i)
            else:
                _add_paragraph(builder, block)
        empty = [str(i) for i, n in enumerate(layer.char_counts, 1) if n == 0]
        if empty:
            notes.append(f"pages without a text layer (scanned?): {', '.join(empty[:20])}; {OCR_HINT}")
        doc = builder.build(path, "pdf", notes=notes)
        title = _meta_title(layer.title) or next((doc.block_text(b) for b in doc.blocks[:3] if b.kind == "heading"), None) \
            or guess_title([doc.block_text(b) for b in doc.blocks[:2]])
        return replace(doc, title=title)


class _Unmapped(Exception):
    """The engine gave codes instead of text for most glyphs."""


def _read_layer(path: Path, data: bytes) -> _Layer:
    """PDFium first; pdfplumber when PDFium cannot open the file or map its glyphs."""
    try:
        layer = _read_with_pdfium(data)
        if any(layer.char_counts) and _mostly_unmapped(layer.pages):
            raise _Unmapped
        return layer
    except Exception as e:  # PDFium raises PdfiumError on damaged files, ctypes errors on worse
        if _is_password(e):
            raise _error(path, e) from None
        first = e
    try:
        layer = _read_with_pdfplumber(data)
    except Exception as e:  # pdfminer raises anything from KeyError to PSEOF on damaged files
        if _is_password(e) or not isinstance(first, _Unmapped):
            raise _error(path, e) from None
        raise _unmapped_error(path) from None
    if any(layer.char_counts) and _mostly_unmapped(layer.pages):
        raise _unmapped_error(path)
    return layer


def _read_with_pdfium(data: bytes) -> _Layer:
    """Lines by PDFium; ruled tables by pdfplumber on the pages that have rules."""
    read = pdfium_read(data)
    layer = _Layer(read.title, read.pages, [[] for _ in read.pages], read.heights, read.char_counts)
    if not read.ruled:
        return layer
    try:
        found = _tables_with_pdfplumber(data, read.ruled)
    except Exception as e:
        if _is_password(e):
            raise
        pages = ", ".join(map(str, read.ruled[:20]))
        layer.notes.append(f"tables on pages {pages} could not be read as tables (pdfminer: {type(e).__name__}); "
                           "their cells are kept as lines of text")
        return layer
    for number, tables in found.items():
        layer.tables[number - 1] = tables
        layer.pages[number - 1] = [x for x in layer.pages[number - 1] if not any(t.holds(x) for t in tables)]
    return layer


def _tables_with_pdfplumber(data: bytes, numbers: list[int]) -> dict[int, list[TableRows]]:
    import pdfplumber

    found: dict[int, list[TableRows]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number in numbers:
            page = pdf.pages[number - 1]
            tables = _find_tables(page, number)
            if tables:
                found[number] = tables
            page.close()
    return found


def _read_with_pdfplumber(data: bytes) -> _Layer:
    """Title, lines and tables per page, page heights and character counts, via pdfplumber."""
    import pdfplumber

    layer = _Layer()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        metadata = pdf.metadata
        layer.title = metadata.get("Title") if isinstance(metadata, dict) else None
        for number, page in enumerate(pdf.pages, 1):
            lines, page_tables, chars = _read_page(page, number)
            layer.pages.append(lines)
            layer.tables.append(page_tables)
            layer.heights.append(float(page.height))
            layer.char_counts.append(chars)
            page.close()  # drop cached objects: keeps memory flat on long reports
    return layer


def _mostly_unmapped(pages: list[list[Line]]) -> bool:
    """Over a quarter of the glyphs came out as codes, not text: the text is not there to read."""
    text = "".join(x.text for lines in pages for x in lines)
    return len(_UNMAPPED.findall(text)) * 4 > len(_UNMAPPED.sub("x", text))


def _unmapped_error(path: Path) -> ReaderError:
    return ReaderError(path, f"PDF fonts have no Unicode map (text comes out as (cid:N) codes); {OCR_HINT}")


def _read_page(page, number: int) -> tuple[list[Line], list[TableRows], int]:
    """Lines outside tables, ruled tables as rows, and how many characters the page has."""
    chars = len(page.chars)
    if not chars:
        return [], [], 0
    found = _find_tables(page, number)
    text_page = page
    for table in found:
        text_page = text_page.outside_bbox(table.bbox)
    lines = []
    for raw in text_page.extract_text_lines(return_chars=False):
        text = clean_line(raw["text"])
        if text:
            lines.append(Line(text, float(raw["x0"]), float(raw["x1"]), float(raw["top"]), float(raw["bottom"]),
                              number))
    return lines, found, chars


def _find_tables(page, number: int) -> list[TableRows]:
    """Ruled tables of a pdfplumber page, with two rows and two columns at least."""
    found: list[TableRows] = []
    if page.rects or page.lines:  # only ruled tables are found reliably; skip the search otherwise
        for table in page.find_tables():
            rows = [[_cell(c) for c in row] for row in table.extract()]
            rows = [r for r in rows if any(r)]
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                bbox = tuple(float(v) for v in table.bbox)
                found.append(TableRows(rows, bbox[1], number, bbox))
    return found


def _cell(value: str | None) -> str:
    if not value:
        return ""
    parts = [clean_line(p) for p in value.split("\n") if p.strip()]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += soft_join(out, part) + part
    return out


def _add_paragraph(builder: DocumentBuilder, para: Paragraph) -> None:
    if para.heading is not None:
        builder.add_pieces(para.pieces, "heading", level=para.heading)
    else:
        builder.add_pieces(para.pieces)


def _meta_title(title) -> str | None:
    if isinstance(title, bytes):
        title = title.decode("utf-8", "ignore")
    if not isinstance(title, str):
        return None
    title = title.strip().strip("\x00")
    if not title or _FILENAME_TITLE.search(title) or not title.isprintable():
        return None
    return title


def _is_password(e: BaseException) -> bool:
    chain, seen = [], e
    while seen is not None and len(chain) < 5:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    names = " ".join(type(x).__name__ for x in chain) + " " + " ".join(str(x) for x in chain)
    return "password" in names.lower() or "Encryption" in names


def _error(path: Path, e: BaseException) -> ReaderError:
    if _is_password(e):
        return ReaderError(path, "PDF is password-protected; save an unprotected copy first "
                                 "(e.g. qpdf --decrypt --password=PASSWORD FILE.pdf OUT.pdf)")
    detail = f"{type(e).__name__}: {str(e)[:80]}" if str(e) else type(e).__name__
    return ReaderError(path, f"cannot parse this PDF ({detail}); it may be damaged or incomplete: "
                             "download it again, or open and re-save it as PDF")


register(PdfReader())
