"""What a supervisor said about an indicator name: the match memory of ``luoshi.reconcile``, in the DB."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi_web.org.models import Region
from luoshi_web.softdelete import SoftDeleteModel


class IndicatorMatch(SoftDeleteModel):
    """An indicator name (as a report writes it) confirmed as, or corrected to, a catalogue indicator.

    ``indicator_id`` None means "never match this name" (the library's ``null`` in a memory file).
    ``key`` is the name normalised by the catalogue, which is what the memory is looked up by, so
    全省地区生产总值增长 and 地区生产总值增长 share one entry. ``region`` None applies everywhere
    (administrators only); a region's own entry wins over that. One live entry per (region, key):
    a new correction updates it, and the history keeps every earlier answer, who gave it and why.
    """

    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("地区"))
    text = models.CharField(_("指标名称"), max_length=300)
    key = models.CharField(_("规范化名称"), max_length=300, db_index=True)
    indicator_id = models.CharField(_("标准指标"), max_length=100, null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("确认人"))
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标匹配")
        verbose_name_plural = _("指标匹配")
        ordering = ["key", "region_id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "key"], name="indicatormatch_one_live_per_region_key",
                                    condition=models.Q(deleted_at__isnull=True, region__isnull=False)),
            models.UniqueConstraint(fields=["key"], name="indicatormatch_one_live_global_key",
                                    condition=models.Q(deleted_at__isnull=True, region__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.indicator_id or '×'}"
