"""compare() hands reconcile only the items that can resolve to the indicator: same rows, faster."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.reconcile import MatchMemory, ReportPair, compare
from luoshi.reconcile.sources import load_report

INDICATORS = ["gdp_growth", "gdp", "cpi", "urban_new_jobs", "surveyed_unemployment", "grain_output", "income_growth",
              "fiscal_revenue_growth", "registered_unemployment"]


@pytest.mark.shared
@pytest.mark.parametrize("region", ["湖南省", "四川省", "广东省", "浙江省"])
def test_prefiltered_rows_equal_the_rows_from_every_item(shared: Path, region: str):
    gold = shared / "gold" / "dev"
    n = load_report(gold / f"corpus__province__{region}-2025.jsonl").items
    n1 = load_report(gold / f"corpus__province__{region}-2026.jsonl").items
    pair = [ReportPair(region, 2025, n, n1)]
    for memory in (None, MatchMemory(matches={"地区生产总值增长": None})):
        for ind in INDICATORS:
            whole = compare(pair, ind, memory=memory, prefilter=False)
            fast = compare(pair, ind, memory=memory)
            assert [r.to_dict() for r in fast] == [r.to_dict() for r in whole], (region, ind)


def test_prefilter_keeps_qualified_names() -> None:
    from luoshi.reconcile import load_catalogue
    from luoshi.reconcile.prefilter import can_resolve_to

    cat = load_catalogue()
    assert can_resolve_to("年末城镇登记失业率", "registered_unemployment", cat, None)
    assert can_resolve_to("地方一般公共预算收入同口径增长", "fiscal_revenue_growth", cat, None)
    assert can_resolve_to("年末全国城镇调查失业率", "surveyed_unemployment", cat, None)
    assert not can_resolve_to("年末城镇登记失业率", "gdp_growth", cat, None)
