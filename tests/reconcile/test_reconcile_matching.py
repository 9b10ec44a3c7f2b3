"""Indicator identity: catalogue aliases, fuzzy matching with distinguishing words, the match memory."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from luoshi.model import Commitment
from luoshi.reconcile import MatchMemory, dice, load_catalogue, reconcile, resolve
from luoshi.reconcile.units import unit_info

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "matching.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}->{c['id']}" for c in CASES])
def test_name_resolves_to_catalogue_id(case: dict) -> None:
    got = resolve(case["name"], unit_info(case.get("unit", "%")), load_catalogue())
    assert got.id == case["id"], got


def test_dice_is_symmetric_and_one_for_equal_names() -> None:
    assert dice("城镇新增就业", "城镇新增就业") == 1.0
    assert dice("城镇新增就业", "新增城镇就业") == dice("新增城镇就业", "城镇新增就业")
    assert dice("粮食产量", "") == 0.0


def test_the_unit_decides_between_a_level_and_its_growth() -> None:
    cat = load_catalogue()
    assert resolve("地区生产总值", unit_info("元"), cat).id == "gdp"
    assert resolve("地区生产总值增速", unit_info("%"), cat).id == "gdp_growth"
    assert resolve("GDP", unit_info("%"), cat).id == "gdp_growth"  # a level in % can only be its growth
    assert resolve("粮食产量", unit_info("%"), cat).id == "grain_output"  # known name, foreign unit: 无法判断


def test_a_name_narrowed_by_extra_words_is_not_a_spelling_of_it() -> None:
    cat = load_catalogue()
    assert resolve("海洋生产总值增长", unit_info("%"), cat).id is None
    assert resolve("数字经济增长", unit_info("%"), cat).id is None
    target = _item("target", "新建公共充电桩", "100", "个")
    assert reconcile([target], [_item("result", "新建公共充电桩超充站", "120", "个")], year=2025)[0].verdict == "沉默"


def test_a_multi_year_figure_does_not_answer_an_annual_target() -> None:
    target = _item("target", "城镇新增就业", "180000", "人")
    cumulative = Commitment("result", "城镇新增就业", Decimal(1060000), "人", "exact", 2025, "城镇新增就业累计106万人", 0, 13)
    every_year = Commitment("result", "城镇新增就业", Decimal(900000), "人", "min", 2025, "城镇新增就业每年超过90万人", 20, 34)
    assert reconcile([target], [cumulative, every_year], year=2025)[0].verdict == "沉默"


def test_other_candidates_are_named_in_the_note() -> None:
    target = _item("target", "城镇新增就业", "850000", "人")
    results = [_item("result", "城镇新增就业", "900000", "人", start=10), _item("result", "全省城镇新增就业", "1070000", "人", start=90)]
    row = reconcile([target], results, year=2025)[0]
    assert row.result.start == 10 and "另有候选" in row.note and "[90,95)" in row.note


def test_a_figure_on_the_targets_scale_wins_over_a_five_year_total() -> None:
    """四川 2026 gives 城镇新增就业522万人 (2021-2025) before 全省城镇新增就业107万人 (2025)."""
    target = _item("target", "城镇新增就业", "850000", "人")
    results = [_item("result", "城镇新增就业", "5220000", "人", start=10), _item("result", "全省城镇新增就业", "1070000", "人", start=90)]
    row = reconcile([target], results, year=2025)[0]
    assert (row.result.start, row.verdict) == (90, "超额")


def test_a_result_many_times_the_target_cannot_be_judged() -> None:
    row = reconcile([_item("target", "城镇新增就业", "500000", "人")], [_item("result", "城镇新增就业", "2616000", "人")],
                    year=2025)[0]
    assert row.verdict == "无法判断" and "多年累计" in row.note


def test_enumerators_and_preambles_are_not_part_of_a_name() -> None:
    cat = load_catalogue()
    for name in ("2.实现城镇新增就业", "（二）城镇新增就业", "③城镇新增就业", "、城镇新增就业"):
        assert resolve(name, unit_info("人"), cat).id == "urban_new_jobs", name
    assert resolve("中央提出今年经济增长", unit_info("%"), cat).id == "gdp_growth"
    assert resolve("的经济增长预期", unit_info("%"), cat).id == "gdp_growth"


def _item(kind: str, indicator: str, value: str, unit: str = "%", start: int = 0) -> Commitment:
    return Commitment(kind, indicator, Decimal(value), unit, "exact", 2025, indicator + value, start, start + 5)


def test_memory_is_used_first_and_survives_a_reload(tmp_path: Path) -> None:
    cat = load_catalogue()
    path = tmp_path / "matches.json"
    memory = MatchMemory.load(path)
    assert memory.matches == {}
    key = memory.remember("全省规上工业增加值增速", "industrial_growth", cat)
    memory.remember("三季度地区生产总值增长", None, cat)
    memory.save()
    again = MatchMemory.load(path)
    assert again.matches[key] == "industrial_growth"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    got = resolve("规上工业增加值增速", unit_info("%"), cat, again)
    assert (got.id, got.method) == ("industrial_growth", "memory")
    assert resolve("三季度地区生产总值增长", unit_info("%"), cat, again).method == "rejected"


def test_memory_in_yaml_works_the_same(tmp_path: Path) -> None:
    cat = load_catalogue()
    memory = MatchMemory.load(tmp_path / "m.yaml")
    memory.remember("地区生产总值增长", None, cat)
    memory.save()
    assert MatchMemory.load(tmp_path / "m.yaml").matches == {"生产总值增长": None}


def test_a_correction_overrides_the_catalogue() -> None:
    cat = load_catalogue()
    memory = MatchMemory(matches={cat.normalise("经济增长"): None})
    rows = reconcile([_item("target", "经济增长", "7")], [_item("result", "国内生产总值增长", "7.5")],
                     year=2025, memory=memory)
    assert rows[0].verdict == "沉默"


def test_a_users_own_id_pairs_two_names_the_catalogue_does_not_know() -> None:
    cat = load_catalogue()
    target = _item("target", "新建口袋公园", "100", "个")
    result = _item("result", "建成城市小微公园", "120", "个")
    assert reconcile([target], [result], year=2025)[0].verdict == "沉默"
    memory = MatchMemory()
    memory.remember("新建口袋公园", "my:pocket_parks", cat)
    memory.remember("建成城市小微公园", "my:pocket_parks", cat)
    row = reconcile([target], [result], year=2025, memory=memory)[0]
    assert (row.verdict, row.match, row.indicator_id) == ("超额", "memory", "my:pocket_parks")


def test_the_identical_name_wins_over_a_similar_one() -> None:
    target = _item("target", "地方一般公共预算收入增长", "2.5")
    results = [_item("result", "地方一般公共预算收入同口径增长", "2.6", start=10),
               _item("result", "财政收入增长", "1.9", start=20),
               _item("result", "地方一般公共预算收入增长", "1.7", start=30)]
    row = reconcile([target], results, year=2025)[0]
    assert (row.result.value, row.verdict) == (Decimal("1.7"), "未达成")


def test_the_headline_figure_wins_over_a_later_repeat() -> None:
    target = _item("target", "地区生产总值增长", "5")
    results = [_item("result", "地区生产总值增长", "5.2", start=100), _item("result", "地区生产总值增长", "4.0", start=900)]
    assert reconcile([target], results, year=2025)[0].result.start == 100


def test_a_comparable_unit_wins_over_an_exact_name() -> None:
    target = _item("target", "粮食产量", "61600000000", "斤")
    results = [_item("result", "粮食产量", "1.2", "%", start=1), _item("result", "粮食总产量", "30900000", "吨", start=50)]
    row = reconcile([target], results, year=2025)[0]
    assert (row.result.unit, row.verdict) == ("吨", "达成")


def test_a_plain_result_wins_over_a_qualified_one_and_is_named() -> None:
    """湖南 2026: 地方一般公共预算收入…增长1.7%（同口径增长2.5%以上）."""
    target = _item("target", "地方一般公共预算收入增长", "2.5")
    results = [_item("result", "地方一般公共预算收入同口径增长", "2.5", start=10),
               _item("result", "地方一般公共预算收入增长", "1.7", start=30)]
    row = reconcile([target], results, year=2025)[0]
    assert (row.result.value, row.verdict, row.match) == (Decimal("1.7"), "未达成", "alias")
    assert "同口径增长2.5" in row.note


def test_a_qualified_result_answers_when_it_is_the_only_figure() -> None:
    target = Commitment("target", "城镇登记失业率", Decimal("4.5"), "%", "max", 2025, "城镇登记失业率4.5%以内", 0, 13)
    row = reconcile([target], [_item("result", "年末城镇登记失业率", "4.02")], year=2025)[0]
    assert (row.verdict, row.match, row.indicator_id) == ("达成", "qualified", "registered_unemployment")
    assert "年末" in row.note


def test_a_rank_answers_only_a_rank_of_the_same_indicator_and_scope() -> None:
    target = _item("target", "经济总量全国排名", "5", "位")
    results = [_item("result", "地区生产总值", "5300000000000", "元", start=5),
               _item("result", "国内生产总值世界排名", "2", "位", start=10),
               _item("result", "地区生产总值连续3年全国排名", "5", "位", start=20)]
    row = reconcile([target], results, year=2025)[0]
    assert (row.result.start, row.verdict, row.match, row.indicator_id) == (20, "达成", "rank", "gdp:rank")
    level = reconcile([_item("target", "地区生产总值", "5000000000000", "元")], results[2:], year=2025)[0]
    assert level.verdict == "沉默"  # a rank never answers the level
