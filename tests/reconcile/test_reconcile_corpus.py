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
    2009: ("超额", "比上年增长8.7%"),  # 8%左右
    2010: ("超额", "国内生产总值增长10.3%"),  # 8%左右; 过去一年…增长10.3% in the 2011 report
    2012: ("超额", "国内生产总值增长7.8%"),  # 7.5% (exact); +0.3 is beyond the tolerance
    2013: ("达成", "比上年增长7.7%"),  # 7.5%左右; +0.2 is within the tolerance
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
