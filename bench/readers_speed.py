"""How fast the readers are, and how faithfully PDF lines are rebuilt, on real report texts.

Builds DOCX (python-docx), PDF (reportlab, A4, justified CJK text with page numbers), HTML and
GB18030 text from national reports in the shared corpus, then times ``read_path`` on each (CPU
seconds of this process, so that other work on a shared machine skews them less) and prints
seconds per MB of file and per MB of report text (UTF-8). Also prints how many source
paragraphs come back as exactly one line, which is what the PDF line joining is for, and how
many of the items extracted from the clean text are extracted from the file too (kind,
indicator, value, unit).

Three kinds of PDF: typeset (reportlab's justified paragraphs), the same with a small ruled table
after every tenth paragraph (so pdfplumber is asked for tables), and wrapped after 28 characters
a line (the official document grid; digits leave such lines short and figures are cut across
lines). Each is read by the default engines (PDFium for lines, pdfplumber for the tables of ruled
pages), by pdfplumber alone (PDFium made to fail) and, for typeset PDFs, by PDFium alone.

Run by hand: ``.venv/bin/python bench/readers_speed.py [N_REPORTS]``. Prints, never asserts.
"""

from __future__ import annotations

import html
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

from luoshi.pipeline import extract_document, extract_text
from luoshi.readers import read_path
from luoshi.readers.layout import heading_level

# Engines by what is made to fail (``create``: a name the code under test may not have).
PDFPLUMBER_ONLY = ("luoshi.readers.pdf.pdfium_read",)
PDFIUM_ONLY = ("luoshi.readers.pdf._read_with_pdfplumber", "luoshi.readers.pdf._tables_with_pdfplumber")

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "national"


def paragraphs(text: str) -> list[str]:
    return [line.strip(" \u3000\u200b\ufeff") for line in text.split("\n") if line.strip(" \u3000\u200b\ufeff")]


def write_docx(path: Path, paras: list[str]) -> None:
    import docx

    document = docx.Document()
    for p in paras:
        if heading_level(p):
            document.add_heading(p, level=heading_level(p))
        else:
            document.add_paragraph(p)
    document.save(path)


def write_pdf(path: Path, paras: list[str], tables: bool = False) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0)

    def page_number(canvas, doc) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    story = []
    for i, p in enumerate(paras, 1):
        story.append(Paragraph(html.escape(p), head if heading_level(p) else body))
        if tables and i % 10 == 0:
            story.append(Table([["指标", "目标", "单位"], ["地区生产总值增长", "5左右", "%"], ["城镇新增就业", f"{i}", "万人"]],
                               style=TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 11),
                                                 ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])))
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=page_number, onLaterPages=page_number)


def write_pdf_wrapped(path: Path, paras: list[str], width: int = 28) -> None:
    """Left-aligned lines of ``width`` characters, paragraphs indented by two (headings not)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("STSong-Light", 12)
    y = A4[1] - 72
    for p in paras:
        text = p if heading_level(p) else "\u3000\u3000" + p
        for line in (text[i : i + width] for i in range(0, len(text), width)):
            if y < 72:
                c.showPage()
                c.setFont("STSong-Light", 12)
                y = A4[1] - 72
            c.drawString(72, y, line)
            y -= 20
    c.save()


def write_html(path: Path, paras: list[str]) -> None:
    body = "\n".join(f"<h2>{html.escape(p)}</h2>" if heading_level(p) else f"<p>{html.escape(p)}</p>" for p in paras)
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府工作报告</title></head><body>"
                    f"<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a></div>"
                    f"<div class='article'>{body}</div><div class='footer'>版权所有</div></body></html>",
                    encoding="utf-8")


def main(n_reports: int = 10) -> None:
    sources = sorted(p for p in CORPUS.glob("20*.txt") if "决议" not in p.name)[-n_reports:]
    if not sources:
        print(f"no corpus at {CORPUS}")
        return
    writers = {"gb18030 text": (".txt", lambda path, paras: path.write_bytes("\n".join(paras).encode("gb18030"))),
               "html": (".html", write_html), "docx": (".docx", write_docx), "pdf": (".pdf", write_pdf),
               "pdf+tables": ("-tables.pdf", lambda path, paras: write_pdf(path, paras, tables=True)),
               "pdf wrapped@28": ("-wrapped.pdf", write_pdf_wrapped)}
    runs = [("gb18030 text", "gb18030 text", ()), ("html", "html", ()), ("docx", "docx", ()),
            ("pdf", "pdf", ()), ("pdf pdfplumber", "pdf", PDFPLUMBER_ONLY), ("pdf PDFium", "pdf", PDFIUM_ONLY),
            ("pdf+tables", "pdf+tables", ()), ("pdf+tables pdfplumber", "pdf+tables", PDFPLUMBER_ONLY),
            ("pdf wrapped@28", "pdf wrapped@28", ()), ("wrapped@28 pdfplumber", "pdf wrapped@28", PDFPLUMBER_ONLY)]
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[tuple[Path, list[str]]]] = {fmt: [] for fmt in writers}
        started = time.perf_counter()
        for src in sources:
            paras = paragraphs(src.read_text(encoding="utf-8"))
            for fmt, (suffix, write) in writers.items():
                path = Path(tmp) / f"{src.stem}{suffix}"
                write(path, paras)
                files[fmt].append((path, paras))
        print(f"built {len(sources)} reports ({sources[0].stem}–{sources[-1].stem}) in every format "
              f"in {time.perf_counter() - started:.1f} s\n")
        print(f"{'format':22} {'files MB':>9} {'text MB':>8} {'seconds':>8} {'s/MB file':>10} {'s/MB text':>10} "
              f"{'paragraphs as one line':>24} {'items':>7}")
        expected = {src.stem: _items(extract_text("\n".join(paras), year=int(src.stem))) for src, (_, paras) in
                    zip(sources, files["pdf"], strict=True)}
        for label, fmt, failing in runs:
            built = files[fmt]
            file_mb = sum(p.stat().st_size for p, _ in built) / 1e6
            text_mb = sum(len("\n".join(paras).encode("utf-8")) for _, paras in built) / 1e6
            seconds, found, total, pages, kept, items = 0.0, 0, 0, 0, 0, 0
            for path, paras in built:
                with ExitStack() as stack:
                    for target in failing:
                        stack.enter_context(mock.patch(target, side_effect=RuntimeError("bench"), create=True))
                    t0 = time.process_time()
                    doc = read_path(path)
                    seconds += time.process_time() - t0
                want = expected[path.name[:4]]  # files are named by the report's year
                kept += sum((want & _items(extract_document(doc, year=int(path.name[:4])))).values())
                items += sum(want.values())
                lines = set(paragraphs(doc.text))
                found += sum(p in lines for p in paras)
                total += len(paras)
                pages += doc.page_count or 0
            extra = f" ({pages} pages, {seconds / pages * 1000:.1f} ms/page)" if pages else ""
            print(f"{label:22} {file_mb:9.2f} {text_mb:8.2f} {seconds:8.2f} {seconds / file_mb:10.2f} "
                  f"{seconds / text_mb:10.2f} {found / total:23.1%} {kept / items:7.1%}{extra}")


def _items(extraction) -> Counter:
    return Counter((i.kind, i.indicator, str(i.value), i.unit) for i in extraction.items)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
