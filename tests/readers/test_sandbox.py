"""Reading in a limited child: the same result as in-process, and every way out is one clear line."""

from __future__ import annotations

from pathlib import Path

import bombs
import pytest

from luoshi.pipeline import extract_file
from luoshi.readers import ReaderError
from luoshi.sandbox import Limits, isolated, limits_from_env, read_and_extract, shipped_file

pytestmark = pytest.mark.skipif(not isolated(), reason="this platform has no fork/resource: files are read in-process")


def test_same_document_and_items_as_in_process(make):
    path = make.docx()
    doc, result = read_and_extract(path, year=2024, region="某某市")
    expected = extract_file(path, year=2024, region="某某市")
    assert doc.text and doc.format == "docx"
    assert [i.to_dict() for i in result.items] == [i.to_dict() for i in expected.items]
    assert result.year == 2024 and len(result.items) > 10


def test_a_file_without_text_is_refused_as_in_process(tmp_path: Path):
    from luoshi.readers import read_path

    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \n", encoding="utf-8")
    with pytest.raises(ReaderError) as here:
        read_path(path)
    with pytest.raises(ReaderError) as there:
        read_and_extract(path)
    assert there.value.reason == here.value.reason


def test_a_reader_error_comes_back_as_it_was(tmp_path: Path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ReaderError) as e:
        read_and_extract(path)
    assert e.value.reason and "\n" not in str(e.value)


def test_a_bomb_is_refused_in_the_child_by_the_unpacked_limit(tmp_path: Path):
    with pytest.raises(ReaderError) as e:
        read_and_extract(bombs.docx_bomb(tmp_path))
    assert "LUOSHI_MAX_UNPACKED_MB" in e.value.reason


def test_the_callers_settings_reach_the_child(make, monkeypatch):
    """A forkserver child would otherwise see the environment of the moment the server started."""
    read_and_extract(make.text())  # the forkserver is running from here on
    monkeypatch.setenv("LUOSHI_MAX_TEXT_CHARS", "100")
    with pytest.raises(ReaderError) as e:
        read_and_extract(make.text("again.txt"))
    assert "LUOSHI_MAX_TEXT_CHARS" in e.value.reason


def test_over_time_the_child_is_stopped(make):
    with pytest.raises(ReaderError) as e:
        read_and_extract(make.docx(), limits=Limits(seconds=0.001, memory_mb=1024))
    assert "LUOSHI_EXTRACT_SECONDS" in e.value.reason


def test_over_memory_the_child_is_stopped(make):
    with pytest.raises(ReaderError) as e:
        read_and_extract(make.docx(), limits=Limits(seconds=60, memory_mb=16))
    assert "LUOSHI_EXTRACT_MEMORY_MB" in e.value.reason


@pytest.mark.parametrize(("name", "raw"), [("LUOSHI_EXTRACT_SECONDS", "soon"), ("LUOSHI_EXTRACT_MEMORY_MB", "-5"),
                                           ("LUOSHI_EXTRACT_SECONDS", "nan")])
def test_a_bad_setting_says_which_and_what_to_set(monkeypatch, name, raw):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ReaderError) as e:
        limits_from_env()
    assert name in str(e.value)


def test_isolation_off_reads_in_process(make, monkeypatch):
    monkeypatch.setenv("LUOSHI_EXTRACT_ISOLATION", "off")
    assert not isolated()
    doc, result = read_and_extract(make.text())
    assert result is not None and result.items
    monkeypatch.setenv("LUOSHI_EXTRACT_ISOLATION", "sometimes")
    with pytest.raises(ReaderError):
        isolated()


def test_a_shipped_file_is_read_in_process_within_the_block_only():
    assert isolated()
    with shipped_file():
        assert not isolated()
    assert isolated()
