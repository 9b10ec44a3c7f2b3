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
from luoshi.readers.registry import register

OCR_HINT = "run OCR first, e.g. ocrmypdf -l chi_sim FILE.pdf OUT.pdf"
_FILENAME_TITLE = re.compile(r"\.(?:docx?|wps|pdf|txt)$|^Microsoft Word|^untitled$|^\(anonymous\)$|^无标题", re.I)


class PdfReader:
    format = "pdf"

    def read(self, path: Path, data: bytes) -> Document:
        import pdfplumber

        try:
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
        except Exception as e:  # pdfminer raises anything from KeyError to PSEOF on damaged files
            raise _error(path, e) from None
        if not pages:
            raise ReaderError(path, "PDF has no pages; download it again")
        if not any(char_counts):
            raise ReaderError(path, f"PDF has no text layer (scanned?); {OCR_HINT}")
        all_text = "".join(x.text for lines in pages for x in lines)
        if all_text.count("(cid:") * 8 > max(len(all_text), 1):
            raise ReaderError(path, f"PDF fonts have no Unicode map (text comes out as (cid:N) codes); {OCR_HINT}")
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
        notes = []
        empty = [str(i) for i, n in enumerate(char_counts, 1) if n == 0]
        if empty:
            notes.append(f"pages without a text layer (scanned?): {', '.join(empty[:20])}; {OCR_HINT}")
        doc = builder.build(path, "pdf", notes=notes)
        title = meta_title or next((doc.block_text(b) for b in doc.blocks[:3] if b.kind == "heading"), None) \
            or guess_title([doc.block_text(b) for b in doc.blocks[:2]])
        return replace(doc, title=title)


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


def _error(path: Path, e: BaseException) -> ReaderError:
    chain, seen = [], e
    while seen is not None and len(chain) < 5:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    names = " ".join(type(x).__name__ for x in chain) + " " + " ".join(str(x) for x in chain)
    if "Password" in names or "password" in names or "Encryption" in names:
        return ReaderError(path, "PDF is password-protected; save an unprotected copy first "
                                 "(e.g. qpdf --decrypt --password=PASSWORD FILE.pdf OUT.pdf)")
    detail = f"{type(e).__name__}: {str(e)[:80]}" if str(e) else type(e).__name__
    return ReaderError(path, f"cannot parse this PDF ({detail}); it may be damaged or incomplete: "
                             "download it again, or open and re-save it as PDF")


register(PdfReader())
