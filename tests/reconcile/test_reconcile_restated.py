"""One row per target: restatements in the same report, and stretch figures (cases/restatements.yaml)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from luoshi.model import Commitment
from luoshi.reconcile import reconcile

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "restatements.yaml").read_text(encoding="utf-8"))
WORD = {"approx": "左右", "min": "以上", "max": "以内", "exact": ""}


def item(kind: str, spec: list) -> Commitment:
    indicator, value, comparator, start, *unit = spec
    unit = unit[0] if unit else "%"
    text = f"{indicator}{value}{unit}{WORD[comparator]}" if indicator else f"{value}{unit}"
    if kind == "target" and comparator == "exact" and len(str(value)) + len(unit) <= 3:
        text = f"{value}{unit}"  # a bare figure, as the extractor gives 力争达到8%
    return Commitment(kind, indicator, Decimal(str(value)), unit, comparator, 2025, text, start, start + len(text),
                      qualifier=WORD[comparator] or None)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_one_row_per_target(case: dict) -> None:
    rows = reconcile([item("target", t) for t in case["targets"]], [item("result", r) for r in case.get("results") or []],
                     year=2025)
    got = [[r.indicator_id or r.target.indicator, r.verdict, len(r.restated), r.stretch is not None] for r in rows]
    assert got == case["rows"]


def test_the_row_carries_both_spans() -> None:
    targets = [item("target", ["国内生产总值增长", 8, "approx", 10569]), item("target", ["提出国内生产总值增长", 8, "approx", 10654])]
    row = reconcile(targets, [], year=2025)[0]
    assert row.target.start == 10569 and [t.start for t in row.restated] == [10654]
    record = row.to_dict()
    assert record["target_start"] == 10569 and record["target_restated"].startswith("[10654,")
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_a_stretch_figure_is_said_in_the_note_and_the_record() -> None:
    targets = [item("target", ["地区生产总值增长", 7, "min", 4788]), item("target", ["地区生产总值", 8, "exact", 4805])]
    row = reconcile(targets, [item("result", ["地区生产总值增长", 7, "exact", 408])], year=2025)[0]
    assert row.verdict == "达成" and "力争 8%: 未达成" in row.note
    assert row.to_dict()["target_stretch"] == "[4805,4807) 8%"


@pytest.mark.shared
def test_national_2008_gdp_target_is_one_row_with_both_spans(shared: Path) -> None:
    from luoshi.reconcile.sources import load_report

    n = load_report(shared / "corpus" / "national" / "2008.txt")
    n1 = load_report(shared / "corpus" / "national" / "2009.txt")
    rows = [r for r in reconcile(n.items, n1.items, year=2008) if r.indicator_id == "gdp_growth"]
    assert len(rows) == 1
    assert rows[0].verdict == "超额" and [t.text for t in rows[0].restated] == ["提出国内生产总值增长8%左右"]
