"""``luoshi compare --region 驻马店市`` over the 24-year series of one city (issue 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from luoshi.cli import main

pytestmark = pytest.mark.shared

CITY = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "city"


def test_one_city_across_twenty_four_reports(capsys):
    if not CITY.is_dir():
        pytest.fail(f"{CITY} is missing: ../shared must sit beside the checkout")
    assert main(["compare", str(CITY), "--region", "驻马店市", "--indicator", "gdp_growth", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    years = sorted(p.stem.rsplit("-", 1)[1] for p in CITY.glob("驻马店市-*.txt"))
    assert [str(r["year"]) for r in rows] == years  # one row per report, none from another city
    assert {r["region"] for r in rows} == {"驻马店市"}
    by = {r["year"]: r for r in rows}
    assert (by[2013]["verdict"], by[2013]["result_text"]) == ("达成", "增长9.5%")  # 10%左右
    assert (by[2014]["verdict"], by[2014]["result_text"]) == ("未达成", "增长8.4%")  # 9.5%左右
    assert by[2026]["verdict"] == "无下年报告"
    assert by[2018]["verdict"] == "无下年报告"  # the 2019 report is not in the series
