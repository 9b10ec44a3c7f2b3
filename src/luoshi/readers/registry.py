"""``read_path``: pick the reader the file's bytes call for and hand back a ``Document``.

Readers register by format; the format comes from the content (``sniff``), so a mislabelled
download still reads, and anything unreadable ends as one ``ReaderError`` line for the CLI.
"""

from __future__ import annotations

from pathlib import Path

from luoshi.readers.base import Document, Format, Reader, ReaderError
from luoshi.readers.limits import Limits, check_file, check_text
from luoshi.readers.sniff import MARKDOWN_SUFFIXES, PREFIX, check_docx_zip, detect_format

READERS: dict[str, Reader] = {}



def register(reader: Reader) -> Reader:
    """Make ``reader`` the one used for ``reader.format``; returns it so it can decorate."""
    READERS[reader.format] = reader
    return reader


def sniff_path(path: str | Path) -> tuple[Format, bytes]:
    """Read ``path`` and name its format from its content; refuses what no reader can read, and
    what would unpack past the limits of :mod:`luoshi.readers.limits`, before any parser opens it."""
    p = Path(path)
    limits = Limits.from_env()
    if p.is_dir():
        raise ReaderError(p, "is a directory; pass the report files (luoshi extract DIR searches it)")
    try:
        with p.open("rb") as f:
            prefix = f.read(PREFIX)
            fmt = detect_format(p, prefix)
            if p.stat().st_size > limits.file_bytes:
                raise ReaderError(p, f"file is {p.stat().st_size >> 20} MB, over the limit of {limits.file_bytes >> 20} MB "
                                     "for a report (LUOSHI_MAX_FILE_MB); check the file")
            data = prefix + f.read()
    except OSError as e:
        raise ReaderError(p, f"cannot read file ({e.strerror or e}); check the path and permissions") from None
    if fmt == "docx":
        check_docx_zip(p, data)
    check_file(p, fmt, data, limits)
    if fmt is None:
        fmt = "markdown" if p.suffix.lower() in MARKDOWN_SUFFIXES else "text"
    return fmt, data


def read_path(path: str | Path) -> Document:
    """Read a report file of any supported format into the text the extractor runs on.

    Raises ``ReaderError`` (one line naming the file, the reason and a remedy) for anything
    that cannot be read: empty, binary, corrupt, scanned without OCR, unsupported format.
    """
    _load_readers()
    p = Path(path)
    fmt, data = sniff_path(p)
    doc = READERS[fmt].read(p, data)
    check_text(p, doc.text)
    if not any(ch.isprintable() and not ch.isspace() and ch not in "\ufeff\u200b" for ch in doc.text):
        raise ReaderError(p, f"no text found in this {fmt} file (only whitespace); check that this is the report")
    return doc


def _load_readers() -> None:
    """Import the reader modules (they register themselves) on first use, keeping import cheap.

    A reader registered by the caller for a format stays: built-ins only fill the gaps.
    """
    global _loaded
    if _loaded:
        return
    mine = dict(READERS)
    from luoshi.readers import docx, html, pdf, text  # noqa: F401

    READERS.update(mine)
    _loaded = True


_loaded = False
