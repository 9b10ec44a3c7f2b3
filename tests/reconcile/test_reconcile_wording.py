"""Targets in words and results in words (issue 9): the table of rules in cases/wording.yaml, and
the rows they give on real report pairs."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from luoshi.model import Commitment
from luoshi.reconcile import reconcile
from luoshi.reconcile.wording import Clause, blanket, goal_of, numbered_verdict, words_verdict

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "wording.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["goals"], ids=lambda c: c["target"])
def test_a_worded_target_splits_into_subject_and_goal(case):
    goal = goal_of(case["target"])
    assert (goal.subject, goal.kind) == (case["subject"], case["kind"])


@pytest.mark.parametrize("case", CASES["verdicts"], ids=lambda c: f"{c['target']}|{c['statement']}")
def test_the_words_of_a_statement_give_the_verdict(case):
    goal = goal_of(case["target"])
    at = max(case["statement"].find(goal.subject[-2:]), 0)
    assert words_verdict(goal, case["statement"][at:])[0] == case["verdict"]


@pytest.mark.parametrize("case", CASES["numbered"], ids=lambda c: c["statement"])
def test_a_numbered_target_answered_without_a_figure(case):
    got = numbered_verdict(case["statement"], ceiling=case["ceiling"])
    assert (got[0] if got else None) == case["verdict"]


@pytest.mark.parametrize("case", CASES["blankets"], ids=lambda c: c["sentence"])
def test_a_blanket_sentence_answers_for_the_year_only(case):
    found = blanket([Clause(0, len(case["sentence"]), case["sentence"], case["sentence"] + "。")], 2024)
    assert (found.verdict if found else None) == case["verdict"]


def _item(kind, indicator, text, start, value=None, unit=None, comparator=None, rule=""):
    from decimal import Decimal

    return Commitment(kind, indicator, None if value is None else Decimal(value), unit, comparator, 2024, text,
                      start, start + len(text), rule=rule)


REPORT_N = "今年发展主要预期目标是：国内生产总值增长5%左右；国际收支保持基本平衡；进出口促稳提质；城镇调查失业率5.5%左右。"
REPORT_N1 = ("一、2024年工作回顾\n过去一年，全年经济社会发展主要目标任务圆满完成。国内生产总值增长5%。"
             "国际收支基本平衡，城镇调查失业率保持较低水平。\n二、2025年工作安排\n今年要稳中求进。")


def _targets():
    out = []
    for text, kwargs in (("国内生产总值增长5%左右", dict(value="5", unit="%", comparator="approx")),
                         ("国际收支保持基本平衡", dict(rule="worded-target")),
                         ("进出口促稳提质", dict(rule="worded-target")),
                         ("城镇调查失业率5.5%左右", dict(value="5.5", unit="%", comparator="approx"))):
        out.append(_item("target", text.rstrip("0123456789.%左右"), text, REPORT_N.index(text), **kwargs))
    return out


def test_a_worded_target_is_a_row_answered_by_the_words_of_the_next_report():
    results = [_item("result", "国内生产总值增长", "国内生产总值增长5%", REPORT_N1.index("国内生产总值增长5%"),
                     value="5", unit="%", comparator="exact")]
    rows = reconcile(_targets(), results, year=2024, targets_text=REPORT_N, results_text=REPORT_N1)
    got = {r.target.text: (r.verdict, r.evidence, r.result.text if r.result else None) for r in rows}
    assert got["国内生产总值增长5%左右"] == ("达成", "", "国内生产总值增长5%")
    assert got["国际收支保持基本平衡"] == ("达成", "statement", "国际收支基本平衡")
    # nothing names 进出口: the blanket sentence answers it, marked as blanket
    assert got["进出口促稳提质"] == ("达成", "blanket", "全年经济社会发展主要目标任务圆满完成")
    # a ceiling answered without a figure
    assert got["城镇调查失业率5.5%左右"] == ("达成", "statement", "城镇调查失业率保持较低水平")
    for r in rows:  # every statement is an exact span of report N+1
        if r.result is not None:
            assert REPORT_N1[r.result.start:r.result.end] == r.result.text
    assert [r.worded for r in rows] == [False, True, True, False]


def test_without_the_next_report_text_a_worded_target_is_silent_not_guessed():
    rows = reconcile(_targets(), [], year=2024)
    assert {r.target.text: r.verdict for r in rows}["国际收支保持基本平衡"] == "沉默"


def test_income_in_step_with_the_economy_is_settled_by_the_two_growth_figures():
    target = _item("target", "居民收入增长和经济增长同步", "居民收入增长和经济增长同步", 0, rule="worded-target")
    results = [_item("result", "国内生产总值增长", "国内生产总值增长5.2%", 10, value="5.2", unit="%", comparator="exact"),
               _item("result", "居民人均可支配收入实际增长", "居民人均可支配收入实际增长4.4%", 30, value="4.4", unit="%",
                     comparator="exact")]
    [row] = reconcile([target], results, year=2024, results_text="x" * 60)
    assert (row.verdict, row.match, row.result.text) == ("未达成", "sync", "居民人均可支配收入实际增长4.4%")


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("固定资产投资下降", "3.3", ("固定资产投资增长", "-3.3")),  # 福建 2026: answers 固定资产投资增长5%左右
    ("居民消费价格下降", "0.1", ("居民消费价格增长", "-0.1")),  # a fall in prices is not a 0.1% rise
    ("单位地区生产总值能耗下降", "3.3", ("单位地区生产总值能耗下降", "3.3")),  # the fall is the indicator
    ("某某事项下降", "2", ("某某事项下降", "2")),  # the catalogue knows no rise of it: left alone
])
def test_a_fall_in_percent_is_a_negative_growth_of_the_indicator_named_by_its_rise(name, value, expected):
    from decimal import Decimal

    from luoshi.reconcile import load_catalogue
    from luoshi.reconcile.table import as_growth

    item = _item("result", name, f"{name}{value}%", 0, value=value, unit="%", comparator="exact")
    got = as_growth(item, load_catalogue())
    assert (got.indicator, got.value) == (expected[0], Decimal(expected[1]))
    assert got.text == item.text and (got.start, got.end) == (item.start, item.end)


@pytest.mark.parametrize(("urban", "rural", "verdict"), [("5.6", "6.0", "达成"), ("4.3", "5.5", "无法判断"),
                                                          ("4.0", "4.2", "未达成")])
def test_income_in_step_from_urban_and_rural_figures_when_no_all_resident_figure(urban, rural, verdict):
    target = _item("target", "居民收入增长与经济增长同步", "居民收入增长与经济增长同步", 0, rule="worded-target")
    results = [_item("result", "地区生产总值增长", "地区生产总值增长5.4%", 10, value="5.4", unit="%", comparator="exact"),
               _item("result", "城镇居民人均可支配收入增长", "城镇居民人均可支配收入增长" + urban + "%", 30, value=urban,
                     unit="%", comparator="exact"),
               _item("result", "农村居民人均可支配收入增长", "农村居民人均可支配收入增长" + rural + "%", 50, value=rural,
                     unit="%", comparator="exact")]
    [row] = reconcile([target], results, year=2024, results_text="x" * 80)
    assert (row.verdict, row.match) == (verdict, "sync")


@pytest.mark.parametrize(("urban", "rural", "verdict"), [("9.8", "8.5", "达成"), ("3.1", "-0.4", "未达成")])
def test_urban_and_rural_income_rising_answer_a_worded_rise_of_both(urban, rural, verdict):
    """城乡居民收入稳定增长 (national 2009): the urban and the rural growth together, the weaker decides."""
    target = _item("target", "城乡居民收入稳定增长", "城乡居民收入稳定增长", 0, rule="worded-target")
    results = [_item("result", "城镇居民人均可支配收入实际增长", "城镇居民人均可支配收入实际增长" + urban + "%", 30,
                     value=urban, unit="%", comparator="exact"),
               _item("result", "农村居民人均纯收入实际增长", "农村居民人均纯收入实际增长" + rural + "%", 60, value=rural,
                     unit="%", comparator="exact")]
    [row] = reconcile([target], results, year=2024, results_text="x" * 80)
    assert (row.verdict, row.match) == (verdict, "direction")
    assert row.result.value == min(Decimal(urban), Decimal(rural))


@pytest.mark.parametrize("case", CASES["plan_blankets"], ids=lambda c: c["sentence"])
def test_a_plan_blanket_answers_the_goals_of_a_five_year_plan_only(case):
    found = blanket([Clause(0, len(case["sentence"]), case["sentence"], case["sentence"] + "。")], 2025, plan=True)
    assert (found.verdict if found else None) == case["verdict"]


@pytest.mark.shared
def test_a_five_year_plan_is_reconciled_against_the_review_that_closes_it(capsys):
    import json

    from luoshi.cli import main

    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "national"
    if not corpus.is_dir():
        pytest.fail(f"{corpus} is missing: ../shared must sit beside the checkout")
    assert main(["reconcile", str(corpus / "2021.txt"), str(corpus / "2026.txt"), "--format", "jsonl"]) == 0
    out = capsys.readouterr()
    assert "五年规划对照" in out.err
    rows = [json.loads(line) for line in out.out.splitlines()]
    assert {r["year"] for r in rows} == {2025}
    by = {r["target_text"]: r for r in rows}
    assert by["常住人口城镇化率提高到65%"]["verdict"] == "超额"  # 67.9% in the 2026 review
    assert by["城镇调查失业率控制在5.5%以内"]["verdict"] == "达成"


def test_each_kind_of_answer_in_words_is_a_rule_of_the_docs_table():
    from luoshi.reconcile import load_catalogue
    from luoshi.reconcile.examples import rules_of

    results = [_item("result", "国内生产总值增长", "国内生产总值增长5%", REPORT_N1.index("国内生产总值增长5%"),
                     value="5", unit="%", comparator="exact")]
    rows = reconcile(_targets(), results, year=2024, targets_text=REPORT_N, results_text=REPORT_N1)
    got = {r.target.text: rules_of(r, load_catalogue()) for r in rows}
    assert got["国际收支保持基本平衡"] == ["worded-met"]
    assert got["进出口促稳提质"] == ["blanket"]
    assert got["城镇调查失业率5.5%左右"] == ["statement-ceiling"]


def _pct(name, text, start, value):
    return _item("result", name, text, start, value=value, unit="%", comparator="exact")


@pytest.mark.parametrize(("target", "result", "verdict"), [
    ("固定资产投资增长7%左右", "工业投资增长13.3%", "无法判断"),  # 河南 2025: a part of the investment
    ("进出口总额增长5%左右", "外贸出口总额增长8%", "无法判断"),  # 辽宁 2025: exports for total trade
    ("出口增长3%左右", "进出口下降5.4%", "无法判断"),  # 福建 2025: total trade for exports
    ("进出口总额增长5%左右", "电动汽车出口增长30%", "达成"),  # a few products are not exports: the blanket
])
def test_a_figure_for_a_part_of_the_target_is_not_settled_by_a_blanket_sentence(target, result, verdict):
    text_n1 = f"一、2024年工作回顾\n全年主要目标任务顺利完成。{result}。\n二、2025年工作安排\n今年要稳中求进。"
    name = target.split("增长")[0] + "增长"
    t = _item("target", name, target, 10, value=target.split("增长")[1].rstrip("%左右"), unit="%", comparator="approx")
    r = _pct(result.split("增长")[0].split("下降")[0] + ("下降" if "下降" in result else "增长"), result,
             text_n1.index(result), result.rstrip("%").split("长")[-1].split("降")[-1])
    [row] = reconcile([t], [r], year=2024, targets_text=f"今年主要预期目标是：{target}。", results_text=text_n1)
    assert row.verdict == verdict
    if verdict == "无法判断":
        assert (row.match, row.result.text) == ("part", result)


def test_statements_about_five_years_are_not_results_of_the_year():
    text_n1 = ("一、2024年工作回顾\n五年来，生态环境状况逐步好转。主要污染物排放量持续下降。\n"
               "过去一年，全年主要目标任务顺利完成。居民收入增长与经济增长基本同步，居民收入年均增长5.1%。\n二、2025年工作安排\n今年要稳中求进。")
    targets = [_item("target", "主要污染物排放量继续下降", "主要污染物排放量继续下降", 10, rule="worded-target"),
               _item("target", "居民收入增长和经济增长同步", "居民收入增长和经济增长同步", 23, rule="worded-target")]
    text_n = "今年主要预期目标是：主要污染物排放量继续下降；居民收入增长和经济增长同步。"
    rows = reconcile(targets, [], year=2024, targets_text=text_n, results_text=text_n1)
    assert [(r.evidence, r.result.text) for r in rows] == [("blanket", "全年主要目标任务顺利完成")] * 2


@pytest.mark.parametrize(("target", "sentence", "verdict"), [
    # the verdict before the subject (national 2007 on 2006)
    ("单位国内生产总值能耗降低4%左右", "单位国内生产总值能耗由前三年上升。全国没有实现年初确定的单位国内生产总值能耗降低4%左右的目标", "未达成"),
    # the verdict in the next clause about the target (national 2016 on 2015)
    ("进出口增长6%左右", "去年我国进出口总额出现下降，预期增长目标未能实现", "未达成"),
    # another catalogue name of the indicator (national 2009 on 2008, 2012 on 2011)
    ("居民消费价格总水平涨幅控制在4.8%左右", "物价总水平涨幅得到控制", "达成"),
    ("居民消费价格总水平涨幅控制在4%左右", "节能减排、物价调控目标没有完成", "未达成"),
])
def test_a_numbered_target_answered_in_words_wherever_the_sentence_puts_the_verdict(target, sentence, verdict):
    text_n1 = f"一、2024年工作回顾\n{sentence}。\n二、2025年工作安排\n今年要稳中求进。"
    name = target.split("4")[0].split("6")[0].split("控制在")[0]
    t = _item("target", name, target, 10, value="4", unit="%", comparator="approx")
    [row] = reconcile([t], [], year=2024, targets_text=f"今年主要预期目标是：{target}。", results_text=text_n1)
    assert row.verdict == verdict and row.evidence == "statement"


def test_real_growth_of_urban_and_rural_income_is_their_growth():
    from luoshi.reconcile import load_catalogue
    from luoshi.reconcile.matching import resolve
    from luoshi.reconcile.units import unit_info

    cat = load_catalogue()
    assert resolve("城镇居民人均可支配收入实际增长", unit_info("%"), cat).id == "urban_income_growth"
    assert resolve("农村居民人均纯收入实际增长", unit_info("%"), cat).id == "rural_income_growth"


def test_two_things_moving_one_way_are_two_rows_answered_apart():
    text_n = "今年主要预期目标是：单位国内生产总值能耗和主要污染物排放量继续下降。"
    t = "单位国内生产总值能耗和主要污染物排放量继续下降"
    text_n1 = "一、2024年工作回顾\n全年主要目标任务圆满完成。污染防治攻坚战深入开展，主要污染物排放量继续下降。\n二、2025年工作安排\n今年要稳中求进。"
    target = _item("target", t, t, text_n.index(t), rule="worded-target")
    rows = reconcile([target], [], year=2024, targets_text=text_n, results_text=text_n1)
    assert [(r.target.text, r.evidence, r.result.text) for r in rows] == [
        ("单位国内生产总值能耗", "blanket", "全年主要目标任务圆满完成"),
        ("主要污染物排放量继续下降", "statement", "主要污染物排放量继续下降")]


def test_a_worded_target_the_review_names_without_saying_how_it_went_is_unsettled_not_blanket():
    text_n = "今年主要预期目标是：经济结构进一步优化；国际收支基本平衡。"
    text_n1 = "一、2024年工作回顾\n全年主要目标任务圆满完成。（二）大力调整经济结构，夯实长远发展基础。\n二、2025年工作安排\n今年要稳中求进。"
    targets = [_item("target", t, t, text_n.index(t), rule="worded-target") for t in ("经济结构进一步优化", "国际收支基本平衡")]
    rows = reconcile(targets, [], year=2024, targets_text=text_n, results_text=text_n1)
    assert [(r.verdict, r.evidence, r.result.text) for r in rows] == [
        ("无法判断", "statement", "（二）大力调整经济结构"), ("达成", "blanket", "全年主要目标任务圆满完成")]


@pytest.mark.parametrize(("target", "level", "name"), [
    ("社会消费品零售总额增长5.5%左右", "社会消费品零售总额达4.64万亿元", "社会消费品零售总额"),  # 江苏 2025
    ("全体居民人均可支配收入增长6%左右", "全体居民人均可支配收入达到41580元", "全体居民人均可支配收入"),  # 重庆 2025
    ("进出口稳中向好", "货物进出口总额超过30万亿元", "货物进出口总额"),  # national 2018, a worded goal
    ("居民收入增长与经济增长基本同步", "居民人均可支配收入超过3万元", "居民人均可支配收入"),  # national 2019
])
def test_a_growth_answered_only_by_the_level_is_unsettled_not_blanket(target, level, name):
    from decimal import Decimal

    text_n = f"今年主要预期目标是：{target}。"
    text_n1 = f"一、2024年工作回顾\n全年主要目标任务圆满完成。{level}。\n二、2025年工作安排\n今年要稳中求进。"
    numbered = "%" in target
    t = (_item("target", target.split("增长")[0] + "增长", target, 10, value=target.split("增长")[1].rstrip("%左右"),
               unit="%", comparator="approx") if numbered else _item("target", target, target, 10, rule="worded-target"))
    unit = "元"
    r = Commitment("result", name, Decimal("1"), unit, "exact", 2024, level, text_n1.index(level),
                   text_n1.index(level) + len(level))
    [row] = reconcile([t], [r], year=2024, targets_text=text_n, results_text=text_n1)
    assert (row.verdict, row.match, row.result.text) == ("无法判断", "level", level)


def test_a_subject_may_be_answered_under_its_other_name():
    text_n = "今年主要预期目标是：各类风险有序有效防控。"
    text_n1 = "一、2024年工作回顾\n全年主要目标任务圆满完成。金融运行总体平稳。\n二、2025年工作安排\n今年要稳中求进。"
    t = _item("target", "各类风险有序有效防控", "各类风险有序有效防控", 10, rule="worded-target")
    [row] = reconcile([t], [], year=2024, targets_text=text_n, results_text=text_n1)
    assert (row.verdict, row.evidence, row.result.text) == ("达成", "statement", "金融运行总体平稳")


@pytest.mark.parametrize(("sentence", "verdict"), [("外贸外资保持稳定", "达成"),  # national 2019: the 稳 half
                                                   ("对外贸易和利用外资保持增长", "达成"),  # national 2021 on 2020
                                                   ("外贸进出口明显下滑", "未达成")])
def test_steady_while_improving_is_met_by_holding_steady_and_trade_goes_by_its_other_names(sentence, verdict):
    text_n = "今年主要预期目标是：进出口稳中提质。"
    text_n1 = f"一、2024年工作回顾\n全年主要目标任务圆满完成。{sentence}。\n二、2025年工作安排\n今年要稳中求进。"
    t = _item("target", "进出口稳中提质", "进出口稳中提质", 10, rule="worded-target")
    [row] = reconcile([t], [], year=2024, targets_text=text_n, results_text=text_n1)
    assert (row.verdict, row.evidence, row.result.text) == (verdict, "statement", sentence)


@pytest.mark.parametrize(("target", "result", "verdict"), [
    ("产业投资增长7%左右", "能源投资增长9.4%", "无法判断"),  # 云南 2025: another kind of investment is a part
    ("固定资产投资增长5%左右", "高技术服务业投资增长16.4%", "无法判断"),  # 安徽 2025
    ("固定资产投资增长5%左右", "利用外资增长16.4%", "达成"),  # foreign capital is not a part: the blanket
    ("城镇居民人均可支配收入增长5%", "全体居民人均可支配收入增长6.1%", "无法判断"),  # 甘肃 2025: the whole for a part
])
def test_another_kind_of_investment_or_the_whole_income_does_not_settle_the_target(target, result, verdict):
    text_n1 = f"一、2024年工作回顾\n全年主要目标任务顺利完成。{result}。\n二、2025年工作安排\n今年要稳中求进。"
    name, figure = target.split("增长")[0] + "增长", target.split("增长")[1]
    t = _item("target", name, target, 10, value=figure.rstrip("%左右"), unit="%",
              comparator="approx" if "左右" in figure else "exact")
    r = _pct(result.split("增长")[0] + "增长", result, text_n1.index(result), result.rstrip("%").split("长")[-1])
    [row] = reconcile([t], [r], year=2024, targets_text=f"今年主要预期目标是：{target}。", results_text=text_n1)
    assert row.verdict == verdict
    assert row.result.text == (result if verdict == "无法判断" else "全年主要目标任务顺利完成")


@pytest.mark.parametrize(("result", "value", "verdict"), [
    ("进出口总额增长12%", "12", "超额"),  # 重庆 2025's target: a floor at 0%, 超额 from +1 point
    ("进出口总额增长0.6%", "0.6", "达成"),
    ("进出口总额下降3%", "-3", "未达成"),
])
def test_positive_growth_is_a_floor_at_zero(result, value, verdict):
    text_n1 = f"一、2024年工作回顾\n{result}。\n二、2025年工作安排\n今年要稳中求进。"
    t = _item("target", "进出口总额保持正增长", "进出口总额保持正增长", 10, rule="worded-target")
    name = "进出口总额下降" if "下降" in result else "进出口总额增长"
    r = _pct(name, result, text_n1.index(result), value.lstrip("-"))
    [row] = reconcile([t], [r], year=2024, targets_text="今年主要预期目标是：进出口总额保持正增长。",
                      results_text=text_n1)
    assert (row.verdict, row.result.text) == (verdict, result)


def test_outgrowing_the_country_is_not_settled_by_the_regions_own_growth():
    """安徽 2025: 城镇常住居民人均可支配收入增速高于全国平均水平, and the next report gives 4.4% only."""
    result = "城镇常住居民人均可支配收入增长4.4%"
    text_n1 = f"一、2024年工作回顾\n全年主要目标任务顺利完成。{result}。\n二、2025年工作安排\n今年要稳中求进。"
    target = "城镇常住居民人均可支配收入增速高于全国平均水平"
    t = _item("target", target, target, 10, rule="worded-target")
    r = _pct("城镇常住居民人均可支配收入增长", result, text_n1.index(result), "4.4")
    [row] = reconcile([t], [r], year=2024, targets_text=f"今年主要预期目标是：{target}。", results_text=text_n1)
    assert (row.verdict, row.result.text) == ("无法判断", result)
    said = text_n1.replace(result, "城镇常住居民人均可支配收入增速高于全国0.7个百分点")
    [row] = reconcile([t], [], year=2024, targets_text=f"今年主要预期目标是：{target}。", results_text=said)
    assert (row.verdict, row.evidence) == ("达成", "statement")


def test_a_later_target_set_out_in_the_review_is_not_a_statement_of_the_year():
    """National 2021: the review of 2020 runs on into the 十四五 goals, where 单位国内生产总值能耗…降低13.5%
    is a target for 2025; a quoted target of year N (没有实现年初确定的…目标) is still a statement."""
    goal = "单位国内生产总值能耗和二氧化碳排放分别降低13.5%"
    text_n1 = f"一、2024年工作回顾\n全年主要目标任务较好完成。今后五年，{goal}。\n二、2025年工作安排\n今年要稳中求进。"
    t = _item("target", "单位国内生产总值能耗继续下降", "单位国内生产总值能耗继续下降", 10, rule="worded-target")
    later = replace(_item("target", "单位国内生产总值能耗降低", goal, text_n1.index(goal), value="13.5", unit="%"),
                    year=2029)
    kwargs = dict(year=2024, targets_text="今年主要预期目标是：单位国内生产总值能耗继续下降。", results_text=text_n1)
    [row] = reconcile([t], [later], **kwargs)
    assert (row.evidence, row.result.text) == ("blanket", "全年主要目标任务较好完成")
    [row] = reconcile([t], [replace(later, year=2024)], **kwargs)
    assert (row.evidence, row.verdict) == ("statement", "达成")


def test_a_change_in_the_five_year_paragraphs_is_not_the_years():
    """山东 2026: 各位代表！2025年是“十四五”收官之年。五年来…, then ——人民生活水平实现新跃升。…居民人均可支配收入
    增长34.3% (over five years); the sentence before 五年来 still speaks of the year."""
    text_n1 = ("一、2025年工作回顾\n全年增长平稳，居民人均可支配收入达到4万元。\n"
               "各位代表！2025年主要目标任务的完成，标志着规划收官。五年来，我们砥砺奋进。\n"
               "——人民生活水平实现新跃升。居民人均可支配收入增长34.3%。\n二、2026年工作安排\n今年要稳中求进。")
    target = "居民收入增长与经济增长同步"
    t = _item("target", target, target, 10, rule="worded-target")
    figures = [_pct("地区生产总值增长", "地区生产总值增长5.5%", 0, "5.5"),
               _pct("居民人均可支配收入增长", "居民人均可支配收入增长34.3%", text_n1.index("居民人均可支配收入增长34.3%"),
                    "34.3")]
    figures = [replace(f, year=2025) for f in figures]
    [row] = reconcile([replace(t, year=2025)], figures, year=2025, targets_text=f"今年主要预期目标是：{target}。",
                      results_text=text_n1)
    assert (row.evidence, row.result.text) == ("blanket", "2025年主要目标任务的完成")


@pytest.mark.parametrize(("urban", "rural", "verdict"), [("10", "12.7", "超额"), ("8.7", "10", "未达成"), ("9.5", "9.2", "达成")])
def test_a_numbered_urban_and_rural_income_target_is_judged_on_the_lower_side(urban, rural, verdict):
    """驻马店 2013 and 2015: 城乡居民收入增长9%以上, answered 分别增长10%和12.7% / 8.7% and 10%."""
    t = _item("target", "城乡居民收入增长", "城乡居民收入增长9%以上", 0, value="9", unit="%", comparator="min")
    results = [_pct("城镇居民人均可支配收入增长", f"城镇居民人均可支配收入增长{urban}%", 20, urban),
               _pct("农村居民人均可支配收入增长", f"农村居民人均可支配收入增长{rural}%", 50, rural)]
    [row] = reconcile([t], results, year=2024, results_text="x" * 80)
    assert (row.verdict, row.match) == (verdict, "sides")
    assert row.result.value == min(Decimal(urban), Decimal(rural))


@pytest.mark.parametrize(("target", "said", "expected"), [
    # national 2016 on 2015: the pollutants by name
    ("主要污染物排放继续减少", "二氧化硫、氮氧化物排放量分别下降5.6%和4%", ("statement", "达成")),
    # 江西 2026: 生态环境保持优良 for 水、空气等主要生态环境指标保持优秀水平
    ("生态环境质量保持优良", "生态环境保持优良", ("statement", "达成")),
    # 福建 2026: the state's assessment settles an energy target
    ("单位地区生产总值能耗保持下降", "国家节能目标责任评价考核结果为优秀", ("statement", "达成")),
    # a clause that lists topics is not a statement about one of them
    ("生态环境质量持续改善", "统筹推进重大产业布局、重大项目建设、生态环境保护、干部队伍建设取得进展", ("blanket", "达成")),
    # words under another name that settle nothing leave the blanket sentence to answer
    ("单位地区生产总值能耗保持下降", "节能工作扎实推进", ("blanket", "达成")),
])
def test_a_worded_environment_target_answered_under_the_names_of_its_parts(target, said, expected):
    text_n1 = f"一、2024年工作回顾\n全年主要目标任务顺利完成。{said}。\n二、2025年工作安排\n今年要稳中求进。"
    t = _item("target", target, target, 10, rule="worded-target")
    [row] = reconcile([t], [], year=2024, targets_text=f"今年主要预期目标是：{target}。", results_text=text_n1)
    assert (row.evidence, row.verdict) == expected
    assert row.result.text == (said.split("，")[0] if expected[0] == "statement" else "全年主要目标任务顺利完成")
