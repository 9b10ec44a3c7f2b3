"""Which reader a file needs, judged from its bytes rather than its name.

Downloads lie about their type: a "报告.pdf" that is really the site's HTML error page, a .doc
that is a renamed .docx, a .txt saved from a web page. The extension only breaks ties (a
Markdown file is text whose name says .md) and shapes the error message.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from luoshi.readers.base import Format, ReaderError
from luoshi.readers.encoding import looks_binary

PREFIX = 65536  # bytes looked at before deciding; enough for any signature or <html> tag

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.I | re.S)
_HTML_TAGS = re.compile(rb"<(?:p|div|br|table|h[1-6]|span|a|body)\b[^>]*>", re.I)
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
_HTML_EXT = {".html", ".htm", ".shtml", ".xhtml"}

# (signature, what it is, what to do) for formats we recognise but do not read.
_FOREIGN = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office/WPS binary format (.doc/.wps/.xls)",
     "save it as .docx or PDF (e.g. libreoffice --headless --convert-to docx FILE)"),
    (b"{\\rtf", "RTF document", "save it as .docx or PDF"),
    (b"\x89PNG", "PNG image, not a text document", "run OCR on it first, or find the text version"),
    (b"\xff\xd8\xff", "JPEG image, not a text document", "run OCR on it first, or find the text version"),
    (b"GIF8", "GIF image, not a text document", "run OCR on it first"),
    (b"II*\x00", "TIFF image, not a text document", "run OCR on it first"),
    (b"MM\x00*", "TIFF image, not a text document", "run OCR on it first"),
    (b"\x1f\x8b", "gzip archive", "unpack it (gunzip) and pass the report inside"),
    (b"Rar!", "RAR archive", "unpack it and pass the report inside"),
    (b"7z\xbc\xaf", "7-Zip archive", "unpack it and pass the report inside"),
)


def detect_format(path: Path, prefix: bytes) -> Format | None:
    """The format the bytes say; None when only a full decode can tell (text vs HTML).

    Raises ReaderError for what we can already refuse: empty, binary, foreign formats.
    """
    if not prefix:
        raise ReaderError(path, "empty file; nothing to read")
    if b"%PDF-" in prefix[:1024]:
        return "pdf"
    if prefix.startswith(b"PK\x03\x04") or prefix.startswith(b"PK\x05\x06"):
        return "docx"  # confirmed (or refused) by check_docx_zip once the whole file is read
    for magic, what, todo in _FOREIGN:
        if prefix.startswith(magic):
            raise ReaderError(path, f"{what}; {todo}")
    if looks_binary(prefix[:8192]):
        raise ReaderError(path, "binary data, not a text, HTML, DOCX or PDF file; check that this is the report")
    if _HTML_START.match(prefix[:4096]) or (path.suffix.lower() in _HTML_EXT and _HTML_TAGS.search(prefix)):
        return "html"
    return None


def check_docx_zip(path: Path, data: bytes) -> None:
    """Refuse, with a reason, a ZIP that is not a readable Word document."""
    named_docx = path.suffix.lower() in {".docx", ".docm", ".dotx"}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        what = "DOCX file" if named_docx or b"word/" in data[:PREFIX] else "ZIP archive"
        raise ReaderError(path, f"{what} is truncated or corrupt (its ZIP directory cannot be read); "
                                "download it again or re-save it in Word/WPS") from None
    if "word/document.xml" in names:
        return
    if "xl/workbook.xml" in names:
        what = "Excel workbook, not a Word document; copy the report text out or save it as PDF"
    elif "ppt/presentation.xml" in names:
        what = "PowerPoint file, not a Word document; export it as PDF"
    elif "OFD.xml" in names:
        what = "OFD (版式文档) file, which luoshi does not read; export it as PDF"
    else:
        what = "ZIP archive without a Word document in it (no word/document.xml); unzip it and pass the report inside"
    raise ReaderError(path, what)
