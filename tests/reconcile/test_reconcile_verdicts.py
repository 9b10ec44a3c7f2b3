"""Verdict rules as a table (cases/verdicts.yaml), plus properties the rules must keep."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from luoshi.model import Commitment
from luoshi.reconcile import ACHIEVED, DEFAULT_TOLERANCE, EXCEEDED, MISSED, UNKNOWN, Tolerance, judge, reconcile

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "verdicts.yaml").read_text(encoding="utf-8"))


def item(kind: str, spec: dict, default_indicator: str = "") -> Commitment:
    num = lambda v: None if v is None else Decimal(str(v))  # noqa: E731
    return Commitment(kind=kind, indicator=spec.get("indicator", default_indicator), value=num(spec["value"]),
                      unit=spec.get("unit", "%"), comparator=spec.get("comparator", "exact"), year=2025,
                      text=f"{kind} text", start=0, end=1, value_max=num(spec.get("value_max")),
                      qualifier=spec.get("qualifier"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_verdict_case(case: dict) -> None:
    target = item("target", case["target"])
    results = [item("result", case["result"], target.indicator)] if case["result"] else []
    tolerance = Tolerance(**{k: Decimal(str(v)) for k, v in (case.get("tolerance") or {}).items()})
    rows = reconcile([target], results, year=2025, tolerance=tolerance)
    assert len(rows) == 1
    assert rows[0].verdict == case["expect"], rows[0].note


def test_every_case_has_a_unique_name_and_a_known_verdict() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    assert {c["expect"] for c in CASES} <= {"达成", "未达成", "超额", "无法判断", "沉默"}


RANK = {MISSED: 0, ACHIEVED: 1, EXCEEDED: 2}
values = st.decimals(min_value=-50, max_value=50, places=1, allow_nan=False, allow_infinity=False)


@given(target=values, low=values, high=values, comparator=st.sampled_from(["exact", "approx", "min", "max"]))
def test_a_higher_result_is_never_judged_worse_when_higher_is_better(target, low, high, comparator) -> None:
    low, high = sorted((low, high))
    a = judge(comparator=comparator, value=target, result_value=low, better="higher").verdict
    b = judge(comparator=comparator, value=target, result_value=high, better="higher").verdict
    assert RANK[a] <= RANK[b] or (comparator == "max" and b == MISSED)


@given(target=values, result=values, comparator=st.sampled_from(["exact", "approx", "min", "max"]))
def test_a_guard_rail_is_never_exceeded(target, result, comparator) -> None:
    verdict = judge(comparator=comparator, value=target, result_value=result, better="lower", surplus=False).verdict
    assert verdict in (ACHIEVED, MISSED)


@given(target=values, bound=values, comparator=st.sampled_from(["exact", "approx", "min", "max"]),
       result_comparator=st.sampled_from(["min", "max"]))
def test_a_bound_result_is_never_judged_missed_unless_both_ends_miss(target, bound, comparator,
                                                                     result_comparator) -> None:
    verdict = judge(comparator=comparator, value=target, result_value=bound, result_comparator=result_comparator).verdict
    far = Decimal("1e6") if result_comparator == "min" else Decimal("-1e6")
    ends = {judge(comparator=comparator, value=target, result_value=x).verdict for x in (bound, far)}
    if verdict == MISSED:
        assert ends == {MISSED}
    if verdict == UNKNOWN:
        assert MISSED in ends and len(ends) > 1


def test_the_default_convention_is_half_a_point_or_5pc_leeway_and_1_point_or_10pc_surplus() -> None:
    t = Tolerance()
    assert t == DEFAULT_TOLERANCE
    assert t.leeway(Decimal("5.5"), "percent") == t.leeway(Decimal("5.5"), "points") == Decimal("0.5")
    assert t.leeway(Decimal("700000"), "count") == Decimal("35000")
    assert t.surplus(Decimal("5.5"), "percent") == Decimal(1)
    assert t.surplus(Decimal("700000"), "count") == Decimal("70000")
    assert t.leeway(Decimal("8"), "rank") == 0 and t.surplus(Decimal("8"), "rank") == 1


def test_delta_is_the_distance_to_the_nearest_edge_of_the_target() -> None:
    assert judge(comparator="approx", value=Decimal("5.5"), result_value=Decimal("4.8")).delta == Decimal("-0.7")
    assert judge(comparator="exact", value=Decimal(5), value_max=Decimal("5.5"),
                 result_value=Decimal("5.2")).delta == 0
    assert judge(comparator="min", value=Decimal(2), result_value=Decimal("3.9")).delta == Decimal("1.9")
