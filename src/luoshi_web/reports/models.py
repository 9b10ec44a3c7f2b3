"""Reports as imported, and the draft a supervisor reviews before anything is saved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi_web.org.models import Region
from luoshi_web.softdelete import SoftDeleteModel
from luoshi_web.validators import YEAR_VALIDATORS, year_check


class Report(SoftDeleteModel):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="reports", verbose_name=_("地区"))
    year = models.PositiveSmallIntegerField(_("年份"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("标题"), max_length=300)
    source_file = models.FileField(_("原文件"), upload_to="reports/%Y/", blank=True)
    source_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    source_format = models.CharField(_("格式"), max_length=20, blank=True)
    text = models.TextField(_("全文"))
    sha256 = models.CharField(_("文件指纹"), max_length=64, db_index=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="imported_reports", verbose_name=_("导入人")
    )
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    published = models.BooleanField(_("已公开"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("报告")
        verbose_name_plural = _("报告")
        ordering = ["-year", "region__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "sha256"], condition=models.Q(deleted_at__isnull=True), name="report_unique_live_file"
            ),
            year_check("year", "report_year_in_range", null=False),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("report_detail", args=[self.pk])


class ImportDraft(models.Model):
    """An upload under review: the extracted items as JSON, edited in place until confirmed.

    Kept out of the tracked tables so that nothing a reviewer does before confirming creates a
    commitment; a confirmed or discarded draft is kept (state) rather than deleted, as a record.
    """

    class State(models.TextChoices):
        OPEN = "open", _("审核中")
        CONFIRMED = "confirmed", _("已确认")
        DISCARDED = "discarded", _("已放弃")

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("地区"))
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, validators=YEAR_VALIDATORS)
    title = models.CharField(_("标题"), max_length=300)
    source_file = models.FileField(upload_to="drafts/%Y/")
    source_name = models.CharField(max_length=255)
    source_format = models.CharField(max_length=20, blank=True)
    text = models.TextField()
    sha256 = models.CharField(max_length=64, db_index=True)
    items = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("导入草稿")
        verbose_name_plural = _("导入草稿")
        ordering = ["-created_at"]
        constraints = [year_check("year", "importdraft_year_in_range")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("import_review", args=[self.pk])
