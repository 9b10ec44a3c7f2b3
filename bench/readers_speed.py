"""How fast the readers are, and how faithfully PDF lines are rebuilt, on real report texts.

Builds DOCX (python-docx), PDF (reportlab, A4, justified CJK text with page numbers), HTML and
GB18030 text from national reports in the shared corpus, then times ``read_path`` on each and
prints seconds per MB of file and per MB of report text (UTF-8). Also prints how many source
paragraphs come back as exactly one line, which is what the PDF line joining is for. The PDFs
are read twice: by pdfplumber (the default) and by the PDFium fallback, to weigh the engines.

Run by hand: ``.venv/bin/python bench/readers_speed.py [N_REPORTS]``. Prints, never asserts.
"""

from __future__ import annotations

import html
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from luoshi.readers import read_path
from luoshi.readers.layout import heading_level

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


def write_pdf(path: Path, paras: list[str]) -> None:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK", alignment=TA_JUSTIFY)
    head = ParagraphStyle("head", parent=body, firstLineIndent=0)

    def page_number(canvas, doc) -> None:
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")

    story = [Paragraph(html.escape(p), head if heading_level(p) else body) for p in paras]
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=page_number, onLaterPages=page_number)


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
    writers = {"gb18030 text": lambda path, paras: path.write_bytes("\n".join(paras).encode("gb18030")),
               "html": write_html, "docx": write_docx, "pdf": write_pdf}
    suffix = {"gb18030 text": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, list[tuple[Path, list[str]]]] = {fmt: [] for fmt in writers}
        started = time.perf_counter()
        for src in sources:
            paras = paragraphs(src.read_text(encoding="utf-8"))
            for fmt, write in writers.items():
                path = Path(tmp) / f"{src.stem}{suffix[fmt]}"
                write(path, paras)
                files[fmt].append((path, paras))
        print(f"built {len(sources)} reports ({sources[0].stem}–{sources[-1].stem}) in every format "
              f"in {time.perf_counter() - started:.1f} s\n")
        print(f"{'format':15} {'files MB':>9} {'text MB':>8} {'seconds':>8} {'s/MB file':>10} {'s/MB text':>10} "
              f"{'paragraphs as one line':>24}")
        files["pdf via PDFium"] = files["pdf"]  # the fallback engine, timed on the same files
        for fmt, built in files.items():
            file_mb = sum(p.stat().st_size for p, _ in built) / 1e6
            text_mb = sum(len("\n".join(paras).encode("utf-8")) for _, paras in built) / 1e6
            seconds, found, total, pages = 0.0, 0, 0, 0
            for path, paras in built:
                t0 = time.perf_counter()
                if fmt == "pdf via PDFium":
                    with mock.patch("luoshi.readers.pdf._read_with_pdfplumber", side_effect=RuntimeError("bench")):
                        doc = read_path(path)
                else:
                    doc = read_path(path)
                seconds += time.perf_counter() - t0
                lines = set(paragraphs(doc.text))
                found += sum(p in lines for p in paras)
                total += len(paras)
                pages += doc.page_count or 0
            extra = f" ({pages} pages, {seconds / pages * 1000:.0f} ms/page)" if pages else ""
            print(f"{fmt:15} {file_mb:9.2f} {text_mb:8.2f} {seconds:8.2f} {seconds / file_mb:10.2f} "
                  f"{seconds / text_mb:10.2f} {found / total:23.1%}{extra}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
