"""Units compare within a dimension (亿斤 vs 万吨), never across % and 个百分点 or 人 and 人次."""

from __future__ import annotations

from decimal import Decimal

import pytest

from luoshi.reconcile.units import comparable, convert, unit_info


@pytest.mark.parametrize(("value", "source", "target", "expected"), [
    ("30800000", "吨", "斤", "61600000000"),
    ("616", "亿斤", "万吨", "3080"),
    ("1.4", "万亿斤", "亿吨", "7"),
    ("700000", "人", "万人", "70"),
    ("1245", "万千瓦", "千瓦", "12450000"),
    ("5", "万亿元", "亿元", "50000"),
    ("2", "公斤", "斤", "4"),
    ("3", "千克", "公斤", "3"),
    ("5.5", "％", "%", "5.5"),
])
def test_convert(value: str, source: str, target: str, expected: str) -> None:
    assert convert(Decimal(value), unit_info(source), unit_info(target)) == Decimal(expected)


@pytest.mark.parametrize(("a", "b"), [
    ("%", "个百分点"), ("人", "人次"), ("元", "美元"), ("个", "家"), ("斤", "千瓦"), ("吨", "吨标准煤"), ("件", "宗件"),
])
def test_units_that_never_compare(a: str, b: str) -> None:
    assert not comparable(unit_info(a), unit_info(b))
    assert convert(Decimal(1), unit_info(a), unit_info(b)) is None


def test_a_catalogue_may_declare_two_count_units_the_same() -> None:
    same = (frozenset({"人", "名"}),)
    assert comparable(unit_info("人", same), unit_info("名", same))
    assert not comparable(unit_info("人"), unit_info("名"))


def test_an_unknown_unit_compares_only_with_itself() -> None:
    assert comparable(unit_info("辆（艘、架、列）次"), unit_info("辆（艘、架、列）次"))
    assert not unit_info("辆（艘、架、列）次").known
    assert unit_info(None) is None and unit_info("") is None
