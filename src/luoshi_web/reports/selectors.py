"""Reads of reports and drafts, filtered by what the actor may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from luoshi_web.org.access import Actor
from luoshi_web.org.models import Region
from luoshi_web.reports.models import ImportDraft, Report
from luoshi_web.tracking.permissions import internal_commitments_q


def visible_reports(actor: Actor) -> QuerySet:
    """Supervisors see their regions' reports; everyone sees published ones; reporters also see
    reports holding their units' assignments."""
    qs = Report.objects.select_related("region", "imported_by")
    if actor.is_admin:
        return qs
    q = Q(published=True)
    if actor.region_ids:
        q |= Q(region_id__in=actor.region_ids)
    if actor.unit_ids:
        from luoshi_web.tracking.models import Commitment

        q |= Q(pk__in=Commitment.objects.filter(internal_commitments_q(actor)).values("report_id"))
    return qs.filter(q)


def report_list(*, actor: Actor) -> list[Report]:
    return list(visible_reports(actor).annotate(n_items=Count("commitments", filter=Q(commitments__deleted_at__isnull=True))))


def report_get(*, actor: Actor, pk: int) -> Report:
    report = visible_reports(actor).filter(pk=pk).first()
    if report is None:
        raise Http404(_("没有这份报告，或您无权查看。 / No such report, or you may not see it."))
    return report


def importable_regions(actor: Actor) -> QuerySet:
    qs = Region.objects.order_by("level", "name")
    return qs if actor.is_admin else qs.filter(pk__in=actor.region_ids)


def draft_get(*, actor: Actor, pk: int) -> ImportDraft:
    draft = ImportDraft.objects.select_related("region").filter(pk=pk).first()
    if draft is None or not actor.supervises(draft.region_id):
        raise Http404(_("没有这份导入草稿，或您无权查看。"))
    return draft


def open_drafts(*, actor: Actor) -> list[ImportDraft]:
    qs = ImportDraft.objects.filter(state=ImportDraft.State.OPEN).select_related("region")
    if not actor.is_admin:
        qs = qs.filter(region_id__in=actor.region_ids)
    return list(qs[:20])
