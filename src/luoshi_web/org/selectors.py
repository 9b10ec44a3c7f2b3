"""Reads for the office pages: the units, people and regions an actor may manage."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet

from luoshi_web.org.access import Actor
from luoshi_web.org.models import Membership, OrgUnit, Region


def managed_regions(actor: Actor) -> QuerySet:
    qs = Region.objects.select_related("parent")
    return qs if actor.is_admin else qs.filter(pk__in=actor.region_ids)


def managed_units(actor: Actor, *, active_only: bool = False) -> QuerySet:
    qs = OrgUnit.objects.select_related("region", "parent")
    if not actor.is_admin:
        qs = qs.filter(region_id__in=actor.region_ids)
    return qs.filter(active=True) if active_only else qs


def units_with_members(actor: Actor) -> QuerySet:
    members = Prefetch("memberships", queryset=Membership.objects.select_related("user").order_by("role", "user__username"))
    return managed_units(actor).prefetch_related(members).order_by("region__name", "name")


def managed_people(actor: Actor) -> QuerySet:
    """Accounts with a role in a unit the actor manages (the administrator: every account)."""
    User = get_user_model()
    roles = Prefetch("memberships", queryset=Membership.objects.select_related("unit", "unit__region").order_by("unit__name"))
    qs = User.objects.prefetch_related(roles).order_by("username")
    if actor.is_admin:
        return qs
    return qs.filter(memberships__unit__region_id__in=actor.region_ids).distinct()
