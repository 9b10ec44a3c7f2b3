"""催办: a reminder to a unit about one commitment, sent by a supervisor or by the scheduled job.

A reminder is a record, not only a message: who was reminded (a unit), about what (a commitment
and its assignment), why, by whom (a supervisor, or nobody for the automatic ones), when, and
whether the unit has read it. E-mail is a copy; the record is what the office audits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.models import OrgUnit


class Reminder(models.Model):
    class Kind(models.TextChoices):
        MANUAL = "manual", _("督查催办")
        DUE_SOON = "due_soon", _("临期提醒")
        MISSING_REPORT = "missing_report", _("缺报提醒")

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("催办单位"))
    commitment = models.ForeignKey("tracking.Commitment", on_delete=models.PROTECT, related_name="reminders",
                                   verbose_name=_("任务"))
    assignment = models.ForeignKey("tracking.Assignment", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="reminders", verbose_name=_("分工"))
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.MANUAL)
    reason = models.TextField(_("催办事由"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("催办人"))
    created_at = models.DateTimeField(_("催办时间"), auto_now_add=True)
    # the automatic ones: one per assignment, kind and period (or deadline); manual ones have none
    key = models.CharField(max_length=100, null=True, blank=True, unique=True, editable=False)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    read_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("阅读人"))
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    email_recipients = models.TextField(_("邮件收件人"), blank=True)
    email_error = models.TextField(_("邮件错误"), blank=True)

    class Meta:
        verbose_name = _("催办")
        verbose_name_plural = _("催办")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "read_at"], name="supervision_unit_unread_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.unit}: {self.commitment}"

    def get_absolute_url(self) -> str:
        return reverse("supervision:reminder_detail", args=[self.pk])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
