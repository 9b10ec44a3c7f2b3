"""Web pages give the report's text and none of the government site around it."""

from __future__ import annotations

import pytest
from readers_fixtures import CLEAN_TEXT, DEMAND, RESULTS, TARGETS, TITLE, lines_of, squash

from luoshi.readers import ReaderError, read_path

FURNITURE = ("网站首页", "无障碍", "政务公开", "当前位置", "字号", "打印本页", "关闭窗口", "浏览次数", "相关链接",
             "2023年某某市政府工作报告", "图解", "ICP", "网站标识码", "联系我们", "网站地图", "下载")


def test_page_furniture_is_dropped_and_every_paragraph_is_its_own_line(make):
    doc = read_path(make.html())
    assert doc.format == "html"
    for junk in FURNITURE:
        assert junk not in doc.text
    assert lines_of(doc.text) == lines_of(CLEAN_TEXT)


def test_headings_and_title_survive(make):
    doc = read_path(make.html())
    assert doc.title == TITLE
    first, *rest = doc.headings
    assert doc.block_text(first) == TITLE and first.level in (0, 1)  # <h1>, or the page title put first
    assert [(doc.block_text(b), b.level) for b in rest] == [("一、2023年工作回顾", 2), ("二、2024年主要目标任务", 2)]


def test_table_rows_are_lines_in_document_order(make):
    doc = read_path(make.html(table_after=TARGETS))
    lines = lines_of(doc.text)
    at = lines.index(TARGETS)
    assert lines[at + 1 : at + 4] == ["指标 | 目标 | 单位", "地区生产总值增长 | 6左右 | %", "城镇新增就业 | 70 | 万人"]
    assert lines[at + 4] == DEMAND
    assert doc.locate(doc.text.index("6左右")) == "表1第2行"
    assert doc.locate(doc.text.index("社会消费品")) == "第8段"


def test_gb2312_page_with_br_separated_paragraphs(make):
    doc = read_path(make.html(encoding="gb18030", declared="gb2312", br_layout=True))
    assert doc.encoding == "gb18030"
    assert lines_of(doc.text) == lines_of(CLEAN_TEXT)
    assert "一、2023年工作回顾" in [doc.block_text(b) for b in doc.headings]


def test_page_declaring_gb2312_but_served_as_utf8_still_reads(make):
    doc = read_path(make.html(encoding="utf-8", declared="gb2312"))
    assert squash(TARGETS) in squash(doc.text)


def test_locate_counts_paragraphs_from_the_title(make):
    doc = read_path(make.html())
    assert doc.locate(doc.text.index("70万人")) == "第7段"


@pytest.mark.parametrize("page", [
    "<html><head><title>政府工作报告</title></head></html>",
    "<html><head><title>首页</title></head><body><ul><li><a href='/'>首页</a></li>"
    "<li><a href='/a'>新闻</a></li></ul><div class='footer'>版权所有</div></body></html>",
])
def test_page_without_main_text_is_refused_with_its_name(tmp_path, page):
    path = tmp_path / "nobody.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(ReaderError, match=r"nobody\.html: web page has no main text"):
        read_path(path)


def test_headings_trafilatura_drops_on_plain_article_pages_are_put_back(tmp_path):
    paragraphs = [f"<p>{RESULTS}</p>"] * 6 + ["<h2>二、2024年主要目标任务</h2>", f"<p>{TARGETS}</p>"] + \
        [f"<p>{DEMAND}</p>"] * 6
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>政府工作报告</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/zwgk/'>政务公开</a></div>"
            f"<div class='article'><h2>一、2023年工作回顾</h2>{''.join(paragraphs)}</div>"
            "<div class='related'><h2>相关链接</h2><ul><li><a href='/a'>2023年报告</a></li></ul></div>"
            "<div class='footer'>版权所有</div></body></html>")
    path = tmp_path / "plain.html"
    path.write_text(page, encoding="utf-8")
    doc = read_path(path)
    lines = lines_of(doc.text)
    assert lines[lines.index(TARGETS) - 1] == "二、2024年主要目标任务"
    assert "二、2024年主要目标任务" in [doc.block_text(b) for b in doc.headings]
    assert "相关链接" not in doc.text
