"""上下级目标对照 (issue 11): a parent's targets beside its sub-regions' own, as table tests of the
pure library function ``luoshi.reconcile.crosslevel.cross_level``."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest

from luoshi.model import Commitment
from luoshi.reconcile import crosslevel
from luoshi.reconcile.crosslevel import (
    ADDS_UP,
    EXCEEDS,
    INCOMPLETE,
    NO_CHILD_TARGETS,
    NONE_WEAKER,
    SHORT,
    SOME_WEAKER,
    cross_level,
    describe,
)


def t(name: str, value, unit: str | None = "%", comparator: str = "approx", year: int | None = 2025, start: int = 0,
      kind: str = "target", text: str | None = None) -> Commitment:
    return Commitment(kind, name, Decimal(str(value)), unit, comparator, year,
                      text if text is not None else f"{name}{value}{unit or ''}", start, start + 5)


def one(parent: Commitment, children: dict[str, list[Commitment]]):
    checks = cross_level([parent], list(children.items()), year=2025, parent_region="湖南省")
    assert len(checks) == 1, checks
    return checks[0]


# (parent, children, additive, verdict, total, difference, missing, weaker)
CASES = [
    pytest.param(t("城镇新增就业", 70, "万人", "min"),
                 {"长沙市": [t("城镇新增就业", 18, "万人", "min")], "株洲市": [t("新增城镇就业", 60000, "人", "min")]},
                 True, SHORT, Decimal(24), Decimal(-46), (), (), id="additive-short-units-converted"),
    pytest.param(t("城镇新增就业", 70, "万人", "min"),
                 {"长沙市": [t("城镇新增就业", 50, "万人")], "株洲市": [t("城镇新增就业人数", 25, "万人")]},
                 True, ADDS_UP, Decimal(75), Decimal(5), (), (), id="additive-adds-up"),
    pytest.param(t("城镇新增就业", 70, "万人", "min"),
                 {"长沙市": [t("城镇新增就业", 18, "万人")], "株洲市": [t("粮食产量", 50, "亿斤")]},
                 True, INCOMPLETE, Decimal(18), Decimal(-52), ("株洲市",), (), id="additive-one-sets-none"),
    pytest.param(t("能源消费总量", 100, "万吨", "max"),
                 {"甲市": [t("能源消费总量", 60, "万吨", "max")], "乙市": [t("能源消费总量", 50, "万吨", "max")]},
                 True, EXCEEDS, Decimal(110), Decimal(10), (), (), id="additive-ceiling-exceeded"),
    pytest.param(t("地区生产总值增长", "5.5"),
                 {"长沙市": [t("地区生产总值增长", 6)], "株洲市": [t("经济增长", 5)], "湘潭市": [t("生产总值增长", "5.5")]},
                 False, SOME_WEAKER, None, None, (), ("株洲市",), id="rate-one-below"),
    pytest.param(t("地区生产总值增长", "5.5"),
                 {"长沙市": [t("地区生产总值增长", 6)], "株洲市": []},
                 False, NONE_WEAKER, None, None, ("株洲市",), (), id="rate-none-below-one-missing"),
    pytest.param(t("城镇调查失业率", "5.5", comparator="max"),
                 {"长沙市": [t("城镇调查失业率", 5, comparator="max")], "株洲市": [t("调查失业率", 6, comparator="max")]},
                 False, SOME_WEAKER, None, None, (), ("株洲市",), id="rate-lower-is-better-above-is-weaker"),
    pytest.param(t("居民人均可支配收入", 40000, "元", "min"),
                 {"长沙市": [t("居民人均可支配收入", 60000, "元")], "株洲市": [t("居民人均可支配收入", 39000, "元")]},
                 False, SOME_WEAKER, None, None, (), ("株洲市",), id="per-head-is-not-summed"),
    pytest.param(t("新建口袋公园", 100, "个", "exact"),
                 {"长沙市": [t("新建口袋公园", 40, "个")], "株洲市": [t("新建口袋公园", 60, "个")]},
                 True, ADDS_UP, Decimal(100), Decimal(0), (), (), id="unknown-indicator-by-its-name"),
    pytest.param(t("城镇新增就业", 70, "万人", "min"), {"长沙市": [], "株洲市": []},
                 True, NO_CHILD_TARGETS, None, None, ("长沙市", "株洲市"), (), id="no-child-targets"),
]


@pytest.mark.parametrize(("parent", "children", "adds", "verdict", "total", "difference", "missing", "weaker"), CASES)
def test_cross_level_table(parent, children, adds, verdict, total, difference, missing, weaker):
    c = one(parent, children)
    assert (c.additive, c.verdict, c.total, c.difference, c.missing, c.weaker) == \
        (adds, verdict, total, difference, missing, weaker)
    assert [x.region for x in c.lines] == list(children)  # every sub-region, in the order given
    assert describe(c).startswith(crosslevel.VERDICT_TEXT[verdict])


def test_units_that_do_not_compare_are_named_and_not_summed():
    c = one(t("城镇新增就业", 70, "万人", "min"), {"长沙市": [t("城镇新增就业", 3, "%")], "株洲市": [t("城镇新增就业", 10, "万人")]})
    assert c.incomparable == ("长沙市",) and c.total == Decimal(10) and c.verdict == INCOMPLETE
    assert "单位不可比：长沙市" in describe(c)


def test_a_five_year_total_is_not_set_beside_an_annual_target():
    five_year = t("城镇新增就业", 350, "万人", "min", text="五年累计城镇新增就业350万人")
    c = one(t("城镇新增就业", 70, "万人", "min"), {"长沙市": [five_year]})
    assert c.missing == ("长沙市",)


def test_the_headline_figure_is_used_and_the_others_are_kept():
    c = one(t("城镇新增就业", 70, "万人", "min"),
            {"长沙市": [t("城镇新增就业", 2, "万人", start=90), t("城镇新增就业", 18, "万人", start=10)]})
    [line] = c.lines
    assert line.target.value == Decimal(18) and [o.value for o in line.others] == [Decimal(2)]


def test_only_targets_of_the_year_count_and_a_restated_parent_target_is_checked_once():
    parent = [t("地区生产总值增长", "5.5"), t("地区生产总值增长", "5.5", start=40), t("城镇新增就业", 70, "万人", year=2026),
              t("地区生产总值增长", "4.8", kind="result")]
    checks = cross_level(parent, [("长沙市", [t("地区生产总值增长", 5, year=2024), t("地区生产总值增长", 6, year=None)])],
                         year=2025, parent_region="湖南省")
    assert [(c.indicator_id, c.lines[0].value) for c in checks] == [("gdp_growth", Decimal(6))]


def test_indicator_filter_and_describe_in_both_languages():
    parent = [t("地区生产总值增长", "5.5"), t("城镇新增就业", 70, "万人", "min")]
    children = [("长沙市", [t("城镇新增就业", 80, "万人")])]
    [c] = cross_level(parent, children, year=2025, parent_region="湖南省", indicator="urban_new_jobs")
    assert c.indicator == "城镇新增就业" and c.verdict == ADDS_UP
    assert "下级合计 80万人，比上级目标多 10万人 / sub-regions' sum 80万人, 10万人 above the parent's" in describe(c)


def test_module_doctests():
    assert doctest.testmod(crosslevel).failed == 0


# --- luoshi compare --cross-level on small report files --------------------------------------------

def _jsonl(items: list[Commitment]) -> str:
    import json

    return "\n".join(json.dumps(it.to_dict(), ensure_ascii=False) for it in items) + "\n"


@pytest.fixture
def reports(tmp_path):
    """A province's report and a folder of its cities' reports of the same year (JSONL and plain text)."""
    (tmp_path / "湖南省-2025.jsonl").write_text(_jsonl([
        t("地区生产总值增长", "5.5"), t("城镇新增就业", 700000, "人", "min", start=20)]), encoding="utf-8")
    cities = tmp_path / "cities"
    cities.mkdir()
    (cities / "长沙市-2025.jsonl").write_text(_jsonl([
        t("地区生产总值增长", 6), t("城镇新增就业", 18, "万人", "min", start=20)]), encoding="utf-8")
    (cities / "株洲市-2025.txt").write_text(
        "株洲市2025年政府工作报告\n今年主要预期目标是：地区生产总值增长5%左右；城镇新增就业4万人以上。\n", encoding="utf-8")
    (cities / "株洲市-2024.txt").write_text("株洲市2024年政府工作报告\n地区生产总值增长9%左右。\n", encoding="utf-8")
    return tmp_path


def test_cli_cross_level_jsonl(reports, capsys):
    from luoshi.cli import main

    assert main(["compare", "--cross-level", str(reports / "湖南省-2025.jsonl"), str(reports / "cities"),
                 "--format", "jsonl"]) == 0
    import json

    rows = {r["indicator_id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert set(rows) == {"gdp_growth", "urban_new_jobs"}
    gdp, jobs = rows["gdp_growth"], rows["urban_new_jobs"]
    assert gdp["verdict"] == SOME_WEAKER and gdp["weaker"] == ["株洲市"]  # its 2025 report, not the 2024 one
    assert {c["region"]: c["relation"] for c in gdp["children"]} == {"株洲市": "below", "长沙市": "above"}
    assert (jobs["verdict"], jobs["total"], jobs["difference"]) == (SHORT, 220000, -480000)  # 人, the parent's unit


def test_cli_cross_level_table_with_one_indicator_and_named_files(reports, capsys):
    from luoshi.cli import main

    assert main(["compare", "--cross-level", str(reports / "湖南省-2025.jsonl"), str(reports / "cities" / "长沙市-2025.jsonl"),
                 "--indicator", "城镇新增就业", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 上下级目标对照 湖南省 2025年") and "地区生产总值增长" not in out
    assert "下级合计 18万人，比上级目标少 52万人" in out and "共 1 项指标，需关注 1 项" in out
    assert "占上级 25.7% share" in out  # a city's part of the province's count, not "below" it


def test_cli_cross_level_errors_say_what_to_do(reports, capsys):
    from luoshi.cli import main

    assert main(["compare", "--cross-level", str(reports / "cities")]) == 2
    assert "parent region's report FILE first" in capsys.readouterr().err
    assert main(["compare", "--cross-level", str(reports / "湖南省-2025.jsonl"), str(reports / "cities"), "--year", "2030"]) == 2
    assert "no sub-region report of 2030" in capsys.readouterr().err
    assert main(["compare", str(reports)]) == 2  # the old mode still needs its indicator
    assert "--indicator ID is required" in capsys.readouterr().err
