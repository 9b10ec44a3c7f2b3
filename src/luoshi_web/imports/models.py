"""Archive import: a batch of report files, one background job per file.

A job only ever makes an :class:`~luoshi_web.reports.models.ImportDraft` (reviewed and confirmed by
a person later), so nothing is tracked before someone confirms; a job's writes (its draft and its
own state) are one transaction, so a failed job leaves nothing behind but its reason.

The file's bytes are kept in the job row (not on a disk): a worker on another machine needs only
the database (and, for the draft's copy of the file, the same media storage the web server uses).
They are cleared once the job is done.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.models import Region
from luoshi_web.reports.models import ImportDraft
from luoshi_web.validators import YEAR_VALIDATORS, year_check


class ImportBatch(models.Model):
    """One upload (a zip or several files) or one ``luoshi import DIR``: who, where from, when."""

    class Source(models.TextChoices):
        ZIP = "zip", _("压缩包")
        FILES = "files", _("多个文件")
        FOLDER = "folder", _("文件夹")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("导入人"))
    # The region chosen; with ``region_from_text`` the region each report names is used instead (it
    # must be one the importer supervises). Empty: ``luoshi import --region-from-text`` without a region.
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("地区"))
    region_from_text = models.BooleanField(_("从原文识别地区"), default=False)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, validators=YEAR_VALIDATORS)
    source = models.CharField(_("来源"), max_length=10, choices=Source.choices)
    source_name = models.CharField(_("来源名称"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("导入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("批量导入")
        verbose_name_plural = _("批量导入")
        ordering = ["-created_at", "-pk"]
        constraints = [year_check("year", "importbatch_year_in_range")]

    def __str__(self) -> str:
        return f"{self.source_name or self.get_source_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("imports:batch_detail", args=[self.pk])


class ImportJob(models.Model):
    """One report file of a batch, extracted into a review draft by a worker."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("处理中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="jobs")
    file_name = models.CharField(_("文件名"), max_length=255)
    content = models.BinaryField(default=b"", editable=False)  # the file; emptied when done
    size = models.PositiveIntegerField(_("大小"), default=0)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("地区"))
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, validators=YEAR_VALIDATORS)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    reason = models.TextField(_("失败原因"), blank=True)
    draft = models.ForeignKey(ImportDraft, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("审核草稿"))
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    task_id = models.CharField(max_length=64, blank=True)  # the queue's id of the last enqueued run
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("导入任务")
        verbose_name_plural = _("导入任务")
        ordering = ["batch", "file_name", "pk"]
        constraints = [year_check("year", "importjob_year_in_range")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"
