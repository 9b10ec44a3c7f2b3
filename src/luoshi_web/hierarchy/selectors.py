"""Reads of the cascade: do the quotas cover the parent's target, which sub-region commitment
answers each quota, and how far the sub-regions have come (roll-up)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from luoshi.reconcile import load_catalogue
from luoshi.reconcile.matching import resolve
from luoshi.reconcile.units import unit_info
from luoshi_web.hierarchy.models import Quota
from luoshi_web.org.models import Region
from luoshi_web.tracking.models import Commitment, ProgressReport

_NOT_ADDITIVE = ("percent", "points", "rank", "multiple", "share")


def additive(commitment: Commitment) -> bool:
    """A level that sums over regions (人, 亿元, 个); a rate or a rank does not."""
    info = unit_info(commitment.unit or None)
    return info is not None and info.dimension not in _NOT_ADDITIVE


@dataclass
class QuotaLine:
    region: Region
    quota: Quota | None
    suggestions: list[Commitment] = field(default_factory=list)
    reported: Decimal | None = None  # latest progress the sub-region filed (self-reported or verified)
    verified: Decimal | None = None  # latest verified progress


@dataclass
class Cascade:
    parent: Commitment
    additive: bool
    lines: list[QuotaLine]
    total: Decimal | None  # sum of the quotas (additive only)
    shortfall: Decimal | None  # parent target minus the sum, when the quotas do not cover it
    missing: list[Region]  # sub-regions with no quota
    rolled_reported: Decimal | None
    rolled_verified: Decimal | None
    spread: tuple[Decimal, Decimal] | None  # lowest and highest latest value of a rate


def _indicator_id(c: Commitment) -> str | None:
    return resolve(c.indicator, unit_info(c.unit or None), load_catalogue()).id


def suggestions_for(parent: Commitment, region: Region) -> list[Commitment]:
    """The sub-region's own targets of the parent's year that name the same indicator."""
    wanted = _indicator_id(parent)
    rows = Commitment.objects.filter(report__region=region, report__deleted_at__isnull=True, kind="target",
                                     year=parent.year).select_related("report").order_by("position")[:500]
    out = []
    for c in rows:
        same = (_indicator_id(c) == wanted) if wanted else c.indicator == parent.indicator
        if same:
            out.append(c)
    return out[:5]


def _latest(commitment: Commitment | None) -> tuple[Decimal | None, Decimal | None]:
    if commitment is None:
        return None, None
    counted = ProgressReport.objects.filter(assignment__commitment=commitment, assignment__deleted_at__isnull=True)
    newest = counted.order_by("-as_of", "-created_at", "-id").values_list("value", flat=True).first()
    checked = (counted.filter(state=ProgressReport.State.VERIFIED).order_by("-as_of", "-created_at", "-id")
               .values_list("value", flat=True).first())
    return newest, checked


def cascade(parent: Commitment) -> Cascade:
    children = list(Region.objects.filter(parent_id=parent.report.region_id).order_by("name"))
    quotas = {q.region_id: q for q in Quota.objects.filter(parent=parent).select_related("region", "linked")}
    adds = additive(parent)
    lines = []
    for region in children:
        q = quotas.get(region.pk)
        line = QuotaLine(region, q)
        if q is not None and q.linked is None:
            line.suggestions = suggestions_for(parent, region)
        line.reported, line.verified = _latest(q.linked if q else None)
        lines.append(line)
    values = [q.value for q in quotas.values() if q.value is not None]
    total = sum(values, Decimal(0)) if adds and values else None
    shortfall = None
    if adds and total is not None and parent.value is not None and total < parent.value:
        shortfall = parent.value - total
    rolled_r = rolled_v = spread = None
    if adds:
        reported = [line.reported for line in lines if line.reported is not None]
        verified = [line.verified for line in lines if line.verified is not None]
        rolled_r = sum(reported, Decimal(0)) if reported else None
        rolled_v = sum(verified, Decimal(0)) if verified else None
    else:
        latest = [line.reported for line in lines if line.reported is not None]
        spread = (min(latest), max(latest)) if latest else None
    return Cascade(parent, adds, lines, total, shortfall, [r for r in children if r.pk not in quotas],
                   rolled_r, rolled_v, spread)
