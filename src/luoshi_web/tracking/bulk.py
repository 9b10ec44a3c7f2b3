"""Bulk actions from the 任务清单: give many commitments one lead unit, supporting units, deadline and
报送频次 (批量分工), or send them one 催办. All or nothing: every commitment is checked before any
changes, and an error names the commitment it is about."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, Actor, actor_for
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking import services
from luoshi_web.tracking.models import Assignment, Commitment
from luoshi_web.tracking.permissions import visible_commitments_q
from luoshi_web.validators import DATE_VALIDATORS
from luoshi_web.widgets import FastSelect, FastSelectMultiple

MAX_SELECTED = 500


def bulk_units(actor: Actor):
    """Units a supervisor may give work to anywhere in their regions (each commitment is checked again)."""
    qs = OrgUnit.objects.filter(active=True).select_related("region").order_by("region__name", "name")
    return qs if actor.is_admin else qs.filter(region_id__in=actor.region_ids)


class IdsField(forms.Field):
    """The ticked rows' ids (``ids`` repeated): whole numbers an id can be, without duplicates."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else ([value] if value else [])
        out = []
        for v in values:
            v = str(v).strip()
            if not v.isdigit() or len(v) > 18:
                raise forms.ValidationError(_("勾选的任务编号“%(value)s”无效，请刷新页面后重试。") % {"value": v[:20]})
            out.append(int(v))
        return list(dict.fromkeys(out))


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=[("assign", "assign"), ("remind", "remind")])
    ids = IdsField(required=False)
    lead_unit = forms.ModelChoiceField(label=gettext_lazy("牵头单位"), queryset=OrgUnit.objects.none(), required=False,
                                       widget=FastSelect)
    supporting_units = forms.ModelMultipleChoiceField(label=gettext_lazy("配合单位"), queryset=OrgUnit.objects.none(),
                                                      required=False, widget=FastSelectMultiple)
    deadline = forms.DateField(label=gettext_lazy("完成时限"), required=False, validators=DATE_VALIDATORS,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    frequency = forms.ChoiceField(label=gettext_lazy("报送频次"), choices=Assignment.Frequency.choices, required=False)
    reason = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=1000)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units if units is not None else OrgUnit.objects.none()
        self.fields["supporting_units"].queryset = units if units is not None else OrgUnit.objects.none()


def _named(commitment: Commitment, error: DomainError) -> DomainError:
    return DomainError(_("“%(indicator)s”：%(error)s") % {"indicator": commitment.indicator, "error": error.message},
                       field=error.field)


@transaction.atomic
def assignments_bulk_set(*, user, commitments: Sequence[Commitment], lead_unit: OrgUnit, deadline: date,
                         frequency: str, supporting_units: Sequence[OrgUnit] = (), reason: str = "") -> list[Assignment]:
    """Assign every commitment to ``lead_unit`` (an existing assignment keeps its result form, note and
    milestones); refused as a whole when any one is refused."""
    if not commitments:
        raise DomainError(_("请先勾选要分工的任务。"), field="ids")
    if len(commitments) > MAX_SELECTED:
        raise DomainError(_("一次最多分工 %(n)s 项，请分批进行。") % {"n": MAX_SELECTED}, field="ids")
    if frequency not in Assignment.Frequency.values:
        raise DomainError(_("请选择报送频次。"), field="frequency")
    done = []
    for c in commitments:
        if c.kind == Commitment.Kind.RESULT:
            raise _named(c, DomainError(_("这是上年成效，只作记录，不分工。请取消勾选。")))
        current = Assignment.objects.filter(commitment=c).first()
        try:
            done.append(services.assignment_set(
                user=user, commitment=c, lead_unit=lead_unit, deadline=deadline, supporting_units=supporting_units,
                frequency=frequency, result_form=current.result_form if current else "",
                note=current.note if current else "", milestones=None, reason=reason or _("批量分工")))
        except DomainError as e:
            raise _named(c, e) from None
    return done


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = ""
    return redirect(target or "commitment_list")


@login_required
@require_POST
def bulk_action(request: HttpRequest) -> HttpResponse:
    """批量分工 or 催办 on the ticked rows; back to the same filtered list with what happened."""
    from luoshi_web.supervision.services import reminders_send

    actor = actor_for(request.user)
    if not actor.is_supervisor:
        raise AccessDenied(_("只有督查员可以批量分工或催办。请用督查员账号登录。"))
    form = BulkForm(request.POST, units=bulk_units(actor))
    if not form.is_valid():
        errors = "；".join(f"{form.fields[k].label or k}：{' '.join(v)}" if k in form.fields else " ".join(v)
                          for k, v in form.errors.items())
        messages.error(request, _("未执行：%(errors)s") % {"errors": errors})
        return _back(request)
    d = form.cleaned_data
    chosen = (Commitment.objects.filter(visible_commitments_q(actor), report__deleted_at__isnull=True)
              .select_related("report").in_bulk(d["ids"]))  # one the actor may not see is one that does not exist
    commitments = [chosen[i] for i in d["ids"] if i in chosen]
    try:
        if len(commitments) != len(d["ids"]):
            raise DomainError(_("有勾选的任务已不存在（可能刚被删除）或您无权查看，请刷新后重试。"))
        if d["action"] == "assign":
            missing = [str(form.fields[k].label) for k in ("lead_unit", "deadline", "frequency") if not d.get(k)]
            if missing:
                raise DomainError(_("批量分工请填写：%(fields)s。") % {"fields": "、".join(missing)})
            done = assignments_bulk_set(user=request.user, commitments=commitments, lead_unit=d["lead_unit"],
                                        supporting_units=list(d["supporting_units"]), deadline=d["deadline"],
                                        frequency=d["frequency"], reason=d["reason"])
            messages.success(request, _("已将 %(n)s 项任务分给 %(unit)s。") % {"n": len(done), "unit": d["lead_unit"].name})
        else:
            sent = reminders_send(user=request.user, commitments=commitments, reason=d["reason"])
            messages.success(request, _("已发出 %(n)s 条催办。") % {"n": len(sent)})
    except DomainError as e:
        messages.error(request, _("未执行，没有任何修改：%(error)s") % {"error": e.message})
    return _back(request)
