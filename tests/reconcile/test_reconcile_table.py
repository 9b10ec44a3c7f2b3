"""reconcile() and compare() over Commitments: which targets and results take part, and the row shape."""

from __future__ import annotations

from decimal import Decimal

from luoshi.model import Commitment
from luoshi.reconcile import NO_REPORT, NO_TARGET, ReportPair, compare, reconcile, summarise
from luoshi.reconcile.render import format_delta, format_quantity, write_rows


def item(kind: str, indicator: str, value: str, *, unit: str = "%", comparator: str = "exact", year: int | None = 2025,
         start: int = 0, qualifier: str | None = None) -> Commitment:
    return Commitment(kind, indicator, Decimal(value), unit, comparator, year, f"{indicator}{value}{unit}", start,
                      start + 8, qualifier=qualifier)


TARGETS = [
    item("target", "地区生产总值增长", "5.5", comparator="approx", qualifier="左右", start=10),
    item("target", "城镇新增就业", "700000", unit="人", start=20),
    item("target", "地区生产总值增长", "5.5", comparator="approx", qualifier="左右", start=90),  # restated
    item("target", "地区生产总值年均增长", "5", year=2030, start=100),  # five-year goal
    item("result", "地区生产总值增长", "5.8", year=2024, start=5),  # last year's result in report N
]
RESULTS = [
    item("result", "地区生产总值增长", "4.8", start=40),
    item("result", "城镇新增就业", "827000", unit="人", start=50),
    item("target", "地区生产总值增长", "5", comparator="approx", year=2026, start=300),
    item("result", "地区生产总值增长", "5.1", year=2024, start=400),
]


def test_rows_follow_the_targets_of_the_year_once_each() -> None:
    rows = reconcile(TARGETS, RESULTS, year=2025, region="湖南省")
    assert [(r.indicator_id, r.verdict) for r in rows] == [("gdp_growth", "未达成"), ("urban_new_jobs", "超额")]
    assert rows[0].result.start == 40 and rows[0].region == "湖南省"


def test_the_year_defaults_to_the_plan_year_most_targets_carry() -> None:
    assert [r.year for r in reconcile(TARGETS, RESULTS)] == [2025, 2025]


def test_items_without_a_year_are_taken_for_the_year() -> None:
    rows = reconcile([item("target", "粮食产量", "61600000000", unit="斤", year=None)],
                     [item("result", "粮食总产量", "30800000", unit="吨", year=None)], year=2025)
    assert rows[0].verdict == "达成" and "换算" in rows[0].note


def test_nothing_to_reconcile_gives_no_rows() -> None:
    assert reconcile([], RESULTS) == []
    assert summarise(reconcile(TARGETS, [], year=2025)) == {"沉默": 2}


def test_row_dict_is_flat_and_serialisable() -> None:
    d = reconcile(TARGETS, RESULTS, year=2025)[0].to_dict()
    assert d["target_value"] == 5.5 and d["result_value"] == 4.8 and d["delta"] == -0.7
    assert all(not isinstance(v, (dict, list, Decimal)) for v in d.values())


def test_compare_gives_one_row_per_pair_for_a_chart() -> None:
    pairs = [
        ReportPair("湖南省", 2025, TARGETS, RESULTS),
        ReportPair("浙江省", 2025, [item("target", "城镇新增就业", "1000000", unit="人")],
                   [item("result", "生产总值增长", "5.5")]),
        ReportPair("四川省", 2025, [item("target", "地区生产总值增长", "5.5", comparator="min")], None),
    ]
    rows = compare(pairs, "gdp_growth")
    assert [(r.region, r.verdict) for r in rows] == [("湖南省", "未达成"), ("浙江省", NO_TARGET), ("四川省", NO_REPORT)]
    assert rows[1].result is not None and rows[1].result.value == Decimal("5.5")


def test_quantities_are_written_the_way_reports_write_them() -> None:
    assert format_quantity(item("target", "x", "700000", unit="人")) == "70万人"
    assert format_quantity(item("target", "x", "5530000000000", unit="元")) == "5.53万亿元"
    assert format_quantity(item("result", "x", "62000000000", unit="斤", comparator="min", qualifier="突破")) == \
        "突破620亿斤"
    assert format_quantity(item("target", "x", "5.5", comparator="min")) == "5.5%以上"
    rng = Commitment("target", "x", Decimal(5), "%", "exact", 2026, "", 0, 0, value_max=Decimal("5.5"))
    assert format_quantity(rng) == "5%–5.5%"
    assert format_quantity(None) == ""


def test_the_gap_is_in_points_for_rates_and_relative_for_quantities() -> None:
    gdp, jobs = reconcile(TARGETS, RESULTS, year=2025)
    assert format_delta(gdp) == "-0.7个百分点"
    assert format_delta(jobs) == "+18.1%"


def test_table_output_has_chinese_headings_and_a_summary(capsys) -> None:
    import sys

    write_rows(reconcile(TARGETS, RESULTS, year=2025), sys.stdout, "table", title="湖南省 2025")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "# 湖南省 2025"
    assert out[1].split()[:4] == ["指标", "目标", "结果", "判定"]
    assert out[-1] == "共 2 项: 未达成 1, 超额 1"
