"""extract(document): read -> normalise -> segment -> match -> build."""

from __future__ import annotations

from pathlib import Path

from luoshi.model import Extraction


def extract_text(text: str, *, year: int | None = None, region: str | None = None) -> Extraction:
    """Extract every commitment from ``text``; offsets index ``text`` itself."""
    return Extraction(items=(), year=year, year_source="given" if year else "unknown", region=region)


def extract_file(path: str | Path, *, year: int | None = None, region: str | None = None) -> Extraction:
    from luoshi.readers import read_path

    return extract_text(read_path(path).text, year=year, region=region)
