"""Hostile files are refused from what they declare or from a bounded scan, before any parser
opens them (issue 10, finding 2): each with one line naming the limit and the setting that raises it.

The bombs are made on demand by ``bombs.py`` (nothing big is committed). Time and memory of
``luoshi extract`` on them are measured by hand with ``bench/bombs.py``, not asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path
from unittest import mock

import bombs
import pytest

from luoshi.readers import ReaderError, read_path
from luoshi.readers.limits import Limits, check_pdf, check_xlsx, check_zip


@pytest.fixture(scope="module")
def bomb_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bombs")


def _refused(path: Path, *words: str) -> str:
    """read_path refuses ``path`` and names every one of ``words``; the parser never ran."""
    with mock.patch("docx.Document", side_effect=AssertionError("python-docx opened a bomb")), \
            mock.patch("luoshi.readers.pdf_pdfium.pdfium_read", side_effect=AssertionError("PDFium read a bomb")), \
            pytest.raises(ReaderError) as err:
        read_path(path)
    message = str(err.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    return message


def test_docx_of_100_mb_xml_is_refused_from_its_zip_directory(bomb_dir):
    path = bombs.docx_bomb(bomb_dir)
    assert path.stat().st_size < 600_000
    _refused(path, "unpacks to 100 MB", "LUOSHI_MAX_UNPACKED_MB")


def test_docx_member_compressed_past_the_ratio_is_refused(bomb_dir, tmp_path):
    path = bombs.docx_bomb(tmp_path, xml_mb=5)  # under the size limits, but 5 MB from ~5 KB
    _refused(path, "word/document.xml", "LUOSHI_MAX_ZIP_RATIO")


def test_docx_with_too_much_xml_is_refused_whatever_its_ratio(tmp_path, monkeypatch):
    path = bombs.docx_bomb(tmp_path, xml_mb=12)
    monkeypatch.setenv("LUOSHI_MAX_ZIP_RATIO", "100000")  # as if the XML compressed poorly
    _refused(path, "holds 12 MB of XML, over the limit of 10 MB", "LUOSHI_MAX_XML_MB")


def test_limits_follow_the_environment(tmp_path, monkeypatch):
    path = bombs.docx_bomb(tmp_path, xml_mb=1)
    monkeypatch.setenv("LUOSHI_MAX_ZIP_RATIO", "100000")
    assert read_path(path).text.startswith("地区生产总值增长6%左右。")
    monkeypatch.setenv("LUOSHI_MAX_UNPACKED_MB", "1")
    _refused(path, "over the limit of 1.0 MB")


def test_pdf_stream_inflating_to_1_gb_is_refused_by_a_bounded_scan(bomb_dir):
    path = bombs.pdf_stream_bomb(bomb_dir)
    _refused(path, "inflates to more than 64 MB", "LUOSHI_MAX_PDF_STREAM_MB")


def test_pdf_streams_are_capped_together_too(tmp_path):
    path = bombs.pdf_stream_bomb(tmp_path, inflated_mb=3)
    limits = Limits(pdf_stream_bytes=10 << 20, pdf_inflated_bytes=2 << 20)
    with pytest.raises(ReaderError, match="LUOSHI_MAX_PDF_INFLATED_MB"):
        check_pdf(path, path.read_bytes(), limits)
    check_pdf(path, path.read_bytes(), Limits())  # 3 MB in one stream is allowed by default


def test_pdf_of_50000_pages_is_refused_from_its_page_tree(bomb_dir):
    path = bombs.pdf_pages_bomb(bomb_dir)
    _refused(path, "50,000 pages", "LUOSHI_MAX_PDF_PAGES")


def test_pdf_page_limit_is_a_setting(tmp_path, monkeypatch):
    path = bombs.pdf_pages_bomb(tmp_path, pages=30)
    check_pdf(path, path.read_bytes())
    monkeypatch.setenv("LUOSHI_MAX_PDF_PAGES", "20")
    _refused(path, "30 pages, over the limit of 20")


def test_19_mb_text_is_refused_before_decoding(bomb_dir):
    path = bombs.text_bomb(bomb_dir)
    with mock.patch("luoshi.readers.text.decode_text", side_effect=AssertionError("decoded a bomb")):
        _refused(path, "19 MB", "LUOSHI_MAX_TEXT_CHARS")


def test_text_over_the_character_limit_is_refused_after_reading(tmp_path, monkeypatch):
    path = bombs.text_bomb(tmp_path, mb=1)
    monkeypatch.setenv("LUOSHI_MAX_TEXT_CHARS", "300000")  # 1.2 MB of bytes pass, 350k characters do not
    _refused(path, "characters, over the limit of 300,000")


def test_xlsx_of_19000_by_1000_cells_is_refused_from_its_dimension(bomb_dir):
    path = bombs.xlsx_bomb(bomb_dir)
    data = path.read_bytes()
    limits = Limits(unpacked_bytes=1 << 40)  # the cell count alone refuses it
    with mock.patch("openpyxl.load_workbook", side_effect=AssertionError("openpyxl opened a bomb")), \
            pytest.raises(ReaderError) as err:
        check_xlsx(path, data, limits)
    assert "19,001 rows x 1,000 columns" in str(err.value) and "LUOSHI_MAX_SHEET_CELLS" in str(err.value)
    with pytest.raises(ReaderError, match="LUOSHI_MAX_UNPACKED_MB"):
        check_zip(path, data)  # its unpacked size alone refuses it too


def test_xlsx_without_a_dimension_is_still_bounded_by_its_unpacked_size(tmp_path):
    path = bombs.xlsx_bomb(tmp_path, dimension=False)
    with pytest.raises(ReaderError, match="LUOSHI_MAX_UNPACKED_MB"):
        check_xlsx(path, path.read_bytes())


def test_an_ordinary_workbook_passes(tmp_path):
    path = bombs.xlsx_bomb(tmp_path, rows=200, cols=10)
    check_xlsx(path, path.read_bytes())


def test_a_damaged_zip_is_left_to_the_format_check(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    check_zip(path, path.read_bytes())  # no limit error: the reader's own message says it is corrupt
    with pytest.raises(ReaderError, match="truncated or corrupt"):
        read_path(path)


def test_a_normal_docx_and_small_zip_pass(tmp_path):
    path = tmp_path / "ok.docx"
    with zipfile.ZipFile(bombs.docx_bomb(tmp_path, xml_mb=0)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
    check_zip(path, path.read_bytes())


@pytest.mark.parametrize("make", [bombs.docx_bomb, bombs.pdf_stream_bomb, bombs.pdf_pages_bomb, bombs.text_bomb],
                         ids=["docx", "pdf-stream", "pdf-pages", "text"])
def test_luoshi_extract_exits_2_with_one_line(make, bomb_dir):
    path = make(bomb_dir)
    out = subprocess.run([sys.executable, "-m", "luoshi.cli", "extract", str(path), "--format", "jsonl"],
                         capture_output=True, text=True, env={**os.environ}, timeout=120)
    assert out.returncode == 2 and out.stdout == ""
    errors = [x for x in out.stderr.splitlines() if x.startswith("错误 error:")]  # the rest is the batch summary
    assert len(errors) == 1 and str(path) in errors[0] and "LUOSHI_MAX_" in errors[0], out.stderr


def test_a_bad_limit_setting_is_one_line_not_a_traceback(tmp_path):
    path = bombs.text_bomb(tmp_path, mb=1)
    out = subprocess.run([sys.executable, "-m", "luoshi.cli", "extract", str(path)], capture_output=True, text=True,
                         env={**os.environ, "LUOSHI_MAX_TEXT_CHARS": "lots"}, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "LUOSHI_MAX_TEXT_CHARS='lots' is not a whole number" in out.stderr
