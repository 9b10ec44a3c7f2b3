"""Reads of 催办: a unit's inbox, what a supervisor has sent, the header's unread count."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from luoshi_web.org.access import Actor
from luoshi_web.supervision.models import Reminder


def _my_units(actor: Actor) -> frozenset[int]:
    return actor.unit_ids | actor.supervisor_unit_ids


def unread_count(actor: Actor) -> int | None:
    """Unread reminders to the actor's units; ``None`` for someone in no unit (nothing to show)."""
    units = _my_units(actor)
    if not units:
        return None
    return Reminder.objects.filter(unit_id__in=units, read_at__isnull=True).count()


def _rows() -> QuerySet:
    return Reminder.objects.select_related("unit", "commitment", "commitment__report", "assignment", "sent_by", "read_by")


def inbox(actor: Actor, *, unread_only: bool = False) -> QuerySet:
    """Reminders to the actor's own units, newest first."""
    qs = _rows().filter(unit_id__in=_my_units(actor))
    return qs.filter(read_at__isnull=True) if unread_only else qs


def supervised(actor: Actor, *, unread_only: bool = False) -> QuerySet:
    """Reminders about commitments of the regions the actor supervises (sent by anyone or the job)."""
    if not actor.is_supervisor:
        return Reminder.objects.none()
    qs = _rows()
    if not actor.is_admin:
        qs = qs.filter(commitment__report__region_id__in=actor.region_ids)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def visible(actor: Actor) -> QuerySet:
    """Every reminder the actor may open: to their units, or in their regions."""
    q = Q(unit_id__in=_my_units(actor))
    if actor.is_admin:
        q = Q()
    elif actor.region_ids:
        q |= Q(commitment__report__region_id__in=actor.region_ids)
    return _rows().filter(q)
