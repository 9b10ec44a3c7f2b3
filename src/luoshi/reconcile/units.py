"""Making a target's unit and a result's unit comparable (亿斤 vs 万吨, 万人 vs 人, % vs 个百分点).

What a unit *is* (its dimension and its factor to the dimension's base unit) is read from the
extractor's ``data/zh/units.yaml``, so reconciliation and extraction never disagree about 斤. Two
rules are added here because they are about comparing, not reading:

- counts compare only within the same counted thing: 70万人 and 70万人次 share the dimension
  ``count`` but are different measures (a catalogue may declare 人 and 名 the same);
- % and 个百分点 are different dimensions, so a growth rate is never judged against a change in a
  rate — the verdict is 无法判断.

Magnitude words left in a unit by a hand-made JSONL (亿斤, 万吨) are applied, so 616亿斤 and
3080万吨 compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

MAGNITUDES: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal("1e12")), ("亿", Decimal("1e8")), ("千万", Decimal("1e7")), ("百万", Decimal("1e6")),
    ("万", Decimal("1e4")), ("千", Decimal("1e3")), ("百", Decimal("1e2")),
)

# Used only when units.yaml cannot be read, so the reconciler degrades to "same string, same unit"
# plus the conversions the issue names, instead of failing.
_FALLBACK: dict[str, tuple[str, str]] = {
    "%": ("percent", "1"), "％": ("percent", "1"), "个百分点": ("points", "1"), "百分点": ("points", "1"),
    "元": ("money", "1"), "美元": ("money_usd", "1"), "吨": ("mass", "1000"), "公斤": ("mass", "1"),
    "千克": ("mass", "1"), "斤": ("mass", "0.5"), "人": ("count", "1"), "人次": ("count", "1"),
    "千瓦": ("power", "1000"), "公里": ("length", "1000"), "米": ("length", "1"), "亩": ("area", "666.6667"),
    "位": ("rank", "1"),
}


@dataclass(frozen=True)
class UnitInfo:
    """A unit as the reconciler sees it: the comparability key and the factor to the base unit."""

    unit: str  # canonical name (斤, 吨, %, 人...)
    dimension: str  # percent, points, mass, count, ... or "unit:<as written>" when unknown
    factor: Decimal  # size in the dimension's base unit, magnitude words included
    key: str  # equal keys compare; for counts it names the counted thing

    @property
    def known(self) -> bool:
        return not self.dimension.startswith("unit:")


@cache
def _table() -> dict[str, tuple[str, str, Decimal]]:
    """written form -> (canonical unit, dimension, factor)."""
    table: dict[str, tuple[str, str, Decimal]] = {}
    try:
        text = resources.files("luoshi").joinpath("data/zh/units.yaml").read_text(encoding="utf-8")
        units = (yaml.safe_load(text) or {}).get("units") or {}
        for name, spec in units.items():
            dim, factor = str(spec["dimension"]), Decimal(str(spec.get("factor", 1)))
            for form in (name, *(spec.get("forms") or ())):
                table.setdefault(str(form), (str(name), dim, factor))
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError):
        table = {}
    for form, (dim, factor) in _FALLBACK.items():
        canonical = "%" if form == "％" else "个百分点" if form == "百分点" else form
        table.setdefault(form, (canonical, dim, Decimal(factor)))
    return table


def unit_info(unit: str | None, same_count_units: tuple[frozenset[str], ...] = ()) -> UnitInfo | None:
    """What ``unit`` is, or None for an item without a unit.

    >>> u = unit_info("亿斤"); (u.unit, u.dimension, int(u.factor))
    ('斤', 'mass', 50000000)
    >>> unit_info("人次").key == unit_info("人").key
    False
    """
    if not unit:
        return None
    unit = unit.strip()
    table = _table()
    magnitude = Decimal(1)
    found = table.get(unit)
    if found is None:
        for word, size in MAGNITUDES:
            if unit.startswith(word) and unit[len(word):] in table:
                found, magnitude = table[unit[len(word):]], size
                break
    if found is None:
        return UnitInfo(unit=unit, dimension=f"unit:{unit}", factor=Decimal(1), key=f"unit:{unit}")
    canonical, dim, factor = found
    key = dim
    if dim == "count":
        group = next((g for g in same_count_units if canonical in g), None)
        key = "count:" + ("|".join(sorted(group)) if group else canonical)
    return UnitInfo(unit=canonical, dimension=dim, factor=factor * magnitude, key=key)


def comparable(a: UnitInfo | None, b: UnitInfo | None) -> bool:
    return a is not None and b is not None and a.key == b.key


def convert(value: Decimal, source: UnitInfo, target: UnitInfo) -> Decimal | None:
    """``value`` in ``source`` units expressed in ``target`` units; None when they do not compare.

    >>> convert(Decimal("30800000"), unit_info("吨"), unit_info("斤"))
    Decimal('61600000000')
    """
    if not comparable(source, target):
        return None
    if source.factor == target.factor:
        return value
    out = value * source.factor / target.factor
    return out.quantize(Decimal(1)) if out == out.to_integral_value() else out.normalize()


RATE_DIMENSIONS = ("percent", "points", "rank", "multiple", "share")


def same_scale(target_value: Decimal, target: UnitInfo | None, result_value: Decimal, result: UnitInfo | None,
               limit: Decimal) -> bool:
    """False when a quantity result is more than ``limit`` times larger or smaller than its target.

    An annual target of 50万人 answered by 261.6万人 is almost always a five-year total the next
    report also gives; rates (%, 个百分点, ranks) swing legitimately and are never held to this.

    >>> same_scale(Decimal(500000), unit_info("人"), Decimal(2616000), unit_info("人"), Decimal(3))
    False
    """
    if target is None or result is None or target.dimension in RATE_DIMENSIONS or not target_value:
        return True
    value = convert(result_value, result, target)
    if value is None or not value:
        return True
    ratio = abs(value / target_value)
    return 1 / limit <= ratio <= limit
