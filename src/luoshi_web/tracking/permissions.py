"""What one actor may do with one commitment: the single decision every view and service asks."""

from __future__ import annotations

from enum import IntEnum

from django.db.models import Q, QuerySet

from luoshi_web.org.access import Actor


class Access(IntEnum):
    """Ordered: a higher level includes what the lower ones allow."""

    PUBLIC = 1  # published report: the commitment, its status and verified progress, no notes
    UNIT = 2  # a supporting unit: the internal view, reporting on its own part only (配合单位分项, not rated)
    REPORT = 3  # the lead unit: internal view and reporting progress
    MANAGE = 4  # supervisor of the region or administrator: edit, assign, verify


def commitment_access(actor: Actor, commitment, assignment) -> Access | None:
    """``None`` means the actor may not even know the commitment exists (shown as 404)."""
    report = commitment.report
    if report.deleted_at is not None and not actor.is_admin:
        return None
    if actor.supervises(report.region_id):
        return Access.MANAGE
    if assignment is not None and actor.unit_ids:
        if assignment.lead_unit_id in actor.unit_ids:
            return Access.REPORT
        if {u.pk for u in assignment.supporting_units.all()} & actor.unit_ids:
            return Access.UNIT
    if report.published:
        return Access.PUBLIC
    return None


def visible_commitments_q(actor: Actor) -> Q:
    """The same rule as :func:`commitment_access`, as a filter for list queries."""
    if actor.is_admin:
        return Q()
    q = Q(report__published=True)
    if actor.region_ids:
        q |= Q(report__region_id__in=actor.region_ids)
    if actor.unit_ids:
        from luoshi_web.tracking.models import Assignment

        mine: QuerySet = Assignment.objects.filter(
            Q(lead_unit_id__in=actor.unit_ids) | Q(supporting_units__in=actor.unit_ids)
        ).values("commitment_id")
        q |= Q(pk__in=mine)
    return q


def internal_commitments_q(actor: Actor) -> Q:
    """Commitments the actor sees with internal detail (not merely as the public does)."""
    if actor.is_admin:
        return Q()
    q = Q(pk__in=[])
    if actor.region_ids:
        q |= Q(report__region_id__in=actor.region_ids)
    if actor.unit_ids:
        from luoshi_web.tracking.models import Assignment

        q |= Q(pk__in=Assignment.objects.filter(
            Q(lead_unit_id__in=actor.unit_ids) | Q(supporting_units__in=actor.unit_ids)
        ).values("commitment_id"))
    return q


def supporting_unit_ids(actor: Actor, assignment) -> list[int]:
    """The actor's units that support ``assignment`` (配合单位): they may report on their own part."""
    if assignment is None or not actor.unit_ids:
        return []
    return sorted(u.pk for u in assignment.supporting_units.all() if u.pk in actor.unit_ids)
