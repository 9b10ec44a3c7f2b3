"""Drill-down province → city → county: a region's direct sub-regions with their counts, and the way up.

Status is computed on read (``tracking/status.py``), so a sub-region's status counts cannot be a
``COUNT … GROUP BY``: the commitments of *every* sub-region's reports of the year are loaded at
once by :func:`~luoshi_web.dashboard.asof.load_items` (four queries whatever the number of
sub-regions — one load per level, never one per region), rated with the same pure rule as the
region's own dashboard, and counted per region. The sub-regions themselves come from one query
annotated with how many sub-regions each has in turn (so the page says whether a row drills further).
The supervisors' reading is cached per data version, like the dashboard's trend.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from luoshi_web.dashboard import asof
from luoshi_web.dashboard.asof import COLOURS
from luoshi_web.exports.tables import Column, Table
from luoshi_web.org.models import Region
from luoshi_web.public import plain
from luoshi_web.tracking.status import Status

CACHE_SECONDS = 24 * 3600
ANCESTORS = "parent__parent__parent"  # nation → province → city → county: select_related this far


@dataclass(frozen=True)
class Crumb:
    """One region above the page's, top first; ``url`` empty when the reader may not open it."""

    region: Region
    url: str


def ancestors(region: Region) -> list[Region]:
    """The regions above ``region``, top first, from its ``select_related`` parents (no query when
    loaded with :data:`ANCESTORS`; a deeper tree costs one query per further level)."""
    out = []
    seen = {region.pk}
    node = region.parent
    while node is not None and node.pk not in seen:
        out.append(node)
        seen.add(node.pk)
        node = node.parent
    return list(reversed(out))


def children_of(region_id: int) -> list[Region]:
    """Direct sub-regions by name, each with ``n_children``: its own number of sub-regions."""
    return list(Region.objects.filter(parent_id=region_id).annotate(n_children=Count("children")).order_by("name"))


def _counts(report_ids_by_region: dict[int, list[int]], day: date, *, public: bool) -> dict[int, dict[str, int]]:
    """Per sub-region: commitments, and their statuses (colours, or the public's plain words)."""
    region_of = {rid: region for region, ids in report_ids_by_region.items() for rid in ids}
    if not region_of:
        return {}
    items = asof.load_items(list(region_of), day=day, verified_only=public)
    ratings = asof.ratings_on(items, day, verified_only=public)
    out: dict[int, Counter] = {region: Counter() for region in report_ids_by_region}
    for i in items:
        c = out[region_of[i.report_id]]
        c["commitments"] += 1
        rating = ratings[i.id]
        if public:
            c[plain.plain_for(rating.status if rating else None).code] += 1
        elif rating is None:
            c["results"] += 1
        elif rating.status is Status.UNASSIGNED:
            c["unassigned"] += 1
        else:
            c["rated"] += 1
            c[rating.status.colour] += 1
    return {region: dict(c) for region, c in out.items()}


def supervisor_table(children: list[Region], reports: Iterable, year: int, day: date, *, version: tuple[int, ...],
                     as_of: str = "") -> Table:
    """The dashboard's 下级地区 table: each sub-region's commitments and status colours (self-reported
    progress, as the region's own tiles), linking to its dashboard of the same year."""
    by_region: dict[int, list[int]] = {r.pk: [] for r in children}
    for rep in reports:
        if rep.region_id in by_region and rep.year == year:
            by_region[rep.region_id].append(rep.pk)
    key = f"luoshi:subregions:{','.join(map(str, sorted(by_region)))}:{year}:{day.isoformat()}:{','.join(map(str, version))}"
    counts = cache.get(key)
    if counts is None:
        counts = _counts(by_region, day, public=False)
        cache.set(key, counts, CACHE_SECONDS)
    suffix = f"?as_of={as_of}" if as_of else ""
    rows = []
    for r in children:
        c = counts.get(r.pk, {})
        n_reports = len(by_region[r.pk])
        rows.append({
            "region": r.name, "region_id": r.pk,
            "region_url": reverse("dashboard", args=[r.pk, year]) + suffix if n_reports else "",
            "reports": n_reports, "commitments": c.get("commitments", 0), "rated": c.get("rated", 0),
            **{colour: c.get(colour, 0) for colour in COLOURS}, "unassigned": c.get("unassigned", 0),
            "children": r.n_children,
        })
    return Table("subregions", _("下级地区"), [
        Column("region", _("地区"), "link"), Column("reports", _("报告数"), "int"),
        Column("commitments", _("任务数"), "int"), Column("rated", _("评级任务"), "int"),
        Column("green", _("进度正常"), "int"), Column("yellow", _("欠进度"), "int"),
        Column("red", _("严重滞后或逾期"), "int"), Column("blue", _("未启动"), "int"),
        Column("unassigned", _("待分工"), "int"), Column("children", _("下级地区数"), "int"),
    ], rows, note=_("按各下级地区本级报告的任务和自报进展评级；点击地区名称进入它的督查看板。"))


def public_table(children: list[tuple[int, str]], report_ids: dict[int, list[int]], year: int, day: date) -> Table:
    """The public page's 下级地区 table: sub-regions with published reports, their published
    commitments and plain statuses on verified progress only, linking to their public page."""
    counts = _counts(report_ids, day, public=True)
    rows = []
    for pk, name in children:
        c = counts.get(pk, {})
        rows.append({"region": name, "region_url": reverse("public_region_year", args=[pk, year]),
                     "commitments": c.get("commitments", 0),
                     **{p.code: c.get(p.code, 0) for p in plain.PLAINS}})
    return Table("subregions", _("下级地区"), [
        Column("region", _("地区"), "link"), Column("commitments", _("事项数"), "int"),
        *[Column(p.code, p.label, "int") for p in plain.PLAINS],
    ], rows, note=_("只列出已公开报告的下级地区，按已核实的进展评定。"))
