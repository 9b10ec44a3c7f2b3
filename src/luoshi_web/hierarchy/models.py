"""A province's commitment split into quotas for its sub-regions (城镇新增就业70万人 → 长沙 N万…).

A quota is the parent's share for one sub-region, in the parent's unit, or — for a rate, which does
not add up — "each region its own target" (no value). The sub-region's own report sets its own
commitment; a person links it to the quota (suggested from the indicator catalogue), and the
sub-region's progress on it is what rolls up to the parent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi_web.org.models import Region
from luoshi_web.tracking.models import Commitment
from luoshi_web.validators import VALUE_VALIDATORS, value_check


class Quota(models.Model):
    parent = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("上级任务"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="quotas", verbose_name=_("下级地区"))
    value = models.DecimalField(_("分解值"), max_digits=28, decimal_places=6, null=True, blank=True,
                                validators=VALUE_VALIDATORS)
    linked = models.ForeignKey(Commitment, on_delete=models.SET_NULL, null=True, blank=True, related_name="quota_of",
                               verbose_name=_("下级对应任务"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("分解指标")
        verbose_name_plural = _("分解指标")
        ordering = ["parent", "region__name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "region"], name="quota_one_per_region"),
            value_check("value", "quota_value_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.parent} → {self.region}"
