"""Properties over arbitrary input: readers answer with a Document or a ReaderError, nothing else."""

from __future__ import annotations

import itertools
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_fixtures import CLEAN_TEXT

from luoshi.readers import Document, DocumentBuilder, ReaderError, read_path

# Starts that send the bytes down each reader's path, so every reader meets garbage.
PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe",
            "各位代表：".encode("gb18030"), "各位代表：".encode("cp950"), b"# ", b"{\\rtf"]
SUFFIXES = [".txt", ".md", ".html", ".docx", ".pdf", ""]
_counter = itertools.count()


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("arbitrary")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_give_a_document_or_a_reader_error(scratch, prefix, body, suffix):
    path = scratch / f"f{next(_counter)}{suffix}"
    path.write_bytes(prefix + body)
    try:
        doc = read_path(path)
    except ReaderError as e:
        assert path.name in str(e) and "\n" not in str(e)
        return
    assert isinstance(doc, Document) and doc.text.strip()
    for block in doc.blocks:
        assert 0 <= block.start < block.end <= len(doc.text)
        assert isinstance(doc.locate(block.start), str)


CJK = sorted(set(CLEAN_TEXT) - {"\n"})
TRADITIONAL = sorted(set(opencc.OpenCC("s2tw").convert(CLEAN_TEXT)) - {"\n"})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(CJK), min_size=1, max_size=200),
       encoding=st.sampled_from(["utf-8", "gb18030"]))
def test_report_text_decodes_to_exactly_what_was_written(scratch, text, encoding):
    path = scratch / f"t{next(_counter)}.txt"
    path.write_bytes(text.encode(encoding))
    if text.strip(" \u3000"):
        assert read_path(path).text == text


# GB18030 and Big5 share their byte ranges: a few characters without punctuation can be read
# either way (a 2-character file may be two plausible words in both). From a short sentence on
# the bytes decide; below that, mainland GB18030 wins ties.
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(TRADITIONAL), min_size=8, max_size=200))
def test_big5_text_decodes_to_exactly_what_was_written(scratch, text):
    path = scratch / f"b{next(_counter)}.txt"
    path.write_bytes(text.encode("cp950"))
    if text.strip(" \u3000"):
        assert read_path(path).text == text


@given(st.lists(st.text(max_size=30), max_size=12))
def test_builder_blocks_index_their_own_line(parts):
    builder = DocumentBuilder()
    for part in parts:
        builder.add(part)
    doc = builder.build(Path("x"), "html")
    assert doc.text.count("\n") == max(len(doc.blocks) - 1, 0)
    kept = [p.replace("\n", " ").strip(" \t\r\n\f\v\u3000\ufeff\xa0") for p in parts]
    assert [doc.block_text(b) for b in doc.blocks] == [k for k in kept if k]
