"""An uploaded assignment table (分工表) waiting for the supervisor to confirm its preview.

Kept as a record (never deleted) so the office can see which file changed which assignments; the
changes themselves are made through the tracking services, whose history names this file and row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from luoshi_web.reports.models import Report


class SheetImport(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("待确认")
        APPLIED = "applied", _("已导入")
        DISCARDED = "discarded", _("已放弃")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="+", verbose_name=_("报告"))
    source_file = models.FileField(upload_to="sheets/%Y/")
    source_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(default=list)  # the previewed plan, one entry per data row
    n_errors = models.PositiveIntegerField(default=0)
    n_changes = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("分工表导入")
        verbose_name_plural = _("分工表导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("sheet_preview", args=[self.pk])
