"""Limits a file must keep before any parser opens it: what it unpacks to, not what it weighs.

A report is small: the largest of the corpus is 171 KB of text, a Word report a few MB unpacked, a
PDF a few hundred pages. Compressed formats let a small file claim gigabytes: a 0.4 MB DOCX can
hold 100 MB of document XML (python-docx then needs 9 GB), a 1 MB PDF a stream that inflates to
1 GB, a 0.6 MB workbook 19 million cells. Every check here is cheap and bounded: the ZIP directory
(declared sizes; Python's ``zipfile``, which python-docx and openpyxl read through, never gives more
bytes than a member declares), the sheet's ``<dimension>``, PDFium's page count, and the PDF's
Flate streams inflated in chunks into nothing and stopped at the limit. A file over a limit is
refused with one line saying which limit, by how much, and which setting raises it.

Limits come from the environment at each call (so the web settings, the CLI and tests can set
them), with defaults far above any real report:

=============================== ======== ==================================================
variable                        default  what
=============================== ======== ==================================================
``LUOSHI_MAX_FILE_MB``          256      any file, as stored (CLI; the web upload limit is lower)
``LUOSHI_MAX_TEXT_CHARS``       400000   text of a document after reading (any format); a text file
                                         may weigh 4 bytes a character before decoding, HTML 16
``LUOSHI_MAX_UNPACKED_MB``      64       DOCX/XLSX: sum of the declared sizes of the ZIP's members
``LUOSHI_MAX_ZIP_RATIO``        100      DOCX/XLSX: unpacked / packed size of any member over 1 MB
``LUOSHI_MAX_XML_MB``           10       DOCX/XLSX: declared size of the XML parts together (what
                                         python-docx and openpyxl parse; pictures are not parsed)
``LUOSHI_MAX_PDF_PAGES``        300      PDF pages (a work report has 20 to 60)
``LUOSHI_MAX_PDF_STREAM_MB``    64       one PDF stream, inflated
``LUOSHI_MAX_PDF_INFLATED_MB``  256      all PDF streams together, inflated
``LUOSHI_MAX_SHEET_CELLS``      200000   XLSX: rows x columns of a sheet (its dimension)
=============================== ======== ==================================================
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from luoshi.readers.base import ReaderError

MB = 1 << 20
_RATIO_FLOOR = MB  # members smaller than this unpacked may compress as well as they like


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 256 * MB
    text_chars: int = 400_000  # the longest report of the corpus has 57,590; extraction time grows with it
    unpacked_bytes: int = 64 * MB
    zip_ratio: int = 100
    xml_bytes: int = 10 * MB  # 20 MB of document XML cost python-docx 14 s and 300 MB
    pdf_pages: int = 300  # PDFium reads every page before the text limit can be checked
    pdf_stream_bytes: int = 64 * MB
    pdf_inflated_bytes: int = 256 * MB
    sheet_cells: int = 200_000

    @classmethod
    def from_env(cls) -> Limits:
        """The limits in force: each ``LUOSHI_MAX_*`` variable set to a positive integer, else the default."""
        d = cls()
        return cls(
            file_bytes=env_setting("LUOSHI_MAX_FILE_MB", d.file_bytes // MB) * MB,
            text_chars=env_setting("LUOSHI_MAX_TEXT_CHARS", d.text_chars),
            unpacked_bytes=env_setting("LUOSHI_MAX_UNPACKED_MB", d.unpacked_bytes // MB) * MB,
            zip_ratio=env_setting("LUOSHI_MAX_ZIP_RATIO", d.zip_ratio),
            xml_bytes=env_setting("LUOSHI_MAX_XML_MB", d.xml_bytes // MB) * MB,
            pdf_pages=env_setting("LUOSHI_MAX_PDF_PAGES", d.pdf_pages),
            pdf_stream_bytes=env_setting("LUOSHI_MAX_PDF_STREAM_MB", d.pdf_stream_bytes // MB) * MB,
            pdf_inflated_bytes=env_setting("LUOSHI_MAX_PDF_INFLATED_MB", d.pdf_inflated_bytes // MB) * MB,
            sheet_cells=env_setting("LUOSHI_MAX_SHEET_CELLS", d.sheet_cells),
        )

    @property
    def text_bytes(self) -> int:
        """Bytes a text file may have before decoding: 4 per character (UTF-8's widest)."""
        return 4 * self.text_chars

    @property
    def html_bytes(self) -> int:
        """Bytes a web page may have: its text plus the page's markup, scripts and furniture."""
        return 16 * self.text_chars


def env_setting(name: str, default: float, *, whole: bool = True) -> float:
    """A positive number from the environment (``default`` when unset); a bad one is a ReaderError
    naming the setting and an example value (also for the extraction child's limits, ``luoshi.sandbox``)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        what = "a whole number" if whole else "a number"
        raise ReaderError("", f"setting {name}={raw!r} is not {what}; set it to e.g. {default:g}") from None
    if not 0 < value < 10**12:  # NaN and infinity fail this too
        raise ReaderError("", f"setting {name}={raw!r} must be positive; set it to e.g. {default:g}")
    return value


def _mb(n: int) -> str:
    if n >= 10 * MB:
        return f"{n / MB:.0f} MB"
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / 1024:.0f} KB"


def check_file(path: Path, fmt: str | None, data: bytes, limits: Limits | None = None) -> None:
    """Refuse ``data`` (the whole file, format ``fmt`` as sniffed; None for text or HTML) when
    it would unpack past a limit. Raises ``ReaderError`` naming the limit and its setting."""
    limits = limits or Limits.from_env()
    if fmt == "docx":
        check_zip(path, data, limits)
    elif fmt == "pdf":
        check_pdf(path, data, limits)
    elif len(data) > (cap := limits.html_bytes if fmt == "html" else limits.text_bytes):
        what = "web page" if fmt == "html" else "text file"
        raise ReaderError(path, f"{what} is {_mb(len(data))}, over the limit of {_mb(cap)} "
                                f"for a report ({limits.text_chars:,} characters; LUOSHI_MAX_TEXT_CHARS); "
                                "check that this is the report")


def check_text(path: Path, text: str, limits: Limits | None = None) -> None:
    """Refuse a document whose text (as read) is longer than any report."""
    limits = limits or Limits.from_env()
    if len(text) > limits.text_chars:
        raise ReaderError(path, f"document text has {len(text):,} characters, over the limit of "
                                f"{limits.text_chars:,} (LUOSHI_MAX_TEXT_CHARS); check that this is the report")


def check_zip(path: Path, data: bytes, limits: Limits | None = None) -> None:
    """DOCX/XLSX: refuse from the ZIP directory alone, before any member is unpacked."""
    limits = limits or Limits.from_env()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return  # not readable as a ZIP: the format check says so in its own words
    total = sum(i.file_size for i in infos)
    if total > limits.unpacked_bytes:
        raise ReaderError(path, f"ZIP (DOCX/XLSX) unpacks to {_mb(total)}, over the limit of "
                                f"{_mb(limits.unpacked_bytes)} (LUOSHI_MAX_UNPACKED_MB); a report is far smaller: "
                                "this looks like a compression bomb")
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if xml > limits.xml_bytes:
        raise ReaderError(path, f"ZIP (DOCX/XLSX) holds {_mb(xml)} of XML, over the limit of {_mb(limits.xml_bytes)} "
                                "(LUOSHI_MAX_XML_MB); a report's document is far smaller")
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ReaderError(path, f"ZIP member {info.filename} unpacks {ratio:.0f} times its packed size "
                                    f"({_mb(info.compress_size)} -> {_mb(info.file_size)}), over the limit of "
                                    f"{limits.zip_ratio} (LUOSHI_MAX_ZIP_RATIO); this looks like a compression bomb")


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\"")
_SHEET_HEAD = 4096


def check_xlsx(path: Path, data: bytes, limits: Limits | None = None) -> None:
    """A workbook: each sheet's declared size (rows x columns) from the ``<dimension>`` element at
    the head of its XML, read by unpacking only its first 4 KB; then the ZIP checks.

    A sheet that declares no (or a false) dimension is still bounded by the unpacked-size limits.
    """
    limits = limits or Limits.from_env()
    _check_dimensions(path, data, limits)
    check_zip(path, data, limits)


def _check_dimensions(path: Path, data: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                if not re.fullmatch(r"xl/worksheets/[^/]+\.xml", info.filename):
                    continue
                with z.open(info) as fh:
                    head = fh.read(_SHEET_HEAD)
                m = _DIMENSION.search(head)
                if not m or not m.group(3):
                    continue
                rows = int(m.group(4)) - int(m.group(2) or 1) + 1
                cols = _column_number(m.group(3).decode()) - _column_number((m.group(1) or b"A").decode()) + 1
                if rows * cols > limits.sheet_cells:
                    raise ReaderError(path, f"worksheet {Path(info.filename).stem} is {rows:,} rows x {cols:,} columns "
                                            f"({rows * cols:,} cells), over the limit of {limits.sheet_cells:,} "
                                            "(LUOSHI_MAX_SHEET_CELLS); keep only the 分工表's rows and columns")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, zlib.error):
        return  # the workbook reader says what is wrong with a damaged file


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_CHUNK = 1 << 16


def check_pdf(path: Path, data: bytes, limits: Limits | None = None) -> None:
    """A PDF: how much its Flate streams inflate to (scanned, inflated in 64 KB pieces into
    nothing, stopped at the limit), then its page count (PDFium reads only the page tree)."""
    limits = limits or Limits.from_env()
    total = 0
    pos = 0
    while (m := _STREAM.search(data, pos)) is not None:
        start = m.end()
        end = data.find(_ENDSTREAM, start)
        if end < 0:
            end = len(data)
        pos = end + len(_ENDSTREAM)
        if m.start() > 0 and data[m.start() - 3 : m.start()] == b"end":
            continue  # the "stream" of an "endstream"
        head = data[max(0, m.start() - 1024) : m.start()]
        head = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
        if not _FLATE.search(head):
            continue
        size = _inflated_size(data, start, end, limits.pdf_stream_bytes)
        if size > limits.pdf_stream_bytes:
            raise ReaderError(path, f"PDF has a stream that inflates to more than {_mb(limits.pdf_stream_bytes)} "
                                    f"(LUOSHI_MAX_PDF_STREAM_MB); a report's pages are far smaller: "
                                    "this looks like a compression bomb")
        total += size
        if total > limits.pdf_inflated_bytes:
            raise ReaderError(path, f"PDF streams inflate to more than {_mb(limits.pdf_inflated_bytes)} together "
                                    "(LUOSHI_MAX_PDF_INFLATED_MB); this looks like a compression bomb")
    pages = pdf_page_count(data)
    if pages is not None and pages > limits.pdf_pages:
        raise ReaderError(path, f"PDF has {pages:,} pages, over the limit of {limits.pdf_pages:,} "
                                "(LUOSHI_MAX_PDF_PAGES); split it, or pass only the report")


def _inflated_size(data: bytes, start: int, end: int, cap: int) -> int:
    """Bytes the Flate data in ``data[start:end]`` inflates to, counting no further than ``cap + 1``;
    never holds more than one 64 KB piece of output."""
    d = zlib.decompressobj()
    size = 0
    view = memoryview(data)[start:end]
    try:
        for i in range(0, len(view), _CHUNK):
            chunk = bytes(view[i : i + _CHUNK])
            while chunk and not d.eof:
                out = d.decompress(chunk, _CHUNK)
                size += len(out)
                if size > cap:
                    return size
                if not out and d.unconsumed_tail == chunk:
                    break  # no progress: nothing more comes out of this input
                chunk = d.unconsumed_tail
            if d.eof:
                break
    except zlib.error:
        pass  # damaged or not Flate after all: PDFium decides what to make of it
    return size


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(data: bytes) -> int | None:
    """Pages as PDFium counts them (it reads the page tree, not the pages); when PDFium cannot
    open the file, the page objects written in it uncompressed."""
    from luoshi.readers.pdf_pdfium import page_count

    try:
        return page_count(data)
    except Exception:  # damaged or encrypted: the reader reports it; count what is visible
        return len(_PAGE_OBJECT.findall(data)) or None
