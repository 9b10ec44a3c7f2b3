"""The roll-up rule: how the sub-regions' progress becomes the parent's (pure functions, no ORM).

A province's 城镇新增就业70万人 split over its cities is done by the cities: each city files progress
on its own commitment (linked to its quota), and the province's progress is their sum. Two rules
decide what rates the parent; every page that rates a commitment reads them from here (through
:class:`luoshi_web.hierarchy.selectors.Rollups`), so lists, the commitment page, the dashboard, the
bulletin and the public pages never disagree.

**Summing** (:func:`summed`): only an *additive* indicator sums (人, 亿元, 个; not a rate, a share or a
rank). Each linked sub-region's newest progress is converted to the parent's unit (18万人 and 30000人
add up); a sub-region whose unit does not compare (人次 for 人, or no unit) is left out and shown as
such, never guessed. A report given only as 完成进度 (percent) counts as that share of the
sub-region's own target. A sub-region that has not reported counts nothing. The sum is dated by
its newest part: it changes whenever any sub-region files.

**Combining** (:func:`combined`) with the parent's own progress (a report filed on the parent itself,
e.g. by a provincial department): the roll-up counts unless the parent has an own report dated on
or after it. Why: the office's own figure for a date is the whole region's total as published (the
statistics bureau's, including what no sub-region reports, such as province-owned enterprises), so
it wins while it is as fresh as the sum; once any sub-region files a newer figure the sum is the
fresher reading and rates the parent until the office reports again. Which progress is read is the
existing internal/public rule: self-reported (submitted or verified) for viewers inside, verified
only for the public — the sum of verified parts against the parent's own verified reports. The
public sum counts a sub-region's verified progress whether or not its own report is published:
verification, not publication, is what makes a figure fit to show, and the parent's page shows the sum.

A parent with at least one linked sub-region on an additive indicator is *assigned* for the status
rule (the sub-regions carry it out: 分解 is 分工), so it is rated, not 待分工, even without a unit of
its own. A rate keeps the parent's own progress; the pages show the sub-regions' spread instead.

>>> from datetime import date
>>> from decimal import Decimal as D
>>> parts = [Part(Progress(date(2024, 6, 30), D(18)), D(1)), Part(Progress(date(2024, 5, 31), D(30000)), D("0.0001"))]
>>> summed(parts)
Progress(as_of=datetime.date(2024, 6, 30), value=Decimal('21.000000'), percent_done=None)
>>> combined(Progress(date(2024, 3, 31), D(10)), summed(parts)).value
Decimal('21.000000')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from luoshi.reconcile.units import unit_info
from luoshi_web.tracking.status import HUNDRED, Progress

NOT_ADDITIVE = ("percent", "points", "rank", "multiple", "share")
STORED = Decimal("0.000001")  # the places a stored value has: a converted sum shows as the stored ones do
BIG = Decimal("1e21")  # quantizing past the context's 28 digits would raise


def additive(unit: str | None) -> bool:
    """A level that sums over regions (人, 亿元, 个, and a counter the unit table does not know,
    such as 所); a rate, a share or a rank does not; nor does an item without a unit.

    >>> additive("万人"), additive("所"), additive("%"), additive(""), additive("个百分点")
    (True, True, False, False, False)
    """
    info = unit_info(unit or None)
    return info is not None and info.dimension not in NOT_ADDITIVE


def scale(child_unit: str | None, parent_unit: str | None) -> Decimal | None:
    """What one of the child's units is in the parent's unit, or None when they do not compare.

    >>> scale("人", "万人"), scale("万人", "万人"), scale("人次", "万人"), scale("", "万人"), scale("所", "所")
    (Decimal('0.0001'), Decimal('1'), None, None, Decimal('1'))
    """
    child, parent = unit_info(child_unit or None), unit_info(parent_unit or None)
    if child is None or parent is None or child.key != parent.key or not parent.factor:
        return None
    return child.factor / parent.factor


@dataclass(frozen=True, slots=True)
class Part:
    """One linked sub-region's effective progress, with its unit's size in the parent's unit
    (``scale`` None: not comparable, left out) and its own target (to read a percent report)."""

    progress: Progress | None
    scale: Decimal | None
    target: Decimal | None = None


def part_value(part: Part) -> Decimal | None:
    """The part's progress in the parent's unit; None when it does not count.

    >>> part_value(Part(Progress(date(2024, 6, 30), None, Decimal(50)), Decimal(1), target=Decimal(18)))
    Decimal('9')
    """
    p = part.progress
    if p is None or part.scale is None:
        return None
    if p.value is not None:
        return p.value * part.scale
    if p.percent_done is not None and part.target is not None:
        return part.target * p.percent_done / HUNDRED * part.scale
    return None


def summed(parts: Iterable[Part]) -> Progress | None:
    """The parts that count, added up and dated by the newest; None when none counts."""
    total, newest = Decimal(0), None
    for part in parts:
        value = part_value(part)
        if value is None:
            continue
        total += value
        newest = part.progress.as_of if newest is None else max(newest, part.progress.as_of)
    if newest is None:
        return None
    return Progress(newest, total.quantize(STORED) if abs(total) < BIG else total)


def combined(own: Progress | None, rolled: Progress | None) -> Progress | None:
    """The progress that rates the parent: the roll-up unless an own report is dated on or after it."""
    if rolled is None:
        return own
    if own is not None and own.as_of >= rolled.as_of:
        return own
    return rolled


def latest_on(history: list[tuple[date, Progress]], day: date | None) -> Progress | None:
    """The newest entry of an ascending ``history`` dated on or before ``day`` (None: any day)."""
    if day is None:
        return history[-1][1] if history else None
    found = None
    for as_of, progress in history:
        if as_of > day:
            break
        found = progress
    return found
