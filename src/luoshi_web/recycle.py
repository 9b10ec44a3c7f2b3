"""回收站: a supervisor sees what was deleted in the regions they supervise and restores it.

Deleting a report, commitment, assignment or progress report only hides it (``softdelete``); the
pages said "可由管理员恢复" with nothing to restore it. Here each deleted row is listed with who
deleted it, when and why (the history's reason), and 恢复 puts it back through
:func:`record_restore`: one transaction, history recorded ("从回收站恢复"), and refused with a
reason when the restored row would hang from a deleted parent (restore the report first) or clash
with a live row (the same file imported again, a new assignment made since).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.org.access import Actor, actor_for
from luoshi_web.reports.models import Report
from luoshi_web.tracking.models import Assignment, Commitment, ProgressReport


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    model: type[Model]
    region_path: str  # lookup from the model to its region id
    related: tuple[str, ...]


KINDS = {
    k.key: k for k in (
        Kind("report", gettext_lazy("报告"), Report, "region_id", ("region",)),
        Kind("commitment", gettext_lazy("任务"), Commitment, "report__region_id", ("report", "report__region")),
        Kind("assignment", gettext_lazy("分工"), Assignment, "commitment__report__region_id",
             ("commitment", "commitment__report__region", "lead_unit")),
        Kind("progress", gettext_lazy("进展报告"), ProgressReport, "assignment__commitment__report__region_id",
             ("assignment__commitment__report__region", "author")),
    )
}
PER_KIND = 200


@dataclass
class Deleted:
    kind: Kind
    obj: Model
    region: object
    reason: str


def _scope(actor: Actor, kind: Kind):
    qs = kind.model.all_objects.filter(deleted_at__isnull=False)
    if not actor.is_admin:
        qs = qs.filter(**{f"{kind.region_path}__in": actor.region_ids})
    return qs


def deleted_items(*, actor: Actor) -> list[Deleted]:
    """What was deleted in the actor's regions, newest first, at most 200 of each kind."""
    out = []
    for kind in KINDS.values():
        rows = list(_scope(actor, kind).select_related("deleted_by", *kind.related).order_by("-deleted_at")[:PER_KIND])
        reasons = _reasons(kind, [r.pk for r in rows])
        for row in rows:
            out.append(Deleted(kind, row, _region(kind, row), reasons.get(row.pk, "")))
    out.sort(key=lambda d: d.obj.deleted_at, reverse=True)
    return out


def _region(kind: Kind, row):
    node = row
    for part in kind.region_path.removesuffix("_id").split("__"):
        node = getattr(node, part)
    return node


def _reasons(kind: Kind, pks: list[int]) -> dict[int, str]:
    """The reason given when each row was deleted: its first history record with deleted_at set."""
    history = getattr(kind.model, "history", None)
    if history is None or not pks:
        return {}
    out: dict[int, str] = {}
    for pk, reason in (history.model.objects.filter(id__in=pks, deleted_at__isnull=False)
                       .order_by("history_date").values_list("id", "history_change_reason")):
        out.setdefault(pk, reason or "")
    return out


def _parent_deleted(kind: Kind, obj) -> str | None:
    """A message when ``obj`` would come back under a deleted parent (restore that first)."""
    if kind.key == "commitment":
        if obj.report.deleted_at:
            return _("所属报告《%(title)s》已删除：请先恢复该报告。") % {"title": obj.report.title}
        if obj.parent_id and obj.parent.deleted_at:
            return _("上级任务“%(name)s”已删除：请先恢复它。") % {"name": obj.parent.indicator}
    if kind.key == "assignment" and obj.commitment.deleted_at:
        return _("所属任务“%(name)s”已删除：请先恢复该任务。") % {"name": obj.commitment.indicator}
    if kind.key == "progress" and obj.assignment.deleted_at:
        return _("所属分工已删除：请先恢复该分工。")
    return None


@transaction.atomic
def record_restore(*, user, kind: str, pk: int) -> Model:
    """Bring a deleted row back (supervisor of its region); refused with a reason, nothing changed."""
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404
    actor = actor_for(user)
    obj = spec.model.all_objects.select_for_update().filter(pk=pk, deleted_at__isnull=False).first()
    if obj is None:
        raise DomainError(_("该记录不在回收站中（可能已被恢复）。"))
    actor.require_supervisor(spec.model.all_objects.filter(pk=pk).values_list(spec.region_path, flat=True).first(),
                             action=gettext_noop("恢复已删除的记录"))
    problem = _parent_deleted(spec, obj)
    if problem:
        raise DomainError(problem)
    obj.deleted_at = None
    obj.deleted_by = None
    obj._history_user = user
    obj._change_reason = "从回收站恢复"
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        if kind == "report":
            raise DomainError(_("已有同一文件的报告在用，不能恢复：请先删除那份报告。")) from None
        if kind == "assignment":
            raise DomainError(_("该任务已有新的分工，不能恢复旧分工：请先删除新的分工。")) from None
        raise DomainError(_("恢复会与现有记录冲突，未作改动。")) from None
    return obj


@login_required
def recycle_bin(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    actor.require_supervisor(action=gettext_noop("查看回收站"))
    return render(request, "recycle/bin.html", {"items": deleted_items(actor=actor), "per_kind": PER_KIND})


@login_required
@require_POST
def recycle_restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    try:
        obj = record_restore(user=request.user, kind=kind, pk=pk)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已恢复%(kind)s“%(name)s”。") % {"kind": KINDS[kind].label, "name": obj})
    return redirect("recycle_bin")


