"""Text files are read byte-exactly: offsets must index the decoded file as annotators saw it."""

from __future__ import annotations

import opencc
import pytest
from readers_fixtures import CLEAN_TEXT, RESULTS, TARGETS, TITLE, lines_of

from luoshi.readers import ReaderError, read_path


def test_utf8_text_is_returned_unchanged_with_headings_and_title(make):
    doc = read_path(make.text())
    assert doc.text == CLEAN_TEXT
    assert (doc.format, doc.encoding, doc.title) == ("text", "utf-8", TITLE)
    assert [doc.block_text(b) for b in doc.headings] == ["一、2023年工作回顾", "二、2024年主要目标任务"]
    assert [doc.block_text(b) for b in doc.blocks] == lines_of(CLEAN_TEXT)


def test_utf8_bom_is_kept_as_open_with_utf8_keeps_it(make):
    path = make.text(bom=True)
    doc = read_path(path)
    assert doc.text == path.read_text(encoding="utf-8") == "\ufeff" + CLEAN_TEXT
    assert doc.title == TITLE
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_mainland_encodings_decode_to_the_same_text(make, encoding):
    doc = read_path(make.text(encoding=encoding))
    assert doc.text == CLEAN_TEXT
    assert doc.encoding == "gb18030"


def test_big5_traditional_text_decodes_exactly(make):
    traditional = opencc.OpenCC("s2tw").convert(CLEAN_TEXT)
    doc = read_path(make.text(encoding="cp950", text=traditional))
    assert doc.text == traditional
    assert doc.encoding == "big5"


@pytest.mark.parametrize("sentence", ["城镇新增就业70万人。", "地区生产总值增长6%左右", TARGETS])
def test_short_gb18030_and_big5_sentences_are_not_misdetected(make, sentence):
    traditional = opencc.OpenCC("s2tw").convert(sentence)
    assert read_path(make.text("gb.txt", encoding="gb18030", text=sentence)).text == sentence
    assert read_path(make.text("big5.txt", encoding="cp950", text=traditional)).text == traditional


def test_crlf_newlines_read_as_python_reads_text_files(make):
    path = make.text(newline="\r\n")
    doc = read_path(path)
    assert doc.text == path.read_text(encoding="utf-8") == CLEAN_TEXT


def test_utf8_cut_inside_its_last_character_stays_utf8(make, tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes(CLEAN_TEXT.encode("utf-8").rstrip(b"\n")[:-1])
    doc = read_path(path)
    assert doc.encoding == "utf-8"
    assert doc.text == CLEAN_TEXT.rstrip("\n")[:-1]
    assert doc.notes


def test_locate_counts_paragraphs_as_a_reader_does(make):
    doc = read_path(make.text())
    assert doc.locate(doc.text.index("70万人")) == "第7段"
    assert doc.locate(doc.text.index("6.2万人")) == "第5段"
    assert doc.locate(0) == "第1段"
    assert doc.locate(len(doc.text)) == "第9段"


def test_markdown_headings_are_blocks_and_markup_stays_in_the_text(make):
    md = f"# {TITLE}\n\n## 一、2023年工作回顾\n\n{RESULTS}\n\n- 新建5G基站1000个\n"
    doc = read_path(make.text("report.md", text=md))
    assert doc.format == "markdown"
    assert doc.text == md
    assert doc.title == TITLE
    assert [(doc.block_text(b), b.level) for b in doc.headings] == [(f"# {TITLE}", 1), ("## 一、2023年工作回顾", 2)]
    assert doc.blocks[-1].kind == "list_item"


def test_format_comes_from_content_not_the_extension(make):
    assert read_path(make.html("report.txt")).format == "html"
    pdf = make.pdf()
    renamed = pdf.with_name("report.txt")
    pdf.rename(renamed)
    assert read_path(renamed).format == "pdf"


def test_whitespace_only_file_is_refused(make):
    with pytest.raises(ReaderError, match="blank.txt: no text found"):
        read_path(make.text("blank.txt", text=" \n\u3000\n"))


@pytest.mark.shared
def test_corpus_files_read_exactly_as_the_gold_annotations_index_them(corpus):
    for path in sorted(corpus.glob("*/*.txt"))[::7]:
        assert read_path(path).text == path.read_text(encoding="utf-8"), path
