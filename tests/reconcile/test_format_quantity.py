"""``format_quantity``: every figure written the way a report prints it (万/亿/万亿, rounded, qualifier kept)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from luoshi.model import Commitment
from luoshi.reconcile.render import format_quantity


def item(value: str, unit: str = "", comparator: str | None = "exact", qualifier: str | None = None,
         value_max: str | None = None) -> Commitment:
    return Commitment("target", "x", Decimal(value), unit, comparator, 2025, "", 0, 0,
                      value_max=Decimal(value_max) if value_max else None, qualifier=qualifier)


CASES = [
    # (value, unit, comparator, qualifier, value_max) -> as written
    (("5001285000000", "元"), "5万亿元"),  # issue 13: was 5.001285万亿元
    (("5530000000000", "元"), "5.53万亿元"),
    (("5536700000000", "元"), "5.54万亿元"),
    (("61500000000", "斤", "approx", "左右"), "615亿斤左右"),
    (("61650000000", "斤", "approx"), "616.5亿斤左右"),
    (("700000", "人", "min"), "70万人以上"),
    (("347260.2739", "人"), "34.73万人"),
    (("99999999", "元"), "1亿元"),  # 9999.9999万 rounds to 1亿, not 10000万
    (("5.5", "%", "max"), "5.5%以内"),
    (("3.14159", "%"), "3.14%"),
    (("0.0012345", "%"), "0.00123%"),  # small values keep three significant digits, never 0
    (("6", "%", "exact", None, "6.5"), "6%–6.5%"),
    (("4.5", "%", "approx", "左右", "5"), "4.5%–5%左右"),
    (("62000000000", "斤", "min", "突破"), "突破620亿斤"),
    (("50000000000000", "元", "min", "迈上"), "迈上50万亿元"),
    (("9999", "个"), "9999个"),
    (("-0.7", "个百分点"), "-0.7个百分点"),
    (("1234.5678", "公里"), "1234.57公里"),
    (("608", "所"), "608所"),
    (("0", "%"), "0%"),
    (("15000", "亿元", "min", "以上"), "1.5万亿元以上"),
]


@pytest.mark.parametrize(("args", "expected"), CASES, ids=[e for _, e in CASES])
def test_figures_are_written_as_a_report_prints_them(args, expected) -> None:
    assert format_quantity(item(*args)) == expected


def test_a_figure_beyond_the_decimal_context_is_written_whole() -> None:
    assert format_quantity(item("1e40", "元")) == "1" + "0" * 28 + "万亿元"  # no InvalidOperation


def test_the_exact_value_is_left_untouched() -> None:
    it = item("5001285000000", "元")
    format_quantity(it)
    assert it.value == Decimal("5001285000000")


def test_nothing_to_show_gives_empty_text() -> None:
    assert format_quantity(None) == ""
    assert format_quantity(Commitment("task", "x", None, None, None, 2025, "", 0, 0)) == ""
