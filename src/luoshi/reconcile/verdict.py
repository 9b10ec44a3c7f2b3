"""The verdict on one target given one result: 达成 / 未达成 / 超额 / 无法判断 (and 沉默 for no result).

Pure arithmetic over numbers already expressed in the target's unit, so the rules can be tested as
a table and shown to users as one (docs/reconcile.md). The convention, in words:

1. The target is a band: ``exact``/``approx`` a point, ``min`` (以上, 不低于) [v, ∞), ``max`` (以内,
   以下, 控制在) (-∞, v], a range [v, v_max]. Only ``approx`` (左右) is widened, by the *leeway*:
   ±0.5 percentage point for rates, ±5% of the figure for levels.
2. A ceiling is met at or below its figure, whatever its qualifier: a ``max`` target, and every
   target of an indicator that is a ceiling by nature (``direction: ceiling`` in the catalogue:
   prices, unemployment rates, the deficit ratio). A floor (``direction: floor``: the cut in
   energy intensity, which caps the intensity) is met at or above its figure. Neither gets the
   leeway of 左右.
3. Which side fails: below the band for ``min`` and floors, above it for ``max`` and ceilings; for
   the other comparators the catalogue's ``better`` direction decides (neutral: both sides).
4. 超额 when the result passes the figure on the better side by at least the *surplus margin*
   (+1 percentage point for rates, +10% for levels, one place for a rank), or passes the upper end
   of a range; never for ceilings, nor for indicators that are guard rails (``surplus: false``).
5. A result that is itself a bound (突破620亿斤 = [620, ∞)) is judged at both ends: the same
   verdict at both is the verdict; otherwise the worse one if it is still 达成 or 超额, else
   无法判断 (we cannot tell whether the target was met).

Both margins are parameters (``Tolerance``); the defaults are the convention above.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ACHIEVED = "达成"
MISSED = "未达成"
EXCEEDED = "超额"
UNKNOWN = "无法判断"
SILENT = "沉默"
VERDICTS = (ACHIEVED, MISSED, EXCEEDED, UNKNOWN, SILENT)

INF = Decimal("Infinity")
_RANK = {MISSED: 0, ACHIEVED: 1, EXCEEDED: 2}
_POINT_DIMENSIONS = ("percent", "points")
DIRECTIONS = ("ceiling", "floor")


@dataclass(frozen=True)
class Tolerance:
    """How close counts as on target, and how far past it counts as 超额.

    ``points`` and ``relative`` are the *leeway* of a 左右 target, on either side: in percentage
    points for % and 个百分点, as a share of the figure for every other quantity (0 for ranks).
    ``surplus_points`` and ``surplus_relative`` are the *surplus margin*: how far past the figure
    (on the better side) a result must be to be 超额 — reached at exactly the margin. ``scale`` is
    how many times apart a quantity result and its target may be before the pair is taken for a
    mismatch (an annual target against a five-year total) and judged 无法判断; rates are never held
    to it.

    >>> t = Tolerance()
    >>> t.leeway(Decimal(6), "percent"), t.surplus(Decimal(6), "percent"), t.leeway(Decimal(700000), "count")
    (Decimal('0.5'), Decimal('1'), Decimal('35000.00'))
    """

    points: Decimal = Decimal("0.5")
    relative: Decimal = Decimal("0.05")
    surplus_points: Decimal = Decimal(1)
    surplus_relative: Decimal = Decimal("0.10")
    scale: Decimal = Decimal(3)  # a quantity result beyond 3x (or under 1/3) of its target: 无法判断

    def leeway(self, edge: Decimal, dimension: str) -> Decimal:
        """How far from the figure a 左右 target is still met."""
        if dimension in _POINT_DIMENSIONS:
            return self.points
        if dimension == "rank" or not edge.is_finite():
            return Decimal(0)
        return abs(edge) * self.relative

    def surplus(self, edge: Decimal, dimension: str) -> Decimal:
        """How far past the figure, on the better side, a result is 超额."""
        if dimension in _POINT_DIMENSIONS:
            return self.surplus_points
        if dimension == "rank":
            return Decimal(1)
        if not edge.is_finite():
            return Decimal(0)
        return abs(edge) * self.surplus_relative


DEFAULT_TOLERANCE = Tolerance()
# The tolerance before the convention of issue 9: one margin of 0.2 point / 2% for both the leeway
# of 左右 and 超额 (``--tolerance-points 0.2 --tolerance-relative 0.02 --surplus-points 0.2
# --surplus-relative 0.02``).
TIGHT_TOLERANCE = Tolerance(points=Decimal("0.2"), relative=Decimal("0.02"), surplus_points=Decimal("0.2"),
                            surplus_relative=Decimal("0.02"))


@dataclass(frozen=True)
class Judgement:
    verdict: str
    note: str = ""
    delta: Decimal | None = None  # result minus the target (nearest end of a range), in the target unit


def effective_comparator(comparator: str, direction: str | None) -> str:
    """The comparator a target is judged by: a ceiling by nature reads 左右 and exact as 以内, a floor
    by nature as 以上 (a range keeps its ends; see ``_band``).

    >>> effective_comparator("approx", "ceiling"), effective_comparator("approx", "floor"), effective_comparator("approx", None)
    ('max', 'min', 'approx')
    """
    if direction == "ceiling" and comparator in ("exact", "approx", "max"):
        return "max"
    if direction == "floor" and comparator in ("exact", "approx", "min"):
        return "min"
    return comparator


def _band(comparator: str, value: Decimal, value_max: Decimal | None) -> tuple[Decimal, Decimal]:
    if value_max is not None:
        return min(value, value_max), max(value, value_max)
    if comparator == "min":
        return value, INF
    if comparator == "max":
        return -INF, value
    return value, value


def default_direction(comparator: str) -> tuple[str, bool]:
    """(better, surplus) for an indicator the catalogue does not know: a ceiling (以内) is a guard
    rail where lower is better; anything else is read as more-is-better, the common case for the
    counted targets of a report (新建充电桩5000个)."""
    return ("lower", False) if comparator == "max" else ("higher", True)


def _past(x: Decimal, ref: Decimal, margin: Decimal) -> bool:
    """``x`` is beyond ``ref`` by at least ``margin`` (and beyond it at all)."""
    return x > ref and x - ref >= margin


def _point(x: Decimal, lo: Decimal, hi: Decimal, *, comparator: str, better: str, surplus: bool,
           leeway: Decimal, margin: Decimal, is_range: bool) -> str:
    leeway = leeway if comparator == "approx" else Decimal(0)
    side = "higher" if comparator == "min" else "lower" if comparator == "max" else better
    short_below = side in ("higher", "neutral") and x < lo - leeway
    short_above = side in ("lower", "neutral") and x > hi + leeway
    if short_below or short_above:
        return MISSED
    if not surplus or comparator == "max" or side == "neutral":
        return ACHIEVED
    if is_range:  # a range says how far is enough: past its far end is 超额
        margin = Decimal(0)
    if side == "higher":
        ref = hi if hi.is_finite() else lo
        return EXCEEDED if _past(x, ref, margin) else ACHIEVED
    ref = lo if lo.is_finite() else hi
    return EXCEEDED if _past(-x, -ref, margin) else ACHIEVED


def judge(*, comparator: str, value: Decimal, value_max: Decimal | None = None,
          result_value: Decimal, result_comparator: str = "exact", result_value_max: Decimal | None = None,
          better: str = "higher", surplus: bool = True, dimension: str = "percent",
          tolerance: Tolerance = DEFAULT_TOLERANCE, direction: str | None = None) -> Judgement:
    """Judge one result against one target; all numbers in the target's unit.

    ``direction`` is the catalogue's: ``ceiling`` or ``floor`` for an indicator that is one by
    nature, whatever the target's qualifier; None to go by the comparator.

    >>> judge(comparator="approx", value=Decimal(6), result_value=Decimal("4.6")).verdict
    '未达成'
    >>> judge(comparator="approx", value=Decimal(5), result_value=Decimal("5.4")).verdict
    '达成'
    >>> judge(comparator="max", value=Decimal("5.5"), result_value=Decimal("5.1"), better="lower",
    ...       surplus=False).verdict
    '达成'
    >>> judge(comparator="approx", value=Decimal(3), result_value=Decimal("3.3"), better="lower",
    ...       surplus=False, direction="ceiling").verdict
    '未达成'
    """
    comparator = effective_comparator(comparator, direction)
    lo, hi = _band(comparator, value, value_max)
    if value_max is not None and direction is not None:  # a range on a ceiling (floor) caps at its far end
        lo, hi = (-INF, hi) if comparator == "max" else (lo, INF) if comparator == "min" else (lo, hi)
    leeway = tolerance.leeway(value, dimension)
    margin = tolerance.surplus(value_max if value_max is not None else value, dimension)
    rlo, rhi = _band(result_comparator if result_comparator in ("min", "max") else "exact",
                     result_value, result_value_max)
    ends = [_point(x, lo, hi, comparator=comparator, better=better, surplus=surplus, leeway=leeway,
                   margin=margin, is_range=lo.is_finite() and hi.is_finite() and lo < hi) for x in (rlo, rhi)]
    known = rlo if rlo.is_finite() else rhi
    delta = _delta(known, lo, hi)
    if ends[0] == ends[1]:
        verdict = ends[0]
        if verdict == MISSED and better == "neutral" and rlo < lo and rhi > hi:
            return Judgement(UNKNOWN, "结果区间跨越目标 (result interval spans the target)", delta)
        note = "" if rlo == rhi else _bound_note(rlo, rhi, verdict)
        return Judgement(verdict, note, delta)
    worst = min(ends, key=_RANK.__getitem__)
    if worst != MISSED:
        return Judgement(worst, _bound_note(rlo, rhi, worst), delta)
    return Judgement(UNKNOWN, "结果只给出界限，不能判断是否达成 (result is only a bound)", delta)


def _delta(known: Decimal, lo: Decimal, hi: Decimal) -> Decimal:
    """Signed distance to the target: to its value for a single-sided target (以上 5.5 vs 5.8 is +0.3),
    to the nearest end for a range (0 inside it)."""
    if not lo.is_finite() or not hi.is_finite() or lo == hi:
        return known - (lo if lo.is_finite() else hi)
    return Decimal(0) if lo <= known <= hi else (known - hi if known > hi else known - lo)


def _bound_note(rlo: Decimal, rhi: Decimal, verdict: str) -> str:
    if not rhi.is_finite():
        return f"结果为下限，至少{verdict} (result is a lower bound)"
    if not rlo.is_finite():
        return f"结果为上限，至少{verdict} (result is an upper bound)"
    return f"结果为区间，至少{verdict} (result is a range)"
