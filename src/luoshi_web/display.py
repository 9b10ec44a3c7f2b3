"""Figures as a report writes them (突破5.53万亿元, 615亿斤左右, 70万人以上, 5.5%以内), for every page.

One formatter for every number the web pages show: the library's
:func:`luoshi.reconcile.render.format_quantity`, the one the review page and the 兑现对照 tables
use. The database keeps base units (5530000000000 元); only the pages write 万/亿 and the qualifier.
Downloads meant for machines (CSV/JSON, ``data-value`` attributes) keep the raw numbers.

>>> from decimal import Decimal as D
>>> quantity(D("5530000000000"), "元", "min", "突破"), quantity(D("61500000000"), "斤", "approx")
('突破5.53万亿元', '615亿斤左右')
>>> quantity(D("70.000000"), "万人", "min"), quantity(D("5.5"), "%", "max"), quantity(D(6), "%", "exact")
('70万人以上', '5.5%以内', '6%')
>>> amount(D("60800000000"), "斤"), amount(D("180000.000000"), "所"), amount(D("12000"), "万元")
('608亿斤', '18万所', '1.2亿元')
>>> amount(D("34.72602739"), "万人", digits=4), amount(None, "元"), percent_text(D("45.50"))
('34.73万人', '', '45.5%')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import SimpleNamespace

from luoshi.reconcile.render import format_quantity

# A unit that already carries a magnitude (亿斤, 万人) is kept as written below 10 000 (615亿斤);
# above it the magnitude is folded into the value first, or 12000万元 would read 1.2万万元.
_MAGNITUDES = (("万亿", Decimal("1e12")), ("亿", Decimal("1e8")), ("万", Decimal("1e4")))
_LARGE = Decimal(10000)


def decimal_or_none(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _fold(value: Decimal, value_max: Decimal | None, unit: str) -> tuple[Decimal, Decimal | None, str]:
    if abs(value) < _LARGE and (value_max is None or abs(value_max) < _LARGE):
        return value, value_max, unit
    for word, size in _MAGNITUDES:
        if unit.startswith(word) and len(unit) > len(word):
            return value * size, None if value_max is None else value_max * size, unit[len(word):]
    return value, value_max, unit


def _significant(value: Decimal, digits: int) -> Decimal:
    if not value:
        return Decimal(0)
    return value.quantize(Decimal(1).scaleb(value.adjusted() - digits + 1), rounding=ROUND_HALF_UP)


def quantity(value, unit: str = "", comparator: str = "", qualifier: str = "", value_max=None) -> str:
    """A target or result as the report writes it: value (or range), 万/亿, unit and qualifier."""
    v = decimal_or_none(value)
    if v is None:
        return ""
    vmax = decimal_or_none(value_max)
    v, vmax, unit = _fold(v, vmax, unit or "")
    if vmax is not None and vmax == v:
        vmax = None
    return format_quantity(SimpleNamespace(value=v, value_max=vmax, unit=unit, comparator=comparator or "",
                                           qualifier=qualifier or None))


def quantity_of(item) -> str:
    """:func:`quantity` of a commitment, a draft item (dict) or anything with those attributes."""
    get = item.get if isinstance(item, dict) else (lambda k: getattr(item, k, None))
    return quantity(get("value"), get("unit") or "", get("comparator") or "", get("qualifier") or "", get("value_max"))


def amount(value, unit: str = "", *, digits: int | None = None) -> str:
    """An amount reached or planned, in the commitment's unit (608亿斤): no comparator or qualifier.

    ``digits`` rounds to that many significant digits (for computed figures such as a planned value).
    """
    v = decimal_or_none(value)
    if v is None:
        return ""
    if digits is not None:
        v = _significant(v, digits)
    return quantity(v, unit, "exact")


def percent_text(value) -> str:
    """A share already in percent (45.50 -> 45.5%)."""
    v = decimal_or_none(value)
    return "" if v is None else amount(v, "%")


# --- one figure, for tables and files ---------------------------------------------------------

_NUMBER_HEAD = re.compile(r"^(?P<head>\D*?)(?P<number>-?\d+(?:\.(?P<decimals>\d+))?)(?P<tail>.*)$")


@dataclass(frozen=True)
class Figure:
    """A figure in a table cell: the exact value (for ``data-value``, CSV/JSON and Excel cells) and
    how a report writes it (``str(figure)``: 突破5.53万亿元), so no table builds its own text.

    >>> f = Figure(Decimal("5001285000000"), "元", "min", "突破")
    >>> str(f), f.value
    ('突破5万亿元', Decimal('5001285000000'))
    """

    value: Decimal | None
    unit: str = ""
    comparator: str = "exact"
    qualifier: str = ""
    value_max: Decimal | None = None

    @property
    def text(self) -> str:
        try:
            return quantity(self.value, self.unit, self.comparator, self.qualifier, self.value_max)
        except (ArithmeticError, ValueError, OverflowError):  # a figure out of any bounds: shown as stored
            return "" if self.value is None else str(self.value)

    def __str__(self) -> str:
        return self.text


def figure_of(item) -> Figure | None:
    """The target of a commitment, draft item or dashboard item as a :class:`Figure`."""
    get = item.get if isinstance(item, dict) else (lambda k: getattr(item, k, None))
    value = decimal_or_none(get("value"))
    if value is None:
        return None
    return Figure(value, get("unit") or "", get("comparator") or "", get("qualifier") or "",
                  decimal_or_none(get("value_max")))


def _excel_literal(text: str) -> str:
    return f'"{text.replace(chr(34), "")}"' if text else ""


def excel_number(fig: Figure, *, unit_in_format: bool = True) -> tuple[float | int | None, str]:
    """The cell value and ``number_format`` that make Excel show ``fig`` as the report writes it.

    The cell holds a real number, exact in the magnitude shown (5.001285 for 5.001285万亿元), so it
    sorts and sums; the format rounds it as :func:`quantity` does and carries 万/亿, the unit, the
    qualifier and a range's upper bound as literal text (``"突破"0"万亿元"``). Excel cannot divide by
    10⁴ in a format, which is why the value is scaled and the magnitude written in the format.

    >>> excel_number(Figure(Decimal("5530000000000"), "元", "min", "突破"))
    (5.53, '"突破"0.00"万亿元"')
    >>> excel_number(Figure(Decimal("5.5"), "%", "approx", "左右", Decimal("6")))
    (5.5, '0.0"%–6%左右"')
    >>> excel_number(Figure(Decimal("608"), "所"))
    (608, '0"所"')

    With ``unit_in_format=False`` the magnitude and unit are left to a unit column beside the cell
    (:func:`written_unit`): 615亿斤左右 is 615 shown ``0"左右"`` next to 亿斤.

    >>> excel_number(Figure(Decimal("61500000000"), "斤", "approx", "左右", Decimal("62000000000")), unit_in_format=False)
    (615, '0"–620左右"')
    """
    v = fig.value
    if v is None or not v.is_finite():
        return None, "General"
    text = fig.text
    low = quantity(v, fig.unit, "exact")  # the lower figure alone: its number, magnitude and unit
    m = _NUMBER_HEAD.match(low)
    if not m:
        return float(v), "General"
    folded, _, unit = _fold(v, None, fig.unit or "")
    word = m["tail"][: len(m["tail"]) - len(unit)] if unit and m["tail"].endswith(unit) else m["tail"]
    size = dict(_MAGNITUDES).get(word, Decimal(1))
    exact = folded / size
    decimals = len(m["decimals"] or "")
    start = text.find(low)
    if start < 0:  # cannot happen while quantity() writes the lower figure first; keep the text readable
        return float(exact), "General"
    head, tail = text[:start], m["tail"] + text[start + len(low):]
    if not unit_in_format and m["tail"]:
        tail = text[start + len(low):].replace(m["tail"], "")
    number_format = _excel_literal(head) + ("0." + "0" * decimals if decimals else "0") + _excel_literal(tail)
    value = int(exact) if exact == exact.to_integral_value() else float(exact)
    return value, number_format


def written_unit(fig: Figure | None) -> str:
    """The magnitude and unit a figure is written in (亿斤 for 615亿斤左右), for a unit column.

    >>> written_unit(Figure(Decimal("61500000000"), "斤")), written_unit(Figure(Decimal("5.5"), "%"))
    ('亿斤', '%')
    """
    if fig is None or fig.value is None or not fig.value.is_finite():
        return fig.unit if fig else ""
    m = _NUMBER_HEAD.match(quantity(fig.value, fig.unit, "exact"))
    return m["tail"] if m else fig.unit
