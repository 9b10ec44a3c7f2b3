"""The lines of a PDF as PDFium (Chrome's engine) sees them: the PDF reader's first engine.

PDFium reads a report about seven times faster than pdfminer (pdfplumber) and gives the same
lines; it also maps some CID fonts that pdfminer gives as "(cid:123)" (seen with copy-restricted
PDFs, which government sites often publish) and opens some damaged files pdfminer gives up on.
It finds no tables, so it tells which pages carry rules a table could be drawn with: the reader
asks pdfplumber for the tables of those pages only. The paragraph rebuilding is the same for
either engine's lines.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field

from luoshi.readers.pdf_layout import Line, clean_line

# A path at most this thick (points) is a rule; a box counts as two rules each way. Three across
# and three down can bound the two rows and two columns a table needs; a page frame cannot.
_RULE = 3.0
_MIN_RULE_LENGTH = 10.0
_TABLE_RULES = 3
# PDFium may not be entered from two threads at once, not even for two documents (pypdfium2's
# documentation); the web application's import can read reports in several threads.
_PDFIUM = threading.Lock()


@dataclass
class PdfiumPages:
    """Lines per page, page heights, characters per page, and the pages ruled like a table."""

    title: str | None = None
    pages: list[list[Line]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    char_counts: list[int] = field(default_factory=list)
    ruled: list[int] = field(default_factory=list)  # 1-based page numbers


def pdfium_read(data: bytes) -> PdfiumPages:
    """Read every page with PDFium; raises on a file it cannot open (a password says so)."""
    with _PDFIUM:
        return _read(data)


def page_count(data: bytes) -> int:
    """How many pages PDFium finds in the page tree, without loading any page."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        pdf = pdfium.PdfDocument(data)
        try:
            return len(pdf)
        finally:
            pdf.close()


def _read(data: bytes) -> PdfiumPages:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    out = PdfiumPages()
    try:
        out.title = pdf.get_metadata_dict().get("Title") or None
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            try:
                height = float(page.get_height())
                textpage = page.get_textpage()
                try:
                    out.pages.append(_merge_segments(_segments(textpage, height, number)))
                    out.char_counts.append(textpage.count_chars())
                finally:
                    textpage.close()
                out.heights.append(height)
                if out.char_counts[-1] and _ruled_like_a_table(page):
                    out.ruled.append(number)
            finally:
                page.close()
    finally:
        pdf.close()
    return out


def _segments(textpage, height: float, number: int) -> list[Line]:
    """PDFium's runs of text on one page, as lines in top-down coordinates.

    A run's rectangle hugs its glyphs: a lone 。 sits low, a closing ” ends short, an indent typed
    as 　　 is inside it. The font's box of its first and last characters (advance width, ascent
    and descent) places the run as the type sets it, as pdfminer does.
    """
    segments = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).rstrip()
        body = text.lstrip()
        if not body:
            continue
        # the last glyph (a 。 sits low in its line: look the whole height of the run)
        last = _index_of(textpage, textpage.get_index(right - 0.5, (bottom + top) / 2, 2, (top - bottom) / 2 + 2),
                         body[-1])
        if last is not None:
            _, bottom, right, top = textpage.get_charbox(last, loose=True)
            first = _index_of(textpage, last - (len(body) - 1), body[0])
            if first is not None:
                left = textpage.get_charbox(first, loose=True)[0]
            elif len(body) < len(text):
                left += _spaces_width(text[: len(text) - len(body)], top - bottom)
        elif len(body) < len(text):
            left += _spaces_width(text[: len(text) - len(body)], top - bottom)
        segments.append(Line(text, float(left), float(right), height - top, height - bottom, number))
    return segments


def _index_of(textpage, index: int | None, expected: str) -> int | None:
    """``index`` if the character there is ``expected``, else None."""
    if index is None or index < 0 or textpage.get_text_range(index, 1) != expected:
        return None
    return index


def _spaces_width(spaces: str, size: float) -> float:
    """About how wide an indent typed as spaces is: an em for 　, half of one for a space."""
    return sum(size if ch == "\u3000" else size / 2 for ch in spaces)


def _ruled_like_a_table(page) -> bool:
    """Has the page (or a form on it) rules or boxes enough to bound table cells? A rule under
    a running head or a frame round the page is not; a ruled table, a shaded grid or a chart is
    (pdfplumber then looks, and finds a table only where there is one)."""
    import pypdfium2.raw as raw

    across = down = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    stack = [(raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject, page.raw, 0)]
    while stack:
        count, get, parent, depth = stack.pop()
        for i in range(count(parent)):
            obj = get(parent, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
                stack.append((raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, obj, depth + 1))
            elif kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                width, tall = right.value - left.value, top.value - bottom.value
                if width >= _MIN_RULE_LENGTH:
                    across += 1 if tall <= _RULE else 2 * (tall >= _MIN_RULE_LENGTH)
                if tall >= _MIN_RULE_LENGTH:
                    down += 1 if width <= _RULE else 2 * (width >= _MIN_RULE_LENGTH)
                if across >= _TABLE_RULES and down >= _TABLE_RULES:
                    return True
    return False


def _merge_segments(segments: list[Line]) -> list[Line]:
    """PDFium hands out runs of text; runs at the same height are one line, read left to right."""
    lines: list[list[Line]] = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        if lines and abs((lines[-1][0].top + lines[-1][0].bottom) / 2 - (seg.top + seg.bottom) / 2) < seg.height / 2:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    merged = []
    for runs in lines:
        runs.sort(key=lambda s: s.x0)
        text = runs[0].text
        for before, run in zip(runs, runs[1:], strict=False):
            text += (" " if run.x0 - before.x1 > run.height * 0.3 else "") + run.text
        text = clean_line(text)
        if text:
            merged.append(Line(text, runs[0].x0, max(r.x1 for r in runs), min(r.top for r in runs),
                               max(r.bottom for r in runs), runs[0].page))
    return merged
