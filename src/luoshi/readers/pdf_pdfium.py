"""Second opinion on a PDF that pdfminer cannot read: the lines as PDFium (Chrome's engine) sees them.

pdfminer gives "(cid:123)" for some CID fonts it cannot map (seen with copy-restricted PDFs,
which government sites often publish) and gives up on some damaged files that PDFium still
opens. pypdfium2 is installed with pdfplumber. We only take positioned lines from it; the
paragraph rebuilding is the same as for pdfplumber's lines.
"""

from __future__ import annotations

from luoshi.readers.pdf_layout import Line, clean_line


def pdfium_lines(data: bytes) -> tuple[list[list[Line]], list[float], list[int]]:
    """Lines per page, page heights and character counts, read by PDFium; raises on failure."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    pages: list[list[Line]] = []
    heights: list[float] = []
    counts: list[int] = []
    try:
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            height = float(page.get_height())
            textpage = page.get_textpage()
            segments = []
            for i in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(i)
                text = textpage.get_text_bounded(left, bottom, right, top).rstrip()
                body = text.lstrip()
                if not body:
                    continue
                last = textpage.get_index(right - 0.5, (bottom + top) / 2, 2, 2)
                size = raw.FPDFText_GetFontSize(textpage.raw, last) if last is not None and last >= 0 else 0
                size = size or (top - bottom)
                if len(body) < len(text) and last is not None and last >= 0:
                    left = _first_glyph_left(textpage, last - (len(body) - 1), body[0]) or left
                middle = height - (bottom + top) / 2
                segments.append(Line(text, left, right, middle - size / 2, middle + size / 2, number))
            pages.append(_merge_segments(segments))
            heights.append(height)
            counts.append(textpage.count_chars())
    finally:
        pdf.close()
    return pages, heights, counts


def _first_glyph_left(textpage, index: int, expected: str) -> float | None:
    """Where the first visible character of a run starts: a run that opens with spaces (an indent
    typed as 　　) has its rectangle begin at the spaces, which would hide the indent."""
    if index < 0 or textpage.get_text_range(index, 1) != expected:
        return None
    return float(textpage.get_charbox(index)[0])


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
