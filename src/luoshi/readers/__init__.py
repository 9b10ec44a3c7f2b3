"""Readers turn a report file, as people actually get it, into the text the extractor reads.

Reports arrive as UTF-8/GB18030/Big5 text, web pages, Word documents and PDFs. One reader per
format sits behind the ``Reader`` protocol; ``read_path`` picks one by the file's content (magic
bytes, ZIP contents, HTML tags), not its name. The contract the rest of luoshi relies on:

- ``read_path(path) -> Document`` with ``.text`` (what item offsets index), ``.path``,
  ``.title``, ``.format`` and ``.locate(offset) -> str`` ("第7页", "第23段", "表1第2行");
- ``ReaderError``: one line naming the file, the reason and what to do, for anything unreadable.
"""

from luoshi.readers.base import Block, Document, DocumentBuilder, Format, Reader, ReaderError
from luoshi.readers.registry import READERS, read_path, register, sniff_path

__all__ = ["READERS", "Block", "Document", "DocumentBuilder", "Format", "Reader", "ReaderError", "read_path",
           "register", "sniff_path"]
