"""Targets the 主要预期目标 paragraph states in words become value-less targets (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.pipeline import extract_file, extract_text, report_parts

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def worded(items):
    return [(it.text, it.year) for it in items if it.rule == "worded-target"]


def test_the_clauses_without_a_figure_are_targets_and_the_qualifications_are_not():
    text = ("二、2025年工作安排\n今年发展主要预期目标是：国内生产总值增长5%左右，在实际工作中争取更好结果；"
            "城镇新增就业1200万人以上；居民收入增长和经济增长同步；国际收支保持基本平衡。"
            "提出上述预期目标，综合考虑了国内外形势。今年要扩大内需，维护社会稳定。")
    ex = extract_text(text, year=2025)
    assert worded(ex.items) == [("居民收入增长和经济增长同步", 2025), ("国际收支保持基本平衡", 2025)]
    for it in ex.items:
        assert text[it.start:it.end] == it.text
        if it.rule == "worded-target":
            assert (it.kind, it.value, it.unit) == ("target", None, None)


def test_a_list_of_tasks_under_a_bare_main_goals_intro_is_not_the_years_targets():
    text = "主要目标是：改革政府对企业投资的管理制度，扩大和落实企业投资自主权；健全投资宏观调控体系。"
    assert worded(extract_text(text, year=2004).items) == []


def test_a_targets_list_of_a_five_year_plan_is_for_the_plans_last_year():
    text = ("“十五五”时期经济社会发展的主要目标是：居民收入增长与经济增长同步，社会文明程度明显提升。"
            "今年经济社会发展主要预期目标是：地区生产总值增长5%左右，居民收入增长与经济增长同步。")
    assert worded(extract_text(text, year=2026).items) == [
        ("居民收入增长与经济增长同步", 2030), ("社会文明程度明显提升", 2030), ("居民收入增长与经济增长同步", 2026)]


def test_the_list_runs_on_into_the_next_paragraph_after_an_intro_that_ends_the_line():
    text = "今年经济社会发展的主要预期目标是：\n\n国内生产总值增长8%左右；城镇新增就业900万人以上；国际收支状况改善。\n\n第二段。"
    ex = extract_text(text, year=2010)
    assert worded(ex.items) == [("国际收支状况改善", 2010)]
    review, listed = report_parts(text, 2010)
    assert [text[a:b] for a, b in listed] == ["国内生产总值增长8%左右；城镇新增就业900万人以上；国际收支状况改善。"]


def test_this_years_list_after_a_plan_named_in_passing_is_this_years():
    """驻马店 2003: 兼顾“十五”计划和2020年奋斗目标，今年我市…主要预期目标是… sets 2003's targets."""
    text = ("二、2003年政府工作的总体要求和奋斗目标\n根据上述总体要求，兼顾“十五”计划和2020年奋斗目标，今年我市经济和"
            "社会发展的主要预期目标是国内生产总值增长10%，其中第一产业增长5%；财政收入与经济发展保持同步增长。"
            "今年力争到2030年森林覆盖率达到30%。")
    items = extract_text(text, year=2003).items
    assert [(it.text, it.year) for it in items if it.value is not None] == [
        ("国内生产总值增长10%", 2003), ("第一产业增长5%", 2003), ("森林覆盖率达到30%", 2030)]
    assert worded(items) == [("财政收入与经济发展保持同步增长", 2003)]


def test_a_numbered_heading_that_runs_on_into_its_paragraph_holds_the_list():
    """驻马店 2021 (and 26 more city reports) lose the break after a numbered heading."""
    text = ("一、2020年工作回顾\n过去一年，经济平稳。\n三、2021年重点工作今年是开局之年。今年经济社会发展的主要预期目标是："
            "生产总值增长8%左右，居民收入稳步增长，进出口总体稳定增长。我们将坚持目标导向。")
    assert worded(extract_text(text, year=2021).items) == [("居民收入稳步增长", 2021), ("进出口总体稳定增长", 2021)]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "expected"), [
    ("national/2024.txt", ["居民收入增长和经济增长同步", "国际收支保持基本平衡", "生态环境质量持续改善"]),
    ("national/2009.txt", ["经济结构进一步优化", "城乡居民收入稳定增长", "国际收支状况继续改善"]),
    ("province/四川省-2025.txt", ["居民收入增长和经济增长基本同步", "完成国家下达的节能减排和环境保护等任务"]),
])
def test_real_targets_paragraphs(name, expected):
    path = CORPUS / name
    if not path.exists():
        pytest.fail(f"{path} is missing: the corpus must sit beside the checkout as ../shared")
    assert [t for t, _ in worded(extract_file(path).items)] == expected


def test_the_goals_of_a_five_year_outline_are_for_the_plans_last_year():
    text = ("二、“十三五”时期发展成就和“十四五”时期主要目标任务\n"
            "“十三五”时期，城镇新增就业超过6000万人。\n"
            "《纲要草案》实化量化“十四五”时期经济社会发展主要目标和重大任务，这里概述几个方面。\n"
            "——城镇调查失业率控制在5.5%以内，森林覆盖率达到24.1%。\n"
            "三、2021年重点工作\n今年发展主要预期目标是：国内生产总值增长6%以上。\n")
    got = {it.text.lstrip("—"): (it.kind, it.year) for it in extract_text(text, year=2021).items
           if it.value is not None}
    assert got["城镇调查失业率控制在5.5%以内"] == ("target", 2025)
    assert got["森林覆盖率达到24.1%"] == ("target", 2025)
    assert got["国内生产总值增长6%以上"] == ("target", 2021)


def test_reaching_a_plan_is_not_setting_its_goals():
    text = ("今年是实现“十四五”规划目标任务的关键一年。\n今年发展主要预期目标是：国内生产总值增长5%左右；"
            "居民收入增长和经济增长同步。\n")
    assert {it.year for it in extract_text(text, year=2024).items if it.kind == "target"} == {2024}


# An intro that is a sentence of its own and ends its paragraph (no 是/为/：): the list follows in the
# next paragraphs when they look like a list (figures, or a paragraph that runs on with ；/，).
@pytest.mark.parametrize(("text", "year", "expected"), [
    # national 2020: one clause a line, a line cut after a comma
    ("综合研判形势，我们对疫情前考虑的预期目标作了适当调整。\n城镇新增就业900万人以上，城镇调查失业率6%左右；\n"
     "进出口促稳提质，国际收支基本平衡；\n重大金融风险有效防控；\n单位国内生产总值能耗和主要污染物排放量继续下降，\n"
     "努力完成“十三五”规划目标任务。\n需要说明的是，我们没有提出全年经济增速具体目标。\n", 2020,
     [("进出口促稳提质", 2020), ("国际收支基本平衡", 2020), ("重大金融风险有效防控", 2020),
      ("单位国内生产总值能耗和主要污染物排放量继续下降", 2020), ("努力完成“十三五”规划目标任务", 2020)]),
    # 贵州 2026, 山西 2026: a five-year plan's goals after 以下主要目标。
    ("“十五五”时期要努力实现以下主要目标。\n——高质量发展取得显著成效。全省地区生产总值年均增长5%左右。\n", 2026,
     [("高质量发展取得显著成效", 2030)]),
    # 广东 2026: the intro cut from its 是：
    ("2026年是“十五五”第一年，开好局起好步十分重要。今年经济社会发展的主要预期目标\n是：地区生产总值增长4.5%—5%；居民收入增长和经济增长同步。\n", 2026,
     [("居民收入增长和经济增长同步", 2026)]),
])
def test_an_intro_that_ends_its_paragraph_opens_the_list_in_the_next(text, year, expected):
    assert worded(extract_text(text, year=year).items) == expected


@pytest.mark.parametrize("text", [
    # targets reported met, not set (national 2021, 湖北 2026, 黑龙江 2025)
    "三是坚决打好三大攻坚战，主要目标任务如期完成。\n城乡居民收入保持同步；国际收支基本平衡；\n",
    "省十四届人大三次会议确定的主要目标顺利实现。\n城乡居民收入保持同步；国际收支基本平衡；\n",
    "以实绩实效确保完成预期目标任务。\n城乡居民收入保持同步；国际收支基本平衡；\n",
    # a plan's contents announced (新疆 2026), prose after
    "提出“十五五”时期经济社会发展的指导思想、主要目标和重大举措。\n《纲要草案》坚持稳中求进，体现了发展要求。\n",
    # 主要目标 without 预期 or a plan: maybe a list of tasks
    "我们对主要目标作了安排。\n改革投资管理制度，扩大企业投资自主权；\n",
    # prose after the intro: not a list
    "综合研判形势，我们对预期目标作了适当调整。\n这样做，有利于引导各方面集中精力抓好稳就业。\n",
])
def test_a_sentence_naming_the_targets_that_does_not_introduce_a_list(text):
    assert worded(extract_text(text, year=2021).items) == []


@pytest.mark.parametrize(("sentence", "listed"), [
    # national 2012: 50 characters, closing on a goal (同步)
    ("同时，要在产业结构调整、自主创新、节能减排等方面取得新进展，城乡居民收入实际增长和经济增长保持同步。", True),
    # a goal word inside a clause, not closing it: a task
    ("我们要坚决落实稳中求进、以进促稳的工作要求，抓主要矛盾、破瓶颈制约，持续推动经济实现质的有效提升和量的合理增长。", False),
])
def test_a_long_sentence_without_a_figure_continues_the_list_when_it_closes_on_a_goal(sentence, listed):
    text = f"今年经济社会发展的主要预期目标是：国内生产总值增长7.5%；国际收支状况继续改善。{sentence}\n"
    got = [t for t, _ in worded(extract_text(text, year=2012).items)]
    assert ("城乡居民收入实际增长和经济增长保持同步" in got) == listed
    assert ("持续推动经济实现质的有效提升和量的合理增长" in got) is False
    assert got[0] == "国际收支状况继续改善"


@pytest.mark.shared
def test_national_2020_and_2012_targets_paragraphs():
    got_2020 = [t for t, _ in worded(extract_file(CORPUS / "national/2020.txt").items)]
    for t in ["进出口促稳提质", "国际收支基本平衡", "居民收入增长与经济增长基本同步",
              "现行标准下农村贫困人口全部脱贫、贫困县全部摘帽", "重大金融风险有效防控",
              "单位国内生产总值能耗和主要污染物排放量继续下降", "努力完成“十三五”规划目标任务"]:
        assert t in got_2020
    assert not any(t.startswith("需要说明") for t in got_2020)
    got_2012 = [t for t, _ in worded(extract_file(CORPUS / "national/2012.txt").items)]
    assert got_2012[-2:] == ["要在产业结构调整、自主创新、节能减排等方面取得新进展", "城乡居民收入实际增长和经济增长保持同步"]
    _, listed = report_parts((CORPUS / "national/2020.txt").read_text(encoding="utf-8"), 2020)
    text = (CORPUS / "national/2020.txt").read_text(encoding="utf-8")
    assert any("城镇登记失业率5.5%左右" in text[a:b] for a, b in listed)
