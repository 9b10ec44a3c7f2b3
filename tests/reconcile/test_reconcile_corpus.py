"""National GDP growth, target vs result, on the corpus documents themselves (extracted on the fly).

Each expectation was read off the two reports: the target in report N's 主要预期目标 and the figure
report N+1 gives for year N. When an extractor gap blocks a year, it goes in as
``xfail(strict=True)`` with the reason, so that the fix shows up and the case moves here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from luoshi.reconcile import ReportCache, ReportPair, compare, discover, iter_pairs

pytestmark = pytest.mark.shared

# year: (verdict, result text the row must show)
EXPECTED = {
    1998: ("未达成", "国内生产总值比上年增长7.8％"),  # 经济增长速度8% (exact): no leeway below
    1999: ("沉默", ""),  # 7%左右; the 2000 report never states 1999 growth
    2008: ("超额", "比上年增长9%"),  # 8%左右; +1 point is the margin for 超额
    2009: ("达成", "比上年增长8.7%"),  # 8%左右; +0.7 is under the margin
    2010: ("超额", "国内生产总值增长10.3%"),  # 8%左右; 过去一年…增长10.3% in the 2011 report
    2012: ("达成", "国内生产总值增长7.8%"),  # 7.5% (exact); +0.3 is under the margin
    2013: ("达成", "比上年增长7.7%"),  # 7.5%左右
    2017: ("达成", "国内生产总值增长6.9%"),  # 6.5%左右; +0.4 is under the margin
    2021: ("超额", "增长8.1%"),  # 6%以上
    2015: ("达成", "增长6.9%"),  # 7%左右
    2016: ("达成", "增长6.7%"),  # 6.5%-7%
    2019: ("达成", "增长6.1%"),  # 6%-6.5%
    2022: ("未达成", "国内生产总值增长3%"),  # 5.5%左右
    2023: ("达成", "增长5.2%"),  # 5%左右
    2025: ("达成", "国内生产总值增长5%"),  # 5%左右, from the 2026 report
}
@cache
def rows_for(shared: Path) -> dict[int, tuple[str, str]]:
    cache = ReportCache()
    pairs = []
    for region, year, path, next_path in iter_pairs(discover(shared / "corpus" / "national"), first=1998, last=2025):
        pairs.append(ReportPair(region, year, cache.get(path).items,
                                cache.get(next_path).items if next_path else None))
    rows = compare(pairs, "gdp_growth")
    return {r.year: (r.verdict, r.result.text if r.result else "") for r in rows if r.target is not None}


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_national_gdp_growth_verdict(shared: Path, year: int) -> None:
    assert rows_for(shared).get(year) == EXPECTED[year]


# (indicator, year): (verdict, result text) — results carrying a qualifier the catalogue allows
QUALIFIED = {
    ("registered_unemployment", 2016): ("达成", "年末城镇登记失业率4.02%"),  # 4.5%以内
    ("surveyed_unemployment", 2022): ("达成", "年末城镇调查失业率降到5.5%"),  # 5.5%以内
    ("cpi", 2010): ("未达成", "居民消费价格涨幅控制在 3.3%"),  # 3%左右: a ceiling by nature, no leeway above
}


@pytest.mark.parametrize(("indicator", "year"), sorted(QUALIFIED))
def test_national_qualified_results_and_ceilings(shared: Path, indicator: str, year: int) -> None:
    cache = ReportCache()
    national = shared / "corpus" / "national"
    pair = ReportPair("全国", year, cache.get(national / f"{year}.txt").items, cache.get(national / f"{year + 1}.txt").items)
    rows = [r for r in compare([pair], indicator) if r.target is not None]
    assert [(r.verdict, r.result.text if r.result else "") for r in rows] == [QUALIFIED[(indicator, year)]]
