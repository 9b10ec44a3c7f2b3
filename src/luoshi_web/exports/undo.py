"""Undo the last 分工表 import of a report: every assignment and category back as it was before.

An import changes assignments and categories through the tracking services, and each change's
history names the file and row (``分工表导入：FILE 第N行``). Undoing reads, for every row the import
applied, the history record just before the import's first change, and writes those values back
through the same services (history: ``撤销分工表导入 #ID``); an assignment the import created is
removed (soft delete, restorable in 回收站). All rows or none, in one transaction.

Refused, with nothing changed: an import that is not applied, not the report's last applied one,
already undone, or whose rows were changed again after it (by a form, another import): undoing
would then throw that later work away; change those by hand instead.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.exports import selectors
from luoshi_web.exports.models import SheetImport
from luoshi_web.org.access import actor_for
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking import services
from luoshi_web.tracking.models import Assignment, Commitment


def _undo_reason(si: SheetImport) -> str:
    return f"撤销分工表导入 #{si.pk}（{si.source_name}）"


def _import_prefix(si: SheetImport) -> str:
    return f"分工表导入：{si.source_name} 第"


def _window(model, pk: int, si: SheetImport):
    """History of one row: (records of this import, records after it)."""
    history = model.history.filter(id=pk).order_by("history_date", "history_id")
    ours = [h for h in history if si.created_at <= h.history_date <= si.applied_at
            and (h.history_change_reason or "").startswith(_import_prefix(si))]
    later = [h for h in history if h.history_date > si.applied_at]
    return history, ours, later


def _before(history, first) -> object | None:
    """The record just before ``first`` (None: the row did not exist yet)."""
    previous = None
    for h in history:
        if h.history_id == first.history_id:
            return previous
        previous = h
    return previous


@transaction.atomic
def sheet_import_undo(*, user, sheet_import: SheetImport) -> int:
    """Put back what ``sheet_import`` changed; returns how many tasks were put back."""
    si = SheetImport.objects.select_for_update().select_related("report").get(pk=sheet_import.pk)
    actor_for(user).require_supervisor(si.report.region_id, action=gettext_noop("撤销分工表导入"))
    if si.state != SheetImport.State.APPLIED or si.applied_at is None:
        raise DomainError(_("这份分工表没有导入过，无需撤销。"))
    later = SheetImport.objects.filter(report=si.report, state=SheetImport.State.APPLIED, applied_at__gt=si.applied_at)
    if later.exists():
        raise DomainError(_("之后又导入过分工表，只能撤销最近一次导入：请先撤销“%(name)s”。") % {"name": later.latest("applied_at").source_name})
    if Assignment.history.filter(history_change_reason=_undo_reason(si)).exists() or \
            Commitment.history.filter(history_change_reason=_undo_reason(si)).exists():
        raise DomainError(_("这次导入已经撤销过了。"))
    reason = _undo_reason(si)
    n = 0
    for row in si.rows:
        if row.get("action") not in ("create", "update") or row.get("errors") or not row.get("commitment_id"):
            continue
        commitment = Commitment.all_objects.select_related("report").get(pk=row["commitment_id"])
        touched = False
        if "category" in (row.get("target") or {}):
            history, ours, after = _window(Commitment, commitment.pk, si)
            if after:
                raise DomainError(_("第 %(row)s 行的任务在导入后又被修改过，没有撤销任何内容：请手工调整。") % {"row": row["row"]})
            if ours:
                old = _before(history, ours[0])
                services.commitment_update(user=user, commitment=commitment, category=old.category if old else "",
                                           reason=reason)
                touched = True
        if "lead" in (row.get("target") or {}):
            touched |= _undo_assignment(user, si, commitment, row, reason)
        n += touched
    return n


def _undo_assignment(user, si: SheetImport, commitment: Commitment, row: dict, reason: str) -> bool:
    live = Assignment.objects.filter(commitment=commitment).first()
    if live is None:
        raise DomainError(_("第 %(row)s 行的分工在导入后已删除，没有撤销任何内容：请手工调整。") % {"row": row["row"]})
    history, ours, after = _window(Assignment, live.pk, si)
    if after:
        raise DomainError(_("第 %(row)s 行的分工在导入后又被修改过，没有撤销任何内容：请手工调整。") % {"row": row["row"]})
    if not ours:
        return False
    old = _before(history, ours[0])
    if old is None or old.history_type == "-":  # the import created this assignment: remove it
        live.mark_deleted(user=user)
        live._history_user = user
        live._change_reason = reason
        live.save()
        return True
    supporting = list(OrgUnit.objects.filter(pk__in=old.supporting_units.values_list("orgunit_id", flat=True)))
    services.assignment_set(
        user=user, commitment=commitment, lead_unit=OrgUnit.objects.get(pk=old.lead_unit_id), deadline=old.deadline,
        supporting_units=supporting, result_form=old.result_form, frequency=old.frequency, note=old.note,
        milestones=None, reason=reason)
    return True


@login_required
@require_POST
def sheet_undo(request: HttpRequest, pk: int) -> HttpResponse:
    si = selectors.sheet_import_get(actor=actor_for(request.user), pk=pk)
    try:
        n = sheet_import_undo(user=request.user, sheet_import=si)
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(si)
    messages.success(request, ngettext("已撤销这次分工表导入：%(n)s 项任务已恢复原样。", "已撤销这次分工表导入：%(n)s 项任务已恢复原样。", n)
                     % {"n": n})
    return redirect(si.report)
