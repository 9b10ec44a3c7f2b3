"""The monthly bulletin (督查通报): status by lead unit and the lagging items, as of a month's end.

Rated on *verified* progress reported up to the month's last day (or today, for the current month):
a bulletin names units before the whole office, so a self-report not yet verified never makes an item
已完成 or on track here (the dashboard shows self-reported and verified progress apart). June's
bulletin printed in August still says what June looked like given the reports dated in June or before.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from luoshi_web.dashboard import asof
from luoshi_web.dashboard.asof import STATUS_ORDER
from luoshi_web.dashboard.selectors import commitment_url, region_for, status_label
from luoshi_web.display import Figure, excel_number, figure_of
from luoshi_web.exports.formulas import protect_sheet
from luoshi_web.exports.sheet import month_end
from luoshi_web.exports.tables import Column, Table, cell_text, is_number, plain, share
from luoshi_web.org.access import Actor
from luoshi_web.org.models import OrgUnit, Region
from luoshi_web.reports.models import Report
from luoshi_web.tracking.dataversion import VersionedCache
from luoshi_web.tracking.status import LAGGING, Status

SEVERITY = {Status.OVERDUE: 0, Status.SEVERELY_BEHIND: 1, Status.BEHIND: 2}


@dataclass
class Bulletin:
    region: Region
    year: int
    month: int
    day: date
    reports: list[Report]
    total: int
    counts: dict[str, int]  # status code -> count
    reported: int  # items reported in the month
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def lagging_total(self) -> int:
        return len(self.tables["lagging"].rows)

    @property
    def cache_weight(self) -> int:
        """What the page cache counts it as: the rows of its tables."""
        return sum(len(t.rows) for t in self.tables.values()) + 1


def bulletin(*, actor: Actor, region_id: int, year: int, month: int, today: date) -> Bulletin:
    """The bulletin of ``month``; only a supervisor of the region may read it (it names units).
    The same for every supervisor of the region: once per data version, day and language."""
    region = region_for(actor, region_id)  # the permission first, never from the cache
    key = ("bulletin", region_id, year, month, today, get_language())
    return _BULLETINS.get_or_compute(key, lambda: _bulletin_now(region, year, month, today))


_BULLETINS = VersionedCache(size=16)


def _bulletin_now(region: Region, year: int, month: int, today: date) -> Bulletin:
    region_id = region.pk
    if not 1 <= month <= 12 or date(year, month, 1) > today:
        raise Http404(_("这个月份还没有通报。 / No bulletin for a month that has not begun."))
    day = min(month_end(year, month), today)
    reports = list(Report.objects.filter(region_id=region_id, year=year).order_by("pk"))
    if not reports:
        raise Http404(_("这个地区这一年没有报告。 / No report for this region and year."))
    items = asof.load_items([r.pk for r in reports], day=day, with_verified=True)  # 本月报送 counts every report
    ratings = asof.ratings_on(items, day, verified_only=True)
    # results are records and 待分工 items are not under supervision yet: neither is rated here
    rated = [i for i in items if ratings[i.id] is not None and ratings[i.id].status is not Status.UNASSIGNED]
    units = dict(OrgUnit.objects.filter(pk__in={i.lead_unit_id for i in rated if i.lead_unit_id}).values_list("pk", "name"))
    counts = Counter(ratings[i.id].status for i in rated)
    b = Bulletin(region, year, month, day, reports, len(rated), {s.code: counts.get(s, 0) for s in STATUS_ORDER},
                 sum(1 for i in rated if i.assignment_id and i.reported_month))
    b.tables = {
        "summary": Table("summary", _("总体情况"), [
            Column("label", _("状态")), Column("count", _("任务数"), "int"), Column("share", _("占比"), "share"),
        ], [{"status": s.code, "label": status_label(s), "count": counts.get(s, 0), "share": share(counts.get(s, 0), len(rated))}
            for s in asof.statuses_shown(counts)]),
        "units": _units_table(rated, ratings, units),
        "lagging": _lagging_table(rated, ratings, units),
    }
    return b


def headline(b: Bulletin) -> str:
    """The bulletin's summary sentence, the page's own words (the same msgid as its template)."""
    c = b.counts
    return _("截至%(day)s，纳入督查的 %(total)s 项任务中，已完成 %(done)s 项，超进度 %(ahead)s 项，达进度 %(on)s 项，"
             "欠进度 %(behind)s 项，严重滞后 %(severe)s 项，逾期未完成 %(overdue)s 项，未启动 %(ns)s 项；"
             "本月报送进展 %(reported)s 项。") % {
        "day": _("%(m)s月%(d)s日") % {"m": b.day.month, "d": b.day.day}, "total": b.total, "done": c["done"],
        "ahead": c["ahead"], "on": c["on_track"], "behind": c["behind"], "severe": c["severe"],
        "overdue": c["overdue"], "ns": c["not_started"], "reported": b.reported}


def title(b: Bulletin) -> str:
    return _("%(region)s%(year)s年政府工作报告重点任务推进情况通报（%(month)s月）") % {
        "region": b.region, "year": b.year, "month": b.month}


def _units_table(rated, ratings, units: dict[int, str]) -> Table:
    groups: dict[int | None, list] = {}
    for i in rated:
        groups.setdefault(i.lead_unit_id, []).append(i)
    rows = []
    for unit_id, group in groups.items():
        c = Counter(ratings[i.id].status for i in group)
        lag = c[Status.BEHIND] + c[Status.SEVERELY_BEHIND] + c[Status.OVERDUE]
        rows.append({
            "unit": units.get(unit_id, "") if unit_id else _("（未分配）"), "unit_id": unit_id, "total": len(group),
            "done": c[Status.DONE], "on_track": c[Status.AHEAD] + c[Status.ON_TRACK], "behind": c[Status.BEHIND],
            "severe": c[Status.SEVERELY_BEHIND], "overdue": c[Status.OVERDUE], "not_started": c[Status.NOT_STARTED],
            "lagging": lag, "reported": sum(1 for i in group if i.assignment_id and i.reported_month),
            "good_share": share(c[Status.DONE] + c[Status.AHEAD] + c[Status.ON_TRACK], len(group)),
        })
    rows.sort(key=lambda r: (r["unit_id"] is None, -r["lagging"], -r["overdue"], r["unit"]))
    return Table("units", _("各牵头单位推进情况"), [
        Column("unit", _("牵头单位")), Column("total", _("任务数"), "int"), Column("done", _("已完成"), "int"),
        Column("on_track", _("超进度或达进度"), "int"), Column("behind", _("欠进度"), "int"),
        Column("severe", _("严重滞后"), "int"), Column("overdue", _("逾期未完成"), "int"),
        Column("not_started", _("未启动"), "int"), Column("reported", _("本月报送"), "int"),
        Column("good_share", _("正常率"), "share"),
    ], rows, note=_("滞后任务多的单位在前；正常率 = (已完成 + 超进度 + 达进度) ÷ 任务数。"))


def _latest_value(p, unit: str) -> Figure | None:
    """The newest verified figure in the commitment's unit (608亿斤), or its share done (45%)."""
    if p is None:
        return None
    if p.value is not None:
        return Figure(p.value, unit or "")
    return Figure(p.percent_done, "%") if p.percent_done is not None else None


def _lagging_table(rated, ratings, units: dict[int, str]) -> Table:
    lagging = [i for i in rated if ratings[i.id].status in LAGGING]
    lagging.sort(key=lambda i: (SEVERITY[ratings[i.id].status], i.deadline or date.max, i.position, i.id))
    rows = [{
        "n": n, "indicator": i.indicator, "indicator_url": commitment_url(i.id),
        "unit": units.get(i.lead_unit_id, "") if i.lead_unit_id else _("（未分配）"),
        "target": figure_of(i),
        "latest": i.latest_verified.as_of if i.latest_verified else None,
        "latest_value": _latest_value(i.latest_verified, i.unit),
        "deadline": i.deadline, "status": ratings[i.id].status.code,
    } for n, i in enumerate(lagging, 1)]
    return Table("lagging", _("滞后任务清单"), [
        Column("n", _("序号"), "int"), Column("indicator", _("指标/任务"), "link"), Column("unit", _("牵头单位")),
        Column("target", _("目标"), "figure"), Column("latest_value", _("最新完成值"), "figure"),
        Column("latest", _("报送日期"), "date"),
        Column("deadline", _("完成时限"), "date"), Column("status", _("状态"), "status"),
    ], rows, note=_("逾期未完成、严重滞后、欠进度依次排列。"))


def _figure_cell(cell, fig: Figure | None) -> None:
    """A figure as a number cell showing as the report writes it (see :func:`display.excel_number`)."""
    if fig is None:
        cell.value = None
        return
    cell.value, cell.number_format = excel_number(fig)
    cell.alignment = Alignment(horizontal="right")


def workbook(title: str, tables: list[Table]) -> bytes:
    """Tables as one workbook, one sheet each, a title row and a bold header; for 督查通报 and the like.

    Numbers are number cells; every text is a text cell, formula-like ones quote-prefixed
    (:mod:`~luoshi_web.exports.formulas`), so no name from a report runs as a formula.
    """
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        ws = wb.create_sheet(str(t.title)[:31])
        ws.append([f"{title} · {t.title}"])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append([str(c.label) for c in t.columns])
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for row in t.rows:
            values = []
            for c in t.columns:
                v = row.get(c.key)
                if c.kind == "status" and v:
                    v = status_label(Status.from_code(v))
                elif c.kind == "share" and v is not None:
                    v = float(v)
                elif c.kind in ("int", "date"):
                    pass
                elif c.kind == "figure":
                    v = None  # written with its number format below
                elif is_number(v, c.kind) and not str(v).endswith("%"):
                    v = plain(Decimal(str(v)))
                elif v is not None:
                    v = cell_text(v, c.kind)
                values.append(v)
            ws.append(values)
            for col, c in enumerate(t.columns, 1):
                if c.kind == "figure":
                    fig = row.get(c.key)
                    _figure_cell(ws.cell(row=ws.max_row, column=col), fig if isinstance(fig, Figure) else None)
                elif c.kind == "share":
                    ws.cell(row=ws.max_row, column=col).number_format = "0.0%"
                elif c.kind == "date":
                    ws.cell(row=ws.max_row, column=col).number_format = "yyyy-mm-dd"
        for col, c in enumerate(t.columns, 1):
            ws.column_dimensions[get_column_letter(col)].width = 40 if c.kind == "link" else 14
        ws.freeze_panes = "A3"
        if t.note:
            ws.append([])
            ws.append([str(t.note)])
        protect_sheet(ws)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
