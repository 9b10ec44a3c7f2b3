"""Word documents: paragraphs and tables in the author's order, headings and numbering kept."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from readers_fixtures import CLEAN_TEXT, DEMAND, RESULTS, TARGETS, TITLE, lines_of

from luoshi.readers import read_path

ROWS = ["指标 | 目标 | 单位", "地区生产总值增长 | 6左右 | %", "城镇新增就业 | 70 | 万人"]


def test_every_paragraph_is_its_own_line(make):
    doc = read_path(make.docx())
    assert doc.format == "docx"
    assert lines_of(doc.text) == lines_of(CLEAN_TEXT)


def test_headings_come_from_styles_and_title_from_the_title_style(make):
    doc = read_path(make.docx())
    assert doc.title == TITLE
    assert [(doc.block_text(b), b.level) for b in doc.headings] == [
        (TITLE, 0), ("一、2023年工作回顾", 1), ("二、2024年主要目标任务", 1)]


def test_table_is_interleaved_where_the_author_put_it(make):
    doc = read_path(make.docx(table_after=TARGETS))
    lines = lines_of(doc.text)
    at = lines.index(TARGETS)
    assert lines[at + 1 : at + 4] == ROWS
    assert lines[at + 4] == DEMAND
    assert [b.kind for b in doc.blocks[at + 1 : at + 4]] == ["table_row"] * 3


def test_locate_names_table_rows_and_counts_paragraphs(make):
    doc = read_path(make.docx(table_after=TARGETS))
    assert doc.locate(doc.text.index("6左右")) == "表1第2行"
    assert doc.locate(doc.text.index("70万人")) == "第7段"
    assert doc.locate(doc.text.index("社会消费品")) == "第8段"  # table rows are not paragraphs


def test_numbered_list_keeps_its_numbers(make):
    doc = read_path(make.docx(numbered=True))
    assert lines_of(doc.text)[-2:] == ["1.新建5G基站1000个。", "2.改造城镇燃气管道120公里。"]
    assert [b.kind for b in doc.blocks[-2:]] == ["list_item", "list_item"]


def test_automatic_chinese_heading_numbers_are_rendered(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
        "</w:lvl></w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    numbered("2023年工作回顾", 0)
    document.add_paragraph(RESULTS)
    numbered("2024年主要目标任务", 0)
    numbered("扩大有效需求", 1)
    numbered("推进乡村全面振兴", 1)
    path = tmp_path / "numbered.docx"
    document.save(path)
    doc = read_path(path)
    assert [(doc.block_text(b), b.level) for b in doc.headings] == [
        ("一、2023年工作回顾", 1), ("二、2024年主要目标任务", 1), ("（一）扩大有效需求", 2), ("（二）推进乡村全面振兴", 2)]


def test_manual_line_break_inside_a_sentence_adds_nothing(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("2024年主要预期目标是：地区生产总值增长6%左右，城镇新增就业")
    p.add_run().add_break()
    p.add_run("70万人，居民消费价格涨幅3%左右。")
    path = tmp_path / "break.docx"
    document.save(path)
    assert read_path(path).text == TARGETS


def test_tracked_insertions_and_hyperlinks_are_text_deletions_are_not(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("城镇新增就业")
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>70万人</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>60万人</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>。</w:t></w:r></w:hyperlink>'))
    path = tmp_path / "tracked.docx"
    document.save(path)
    assert read_path(path).text == "城镇新增就业70万人。"


def test_merged_cells_are_read_once(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    top = table.cell(0, 0).merge(table.cell(0, 2))
    top.text = "2024年主要预期目标"
    for c, value in enumerate(("城镇新增就业", "70", "万人")):
        table.cell(1, c).text = value
    path = tmp_path / "merged.docx"
    document.save(path)
    assert read_path(path).text == "2024年主要预期目标\n城镇新增就业 | 70 | 万人"


def test_docx_is_recognised_by_content_whatever_its_name(make):
    path = make.docx()
    renamed = path.with_name("report.doc")
    path.rename(renamed)
    assert read_path(renamed).format == "docx"
