"""The cascade page of one commitment: quotas per sub-region, their coverage, links, roll-up."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.hierarchy import selectors, services
from luoshi_web.hierarchy.models import Quota
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.org.models import Region
from luoshi_web.tracking.models import Commitment
from luoshi_web.validators import parse_decimal


def _parent(request: HttpRequest, pk: int) -> Commitment:
    c = Commitment.objects.select_related("report__region").filter(pk=pk, report__deleted_at__isnull=True).first()
    if c is None or not actor_for(request.user).supervises(c.report.region_id):
        raise Http404(_("没有这项任务，或您无权分解它。 / No such commitment, or not yours to split."))
    return c


@login_required
def cascade_page(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _parent(request, pk)
    return render(request, "hierarchy/cascade.html", {"c": selectors.cascade(parent), "parent": parent})


@login_required
@require_POST
def quota_save(request: HttpRequest, pk: int) -> HttpResponse:
    parent = _parent(request, pk)
    region = Region.objects.filter(pk=request.POST.get("region") or 0, parent_id=parent.report.region_id).first()
    try:
        if region is None:
            raise DomainError(_("请选择一个下级地区。"), field="region")
        raw = (request.POST.get("value") or "").strip()
        try:
            value = parse_decimal(raw) if raw else None
        except ValueError as e:
            raise DomainError(_("分解值“%(raw)s”%(why)s，请填写一个数字，或留空表示由下级自定目标。")
                              % {"raw": raw[:30], "why": e}, field="value") from None
        services.quota_set(user=request.user, parent=parent, region=region, value=value,
                           note=request.POST.get("note", ""))
        messages.success(request, _("已保存 %(region)s 的分解指标。") % {"region": region.name})
    except (DomainError, AccessDenied) as e:
        messages.error(request, getattr(e, "message", str(e)))
    return redirect("hierarchy:cascade", pk=parent.pk)


@login_required
@require_POST
def quota_link(request: HttpRequest, pk: int, quota_pk: int) -> HttpResponse:
    parent = _parent(request, pk)
    quota = Quota.objects.select_related("region", "parent__report").filter(pk=quota_pk, parent=parent).first()
    if quota is None:
        raise Http404(_("没有这条分解指标。 / No such quota."))
    raw = request.POST.get("commitment", "")
    target = Commitment.objects.select_related("report").filter(pk=int(raw)).first() if raw.isdigit() and len(raw) < 18 else None
    try:
        services.quota_link(user=request.user, quota=quota, commitment=target)
        messages.success(request, _("已确认对应任务。") if target else _("已取消对应任务。"))
    except (DomainError, AccessDenied) as e:
        messages.error(request, getattr(e, "message", str(e)))
    return redirect("hierarchy:cascade", pk=parent.pk)


# --- 上下级目标对照 (cross-level consistency) --------------------------------------------------------

@login_required
def consistency_page(request: HttpRequest, region_id: int, year: int) -> HttpResponse:
    """A region's targets of a year beside its sub-regions' own (``?flagged=1``: only those to look at)."""
    from luoshi.reconcile import load_catalogue
    from luoshi_web.hierarchy.consistency import consistency

    actor = actor_for(request.user)
    wanted = request.GET.get("indicator", "")
    indicator = wanted if wanted and load_catalogue().get(wanted) else None
    data = consistency(actor=actor, region_id=region_id, year=year, indicator=indicator)
    flagged_only = request.GET.get("flagged") == "1"
    checks = [c for c in data.checks if c.check.flagged] if flagged_only else data.checks
    parent = data.region.parent
    return render(request, "hierarchy/consistency.html", {
        "d": data, "checks": checks, "flagged_only": flagged_only,
        "parent": parent if parent is not None and actor.supervises(parent.pk) else None,
    })
