"""PDF reports: the text layer, rebuilt into paragraphs, with page numbers kept for ``locate``.

Most reports are published as PDF. What can go wrong is common and needs a clear answer: a
scan has no text layer (OCR it), fonts without a Unicode map give "(cid:123)" instead of text
(OCR it too), a password stops everything. Tables ruled with lines are read as rows
("指标 | 目标 | 单位") and taken out of the running text so their cells do not leak into it.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

from luoshi.readers.base import Document, DocumentBuilder, ReaderError
from luoshi.readers.layout import guess_title, soft_join
from luoshi.readers.pdf_layout import Geometry, Line, Paragraph, TableRows, clean_line, drop_furniture, paragraphs
from luoshi.readers.pdf_pdfium import pdfium_lines
from luoshi.readers.registry import register

_CID = re.compile(r"\(cid:\d+\)")
OCR_HINT = "run OCR first, e.g. ocrmypdf -l chi_sim FILE.pdf OUT.pdf"
_FILENAME_TITLE = re.compile(r"\.(?:docx?|wps|pdf|txt)$|^Microsoft Word|^untitled$|^\(anonymous\)$|^无标题", re.I)


class PdfReader:
    format = "pdf"

    def read(self, path: Path, data: bytes) -> Document:
        notes: list[str] = []
        meta_title = None
        try:
            meta_title, pages, tables, heights, char_counts = _read_with_pdfplumber(data)
            if not pages:
                raise ReaderError(path, "PDF has no pages; download it again")
            if any(char_counts) and _mostly_unmapped(pages):
                raise _Unmapped
        except ReaderError:
            raise
        except Exception as e:  # pdfminer raises anything from KeyError to PSEOF on damaged files
            if _is_password(e):
                raise _error(path, e) from None
            try:
                pages, heights, char_counts = pdfium_lines(data)
            except Exception:
                raise _unmapped_error(path) if isinstance(e, _Unmapped) else _error(path, e) from None
            tables = [[] for _ in pages]
            if not isinstance(e, _Unmapped):
                notes.append(f"pdfminer could not parse this PDF ({type(e).__name__}); read with PDFium instead, "
                             "check that no text is missing")
            if _mostly_unmapped(pages):
                raise _unmapped_error(path) from None
        if not any(char_counts):
            raise ReaderError(path, f"PDF has no text layer (scanned?); {OCR_HINT}")
        drop_furniture(pages, heights)
        geometry = Geometry([x for lines in pages for x in lines])
        items: list[Line | TableRows] = []
        for lines, page_tables in zip(pages, tables, strict=True):
            items += sorted([*lines, *page_tables], key=lambda it: it.top)
        builder = DocumentBuilder()
        for block in paragraphs(items, geometry):
            if isinstance(block, TableRows):
                number = builder.next_table()
                for i, cells in enumerate(block.rows, 1):
                    builder.add_pieces([(" | ".join(cells), block.page)], "table_row", table=number, row=i)
            else:
                _add_paragraph(builder, block)
        empty = [str(i) for i, n in enumerate(char_counts, 1) if n == 0]
        if empty:
            notes.append(f"pages without a text layer (scanned?): {', '.join(empty[:20])}; {OCR_HINT}")
        doc = builder.build(path, "pdf", notes=notes)
        title = meta_title or next((doc.block_text(b) for b in doc.blocks[:3] if b.kind == "heading"), None) \
            or guess_title([doc.block_text(b) for b in doc.blocks[:2]])
        return replace(doc, title=title)


class _Unmapped(Exception):
    """pdfminer gave (cid:N) codes instead of text."""


def _read_with_pdfplumber(data: bytes):
    """Title, lines and tables per page, page heights and character counts, via pdfplumber."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        meta_title = _meta_title(pdf.metadata)
        pages: list[list[Line]] = []
        tables: list[list[TableRows]] = []
        heights: list[float] = []
        char_counts: list[int] = []
        for number, page in enumerate(pdf.pages, 1):
            lines, page_tables, chars = _read_page(page, number)
            pages.append(lines)
            tables.append(page_tables)
            heights.append(float(page.height))
            char_counts.append(chars)
            page.close()  # drop cached objects: keeps memory flat on long reports
    return meta_title, pages, tables, heights, char_counts


def _mostly_unmapped(pages: list[list[Line]]) -> bool:
    """Over a quarter of the glyphs came out as (cid:N): the text is not there to read."""
    text = "".join(x.text for lines in pages for x in lines)
    return len(_CID.findall(text)) * 4 > len(_CID.sub("x", text))


def _unmapped_error(path: Path) -> ReaderError:
    return ReaderError(path, f"PDF fonts have no Unicode map (text comes out as (cid:N) codes); {OCR_HINT}")


def _read_page(page, number: int) -> tuple[list[Line], list[TableRows], int]:
    """Lines outside tables, ruled tables as rows, and how many characters the page has."""
    chars = len(page.chars)
    if not chars:
        return [], [], 0
    found: list[TableRows] = []
    text_page = page
    if page.rects or page.lines:  # only ruled tables are found reliably; skip the search otherwise
        for table in page.find_tables():
            rows = [[_cell(c) for c in row] for row in table.extract()]
            rows = [r for r in rows if any(r)]
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                found.append(TableRows(rows, float(table.bbox[1]), number))
                text_page = text_page.outside_bbox(table.bbox)
    lines = []
    for raw in text_page.extract_text_lines(return_chars=False):
        text = clean_line(raw["text"])
        if text:
            lines.append(Line(text, float(raw["x0"]), float(raw["x1"]), float(raw["top"]), float(raw["bottom"]),
                              number))
    return lines, found, chars


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


def _meta_title(metadata: dict) -> str | None:
    title = metadata.get("Title") if isinstance(metadata, dict) else None
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
