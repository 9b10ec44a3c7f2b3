"""Writes of the exports app: uploading a filled-in 分工表 for preview, then importing or discarding it.

The tracked records (assignments, categories) are changed only by :func:`sheet_import_apply`, through
the tracking services, so roles, rules and history are the same as for a change made in a form.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from luoshi_web.errors import DomainError
from luoshi_web.exports import sheet, sheet_plan
from luoshi_web.exports.models import SheetImport
from luoshi_web.org.access import actor_for
from luoshi_web.reports.models import Report

SUFFIXES = {".xlsx", ".xlsm"}


def _plan(user, report: Report, data: bytes, source_name: str, *, commit: bool) -> list[sheet_plan.RowPlan]:
    rows, columns = sheet.read(data)
    if not rows:
        raise DomainError(_("表格里没有任务行：请在导出的分工表中填写后再上传。"), field="file")
    return sheet_plan.run(user=user, report=report, rows=rows, columns=columns, source_name=source_name, commit=commit)


def _check_limits(name: str, data: bytes) -> None:
    """Refuse a workbook that would unpack past the limits (cells, unpacked size) before openpyxl
    opens it: a 0.6 MB file can hold 19 million cells (luoshi.readers.limits)."""
    from luoshi.readers import ReaderError
    from luoshi.readers.limits import check_xlsx

    try:
        check_xlsx(Path(name), data)
    except ReaderError as e:
        raise DomainError(_("无法导入“%(name)s”：%(reason)s。请只保留分工表的行和列后重新上传。") % {
            "name": name, "reason": e.reason}, field="file") from None


def sheet_import_create(*, user, report: Report, upload: UploadedFile) -> SheetImport:
    """Read and check an uploaded 分工表 and keep it with its preview; changes nothing tracked."""
    actor_for(user).require_supervisor(report.region_id, action=gettext_noop("导入分工表"))
    name = Path(upload.name or "").name
    if Path(name).suffix.lower() not in SUFFIXES:
        raise DomainError(_("“%(name)s”不是 .xlsx 文件：请在 Excel 或 WPS 中“另存为 Excel 工作簿（.xlsx）”后上传。") % {"name": name},
                          field="file")
    if upload.size > settings.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024:
        raise DomainError(_("文件超过 %(mb)s MB，请拆分后上传。") % {"mb": settings.LUOSHI_MAX_UPLOAD_MB}, field="file")
    data = upload.read()
    _check_limits(name, data)
    plans = _plan(user, report, data, name, commit=False)
    with transaction.atomic():
        si = SheetImport(
            report=report, source_name=name[:255], sha256=hashlib.sha256(data).hexdigest(),
            rows=[p.to_dict() for p in plans], n_errors=sum(1 for p in plans if p.errors),
            n_changes=sum(1 for p in plans if p.action in ("create", "update") and not p.errors), created_by=user,
        )
        si.source_file.save(name, ContentFile(data), save=False)
        si.save()
    return si


def _comparable(rows: list[dict]) -> list[tuple]:
    return [(r["row"], r["commitment_id"], r["action"], tuple(sorted(r["target"].items(), key=str)) if r["target"] else ())
            for r in rows]


@transaction.atomic
def sheet_import_apply(*, user, sheet_import: SheetImport) -> int:
    """Make the previewed changes, all or none; refuse if the file had errors or the data moved on
    since the preview (someone changed an assignment meanwhile), so what happens is what was shown."""
    si = SheetImport.objects.select_for_update().get(pk=sheet_import.pk)
    report = si.report
    actor_for(user).require_supervisor(report.region_id, action=gettext_noop("导入分工表"))
    if si.state != SheetImport.State.OPEN:
        raise DomainError(_("这份分工表已%(state)s，不能再导入。") % {"state": si.get_state_display()})
    if si.n_errors:
        raise DomainError(ngettext("表格有 %(n)s 行错误，没有导入任何内容：请改正后重新上传。",
                                   "表格有 %(n)s 行错误，没有导入任何内容：请改正后重新上传。", si.n_errors) % {"n": si.n_errors})
    with si.source_file.open("rb") as fh:
        data = fh.read()
    # One pass: make the changes, then compare what was done with what was previewed; any difference
    # raises, and this function's transaction takes every change back.
    plans = _plan(user, report, data, si.source_name, commit=True)
    if _comparable([p.to_dict() for p in plans]) != _comparable(si.rows):
        raise DomainError(_("预览之后系统中的分工已有变化，没有导入任何内容：请重新上传，核对新的预览。"))
    si.state = SheetImport.State.APPLIED
    si.applied_at = timezone.now()
    si.save(update_fields=["state", "applied_at"])
    return sum(1 for p in plans if p.action in ("create", "update"))


@transaction.atomic
def sheet_import_discard(*, user, sheet_import: SheetImport) -> None:
    actor_for(user).require_supervisor(sheet_import.report.region_id, action=gettext_noop("放弃分工表导入"))
    if sheet_import.state == SheetImport.State.OPEN:
        sheet_import.state = SheetImport.State.DISCARDED
        sheet_import.save(update_fields=["state"])
