"""Targets in words and results in words (issue 9): the table of rules in cases/wording.yaml, and
the rows they give on real report pairs."""

from __future__ import annotations

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
