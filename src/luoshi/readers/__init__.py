"""Readers turn a file as users get it into the text the extractor reads.

Placeholder for the plain-text reader only; the readers issue replaces it with one reader per
format behind a registry. The contract the rest of luoshi relies on:

- ``read_path(path) -> Document`` with ``.text`` (what item offsets index), ``.title`` and
  ``.locate(offset) -> str`` (a human place such as "第3段" or "第7页");
- ``ReaderError`` (message names the file and the reason) for anything unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes


class ReaderError(Exception):
    """A file could not be read; ``str(err)`` is a one-line message for the user."""


@dataclass(frozen=True)
class Document:
    text: str
    path: str = ""
    title: str | None = None
    format: str = "text"

    def locate(self, offset: int) -> str:
        return f"第{self.text.count(chr(10), 0, offset) + 1}行"


def read_path(path: str | Path) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReaderError(f"{p}: cannot read file ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise ReaderError(f"{p}: not a text file in a known encoding") from None
        text = str(best)
    return Document(text=text, path=str(p))
