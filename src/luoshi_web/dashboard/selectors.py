"""Reads for the supervisor dashboard: one region, one year, as of one day.

Every figure is a :class:`~luoshi_web.exports.tables.Table` (shown, and downloadable as CSV/JSON)
and every chart is drawn from one of those tables, so a chart can never show a number the table
does not. The page costs a fixed number of queries whatever the number of commitments.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _

from luoshi_web.dashboard import asof, drilldown
from luoshi_web.dashboard.asof import COLOURS, STATUS_ORDER, Item
from luoshi_web.exports.tables import Column, Table, object_url, share
from luoshi_web.org.access import Actor
from luoshi_web.org.models import OrgUnit, Region
from luoshi_web.reports.models import Report
from luoshi_web.tracking.dataversion import VersionedCache, data_version
from luoshi_web.tracking.status import Rating, Status
from luoshi_web.tracking.templatetags.luoshi import STATUS_LABELS

DUE_SOON_DAYS = 14  # a deadline this close is worth a call this week
MILESTONE_SOON_DAYS = 7
CHART_UNITS = 25  # the unit chart shows the units most in need of chasing; the table shows all
CHASE_SHOWN = 100  # rows of the chase list on the page; the CSV/JSON has them all
TREND_CACHE_SECONDS = 24 * 3600

STATUS_HEX = {  # chart colours, in the families of the status badges (blue / green / yellow / red)
    Status.DONE: "#116329", Status.AHEAD: "#2da44e", Status.ON_TRACK: "#6fdd8b", Status.BEHIND: "#d4a72c",
    Status.SEVERELY_BEHIND: "#cf222e", Status.OVERDUE: "#82071e", Status.NOT_STARTED: "#1f6feb",
    Status.UNRATABLE: "#afb8c1", Status.UNASSIGNED: "#d0d7de",
}
COLOUR_HEX = {"green": "#2da44e", "yellow": "#d4a72c", "red": "#cf222e", "blue": "#1f6feb"}
COLOUR_LABELS = {
    "green": gettext_lazy("进度正常"), "yellow": gettext_lazy("欠进度"), "red": gettext_lazy("严重滞后或逾期"),
    "blue": gettext_lazy("未启动"),
}


@dataclass(frozen=True)
class Chart:
    """What ECharts draws (see ``static/dashboard/charts.js``), exposed as JSON in the page."""

    id: str
    kind: str  # "donut" | "stack" (vertical stacked bars) | "hstack" (horizontal) | "area"
    title: str
    table: str  # the table whose numbers these are
    categories: list[str]
    series: list[dict]  # {"name", "colour", "data": [numbers]}
    percent: bool = False

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "title": self.title, "table": self.table,
                "categories": self.categories, "series": self.series, "percent": self.percent}


@dataclass
class Dashboard:
    region: Region
    year: int
    day: date
    reports: list[Report]
    total: int  # rated commitments
    unrated: int  # results (成效): the report's record, never rated, not counted in the mix
    colours: dict[str, int]
    tables: dict[str, Table] = field(default_factory=dict)
    charts: list[Chart] = field(default_factory=list)
    chase_total: int = 0
    unassigned: int = 0  # 待分工: nobody assigned yet, so not rated and not counted in the mix
    choices: list[tuple[Region, int]] = field(default_factory=list)  # region-years the reader may switch to
    crumbs: list[drilldown.Crumb] = field(default_factory=list)  # the regions above, top first
    children: list[Region] = field(default_factory=list)  # direct sub-regions (the 下级地区 table)

    @property
    def cache_weight(self) -> int:
        """What the page cache counts it as: the rows of its tables."""
        return sum(len(t.rows) for t in self.tables.values()) + 1


def status_label(status: Status) -> str:
    return str(STATUS_LABELS[status])


def supervised_region_years(actor: Actor) -> list[tuple[Region, int]]:
    """(region, year) pairs with live reports that this supervisor may see, newest year first."""
    actor.require_supervisor(action=gettext_noop("查看督查看板"))
    return region_years(visible_reports(actor))


def visible_reports(actor: Actor) -> list[Report]:
    """Every live report of the regions this supervisor may see, newest year first, in one query
    (without the reports' full text): the dashboard's own reports, its sub-regions' and the
    region-years it offers are all read from this one list."""
    qs = Report.objects.select_related("region").defer("text").order_by("-year", "region__name", "pk")
    if not actor.is_admin:
        qs = qs.filter(region_id__in=actor.region_ids)
    return list(qs)


def region_years(reports: list[Report]) -> list[tuple[Region, int]]:
    """(region, year) pairs of these reports, in their order, each once."""
    seen: dict[tuple[int, int], tuple[Region, int]] = {}
    for r in reports:
        seen.setdefault((r.region_id, r.year), (r.region, r.year))
    return list(seen.values())


def bulletin_month(year: int, day: date) -> int:
    """The month whose bulletin a reader on ``day`` most likely wants for ``year``.

    >>> bulletin_month(2024, date(2024, 6, 3)), bulletin_month(2024, date(2026, 1, 1)), bulletin_month(2025, date(2024, 6, 3))
    (6, 12, 1)
    """
    if day.year == year:
        return day.month
    return 12 if day.year > year else 1


def region_for(actor: Actor, region_id: int) -> Region:
    actor.require_supervisor(region_id, action=gettext_noop("查看本地区的督查看板和通报"))
    region = Region.objects.select_related(drilldown.ANCESTORS).filter(pk=region_id).first()
    if region is None:
        raise Http404(_("没有这个地区。 / No such region."))
    return region


def dashboard(*, actor: Actor, region_id: int, year: int, day: date, as_of: str = "") -> Dashboard:
    """The dashboard of a region-year as of ``day``; only a supervisor of that region may read it.

    With it: the regions above (each a link where the reader supervises it) and the direct
    sub-regions with their counts, each a link to its dashboard of the same year (``as_of`` kept).
    """
    region = region_for(actor, region_id)  # the permission first, never from the cache
    key = ("dashboard", actor, region_id, year, day, as_of, get_language())
    return _BOARDS.get_or_compute(key, lambda: _dashboard_now(actor, region, year, day, as_of))


_BOARDS = VersionedCache(size=32)  # whole boards, once per data version (see tracking/dataversion.py)


def _dashboard_now(actor: Actor, region: Region, year: int, day: date, as_of: str) -> Dashboard:
    region_id = region.pk
    visible = visible_reports(actor)
    reports = sorted((r for r in visible if r.region_id == region_id and r.year == year), key=lambda r: r.pk)
    version = data_version()
    key = f"luoshi:trend:{region_id}:{year}:{day.isoformat()}:{','.join(map(str, version))}"
    mix = cache.get(key)
    items = asof.load_items([r.pk for r in reports], day=day, history=mix is None, with_verified=True)
    if mix is None:  # recomputed from history only after a change (the key holds the data version)
        mix = [(end, {s.code: n for s, n in counts.items()}) for end, counts in asof.status_mix_by_month(items, year, day)]
        cache.set(key, mix, TREND_CACHE_SECONDS)
    ratings = asof.ratings_on(items, day)
    tracked = [i for i in items if ratings[i.id] is not None]  # results are records, never rated
    rated = [i for i in tracked if ratings[i.id].status is not Status.UNASSIGNED]
    units = dict(OrgUnit.objects.filter(pk__in={i.lead_unit_id for i in rated if i.lead_unit_id}).values_list("pk", "name"))
    counts = Counter(ratings[i.id].status for i in rated)
    verified = asof.ratings_on(rated, day, verified_only=True)  # the same items on verified progress only
    verified_counts = Counter(r.status for r in verified.values())
    colours = {c: sum(n for s, n in counts.items() if s.colour == c) for c in COLOURS}
    board = Dashboard(region, year, day, reports, len(rated), len(items) - len(tracked), colours,
                      unassigned=len(tracked) - len(rated), choices=region_years(visible))
    suffix = f"?as_of={as_of}" if as_of else ""
    board.crumbs = [drilldown.Crumb(r, reverse("dashboard", args=[r.pk, year]) + suffix if actor.supervises(r.pk) else "")
                    for r in drilldown.ancestors(region)]
    board.children = drilldown.children_of(region_id)

    status_table = _status_table(counts, verified_counts, len(rated))
    category_table = _category_table(rated, ratings)
    unit_table = _unit_table(rated, ratings, units)
    trend_table = _trend_table(mix)
    chase_table = chase_list(tracked, ratings, units, day)  # 待分工 items are chased: to be assigned
    board.chase_total = len(chase_table.rows)
    board.tables = {t.name: t for t in (status_table, category_table, unit_table, trend_table, chase_table)}
    if board.children:
        board.tables["subregions"] = drilldown.supervisor_table(board.children, visible, year, day, version=version,
                                                                as_of=as_of)
    board.charts = [
        _status_chart(status_table), _category_chart(category_table), _unit_chart(unit_table), _trend_chart(trend_table)
    ]
    return board


def _status_table(counts: Counter, verified: Counter, total: int) -> Table:
    """Each status on self-reported progress (the units' latest reports, verified or not: ``count``,
    the charts and tiles) and on verified progress only (``verified``: what the bulletin and the
    public read), apart: an unverified report of 已完成 is 已完成 only in the first."""
    rows = [{"status": s.code, "label": status_label(s), "colour": s.colour, "count": counts.get(s, 0),
             "share": share(counts.get(s, 0), total), "verified": verified.get(s, 0)}
            for s in asof.statuses_shown(counts + verified)]
    return Table("status", _("按状态"), [
        Column("label", _("状态")), Column("colour", _("颜色"), "colour"), Column("count", _("按自报进展"), "int"),
        Column("share", _("占比"), "share"), Column("verified", _("按已核实进展"), "int"),
    ], rows, note=_("按自报进展：各单位最近一次报送（含未核实）；按已核实进展：只计督查室已核实的报送，与督查通报和公开页面一致。"))


def _colour_counts(statuses: list[Status]) -> dict[str, int]:
    c = Counter(s.colour for s in statuses)
    return {k: c.get(k, 0) for k in COLOURS}


def _category_table(rated: list[Item], ratings: dict[int, Rating | None]) -> Table:
    groups: dict[str, list[Status]] = {}
    for i in rated:
        groups.setdefault(i.category or _("未分类"), []).append(ratings[i.id].status)
    rows = []
    for name, statuses in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        c = _colour_counts(statuses)
        rows.append({"category": name, "total": len(statuses), **c, "green_share": share(c["green"], len(statuses))})
    return Table("categories", _("按类别"), [
        Column("category", _("类别")), Column("total", _("任务数"), "int"), Column("green", _("进度正常"), "int"),
        Column("yellow", _("欠进度"), "int"), Column("red", _("严重滞后或逾期"), "int"),
        Column("blue", _("未启动"), "int"), Column("green_share", _("正常率"), "share"),
    ], rows)


def _unit_table(rated: list[Item], ratings: dict[int, Rating | None], units: dict[int, str]) -> Table:
    """The league table: units by share on track (best first), then by share lagging and overdue."""
    groups: dict[int | None, list[Status]] = {}
    for i in rated:
        groups.setdefault(i.lead_unit_id, []).append(ratings[i.id].status)
    rows = []
    for unit_id, statuses in groups.items():
        n = len(statuses)
        on_track = sum(1 for s in statuses if s.colour == "green")
        lagging = sum(1 for s in statuses if s in (Status.BEHIND, Status.SEVERELY_BEHIND))
        overdue = sum(1 for s in statuses if s is Status.OVERDUE)
        not_started = sum(1 for s in statuses if s is Status.NOT_STARTED)
        rows.append({
            "unit_id": unit_id, "unit": units.get(unit_id, "") if unit_id else _("（未分配）"), "total": n,
            "on_track": on_track, "on_track_share": share(on_track, n), "lagging": lagging,
            "lagging_share": share(lagging, n), "overdue": overdue, "overdue_share": share(overdue, n),
            "not_started": not_started, "not_started_share": share(not_started, n),
        })
    rows.sort(key=lambda r: (r["unit_id"] is None, -r["on_track_share"], r["lagging_share"] + r["overdue_share"],
                             r["overdue_share"], r["unit"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank if row["unit_id"] is not None else None
    return Table("units", _("牵头单位排名"), [
        Column("rank", _("排名"), "int"), Column("unit", _("牵头单位")), Column("total", _("任务数"), "int"),
        Column("on_track", _("进度正常"), "int"), Column("on_track_share", _("正常率"), "share"),
        Column("lagging", _("滞后"), "int"), Column("lagging_share", _("滞后率"), "share"),
        Column("overdue", _("逾期"), "int"), Column("overdue_share", _("逾期率"), "share"),
        Column("not_started", _("未启动"), "int"),
    ], rows, note=_("按进度正常率从高到低排列；滞后含欠进度和严重滞后。"))


def _trend_table(mix: list[tuple[date, dict[str, int]]]) -> Table:
    """Status mix at each month-end, recomputed from history (see ``asof.status_mix_by_month``)."""
    rows = []
    for end, counts in mix:
        row = {"month": _("%(month)d月") % {"month": end.month}, "as_of": end, **counts,
               "total": sum(counts.values())}
        rows.append(row)
    return Table("trend", _("逐月状态构成"), [
        Column("month", _("月份")), Column("as_of", _("截至"), "date"),
        *[Column(s.code, status_label(s), "int") for s in STATUS_ORDER], Column("total", _("合计"), "int"),
    ], rows, note=_("每月末按当时已报送的进展重新评级（状态不存储，由历史计算）。"))


def chase_reasons(item: Item, status: Status, day: date, words: dict[str, str] | None = None) -> list[str]:
    """Why a supervisor should pick up the phone about this item this week (empty: no need).

    ``words`` are the translated reasons, looked up once per page rather than once per item.
    """
    if status is Status.DONE:
        return []
    w = words or chase_words()
    reasons = []
    if item.assignment_id is None:
        reasons.append(w["unassigned"])
    if status is Status.OVERDUE:
        reasons.append(w["overdue"])
    elif item.deadline and day <= item.deadline <= day + timedelta(days=DUE_SOON_DAYS):
        reasons.append(w["due_soon"])
    if any(day <= d <= day + timedelta(days=MILESTONE_SOON_DAYS) for d in item.milestone_dues):
        reasons.append(w["milestone"])
    if item.assignment_id is not None and not item.reported_this_period:
        reasons.append(w["unreported"])
    if status is Status.SEVERELY_BEHIND:
        reasons.append(w["severe"])
    return reasons


def chase_words() -> dict[str, str]:
    return {"unassigned": _("未分配"), "overdue": _("已逾期"), "due_soon": _("即将到期"), "milestone": _("节点将到"),
            "unreported": _("本期未报送"), "severe": _("严重滞后")}


def commitment_url(pk: int) -> str:
    """The (internal) commitment page.

    >>> commitment_url(42)
    '/commitments/42/'
    """
    return object_url("commitment_detail", pk)


CHASE_ORDER = {Status.OVERDUE: 0, Status.SEVERELY_BEHIND: 1, Status.BEHIND: 2, Status.NOT_STARTED: 3,
               Status.UNASSIGNED: 4, Status.UNRATABLE: 4, Status.ON_TRACK: 5, Status.AHEAD: 6}


def chase_list(rated: list[Item], ratings: dict[int, Rating | None], units: dict[int, str], day: date) -> Table:
    rows = []
    words = chase_words()
    labels = {s: status_label(s) for s in Status}
    for i in rated:
        status = ratings[i.id].status
        reasons = chase_reasons(i, status, day, words)
        if not reasons:
            continue
        rows.append({
            "id": i.id, "indicator": i.indicator, "indicator_url": commitment_url(i.id),
            "unit": units.get(i.lead_unit_id, "") if i.lead_unit_id else "", "deadline": i.deadline,
            "latest": i.latest.as_of if i.latest else None, "status": status.code,
            "status_label": labels[status], "reasons": reasons,
        })
    rows.sort(key=lambda r: (CHASE_ORDER[Status.from_code(r["status"])], r["deadline"] or date.max, r["id"]))
    return Table("chase", _("本周督办清单"), [
        Column("indicator", _("指标/任务"), "link"), Column("unit", _("牵头单位")),
        Column("deadline", _("完成时限"), "date"), Column("latest", _("最近报送"), "date"),
        Column("status", _("状态"), "status"), Column("reasons", _("督办原因")),
    ], rows, limit=CHASE_SHOWN, note=_("已逾期、%(soon)d天内到期、%(ms)d天内有节点、本期未报送或尚未分配的任务。")
        % {"soon": DUE_SOON_DAYS, "ms": MILESTONE_SOON_DAYS})


# --- charts: drawn from the tables above ----------------------------------------------------

def _status_chart(t: Table) -> Chart:
    return Chart("status", "donut", str(t.title), t.name, [r["label"] for r in t.rows],
                 [{"name": _("任务数"), "colours": [STATUS_HEX[Status.from_code(r["status"])] for r in t.rows],
                   "data": [r["count"] for r in t.rows]}])


def _colour_series(t: Table) -> list[dict]:
    series = []
    for colour in COLOURS:
        data = [r[colour] for r in t.rows]
        series.append({"name": str(COLOUR_LABELS[colour]), "colour": COLOUR_HEX[colour], "data": data})
    return series


def _category_chart(t: Table) -> Chart:
    return Chart("categories", "stack", str(t.title), t.name, [r["category"] for r in t.rows], _colour_series(t))


def _unit_chart(t: Table) -> Chart:
    ranked = [r for r in t.rows if r["unit_id"] is not None]
    shown = sorted(ranked, key=lambda r: (-(r["lagging_share"] + r["overdue_share"]), r["on_track_share"], r["unit"]))
    shown = shown[:CHART_UNITS]
    title = str(t.title) if len(ranked) <= CHART_UNITS else _("滞后和逾期比例最高的%(n)d个牵头单位") % {"n": CHART_UNITS}
    pct = [("on_track", "green"), ("lagging", "yellow"), ("overdue", "red"), ("not_started", "blue")]
    labels = {"on_track": _("进度正常"), "lagging": _("滞后"), "overdue": _("逾期"), "not_started": _("未启动")}
    series = [{"name": labels[k], "colour": COLOUR_HEX[c], "data": [float(r[f"{k}_share"]) * 100 for r in shown]}
              for k, c in pct]
    return Chart("units", "hstack", title, t.name, [r["unit"] for r in shown], series, percent=True)


def _trend_chart(t: Table) -> Chart:
    series = [{"name": status_label(s), "colour": STATUS_HEX[s], "data": [r[s.code] for r in t.rows]}
              for s in STATUS_ORDER]
    return Chart("trend", "stackbar", str(t.title), t.name, [r["month"] for r in t.rows], series)
