"""Small files that unpack to a great deal: the hostile uploads of issue 10, made on demand.

Nothing big is committed: each function writes its file into a directory and returns the path.
Used by ``tests/readers/test_limits.py``, ``tests/web/test_upload_limits.py`` and, to measure time
and memory by hand, ``bench/bombs.py``.

- ``docx_bomb``: a 0.1-0.4 MB DOCX whose word/document.xml is 100 MB of paragraphs;
- ``xlsx_bomb``: a 分工表-like workbook of 19,000 x 1,000 numeric cells (about 0.6 MB packed);
- ``pdf_stream_bomb``: a PDF page whose content stream inflates to 1 GB (deflated by hand with zlib);
- ``pdf_pages_bomb``: a 50,000-page PDF (each page one line of text, one shared content stream);
- ``text_bomb``: 19 MB of report-like text.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

MB = 1 << 20

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="{part}" ContentType="{ctype}"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{target}"/>
</Relationships>"""


def docx_bomb(directory: Path, xml_mb: int = 100) -> Path:
    """A Word document whose body XML is ``xml_mb`` MB of one repeated paragraph."""
    path = directory / "bomb.docx"
    para = "<w:p><w:r><w:t>地区生产总值增长6%左右。</w:t></w:r></w:p>".encode()
    chunk = para * (MB // len(para))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            part="/word/document.xml",
            ctype="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"))
        z.writestr("_rels/.rels", _RELS.format(target="word/document.xml"))
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(xml_mb):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx_bomb(directory: Path, rows: int = 19_000, cols: int = 1_000, *, dimension: bool = True) -> Path:
    """A workbook whose one sheet has a 分工表 header row and ``rows`` x ``cols`` numeric cells.

    With ``dimension=False`` the sheet does not declare its size, as some writers do.
    """
    path = directory / "bomb.xlsx"
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    cells = b"<c><v>1</v></c>" * cols
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES.format(
            part="/xl/workbook.xml", ctype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
            .replace("</Types>", '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
                                 'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        z.writestr("_rels/.rels", _RELS.format(target="xl/workbook.xml"))
        z.writestr("xl/workbook.xml", f'<workbook {ns} {rel_ns}><sheets><sheet name="分工表" sheetId="1" r:id="rId1"/>'
                                      "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", _RELS.replace(
            "officeDocument/2006/relationships/officeDocument", "officeDocument/2006/relationships/worksheet")
            .format(target="worksheets/sheet1.xml"))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>'.encode())
            if dimension:
                fh.write(f'<dimension ref="A1:{_col(cols)}{rows + 1}"/>'.encode())
            fh.write(b'<sheetData><row r="1"><c t="inlineStr"><is><t>\xe4\xbb\xbb\xe5\x8a\xa1\xe7\xbc\x96\xe5\x8f\xb7'
                     b'</t></is></c><c t="inlineStr"><is><t>\xe7\x89\xb5\xe5\xa4\xb4\xe5\x8d\x95\xe4\xbd\x8d</t></is></c>'
                     b"</row>")
            for r in range(2, rows + 2):
                fh.write(b'<row r="%d">' % r + cells + b"</row>")
            fh.write(b"</sheetData></worksheet>")
    return path


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, object 1 the catalog) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_stream_bomb(directory: Path, inflated_mb: int = 1024) -> Path:
    """One page whose content stream (a line of text, then spaces) inflates to ``inflated_mb`` MB."""
    path = directory / "stream-bomb.pdf"
    # A full flush resets the compressor's history, so every further MB of spaces deflates to the
    # same bytes: deflate two, check they match, and repeat the block instead of deflating 1 GB.
    # The zlib wrapper (header, Adler-32 of the whole) is written by hand around raw deflate.
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    text = b"BT /F1 12 Tf 72 720 Td (GDP growth 6%) Tj ET\n"
    head = c.compress(text) + c.flush(zlib.Z_FULL_FLUSH)
    spaces = b" " * MB
    block = c.compress(spaces) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(spaces) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    check = zlib.adler32(text)
    for _ in range(inflated_mb):
        check = zlib.adler32(spaces, check)
    stream = b"\x78\xda" + head + block * inflated_mb + c.flush() + check.to_bytes(4, "big")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        _FONT,
    ]
    path.write_bytes(_pdf(objects))
    return path


def pdf_pages_bomb(directory: Path, pages: int = 50_000) -> Path:
    """``pages`` pages, each showing one line of text from one shared content stream."""
    path = directory / "pages-bomb.pdf"
    content = b"BT /F1 12 Tf 72 720 Td (GDP growth 6%) Tj ET"
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        _FONT,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects += [page] * pages
    path.write_bytes(_pdf(objects))
    return path


def text_bomb(directory: Path, mb: int = 19) -> Path:
    """``mb`` MB of a report's sentences, over and over (UTF-8)."""
    path = directory / "bomb.txt"
    line = "今年全省地区生产总值增长6%左右，城镇新增就业70万人，粮食产量稳定在600亿斤以上。\n".encode()
    path.write_bytes(line * (mb * MB // len(line)))
    return path
