"""分工表 export/import and the monthly bulletin (督查通报); thin views over selectors and services."""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from luoshi_web.dashboard.selectors import bulletin_month, supervised_region_years
from luoshi_web.errors import DomainError
from luoshi_web.exports import bulletin as bulletins
from luoshi_web.exports import selectors, services, word
from luoshi_web.exports.forms import SheetUploadForm
from luoshi_web.exports.tables import Column, Table, table_response, wants_data
from luoshi_web.org.access import actor_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(data: bytes, filename: str) -> FileResponse:
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX)


def _xlsx(data: bytes, filename: str) -> FileResponse:
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=XLSX)


@login_required
def sheet_index(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(request, "exports/sheet_index.html", {
        "reports": selectors.supervised_reports(actor), "imports": selectors.sheet_imports(actor=actor),
    })


@login_required
def sheet_export(request: HttpRequest, pk: int) -> FileResponse:
    actor = actor_for(request.user)
    report = selectors.supervised_report(actor, pk)
    return _xlsx(selectors.assignment_sheet(actor=actor, report=report), f"{report.title}-分工表.xlsx")


@login_required
def sheet_upload(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    report = selectors.supervised_report(actor, pk)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                si = services.sheet_import_create(user=request.user, report=report, upload=form.cleaned_data["file"])
            except DomainError as e:
                form.add_error(None, e.message)
            else:
                return redirect(si)
        status = 400
    return render(request, "exports/sheet_upload.html", {
        "report": report, "form": form, "imports": selectors.sheet_imports(actor=actor, report=report),
    }, status=status)


def preview_table(rows: list[dict]) -> Table:
    """The preview as a table (so it, too, can be downloaded): one line per row that says something."""
    actions = {"create": _("新增分工"), "update": _("修改"), "unchanged": _("无变化"), "skip": _("跳过")}
    out = []
    for r in rows:
        out.append({
            "row": r["row"], "commitment_id": r["commitment_id"], "indicator": r["indicator"],
            "action": _("错误") if r["errors"] else actions.get(r["action"], r["action"]),
            "changes": [f"{c['field']}：{c['old'] or '—'} → {c['new'] or '—'}" for c in r["changes"]],
            "problems": r["errors"] + r["warnings"],
        })
    return Table("preview", _("导入预览"), [
        Column("row", _("行号"), "int"), Column("indicator", _("指标/任务")), Column("action", _("处理")),
        Column("changes", _("变化")), Column("problems", _("问题")),
    ], out)


@login_required
def sheet_preview(request: HttpRequest, pk: int) -> HttpResponse:
    si = selectors.sheet_import_get(actor=actor_for(request.user), pk=pk)
    table = preview_table(si.rows)
    if wants_data(request):
        return table_response(request, {"preview": table}, f"sheet-import-{si.pk}")
    errors = [r for r in si.rows if r["errors"]]
    changes = [r for r in si.rows if not r["errors"] and r["action"] in ("create", "update")]
    return render(request, "exports/sheet_preview.html", {
        "si": si, "errors": errors, "changes": changes,
        "unchanged": sum(1 for r in si.rows if not r["errors"] and r["action"] in ("unchanged", "skip")),
        "warnings": [r for r in si.rows if r["warnings"] and not r["errors"]],
    })


@login_required
@require_POST
def sheet_apply(request: HttpRequest, pk: int) -> HttpResponse:
    si = selectors.sheet_import_get(actor=actor_for(request.user), pk=pk)
    try:
        n = services.sheet_import_apply(user=request.user, sheet_import=si)
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(si)
    messages.success(request, ngettext("已导入分工表：%(n)s 项任务的分工已更新。", "已导入分工表：%(n)s 项任务的分工已更新。", n) % {"n": n})
    return redirect(si.report)


@login_required
@require_POST
def sheet_discard(request: HttpRequest, pk: int) -> HttpResponse:
    si = selectors.sheet_import_get(actor=actor_for(request.user), pk=pk)
    services.sheet_import_discard(user=request.user, sheet_import=si)
    messages.success(request, _("已放弃这次导入，数据没有变化。"))
    return redirect("sheet_upload", pk=si.report_id)


# --- bulletin ---------------------------------------------------------------------------------

@login_required
def bulletin_home(request: HttpRequest) -> HttpResponse:
    pairs = supervised_region_years(actor_for(request.user))
    if not pairs:
        return render(request, "dashboard/empty.html")
    region, year = pairs[0]
    return redirect("bulletin", region_id=region.pk, year=year, month=bulletin_month(year, timezone.localdate()))


@login_required
def bulletin(request: HttpRequest, region_id: int, year: int, month: int) -> HttpResponse:
    b = bulletins.bulletin(actor=actor_for(request.user), region_id=region_id, year=year, month=month,
                           today=timezone.localdate())
    if wants_data(request):
        return table_response(request, b.tables, f"bulletin-{region_id}-{year}-{month:02d}")
    today = timezone.localdate()
    months = [m for m in range(1, 13) if (year, m) <= (today.year, today.month)]
    return render(request, "exports/bulletin.html", {"b": b, "t": b.tables, "months": months})


@login_required
def bulletin_xlsx(request: HttpRequest, region_id: int, year: int, month: int) -> FileResponse:
    b = bulletins.bulletin(actor=actor_for(request.user), region_id=region_id, year=year, month=month,
                           today=timezone.localdate())
    tables = [b.tables["summary"], b.tables["units"], b.tables["lagging"]]
    title = bulletins.title(b)
    return _xlsx(bulletins.workbook(title, tables), f"督查通报-{b.region}-{year}-{month:02d}.xlsx")


@login_required
def bulletin_docx(request: HttpRequest, region_id: int, year: int, month: int) -> FileResponse:
    """The bulletin as a Word document, for filing and forwarding as offices do."""
    b = bulletins.bulletin(actor=actor_for(request.user), region_id=region_id, year=year, month=month,
                           today=timezone.localdate())
    data = word.bulletin_document(b, title=bulletins.title(b), headline=bulletins.headline(b))
    return _docx(data, f"督查通报-{b.region}-{year}-{month:02d}.docx")


@login_required
def plan_docx(request: HttpRequest, pk: int) -> FileResponse:
    """The report's 分工方案 (序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限) as a Word document."""
    actor = actor_for(request.user)
    report = selectors.supervised_report(actor, pk)
    data = selectors.assignment_plan(actor=actor, report=report, day=timezone.localdate())
    return _docx(data, f"{report.title}-分工方案.docx")
