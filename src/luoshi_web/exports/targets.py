"""A target as people write it (70万人以上, 5.5%以内, 615亿斤左右), for tables, sheets and public pages.

>>> from decimal import Decimal as D
>>> target_text(D("70.000000"), None, "min", "万人"), target_text(D("5.5"), None, "max", "%")
('70万人以上', '5.5%以内')
>>> target_text(D(6), D("6.5"), "approx", "%"), target_text(None, None, "", "")
('6–6.5%左右', '')
"""

from __future__ import annotations

from decimal import Decimal

SUFFIX = {"min": "以上", "max": "以内", "approx": "左右", "exact": ""}


def number(value: Decimal | None) -> str:
    """Decimal without trailing zeros: 700000.000000 -> 700000, 5.500000 -> 5.5."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def target_text(value: Decimal | None, value_max: Decimal | None, comparator: str, unit: str) -> str:
    if value is None:
        return ""
    span = number(value) if value_max is None or value_max == value else f"{number(value)}–{number(value_max)}"
    return f"{span}{unit}{SUFFIX.get(comparator or '', '')}"
