"""Anything unreadable ends as one line naming the file, the reason and a remedy."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from luoshi.readers import ReaderError, read_path


def _refused(path: Path, *fragments: str) -> str:
    with pytest.raises(ReaderError) as caught:
        read_path(path)
    message = str(caught.value)
    assert path.name in message and "\n" not in message and "Traceback" not in message
    for fragment in fragments:
        assert fragment in message
    return message


def test_truncated_docx(make):
    path = make.docx()
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    _refused(path, "truncated or corrupt", "download it again")


def test_docx_whose_document_xml_is_damaged(make, tmp_path):
    good = make.docx()
    bad = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    _refused(bad, "cannot read this DOCX", "damaged")


def test_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("报告.txt", "城镇新增就业70万人。")
    _refused(path, "no word/document.xml")


def test_pdf_with_garbage_after_its_header(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(4096))
    _refused(path, "cannot parse this PDF")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _refused(path, "empty file")


def test_fifty_megabytes_of_random_bytes_are_refused_at_once(tmp_path):
    path = tmp_path / "random.bin"
    path.write_bytes(os.urandom(50 << 20))
    started = time.perf_counter()
    _refused(path, "binary data")
    # Not a benchmark: a guard against decoding or charset-guessing 50 MB before saying no.
    assert time.perf_counter() - started < 5


def test_html_page_with_no_body(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<!DOCTYPE html><html><head><title>2024年政府工作报告</title></head></html>", encoding="utf-8")
    _refused(path, "no main text")


@pytest.mark.parametrize(("head", "fragment"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, ".doc"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "OCR"),
    (b"{\\rtf1\\ansi hello}", "RTF"),
])
def test_formats_we_recognise_but_do_not_read_say_what_to_do(tmp_path, head, fragment):
    path = tmp_path / "report.doc"
    path.write_bytes(head)
    _refused(path, fragment)


def test_text_in_no_known_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    _refused(path, "not text in a known encoding")


def test_missing_file_and_directory(tmp_path):
    _refused(tmp_path / "missing.pdf", "cannot read file")
    with pytest.raises(ReaderError, match="is a directory"):
        read_path(tmp_path)


def test_cli_reports_each_bad_file_on_one_line_and_goes_on(make, tmp_path):
    good = make.text()
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04" + os.urandom(300))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    run = subprocess.run([sys.executable, "-m", "luoshi.cli", "extract", str(bad), str(good), "--format", "jsonl"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if "broken.docx" in line]
    assert len(errors) == 1 and "truncated or corrupt" in errors[0]
    # the good file was read: no error names it (a warning may, e.g. that no region was found)
    assert not [line for line in run.stderr.splitlines() if str(good) in line and "error" in line.lower()]
    assert '"kind"' in run.stdout
