"""Exact numbers for machine-read fields (CSV/JSON cells, ``data-value``): 700000.000000 -> 700000.

Text a person reads is written by :mod:`luoshi_web.display` (70万人以上, 5.5%以内, 615亿斤左右),
the one formatter for pages and files; this module only strips a stored Decimal's trailing zeros.

>>> from decimal import Decimal as D
>>> number(D("700000.000000")), number(D("5.500000")), number(None)
('700000', '5.5', '')
"""

from __future__ import annotations

from decimal import Decimal


def number(value: Decimal | None) -> str:
    """Decimal without trailing zeros: 700000.000000 -> 700000, 5.500000 -> 5.5."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
