"""compare() hands reconcile only the items that can resolve to the indicator: same rows, faster."""

from __future__ import annotations

from pathlib import Path

import pytest

from luoshi.reconcile import MatchMemory, ReportPair, compare
from luoshi.reconcile.sources import load_report

pytestmark = pytest.mark.shared

INDICATORS = ["gdp_growth", "gdp", "cpi", "urban_new_jobs", "surveyed_unemployment", "grain_output", "income_growth"]


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
