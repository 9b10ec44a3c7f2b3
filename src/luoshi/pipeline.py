"""extract(document): read -> normalise -> segment -> match -> build."""

from __future__ import annotations

from pathlib import Path

from luoshi.model import Extraction


def extract_text(text: str, *, year: int | None = None, region: str | None = None) -> Extraction:
    """Extract every commitment from ``text``; offsets index ``text`` itself."""
    return Extraction(items=(), year=year, year_source="given" if year else "unknown", region=region)


def extract_document(doc, *, year: int | None = None, region: str | None = None) -> Extraction:
    """Extract from a ``luoshi.readers.Document``; offsets index ``doc.text``."""
    return extract_text(doc.text, year=year, region=region)


def extract_file(path: str | Path, *, year: int | None = None, region: str | None = None) -> Extraction:
    from luoshi.readers import read_path

    return extract_document(read_path(path), year=year, region=region)
