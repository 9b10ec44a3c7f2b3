"""The verdict on one target given one result: 达成 / 未达成 / 超额 / 无法判断 (and 沉默 for no result).

Pure arithmetic over numbers already expressed in the target's unit, so the rules can be tested as
a table and shown to users as one (docs/reconcile.md). The rules, in words:

1. The target is a band: ``exact``/``approx`` a point, ``min`` [v, ∞), ``max`` (-∞, v], a range
   [v, v_max]. ``approx`` (左右) widens the band by the tolerance; the others do not.
2. Which side of the band is a shortfall: below it for ``min``, above it for ``max``; for the
   other comparators the catalogue's ``better`` direction decides (neutral: both sides).
3. 超额 when the result passes the band's edge on the better side by more than the tolerance
   (for ``min`` the edge is v itself), unless the indicator is a guard rail (``surplus: false``:
   CPI, unemployment, deficit) or the target is a ceiling (``max``): then it is 达成.
4. A result that is itself a bound (突破620亿斤 = [620, ∞)) is judged at both ends: the same
   verdict at both is the verdict; otherwise the worse one if it is still 达成 or 超额, else
   无法判断 (we cannot tell whether the target was met).

The tolerance is one documented parameter: 0.2 percentage point for % and 个百分点, 2% of the
target for quantities, 0 for ranks.
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


@dataclass(frozen=True)
class Tolerance:
    """How close counts as on target.

    ``points`` applies to % and 个百分点 (absolute, in percentage points); ``relative`` to every
    other quantity (a share of the target value). It is both the leeway a 左右 target allows below
    (or above) it and the margin a result must clear to be 超额. ``scale`` is how many times apart
    a quantity result and its target may be before the pair is taken for a mismatch (an annual
    target against a five-year total) and judged 无法判断; rates are never held to it.
    """

    points: Decimal = Decimal("0.2")
    relative: Decimal = Decimal("0.02")
    scale: Decimal = Decimal(3)  # a quantity result beyond 3x (or under 1/3) of its target: 无法判断

    def margin(self, edge: Decimal, dimension: str) -> Decimal:
        if dimension in _POINT_DIMENSIONS:
            return self.points
        if dimension == "rank" or not edge.is_finite():
            return Decimal(0)
        return abs(edge) * self.relative


DEFAULT_TOLERANCE = Tolerance()


@dataclass(frozen=True)
class Judgement:
    verdict: str
    note: str = ""
    delta: Decimal | None = None  # result minus the target (nearest end of a range), in the target unit


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


def _point(x: Decimal, lo: Decimal, hi: Decimal, *, comparator: str, better: str, surplus: bool,
           margin: Decimal) -> str:
    leeway = margin if comparator == "approx" else Decimal(0)
    side = "higher" if comparator == "min" else "lower" if comparator == "max" else better
    short_below = side in ("higher", "neutral") and x < lo - leeway
    short_above = side in ("lower", "neutral") and x > hi + leeway
    if short_below or short_above:
        return MISSED
    if not surplus or comparator == "max" or side == "neutral":
        return ACHIEVED
    if side == "higher":
        ref = hi if hi.is_finite() else lo
        return EXCEEDED if x > ref + margin else ACHIEVED
    ref = lo if lo.is_finite() else hi
    return EXCEEDED if x < ref - margin else ACHIEVED


def judge(*, comparator: str, value: Decimal, value_max: Decimal | None = None,
          result_value: Decimal, result_comparator: str = "exact", result_value_max: Decimal | None = None,
          better: str = "higher", surplus: bool = True, dimension: str = "percent",
          tolerance: Tolerance = DEFAULT_TOLERANCE) -> Judgement:
    """Judge one result against one target; all numbers in the target's unit.

    >>> judge(comparator="approx", value=Decimal(6), result_value=Decimal("4.6")).verdict
    '未达成'
    >>> judge(comparator="max", value=Decimal("5.5"), result_value=Decimal("5.1"), better="lower",
    ...       surplus=False).verdict
    '达成'
    """
    lo, hi = _band(comparator, value, value_max)
    margin = tolerance.margin(value, dimension)
    rlo, rhi = _band(result_comparator if result_comparator in ("min", "max") else "exact",
                     result_value, result_value_max)
    ends = [_point(x, lo, hi, comparator=comparator, better=better, surplus=surplus, margin=margin)
            for x in (rlo, rhi)]
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
