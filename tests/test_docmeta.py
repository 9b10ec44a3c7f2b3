"""Year and region read from a report's own words, on real corpus files without a usable title."""

from __future__ import annotations

import csv

import pytest

from luoshi import extract_text
from luoshi.docmeta import ascii_years, infer_region, infer_year
from luoshi.normalize import canonicalize


@pytest.mark.parametrize(("text", "expected"), [
    ("标题：二O一一年政府工作报告", "标题：2011年政府工作报告"),
    ("二〇二四年政府工作报告", "2024年政府工作报告"),
    ("二0二二年政府工作报告", "2022年政府工作报告"),
    ("二零零三年", "2003年"),
    ("十二年", "十二年"),
])
def test_years_in_chinese_digits_become_arabic_with_the_same_length(text, expected):
    assert ascii_years(text) == expected
    assert len(ascii_years(text)) == len(text)


@pytest.mark.parametrize(("text", "year", "source"), [
    ("各位代表：\n一、2023年工作回顾\n过去的一年……", 2024, "回顾"),
    ("一、2010年及“十一五”工作回顾过去的一年，……", 2011, "回顾"),
    ("各位代表：\n2024年是实施“十四五”规划的关键一年。", 2024, "plan"),
    ("标题：二O一三年政府工作报告\n年份：2014\n", 2013, "title"),
    ("各位代表：现在，我代表市人民政府向大会报告工作。", None, "unknown"),
])
def test_year_from_title_review_or_plan(text, year, source):
    assert infer_year(text) == (year, source)


def test_region_from_the_speaker():
    assert infer_region("现在，我代表三亚市人民政府向大会报告工作") == "三亚市"
    assert infer_region("我代表黔东南苗族侗族自治州人民政府") == "黔东南苗族侗族自治州"


def test_region_unknown_is_none_and_warned():
    result = extract_text("各位代表：今年城镇新增就业5万人。", year=2024)
    assert result.region is None
    assert any("region" in w for w in result.warnings)


def test_a_given_region_is_kept():
    assert extract_text("我代表三亚市人民政府。", year=2024, region="海南省").region == "海南省"


@pytest.mark.shared
def test_region_and_year_on_the_city_corpus(shared):
    """Most city and county reports name their region without a title; wrong answers stay rare."""
    manifest = (shared / "corpus" / "manifest.csv").read_text(encoding="utf-8").splitlines()
    rows = [r for r in csv.DictReader(manifest)
            if r["level"] in ("city", "county")]
    right = wrong = years = 0
    for r in rows:
        text = canonicalize((shared / "corpus" / r["path"]).read_text(encoding="utf-8")).text
        got = infer_region(text)
        if got is not None:
            right += r["region"].endswith(got) or got.startswith(r["region"][:2])
            wrong += not (r["region"].endswith(got) or got.startswith(r["region"][:2]))
        years += infer_year(text)[0] == int(r["year"])
    assert right >= 0.8 * len(rows), (right, wrong, len(rows))
    assert wrong <= 0.08 * len(rows), (right, wrong, len(rows))
    assert years >= 0.9 * len(rows), (years, len(rows))


def test_a_given_year_the_text_contradicts_is_kept_with_a_warning():
    text = "各位代表：\n一、2022年工作回顾\n过去一年，地区生产总值增长6%。\n二、2023年工作安排\n今年增长9%。"
    result = extract_text(text, year=2024, region="池州市")
    assert result.year == 2024
    assert any("2023" in w and "--year" in w for w in result.warnings)
    assert not extract_text(text, year=2023, region="池州市").warnings


@pytest.mark.parametrize(("head", "year"), [
    ("一、“十一五”时期国民经济和社会发展的回顾\n“十一五”时期是我国发展进程中极不平凡的五年。", 2011),  # national 2011
    ("一、过去一年工作回顾\n……\n二、2005年工作总体部署\n", 2005),  # national 2005
    ("一、 过去五年工作回顾\n……\n二、2008年主要任务\n", 2008),  # national 2008
    ("一、过去五年工作回顾\n……\n二、2018年经济社会发展总体要求和政策取向\n", 2018),  # national 2018
])
def test_the_year_from_a_five_year_review_or_a_plan_heading(head, year):
    from luoshi.docmeta import infer_year

    assert infer_year(head)[0] == year


def test_the_state_council_speaks_for_the_whole_country():
    from luoshi.docmeta import infer_region

    assert infer_region("各位代表：\n现在，我代表国务院，向大会报告政府工作。全面推进乡村振兴，乡村振兴，乡村振兴，乡村振兴，乡村振兴。") == "全国"


@pytest.mark.parametrize(("text", "year"), [
    # 柳州, 绍兴, 绵阳 2024: the review opens with the past year's "是…之年"
    ("2023年是全面贯彻党的二十大精神的开局之年。……\n2024年是实施“十四五”规划的关键一年。", 2024),
    ("2023年是绍兴发展史上具有重要里程碑意义的一年。……\n二、2024年主要目标和重点工作\n", 2024),
    ("2023年是全面贯彻党的二十大精神的开局之年。全市地区生产总值增长6%。", 2023),
])
def test_the_plan_year_is_the_latest_year_said_to_be_the_year_of(text, year):
    assert infer_year(text)[0] == year


@pytest.mark.parametrize(("short", "full"), [
    ("阿坝", "阿坝藏族羌族自治州"), ("凉山", "凉山彝族自治州"), ("黔南", "黔南布依族苗族自治州"),
    ("黔东南", "黔东南苗族侗族自治州"), ("恩施", "恩施土家族苗族自治州"), ("博尔塔拉", "博尔塔拉蒙古自治州"),
    ("宁夏", "宁夏回族自治区"),
])
def test_an_autonomous_prefecture_is_named_short_without_its_peoples(short, full):
    from luoshi.docmeta import _gazetteer

    assert _gazetteer()[1][short] == full


def test_autonomous_counties_get_no_short_name_that_is_a_common_word():
    from luoshi.docmeta import _gazetteer

    assert "互助" not in _gazetteer()[1] and "长白" not in _gazetteer()[1]


@pytest.mark.parametrize(("text", "region"), [
    # a speaker who names no place still gives the level: the seat and the province do not win
    ("我代表州人民政府，向大会报告工作。" + "阿坝州" * 6 + "阿坝县" * 2 + "四川省" * 4 + "马尔康市" * 6, "阿坝藏族羌族自治州"),
    ("我代表州人民政府。" + "凉山" * 5 + "西昌" * 9, "凉山彝族自治州"),
    ("我代表市政府向大会报告工作。" + "吉林" * 6 + "吉林省" * 2 + "江城区" * 3, "吉林市"),
    ("我代表行署作工作报告。" + "锡林郭勒" * 6 + "锡林浩特市" * 5, "锡林郭勒盟"),
    ("我代表市人民政府。" + "泰山区" * 9 + "泰安" * 7 + "山东省" * 3, "泰安市"),
    ("2024年1月在黔东南州第十五届人民代表大会第四次会议上", "黔东南苗族侗族自治州"),
])
def test_the_speakers_level_picks_the_region(text, region):
    assert infer_region(text) == region


@pytest.mark.parametrize(("text", "region"), [
    ("湖南省2024年政府工作报告（示例文本）\n\n过去一年，全省经济回升向好。", "湖南省"),  # the bundled sample
    ("标题：陕西省二〇二六年政府工作报告\n\n各位代表：", "陕西省"),
    ("\n\n  三亚市2024年政府工作报告\n", "三亚市"),
    ("关于湖南省2024年政府工作报告的说明\n", None),  # not a title of the report itself
    ("某某市2024年政府工作报告\n", None),  # no such division
    ("政府工作报告\n\n各位代表：", None),
])
def test_a_title_that_names_the_region(text, region):
    from luoshi.docmeta import infer_region

    assert infer_region(text) == region
