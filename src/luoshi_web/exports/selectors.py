"""Reads for the exports: the 分工表 of a report, the reports a supervisor may export, past imports."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi_web.display import Figure, figure_of, written_unit
from luoshi_web.exports import sheet, word
from luoshi_web.exports.models import SheetImport
from luoshi_web.org.access import Actor, units_assignable_by
from luoshi_web.reports.models import Report
from luoshi_web.tracking.models import Assignment, Commitment


def supervised_report(actor: Actor, pk: int) -> Report:
    """A live report of a region the actor supervises; 404 for anyone who may not even know of it."""
    report = Report.objects.select_related("region").filter(pk=pk).first()
    if report is None:
        raise Http404(_("没有这份报告。 / No such report."))
    actor.require_supervisor(report.region_id, action=gettext_noop("导出或导入分工表"))
    return report


def supervised_reports(actor: Actor) -> list[Report]:
    actor.require_supervisor(action=gettext_noop("使用分工表"))
    qs = Report.objects.select_related("region").order_by("-year", "region__name", "pk")
    return list(qs if actor.is_admin else qs.filter(region_id__in=actor.region_ids))


def sheet_target(c: Commitment) -> Figure | None:
    """目标值 for the sheet: a :class:`Figure`, written as a number cell whose format shows the
    qualifier or range (615 shown ``0"左右"``) next to a 单位 column holding 亿斤."""
    return figure_of(c)


def _sheet_commitments(report: Report) -> list[tuple[Commitment, Assignment | None]]:
    """The tasks a 分工表 or 分工方案 lists, in report order, each with its live assignment."""
    live = Assignment.objects.select_related("lead_unit").prefetch_related("supporting_units")
    commitments = (
        Commitment.objects.filter(report=report)
        .exclude(Q(kind=Commitment.Kind.RESULT) & ~Q(pk__in=Assignment.objects.values("commitment_id")))
        .prefetch_related(Prefetch("assignments", queryset=live, to_attr="live"))
        .order_by("position", "id")
    )
    return [(c, c.live[0] if c.live else None) for c in commitments]


def assignment_sheet(*, actor: Actor, report: Report) -> bytes:
    """The report's 分工表 as an .xlsx file; results (成效) nobody was assigned are left out: they
    are last year's figures, not work to hand out."""
    actor.require_supervisor(report.region_id, action=gettext_noop("导出分工表"))
    rows = []
    for n, (c, a) in enumerate(_sheet_commitments(report), 1):
        rows.append((
            n, c.category, c.indicator, (fig := sheet_target(c)), written_unit(fig) if fig else c.unit,
            a.lead_unit.name if a else None,
            "、".join(u.name for u in a.supporting_units.all()) if a else None, a.deadline if a else None, c.pk,
        ))
    units = [u.name for u in units_assignable_by(actor, report.region_id).order_by("name")]
    return sheet.write(f"{report.title} 重点任务分工表", rows, units)


def assignment_plan(*, actor: Actor, report: Report, day: date) -> bytes:
    """The report's 分工方案 as a Word document: 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限, the
    same tasks as the 分工表 (results nobody was assigned are left out), the task as the report
    words it."""
    actor.require_supervisor(report.region_id, action=gettext_noop("导出分工方案"))
    rows = []
    for n, (c, a) in enumerate(_sheet_commitments(report), 1):
        task = " ".join((c.text or "").split()) or c.indicator
        rows.append((str(n), task, a.lead_unit.name if a else "", "、".join(u.name for u in a.supporting_units.all()) if a else "",
                     word.chinese_date(a.deadline) if a and a.deadline else ""))
    return word.plan_document(title=_("%(title)s重点任务分工方案") % {"title": report.title}, day=day, rows=rows)


def sheet_imports(*, actor: Actor, report: Report | None = None, limit: int = 20) -> list[SheetImport]:
    qs = SheetImport.objects.select_related("report", "report__region", "created_by")
    if not actor.is_admin:
        qs = qs.filter(report__region_id__in=actor.region_ids)
    if report is not None:
        qs = qs.filter(report=report)
    return list(qs[:limit])


def sheet_import_get(*, actor: Actor, pk: int) -> SheetImport:
    si = SheetImport.objects.select_related("report", "report__region", "created_by").filter(pk=pk).first()
    if si is None or not actor.supervises(si.report.region_id):
        raise Http404(_("没有这次分工表导入，或您无权查看。"))
    return si
