"""Writes of the cascade: a supervisor splits a commitment into sub-regions' quotas and confirms
which of a sub-region's own commitments answers each. One transaction each, history with who."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi_web.errors import DomainError
from luoshi_web.hierarchy.models import Quota
from luoshi_web.org.access import actor_for
from luoshi_web.org.models import Region
from luoshi_web.tracking.models import Commitment
from luoshi_web.validators import bounded_value


def quota_set(*, user, parent: Commitment, region: Region, value: Decimal | None, note: str = "") -> Quota:
    """The parent's share for ``region`` (a direct sub-region of the parent's report region), in the
    parent's unit; ``value`` None: the sub-region sets its own target (a rate)."""
    actor_for(user).require_supervisor(parent.report.region_id, action=gettext_noop("分解任务"))
    if region.parent_id != parent.report.region_id:
        raise DomainError(_("%(region)s 不是 %(parent)s 的下级地区；只能分解给直接下级。")
                          % {"region": region.name, "parent": parent.report.region.name}, field="region")
    if value is not None:
        try:
            bounded_value(value)
        except Exception:
            raise DomainError(_("分解值超出范围，请填写一个合理的数字。"), field="value") from None
        if value < 0:
            raise DomainError(_("分解值不能为负数。"), field="value")
    with transaction.atomic():
        quota = Quota.objects.select_for_update().filter(parent=parent, region=region).first()
        if quota is None:
            quota = Quota(parent=parent, region=region, created_by=user)
        quota.value, quota.note = value, note[:200]
        quota._history_user = user
        quota.save()
    return quota


def quota_link(*, user, quota: Quota, commitment: Commitment | None) -> Quota:
    """Confirm that ``commitment`` (from a report of the quota's region) is the sub-region's own
    commitment for this quota; None unlinks."""
    actor = actor_for(user)
    if not (actor.supervises(quota.parent.report.region_id) or actor.supervises(quota.region_id)):
        actor.require_supervisor(quota.region_id, action=gettext_noop("确认对应任务"))
    if commitment is not None and commitment.report.region_id != quota.region_id:
        raise DomainError(_("这项任务不属于 %(region)s 的报告。") % {"region": quota.region.name}, field="commitment")
    with transaction.atomic():
        quota.linked = commitment
        quota._history_user = user
        quota.save(update_fields=["linked", "updated_at"])
    return quota


def quota_remove(*, user, quota: Quota) -> None:
    actor_for(user).require_supervisor(quota.parent.report.region_id, action=gettext_noop("分解任务"))
    quota._history_user = user
    quota.delete()
