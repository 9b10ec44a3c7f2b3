"""Verdicts on the report pairs present in ../shared/gold/dev (targets of 2025 vs results of 2025).

Each expectation was checked by reading both texts: the 2025 report's 主要预期目标 paragraph and
the 2026 report's review of 2025. Gold is annotated only inside its scopes, so a target without a
gold result is 沉默 *in the gold* even where the 2026 text mentions it outside the scopes (湖南's
城镇新增就业82.7万人 is such a case); those are asserted as 沉默 here only to pin the pairing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.reconcile import load_report, reconcile

pytestmark = pytest.mark.shared

# region -> {target text (2025 report): (verdict, result text in the 2026 report or None)}
EXPECTED = {
    "湖南省": {
        "地区生产总值增长5.5%左右": ("未达成", "增长4.8%"),  # 4.8 < 5.5 - 0.2
        "地方一般公共预算收入增长2.5%": ("未达成", "增长1.7%"),  # not the 同口径 2.5%以上
        "规模工业增加值增长6.5%以上": ("未达成", "规模工业增加值增长6.2%"),
        "粮食产量616亿斤左右": ("达成", "粮食产量突破620亿斤"),  # >= 620: +0.6%, within 2%
        "固定资产投资增长4.5%": ("沉默", None),
        "城镇新增就业70万人": ("沉默", None),
    },
    "四川省": {
        "地区生产总值增长5.5%以上": ("达成", "增长5.5%"),
        "地方一般公共预算收入增长2%": ("超额", "增长3.9%"),  # +1.9 points
        "城镇调查失业率5.5%左右": ("沉默", None),
    },
    "广东省": {
        "地区生产总值增长5%左右": ("未达成", "地区生产总值增长3.9%"),
        "社会消费品零售总额增长5%左右": ("未达成", "增长2.8%"),
        "规模以上工业增加值增长6%左右": ("未达成", "增加值增长3%"),
        "地方一般公共预算收入增长3%": ("达成", "地方一般公共预算收入增长3%"),
        "粮食产量1285万吨": ("沉默", None),
    },
    "浙江省": {
        "生产总值增长5.5%左右": ("达成", "生产总值增长5.5%"),
        "城镇调查失业率控制在5%以内": ("沉默", None),
    },
}


def _rows(gold: Path, region: str):
    first = load_report(gold / f"corpus__province__{region}-2025.jsonl")
    second = load_report(gold / f"corpus__province__{region}-2026.jsonl")
    assert (first.year, second.year, first.region) == (2025, 2026, region)
    return reconcile(first.items, second.items, year=first.year, region=first.region)


@pytest.mark.parametrize("region", sorted(EXPECTED))
def test_gold_pair_verdicts(gold: Path, region: str) -> None:
    rows = {r.target.text: r for r in _rows(gold, region)}
    for target_text, (verdict, result_text) in EXPECTED[region].items():
        row = rows[target_text]
        got = (row.verdict, row.result.text if row.result else None)
        assert got == (verdict, result_text), target_text


@pytest.mark.parametrize("region", sorted(EXPECTED))
def test_every_2025_target_in_the_gold_gets_exactly_one_row(gold: Path, region: str) -> None:
    first = load_report(gold / f"corpus__province__{region}-2025.jsonl")
    targets = {(t.text, t.start) for t in first.items if t.kind == "target" and t.year == 2025}
    assert {(r.target.text, r.target.start) for r in _rows(gold, region)} == targets


def test_result_offsets_point_into_the_next_report(shared: Path, gold: Path) -> None:
    text = (shared / "corpus" / "province" / "湖南省-2026.txt").read_text(encoding="utf-8")
    for row in _rows(gold, "湖南省"):
        if row.result:
            assert text[row.result.start : row.result.end] == row.result.text


def test_targets_of_another_year_are_left_out(gold: Path) -> None:
    """广东 2025 restates the 2024 national jobs quota (a 2024 target): not a 2025 row."""
    assert all(r.target.year == 2025 for r in _rows(gold, "广东省"))
