"""上下级目标对照 (cross-level consistency): a parent region's targets beside its sub-regions' own.

A province sets 城镇新增就业70万人 and each city sets its own figure in its own report; nobody
checks that the cities' figures add up to the province's, or that no city's growth target is below
the province's. This module answers both questions for every target the parent sets, from plain
``luoshi.model.Commitment`` items, so ``luoshi compare --cross-level`` (files) and the web page
``/hierarchy/consistency/<region>/<year>/`` (database rows through the compare adapter) share
one rule:

- the same indicator is the same catalogue id (``matching.resolve``, the match memory applies),
  else the same normalised name; multi-year marks (累计, 年均) must agree, so a five-year total is
  never set beside an annual figure;
- an *additive* indicator (a count, an amount: 人, 亿元, 万亩) sums over regions: the sub-regions'
  figures, converted to the parent's unit, are added and set against the parent's target (for a
  ceiling, 以内, the sum must stay under it); sub-regions that set no target are named;
- a rate, a share, a per-head figure or a concentration does not add up: each sub-region's figure is
  set beside the parent's, and those less ambitious than it (below it where higher is better, above
  it where lower is better) are named.

>>> from decimal import Decimal
>>> from luoshi.model import Commitment
>>> def t(name, v, unit="%", cmp="approx"):
...     return Commitment("target", name, Decimal(v), unit, cmp, 2025, f"{name}{v}{unit}", 0, 0)
>>> [c] = cross_level([t("地区生产总值增长", "5.5")], [("甲市", [t("经济增长", "5")]), ("乙市", [t("生产总值增长", "6")])],
...                   year=2025, parent_region="某省")
>>> c.indicator_id, c.verdict, c.weaker
('gdp_growth', 'some_weaker', ('甲市',))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from luoshi.model import Commitment
from luoshi.reconcile.catalogue import Catalogue, load_catalogue
from luoshi.reconcile.matching import MatchMemory, Resolved, resolve_items
from luoshi.reconcile.units import RATE_DIMENSIONS, comparable, convert
from luoshi.reconcile.verdict import default_direction

# Verdicts (codes; ``VERDICT_TEXT`` says them in Chinese and English)
ADDS_UP = "adds_up"  # additive: the sub-regions' sum reaches the parent's target (or stays under its ceiling)
SHORT = "short"  # additive: every sub-region set a figure and the sum falls short
INCOMPLETE = "incomplete"  # additive: the sum falls short and some sub-regions set no comparable figure
EXCEEDS = "exceeds"  # additive ceiling (以内): the sum is over the parent's limit
NONE_WEAKER = "none_weaker"  # rate: no sub-region's target is less ambitious than the parent's
SOME_WEAKER = "some_weaker"  # rate: some are
NO_CHILD_TARGETS = "no_child_targets"  # no sub-region sets a comparable figure for it

VERDICT_TEXT = {
    ADDS_UP: "下级目标合计达到上级目标 / the sub-regions' targets add up to the parent's",
    SHORT: "下级目标合计低于上级目标 / the sub-regions' targets fall short of the parent's",
    INCOMPLETE: "部分下级未定目标，已定目标合计低于上级目标 / some sub-regions set no target; the others fall short",
    EXCEEDS: "下级目标合计超过上级上限 / the sub-regions' targets add up to more than the parent's ceiling",
    NONE_WEAKER: "没有下级目标比上级宽松 / no sub-region aims lower than the parent",
    SOME_WEAKER: "有下级目标比上级宽松 / some sub-regions aim lower than the parent",
    NO_CHILD_TARGETS: "下级均未设定可比目标 / no sub-region sets a comparable target",
}
RELATIONS = ("below", "equal", "above", "missing", "incomparable")

# What does not add up over regions besides rates: a per-head figure, an average, a concentration.
NOT_ADDITIVE_DIMENSIONS = (*RATE_DIMENSIONS, "concentration", "permille", "age", "days")
NOT_ADDITIVE_WORDS = ("人均", "平均", "率", "比重", "占比", "强度", "密度")


@dataclass(frozen=True)
class Line:
    """One sub-region beside the parent: its own target (None: it sets none) and how it compares."""

    region: str
    target: Commitment | None
    value: Decimal | None  # its figure in the parent's unit (None: no target, or units that do not compare)
    relation: str  # below | equal | above (than the parent's figure) | missing | incomparable
    weaker: bool = False  # a rate target less ambitious than the parent's
    others: tuple[Commitment, ...] = ()  # more targets of the same indicator in its report (restated, split)


@dataclass(frozen=True)
class Check:
    """One indicator the parent sets a target for, with every sub-region's own target beside it."""

    indicator_id: str | None
    indicator: str  # the catalogue's name, else the parent's own wording
    year: int
    parent_region: str
    parent: Commitment
    additive: bool
    better: str  # higher | lower | neutral: which side of the parent's figure is more ambitious
    lines: tuple[Line, ...]
    total: Decimal | None  # additive: sum of the sub-regions' figures, in the parent's unit
    difference: Decimal | None  # additive: total minus the parent's figure
    verdict: str

    @property
    def missing(self) -> tuple[str, ...]:
        """Sub-regions that set no target for this indicator."""
        return tuple(x.region for x in self.lines if x.relation == "missing")

    @property
    def incomparable(self) -> tuple[str, ...]:
        """Sub-regions whose figure is in a unit that does not compare (万人 against %)."""
        return tuple(x.region for x in self.lines if x.relation == "incomparable")

    @property
    def weaker(self) -> tuple[str, ...]:
        return tuple(x.region for x in self.lines if x.weaker)

    @property
    def flagged(self) -> bool:
        """Something a supervisor should look at: a shortfall, a ceiling passed or a weaker target."""
        return self.verdict in (SHORT, INCOMPLETE, EXCEEDS, SOME_WEAKER)


def additive(item: Commitment, resolved: Resolved) -> bool:
    """A figure that sums over regions: a known or unknown unit of amount (人, 亿元, 所), not a rate,
    a per-head figure or an average.

    >>> from luoshi.reconcile import load_catalogue
    >>> from luoshi.reconcile.matching import resolve_items
    >>> def one(name, unit):
    ...     it = Commitment("target", name, Decimal(1), unit, "min", 2025, "", 0, 0)
    ...     return additive(it, resolve_items([it], load_catalogue())[0])
    >>> one("城镇新增就业", "万人"), one("地区生产总值增长", "%"), one("居民人均可支配收入", "元"), one("新建学校", None)
    (True, False, False, False)
    """
    unit = resolved.unit
    if unit is None or unit.dimension in NOT_ADDITIVE_DIMENSIONS:
        return False
    return not any(w in item.indicator for w in NOT_ADDITIVE_WORDS)


def targets_of(items: Sequence[Commitment], year: int) -> list[Commitment]:
    """The quantified targets of ``year`` (an item without a year is taken to be for it)."""
    return [it for it in items if it.kind == "target" and it.value is not None and (it.year or year) == year]


def _key(r: Resolved) -> tuple[str, frozenset[str]]:
    """What makes two targets the same indicator: the catalogue id, else the normalised name; and
    the same multi-year marks."""
    ident = r.resolution.id or ("name:" + r.resolution.normalised)
    return ident, r.period


def _better(parent: Resolved, catalogue: Catalogue) -> str:
    ind = catalogue.get(parent.resolution.id) if parent.resolution.id else None
    if ind is not None:
        return ind.better
    return default_direction(parent.item.comparator or "exact")[0]


def _line(region: str, parent: Resolved, found: list[Resolved], better: str, rate: bool) -> Line:
    if not found:
        return Line(region, None, None, "missing")
    # a figure in a comparable unit first, then the first stated (the headline before a breakdown)
    found = sorted(found, key=lambda r: (not comparable(parent.unit, r.unit), r.item.start))
    best = found[0]
    others = tuple(o.item for o in found[1:] if (o.item.value, o.item.unit) != (best.item.value, best.item.unit))
    value = convert(best.item.value, best.unit, parent.unit) if parent.unit and best.unit else None
    if value is None:
        return Line(region, best.item, None, "incomparable", others=others)
    p = parent.item.value
    relation = "below" if value < p else "above" if value > p else "equal"
    weaker = rate and ((better == "higher" and relation == "below") or (better == "lower" and relation == "above"))
    return Line(region, best.item, value, relation, weaker, others)


def check(parent: Resolved, children: Sequence[tuple[str, Sequence[Resolved]]], *, year: int, parent_region: str,
          catalogue: Catalogue) -> Check:
    """One parent target against the sub-regions' resolved targets (``children``: region, its targets)."""
    key = _key(parent)
    adds = additive(parent.item, parent)
    better = _better(parent, catalogue)
    lines = tuple(_line(region, parent, [r for r in rs if _key(r) == key], better, not adds) for region, rs in children)
    ind = catalogue.get(parent.resolution.id) if parent.resolution.id else None
    name = ind.name if ind else parent.item.indicator
    values = [x.value for x in lines if x.value is not None]
    total = difference = None
    if not values:
        verdict = NO_CHILD_TARGETS
    elif adds:
        total = sum(values, Decimal(0))
        difference = total - parent.item.value
        if better == "lower" or parent.item.comparator == "max":
            verdict = ADDS_UP if difference <= 0 else EXCEEDS
        elif difference >= 0:
            verdict = ADDS_UP
        else:
            verdict = INCOMPLETE if len(values) < len(lines) else SHORT
    else:
        verdict = SOME_WEAKER if any(x.weaker for x in lines) else NONE_WEAKER
    return Check(parent.resolution.id, name, year, parent_region, parent.item, adds, better, lines, total, difference,
                 verdict)


def cross_level(parent_items: Sequence[Commitment], children: Sequence[tuple[str, Sequence[Commitment]]], *,
                year: int, parent_region: str, catalogue: Catalogue | None = None,
                memory: MatchMemory | None = None, indicator: str | None = None) -> list[Check]:
    """Every target of ``year`` the parent sets, in its order, against each sub-region's own.

    ``children`` are (sub-region name, its report's items), in the order to show them. A target the
    parent states twice (restated when explained) is checked once. ``indicator`` (a catalogue id)
    keeps only that indicator.
    """
    catalogue = catalogue or load_catalogue()
    parents = resolve_items(targets_of(parent_items, year), catalogue, memory)
    resolved_children = [(region, resolve_items(targets_of(items, year), catalogue, memory)) for region, items in children]
    out: list[Check] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for p in parents:
        key = _key(p)
        if key in seen or (indicator is not None and p.resolution.id != indicator):
            continue
        seen.add(key)
        out.append(check(p, resolved_children, year=year, parent_region=parent_region, catalogue=catalogue))
    return out


def share(check_: Check, line: Line) -> Decimal | None:
    """An additive sub-region's part of the parent's target, in percent to one decimal (26.1); None
    for a rate (where the part means nothing), a line without a figure, or a parent target of 0.

    A city's share says more than "below the province's", which every city's count is.
    """
    if not check_.additive or line.value is None or not check_.parent.value:
        return None
    return (line.value / check_.parent.value * 100).quantize(Decimal("0.1"))


def in_unit(check_: Check, value: Decimal | None) -> Commitment | None:
    """``value`` (a sum, a difference) as an exact figure in the parent's unit, for ``format_quantity``."""
    if value is None:
        return None
    return replace(check_.parent, value=value, value_max=None, comparator="exact", qualifier=None)


def describe(check_: Check) -> str:
    """The finding in one line, Chinese then English: 合计 88万人，比上级目标多 18万人 …"""
    from luoshi.reconcile.render import format_quantity

    parts: list[str] = []
    if check_.additive and check_.total is not None:
        total = format_quantity(in_unit(check_, check_.total))
        gap = format_quantity(in_unit(check_, abs(check_.difference)))
        if check_.difference > 0:
            parts.append(f"下级合计 {total}，比上级目标多 {gap} / sub-regions' sum {total}, {gap} above the parent's")
        elif check_.difference < 0:
            parts.append(f"下级合计 {total}，比上级目标少 {gap} / sub-regions' sum {total}, {gap} short of the parent's")
        else:
            parts.append(f"下级合计 {total}，等于上级目标 / sub-regions' sum {total}, equal to the parent's")
    elif not check_.additive and check_.weaker:
        names = "、".join(check_.weaker)
        side = "高于" if check_.better == "lower" else "低于"
        side_en = "above (looser than)" if check_.better == "lower" else "below"
        parts.append(f"目标{side}上级的：{names} / targets {side_en} the parent's: {names}")
    if check_.missing:
        names = "、".join(check_.missing)
        parts.append(f"未定目标：{names} / no target: {names}")
    if check_.incomparable:
        names = "、".join(check_.incomparable)
        parts.append(f"单位不可比：{names} / units do not compare: {names}")
    return "; ".join([VERDICT_TEXT[check_.verdict], *parts])
