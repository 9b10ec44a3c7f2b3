"""PDFs: wrapped lines joined back into paragraphs, page numbers kept for locate()."""

from __future__ import annotations

import pdfplumber
import pytest
from readers_fixtures import CLEAN_TEXT, CLOSING, DEMAND, RESULTS, TARGETS, TITLE, lines_of

from luoshi.readers import ReaderError, read_path


@pytest.fixture
def pdf(make):
    return make.pdf(table_after=TARGETS)


def test_fixture_wraps_results_over_lines_and_onto_the_next_page(pdf):
    with pdfplumber.open(pdf) as opened:
        pages = [p.extract_text() for p in opened.pages]
    assert len(pages) == 2
    assert RESULTS[:20] in pages[0] and RESULTS[-10:] in pages[1]
    assert RESULTS not in pages[0].replace("\n", "")  # really broken across lines and pages


@pytest.mark.parametrize("justify", [True, False])
def test_wrapped_lines_are_joined_into_the_paragraphs_of_the_source(make, justify):
    doc = read_path(make.pdf(justify=justify))
    assert doc.format == "pdf"
    assert lines_of(doc.text) == lines_of(CLEAN_TEXT)


def test_page_numbers_and_running_heads_are_dropped(pdf):
    doc = read_path(pdf)
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    assert "人民代表大会第三次会议文件" not in doc.text


def test_locate_gives_the_page_even_inside_a_paragraph_that_crosses_pages(pdf):
    doc = read_path(pdf)
    start = doc.text.index(RESULTS)
    assert doc.locate(start) == "第1页"
    assert doc.locate(start + len(RESULTS) - 1) == "第2页"
    assert doc.locate(doc.text.index("70万人")) == "第2页"
    assert doc.page_count == 2


def test_headings_title_and_table_rows(pdf):
    doc = read_path(pdf)
    assert doc.title == TITLE
    assert [
        doc.block_text(b) for b in doc.headings if doc.block_text(b) != TITLE] == ["一、2023年工作回顾", "二、2024年主要目标任务"]
    lines = lines_of(doc.text)
    at = lines.index(TARGETS)
    assert lines[at + 1 : at + 5] == ["指标 | 目标 | 单位", "地区生产总值增长 | 6左右 | %", "城镇新增就业 | 70 | 万人", DEMAND]
    row = next(b for b in doc.blocks if b.kind == "table_row" and b.row == 2)
    assert (row.table, row.page) == (1, 2)


def test_heading_number_starts_a_new_line_even_after_a_full_line(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "lines.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    lines = ["今年要抓好以下工作，确保各项目标任务落到实处，推动全市经济社会", "持续健康发展，具体安排如下",
             "（一）扩大有效需求，实施省市重点项目200个以上，完成投资1500亿", "元。"]
    for i, line in enumerate(lines):
        c.drawString(72, 760 - 20 * i, line)
    c.drawString(72, 660, "1.新建5G基站1000个。")
    c.save()
    assert read_path(path).text == (
        "今年要抓好以下工作，确保各项目标任务落到实处，推动全市经济社会持续健康发展，具体安排如下\n"
        "（一）扩大有效需求，实施省市重点项目200个以上，完成投资1500亿元。\n1.新建5G基站1000个。")


def test_pdf_without_a_text_layer_asks_for_ocr(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(2):  # a "scan": shapes where the text would be, no characters
        for y in range(700, 400, -20):
            c.rect(72, y, 450, 8, fill=1)
        c.showPage()
    c.save()
    with pytest.raises(ReaderError, match=r"scan\.pdf: PDF has no text layer.*OCR.*ocrmypdf"):
        read_path(path)


def test_line_left_short_by_a_number_carried_over_is_still_joined(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "carried.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    full = "五年来，人民生活持续改善，城乡居民收入稳步提高，脱贫攻坚取得决定性进展，"
    c.drawString(72, 760, full)
    short = "城乡收入差距继续缩小，农村居民收入增速快于城镇居民，人均收入年增长"
    c.drawString(72, 740, short)  # three characters short of the margin: "7.4%" did not fit
    c.drawString(72, 720, "7.4%，超过经济增速。")
    c.drawString(72, 680, "国务院总理")
    c.drawString(72, 660, "2024年3月5日")
    c.save()
    assert read_path(path).text == f"{full}{short}7.4%，超过经济增速。\n国务院总理\n2024年3月5日"


def test_copy_restricted_pdf_is_read(tmp_path):
    """Government sites often publish PDFs with an owner password that forbids copying."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "restricted.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, TARGETS)
    c.save()
    assert read_path(path).text == TARGETS


def test_pdf_with_a_user_password_says_so(tmp_path):
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret"))
    c.drawString(72, 700, "GDP growth 6%")
    c.save()
    with pytest.raises(ReaderError, match=r"locked\.pdf: PDF is password-protected.*qpdf"):
        read_path(path)


def _fails(*args):
    raise KeyError("/Root")


def test_pdfium_reads_a_pdf_without_tables_alone(make, monkeypatch):
    """PDFium is the first engine; pdfminer is not even opened when no page has rules."""
    import luoshi.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_read_with_pdfplumber", _fails)
    monkeypatch.setattr(pdf_reader, "_tables_with_pdfplumber", _fails)
    doc = read_path(make.pdf())
    assert lines_of(doc.text) == lines_of(CLEAN_TEXT)
    assert doc.locate(doc.text.index(RESULTS) + len(RESULTS) - 1) == "第2页"
    assert doc.notes == ()


def test_pdfminer_is_asked_for_the_tables_of_ruled_pages_only(make, monkeypatch):
    import luoshi.readers.pdf as pdf_reader

    asked = []
    find = pdf_reader._tables_with_pdfplumber

    def spy(data, numbers):
        asked.append(list(numbers))
        return find(data, numbers)

    monkeypatch.setattr(pdf_reader, "_tables_with_pdfplumber", spy)
    doc = read_path(make.pdf(table_after=TARGETS))
    assert asked == [[2]]  # the table is on page 2; page 1 has no rules
    assert "地区生产总值增长 | 6左右 | %" in lines_of(doc.text)


def test_tables_pdfminer_cannot_read_stay_as_text_with_a_note(make, monkeypatch):
    import luoshi.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "_tables_with_pdfplumber", _fails)
    doc = read_path(make.pdf(table_after=TARGETS))
    assert "tables on pages 2 could not be read as tables" in doc.notes[0]
    assert "地区生产总值增长" in doc.text and "70" in doc.text and lines_of(doc.text)[-1] == CLOSING


@pytest.mark.parametrize("table_after", [None, TARGETS])
def test_pdfplumber_reads_what_pdfium_cannot_open_with_the_same_paragraphs(make, monkeypatch, table_after):
    import luoshi.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "pdfium_read", _fails)
    pdfplumber_only = read_path(make.pdf(table_after=table_after))
    monkeypatch.undo()
    both = read_path(make.pdf("again.pdf", table_after=table_after))
    assert pdfplumber_only.text == both.text
    assert [(b.kind, b.page, b.table, b.row) for b in pdfplumber_only.blocks] == [
        (b.kind, b.page, b.table, b.row) for b in both.blocks]
    assert pdfplumber_only.title == both.title == TITLE


def test_text_pdfium_cannot_map_is_read_by_pdfminer(make, monkeypatch):
    import luoshi.readers.pdf as pdf_reader
    from luoshi.readers.pdf_pdfium import pdfium_read

    def unmapped(data):
        read = pdfium_read(data)
        for lines in read.pages:
            for line in lines:
                line.text = "\ufffd" * len(line.text)
        return read

    monkeypatch.setattr(pdf_reader, "pdfium_read", unmapped)
    assert lines_of(read_path(make.pdf()).text) == lines_of(CLEAN_TEXT)
    monkeypatch.setattr(pdf_reader, "_read_with_pdfplumber", _fails)
    with pytest.raises(ReaderError, match=r"report\.pdf: PDF fonts have no Unicode map.*OCR"):
        read_path(make.pdf())


def test_pdfs_read_in_several_threads_at_once_come_out_whole(make):
    """PDFium must not be entered from two threads at once; the web import may read in threads."""
    from concurrent.futures import ThreadPoolExecutor

    paths = [make.pdf(f"r{i}.pdf", table_after=TARGETS if i % 2 else None) for i in range(6)]
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(lambda p: read_path(p).text, paths * 3))
    assert len(set(texts)) == 2 and all(lines_of(t)[-1] == CLOSING for t in texts)
