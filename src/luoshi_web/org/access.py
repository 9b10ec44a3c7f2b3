"""Roles, decided in one place and used by services, selectors and views alike.

An :class:`Actor` is computed once per user per request from their memberships:

- administrator: a Django superuser; sees and does everything;
- supervisor: supervises the regions of their supervision memberships and all regions below;
  imports reports there, assigns, verifies;
- reporter: sees the assignments of their own units (lead or supporting) and reports progress on
  those their unit leads;
- public (anonymous, or anyone for reports outside their remit): published reports only, verified
  progress only, no internal notes.

Denials raise :class:`AccessDenied` (mapped to 403) or, where even the existence of a record is
private, ``Http404``: a reporter probing another unit's commitment learns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from luoshi_web.org.models import Membership, OrgUnit, Region


class AccessDenied(PermissionDenied):
    """The user is known but their role does not allow this; the message says what would."""


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str = ""
    is_admin: bool = False
    region_ids: frozenset[int] = field(default_factory=frozenset)  # supervised, with descendants
    unit_ids: frozenset[int] = field(default_factory=frozenset)  # reporter units
    supervisor_unit_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_supervisor(self) -> bool:
        return self.is_admin or bool(self.region_ids)

    @property
    def is_reporter(self) -> bool:
        return bool(self.unit_ids)

    def supervises(self, region_id: int | None) -> bool:
        return self.is_admin or (region_id is not None and region_id in self.region_ids)

    def require_supervisor(self, region_id: int | None = None, *, action: str = "") -> None:
        ok = self.supervises(region_id) if region_id is not None else self.is_supervisor
        if not ok:
            # ``action`` is a msgid marked with gettext_noop where it is passed
            what = _(action) if action else "this"
            raise AccessDenied(_("只有本地区督查员可以%(action)s。请用督查员账号登录。 / Only a supervisor of this region may do %(action)s.")
                               % {"action": what})


ANONYMOUS = Actor(user_id=None)


def _descendants(region_ids: set[int]) -> set[int]:
    found = set(region_ids)
    frontier = set(region_ids)
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def actor_for(user) -> Actor:
    """The user's roles; cached on the user object so a request computes them once."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    cached = getattr(user, "_luoshi_actor", None)
    if cached is not None:
        return cached
    rows = list(Membership.objects.filter(user_id=user.pk, unit__active=True).values_list("role", "unit_id", "unit__region_id"))
    supervised = {region for role, _, region in rows if role == Membership.Role.SUPERVISOR}
    actor = Actor(
        user_id=user.pk,
        username=user.get_username(),
        is_admin=bool(user.is_superuser),
        region_ids=frozenset(_descendants(supervised)) if supervised else frozenset(),
        unit_ids=frozenset(unit for role, unit, _ in rows if role == Membership.Role.REPORTER),
        supervisor_unit_ids=frozenset(unit for role, unit, _ in rows if role == Membership.Role.SUPERVISOR),
    )
    user._luoshi_actor = actor
    return actor


def units_assignable_by(actor: Actor, region_id: int):
    """Units a supervisor may give work to: active units of the report's region and below."""
    region_ids = _descendants({region_id})
    qs = OrgUnit.objects.filter(active=True, region_id__in=region_ids).select_related("region")
    return qs if actor.supervises(region_id) else qs.none()
