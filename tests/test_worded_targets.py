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
