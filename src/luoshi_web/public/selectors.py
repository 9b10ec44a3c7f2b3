"""What the public may read: published reports only, rated on verified progress only.

These selectors take no actor on purpose: a public page shows exactly what an anonymous visitor
sees, whoever is logged in, so a supervisor can check the public view of their own region. Internal
notes (assignment notes, verifier notes), unverified reports, evidence files and the change history
are never loaded here, so no template can leak them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from luoshi_web import display
from luoshi_web.dashboard import asof, drilldown
from luoshi_web.dashboard.asof import Item
from luoshi_web.exports.tables import Column, Table, object_url
from luoshi_web.exports.targets import number
from luoshi_web.org.models import OrgUnit, Region
from luoshi_web.public import plain
from luoshi_web.reports.models import Report
from luoshi_web.tracking.dataversion import VersionedCache
from luoshi_web.tracking.models import Assignment, Commitment, ProgressReport
from luoshi_web.tracking.status import Progress

NOT_FOUND = "没有这项公开内容。 / Nothing public here."


@dataclass
class PublicItem:
    id: int
    position: int
    indicator: str
    category: str
    target: str  # as written: 615亿斤左右
    unit: str
    value: Decimal | None  # the exact figures, for downloads: a reader sorts and sums them
    value_max: Decimal | None
    text: str
    plain: plain.Plain
    lead_unit: str
    deadline: date | None
    latest: Progress | None
    narrative: str


@dataclass
class RegionYear:
    region: Region
    year: int
    reports: list[Report]
    items: list[PublicItem]  # after the filters
    counts: dict[str, int]  # plain code -> count, over every item (before filters)
    categories: list[str]
    crumbs: list = field(default_factory=list)  # drilldown.Crumb of the regions above, top first
    subregions: Table | None = None  # sub-regions with published reports of the year, or None

    @property
    def cache_weight(self) -> int:
        """What the page cache counts it as: its rows."""
        return len(self.items) + 1

    @cached_property
    def table(self) -> Table:
        """Only built for a download: the page shows cards, fifty at a time."""
        return commitments_table(self.items)


def published_region_years() -> list[dict]:
    """Region-years with at least one published report, newest first, with their item counts."""
    rows = (
        Report.objects.filter(published=True)
        .values("region_id", "region__name", "year")
        .annotate(n=Count("commitments", filter=Q(commitments__deleted_at__isnull=True)))
        .order_by("-year", "region__name")
    )
    return [{"region_id": r["region_id"], "region": r["region__name"], "year": r["year"], "n": r["n"]} for r in rows]


def _public_item(i: Item, status, units: dict[int, str]) -> PublicItem:
    return PublicItem(
        id=i.id, position=i.position, indicator=i.indicator, category=i.category,
        target=display.quantity(i.value, i.unit, i.comparator, i.qualifier, i.value_max), unit=i.unit, text=i.text,
        value=i.value, value_max=i.value_max,
        plain=plain.plain_for(status),
        lead_unit=units.get(i.lead_unit_id, "") if i.lead_unit_id else "", deadline=i.deadline,
        latest=i.latest_verified, narrative=i.latest_narrative,
    )


# whole public pages' data, once per data version (tracking/dataversion.py); anyone can ask for any
# filter, so the rows held are capped low: ten pages of a province's 2,000 commitments
_PAGES = VersionedCache(size=64, rows=20_000)


def region_year(*, region_id: int, year: int, day: date, status: str = "", category: str = "") -> RegionYear:
    """Every published commitment of a region-year with its plain status and latest verified progress
    (the same for every visitor: computed once per data version, day, filter and language)."""
    key = ("region_year", region_id, year, day, status, category, get_language())
    return _PAGES.get_or_compute(key, lambda: _region_year_now(region_id=region_id, year=year, day=day, status=status,
                                                               category=category))


def _region_year_now(*, region_id: int, year: int, day: date, status: str = "", category: str = "") -> RegionYear:
    region = Region.objects.select_related(drilldown.ANCESTORS).filter(pk=region_id).first()
    if region is None:
        raise Http404(NOT_FOUND)
    above = drilldown.ancestors(region)
    # the region's published reports, its sub-regions' and those above it, in one query: the way up
    # links only to a public page that exists, the way down lists only sub-regions with one
    near = list(Report.objects.filter(published=True, year=year)
                .filter(Q(region_id=region_id) | Q(region__parent_id=region_id) | Q(region_id__in=[r.pk for r in above]))
                .select_related("region").defer("text").order_by("region__name", "pk"))
    reports = [r for r in near if r.region_id == region_id]
    if not reports:
        raise Http404(NOT_FOUND)
    items = asof.load_items([r.pk for r in reports], day=day, verified_only=True, narrative=True, text=True)
    ratings = asof.ratings_on(items, day, verified_only=True)
    units = dict(OrgUnit.objects.filter(pk__in={i.lead_unit_id for i in items if i.lead_unit_id}).values_list("pk", "name"))
    everything = [_public_item(i, ratings[i.id].status if ratings[i.id] else None, units) for i in items]
    counts = Counter(p.plain.code for p in everything)
    shown = [p for p in everything if (not status or p.plain.code == status) and (not category or p.category == category)]
    published = {r.region_id for r in near}
    crumbs = [drilldown.Crumb(r, reverse("public_region_year", args=[r.pk, year]) if r.pk in published else "")
              for r in above]
    below: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for r in near:
        if r.region.parent_id == region_id and r.region_id != region_id:
            below.setdefault(r.region_id, []).append(r.pk)
            names[r.region_id] = r.region.name
    subregions = drilldown.public_table(list(names.items()), below, year, day) if below else None
    return RegionYear(region, year, reports, shown, {p.code: counts.get(p.code, 0) for p in (*plain.PLAINS, plain.RECORD, plain.UNASSIGNED)},
                      sorted({p.category for p in everything if p.category}), crumbs, subregions)


def commitments_table(items: list[PublicItem]) -> Table:
    rows = [{
        "position": p.position, "indicator": p.indicator, "indicator_url": object_url("public_commitment", p.id),
        "category": p.category, "target": p.target,
        "target_value": number(p.value) if p.value is not None else "",
        "target_value_max": number(p.value_max) if p.value_max is not None else "", "unit": p.unit,
        "lead_unit": p.lead_unit, "deadline": p.deadline,
        "status": str(p.plain.label), "latest_as_of": p.latest.as_of if p.latest else None,
        "latest_value": number(p.latest.value) if p.latest and p.latest.value is not None else "",
        "narrative": p.narrative, "text": p.text,
    } for p in items]
    return Table("commitments", _("公开任务清单"), [
        Column("position", _("序号"), "int"), Column("indicator", _("指标/任务"), "link"), Column("category", _("类别")),
        Column("target", _("目标")), Column("target_value", _("目标值"), "number"),
        Column("target_value_max", _("目标上限"), "number"), Column("unit", _("计量单位")),
        Column("lead_unit", _("牵头单位")), Column("deadline", _("完成时限"), "date"),
        Column("status", _("进展状态")), Column("latest_as_of", _("最新进展日期"), "date"),
        Column("latest_value", _("最新完成值"), "number"), Column("narrative", _("最新进展")),
        Column("text", _("报告原文")),
    ], rows)


@dataclass
class TimelineEntry:
    as_of: date
    value: str  # the number, for downloads
    percent: str
    value_text: str  # as written, for the page: 608亿斤
    narrative: str
    links: list[str]
    plain: plain.Plain  # the status as of that report


@dataclass
class PublicCommitment:
    item: PublicItem
    report: Report
    section: list[str]
    supporting: list[str]
    timeline: list[TimelineEntry]
    table: Table


def commitment(*, pk: int, day: date) -> PublicCommitment:
    """One published commitment with its timeline of verified progress, each with its status then."""
    c = Commitment.objects.select_related("report", "report__region").filter(
        pk=pk, report__published=True, report__deleted_at__isnull=True
    ).first()
    if c is None:
        raise Http404(NOT_FOUND)
    items = asof.load_items([c.report_id], day=day, verified_only=True, narrative=True, text=True,
                             commitment_ids=[c.pk])
    if not items:
        raise Http404(NOT_FOUND)
    item = items[0]
    units = {}
    supporting: list[str] = []
    verified: list[ProgressReport] = []
    if item.assignment_id:
        a = Assignment.objects.select_related("lead_unit").prefetch_related("supporting_units").get(pk=item.assignment_id)
        units = {a.lead_unit_id: a.lead_unit.name}
        supporting = [u.name for u in a.supporting_units.all()]
        # only the public fields of verified reports: never the verifier's note or the author
        verified = list(
            ProgressReport.objects.filter(assignment_id=a.pk, verified=True, as_of__lte=day)
            .order_by("as_of", "created_at").only("as_of", "value", "percent_done", "narrative", "links")
        )
    limits = asof.thresholds()
    timeline = []
    for p in verified:
        progress = Progress(p.as_of, p.value, p.percent_done)
        rating = asof.rating_on(item, p.as_of, latest=progress, limits=limits)
        timeline.append(TimelineEntry(p.as_of, number(p.value), number(p.percent_done), display.amount(p.value, item.unit),
                                      p.narrative, p.link_list(), plain.plain_for(rating.status if rating else None)))
    rating = asof.rating_on(item, day, latest=item.latest_verified, limits=limits)
    public_item = _public_item(item, rating.status if rating else None, units)
    table = Table("timeline", _("已核实进展"), [
        Column("as_of", _("截至日期"), "date"), Column("value", _("累计完成值")), Column("percent", _("完成进度(%)")),
        Column("status", _("当时状态")), Column("narrative", _("进展情况")),
    ], [{"as_of": e.as_of, "value": e.value, "percent": e.percent, "status": str(e.plain.label),
         "narrative": e.narrative} for e in reversed(timeline)])
    return PublicCommitment(public_item, c.report, list(c.section or []), supporting, list(reversed(timeline)), table)
