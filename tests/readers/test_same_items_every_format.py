"""A report read from any format yields the items its clean UTF-8 text yields."""

from __future__ import annotations

import pytest
from readers_fixtures import CLEAN_TEXT, lines_of, squash

from luoshi.pipeline import extract_document, extract_text
from luoshi.readers import read_path

FORMATS = {
    "utf-8 text": lambda make: make.text(),
    "utf-8 with BOM": lambda make: make.text(bom=True),
    "gb18030 text": lambda make: make.text(encoding="gb18030"),
    "markdown": lambda make: make.text("report.md"),
    "html": lambda make: make.html(),
    "html in gb2312 with <br>": lambda make: make.html(encoding="gb18030", declared="gb2312", br_layout=True),
    "docx": lambda make: make.docx(),
    "pdf": lambda make: make.pdf(),
}


def items(extraction) -> list[tuple]:
    return [(i.kind, i.value, i.unit, i.comparator) for i in extraction.items]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_the_same_sentences(make, fmt):
    doc = read_path(FORMATS[fmt](make))
    assert squash(doc.text).lstrip("\ufeff") == squash(CLEAN_TEXT)
    assert lines_of(doc.text.lstrip("\ufeff")) == lines_of(CLEAN_TEXT)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_yields_the_items_of_the_clean_text(make, fmt):
    expected = items(extract_text(CLEAN_TEXT, year=2024))
    assert expected, "the clean excerpt yields no items: the extractor is not working"
    assert items(extract_document(read_path(FORMATS[fmt](make)), year=2024)) == expected
