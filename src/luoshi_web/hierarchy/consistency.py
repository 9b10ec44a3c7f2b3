"""上下级目标对照 on the web: a region's targets of a year beside its direct sub-regions' own.

The comparison is the library's (``luoshi.reconcile.crosslevel.cross_level``, which ``luoshi compare
--cross-level`` runs on files): this module only reads the live reports' targets from the database
(through the compare adapter, so each item carries its commitment's pk back to the page) and the
region's confirmed indicator matches. A fixed number of queries whatever the number of sub-regions.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from luoshi.reconcile import crosslevel, load_catalogue
from luoshi.reconcile.crosslevel import Check
from luoshi_web.compare.adapter import FIELDS, item_from_fields
from luoshi_web.compare.selectors import match_entries, memory_for
from luoshi_web.org.access import Actor
from luoshi_web.org.models import Region
from luoshi_web.tracking.models import Commitment

VERDICTS = {
    crosslevel.ADDS_UP: gettext_lazy("下级目标合计达到上级目标。"),
    crosslevel.SHORT: gettext_lazy("下级目标合计低于上级目标。"),
    crosslevel.INCOMPLETE: gettext_lazy("部分下级未定目标，已定目标合计低于上级目标。"),
    crosslevel.EXCEEDS: gettext_lazy("下级目标合计超过上级上限。"),
    crosslevel.NONE_WEAKER: gettext_lazy("没有下级目标比上级宽松。"),
    crosslevel.SOME_WEAKER: gettext_lazy("有下级目标比上级宽松。"),
    crosslevel.NO_CHILD_TARGETS: gettext_lazy("下级均未设定可比目标。"),
}
RELATIONS = {
    "below": gettext_lazy("低于上级"), "equal": gettext_lazy("与上级持平"), "above": gettext_lazy("高于上级"),
    "missing": gettext_lazy("未定目标"), "incomparable": gettext_lazy("单位不可比"),
}


@dataclass
class ShownLine:
    """A sub-region's line as the page shows it: its words, its commitment and its figure."""

    line: crosslevel.Line
    relation: str
    pk: int | None
    value: object  # the figure in the parent's unit, as an exact item for ``|quantity``
    share: object = None  # additive: its part of the parent's target, in percent (Decimal)


@dataclass
class ShownCheck:
    check: Check
    verdict: str
    parent_pk: int | None
    lines: list[ShownLine]
    total: object  # the sub-regions' sum as an item in the parent's unit (additive), else None
    gap: object  # the absolute difference, likewise


@dataclass
class Consistency:
    region: Region
    year: int
    children: list[Region]
    checks: list[ShownCheck]

    @property
    def flagged(self) -> int:
        return sum(1 for c in self.checks if c.check.flagged)


def shown(check: Check) -> ShownCheck:
    lines = [ShownLine(x, str(RELATIONS[x.relation]), pk_of(x.target), crosslevel.in_unit(check, x.value),
                       crosslevel.share(check, x)) for x in check.lines]
    gap = abs(check.difference) if check.difference is not None else None
    return ShownCheck(check, str(VERDICTS[check.verdict]), pk_of(check.parent), lines,
                      crosslevel.in_unit(check, check.total), crosslevel.in_unit(check, gap))


def pk_of(item) -> int | None:
    """The commitment behind a library item (the adapter's ``meta``), for a link."""
    value = dict(item.meta).get("pk") if item is not None else None
    return int(value) if value else None


def consistency(*, actor: Actor, region_id: int, year: int, indicator: str | None = None) -> Consistency:
    """The region's targets of ``year`` against its sub-regions'; only a supervisor of the region may read
    it (a sub-region's supervisor sees its own page, not its parent's or a sibling's)."""
    actor.require_supervisor(region_id, action=gettext_noop("查看上下级目标对照"))
    region = Region.objects.select_related("parent").filter(pk=region_id).first()
    if region is None:
        raise Http404(_("没有这个地区。 / No such region."))
    children = list(Region.objects.filter(parent_id=region_id).order_by("name"))
    names = {region.pk: region.name, **{r.pk: r.name for r in children}}
    rows = (Commitment.objects.filter(report__region_id__in=list(names), report__deleted_at__isnull=True,
                                      kind=Commitment.Kind.TARGET, value__isnull=False)
            .filter(Q(year=year) | Q(year__isnull=True, report__year=year))
            .order_by("report_id", "position", "id").values(*FIELDS, "report__region_id"))
    by_region: dict[int, list] = {pk: [] for pk in names}
    for f in rows:
        rid = f["report__region_id"]
        by_region[rid].append(item_from_fields({**f, "year": f["year"] or year}, region=names[rid]))
    memory = memory_for(match_entries([region_id]), region_id)
    checks = crosslevel.cross_level(by_region[region.pk], [(r.name, by_region[r.pk]) for r in children], year=year,
                                    parent_region=region.name, catalogue=load_catalogue(), memory=memory,
                                    indicator=indicator)
    return Consistency(region, year, children, [shown(c) for c in checks])
