"""Canonical text: simplified, half-width, soft breaks joined, offsets back to the original."""

from decimal import Decimal

import pytest

from luoshi import extract_text
from luoshi.normalize import canonicalize


def test_traditional_text_is_simplified_with_offsets_kept():
    canon = canonicalize("國內生產總值增長８．１％")
    assert canon.text == "国内生产总值增长8.1%"
    assert canon.to_original(0, len(canon.text)) == (0, 12)


def test_zero_width_characters_are_dropped_but_spans_quote_the_original():
    text = "今年城镇新增就\u200b业70万人。"
    [item] = extract_text(text, year=2024).items
    assert item.text == text[item.start:item.end]
    assert "\u200b" in item.text and item.indicator == "城镇新增就业"


def test_wiki_link_breaks_inside_a_sentence_are_joined():
    text = "过去一年，细颗粒物（PM\n2.5\n）平均浓度下降9.1%。"
    canon = canonicalize(text)
    assert "PM2.5）" in canon.text
    [item] = extract_text(text, year=2022).items
    assert item.value == Decimal("9.1") and "PM\n2.5\n）" in item.text


def test_blank_lines_stay_paragraph_breaks():
    assert "\n" in canonicalize("第一段。\n\n第二段。").text


def test_markdown_bold_round_figures_is_ignored_for_reading_but_quoted():
    text = "过去一年，总算力超**5200PF**。"
    [item] = extract_text(text, year=2024).items
    assert item.value == 5200 and item.unit == "PF" and item.text.startswith("总算力超**5200PF")


def test_a_traditional_report_gives_the_same_items_as_its_simplified_form():
    simp = "今年主要预期目标是：国内生产总值增长5%左右，城镇新增就业1200万人以上，粮食产量1.3万亿斤以上。"
    trad = "今年主要預期目標是：國內生產總值增長5%左右，城鎮新增就業1200萬人以上，糧食產量1.3萬億斤以上。"
    a = [(i.value, i.unit, i.comparator, i.indicator) for i in extract_text(simp, year=2024).items]
    b = [(i.value, i.unit, i.comparator, i.indicator) for i in extract_text(trad, year=2024).items]
    assert a == b and len(a) == 3


def test_text_wrapped_at_a_fixed_width_is_joined_back():
    """Text copied from a PDF breaks every line at one width, inside figures too (4.|6%)."""
    para = ("过去一年，全省地区生产总值增长4.6%，一般公共预算收入增长8.3%，城镇新增就业70万人，"
            "粮食总产量613.6亿斤，社会消费品零售总额突破2万亿元，居民人均可支配收入增长5.5%。") * 3
    width = 29
    wrapped = "\n".join(para[i:i + width] for i in range(0, len(para), width))
    canon = canonicalize(wrapped + "\n　　今年地区生产总值增长6%左右。\n")
    assert canon.text.split("\n")[0] == para
    assert "今年地区生产总值增长6%左右。" in canon.text.split("\n")[1]


def test_a_text_with_one_paragraph_per_line_is_not_taken_for_a_wrapped_one():
    lines = [f"第{i}段，全省地区生产总值增长{i}.5%，" + "各项工作取得新进展。" * (i % 5 + 1) for i in range(20)]
    text = "\n".join(lines)
    assert canonicalize(text).text == text


@pytest.mark.parametrize(("scanned", "read"), [
    ("国内生产总值增长1O％", "国内生产总值增长10%"),  # 驻马店 2003
    ("社会消费品零售总额增长lO.5％", "社会消费品零售总额增长10.5%"),  # 驻马店 2003
    ("增长9l.9％", "增长91.9%"),  # 驻马店 2005
    ("增长l3.6％", "增长13.6%"),  # 驻马店 2006
    ("CPI3%", "CPI3%"),  # a name's letters stay
    ("OLED10%", "OLED10%"),
    ("Il%", "Il%"),  # no digit: not a number
])
def test_letters_a_scan_read_for_digits_in_a_percentage_are_digits(scanned, read):
    canon = canonicalize(scanned)
    assert canon.text == read
    assert canon.to_original(0, len(canon.text)) == (0, len(scanned))


def test_a_scanned_percentage_is_extracted_with_its_value():
    [item] = [i for i in extract_text("2003年主要预期目标是：国内生产总值增长1O％。", year=2003).items]
    assert (item.value, item.text) == (Decimal(10), "国内生产总值增长1O％")
