"""What is tracked: commitments, who carries them out, the plan, and the progress reported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi_web.org.models import OrgUnit
from luoshi_web.reports.models import Report
from luoshi_web.softdelete import LiveManager, SoftDeleteModel
from luoshi_web.validators import (
    DATE_VALIDATORS,
    PERCENT_VALIDATORS,
    VALUE_VALIDATORS,
    YEAR_VALIDATORS,
    date_check,
    percent_check,
    value_check,
    year_check,
)

# Bounds: luoshi_web.validators (the fields' validators and the check constraints below).
VALUE = {"max_digits": 28, "decimal_places": 6, "null": True, "blank": True, "validators": VALUE_VALIDATORS}


class Commitment(SoftDeleteModel):
    """One item of a report: everything the extractor gives, plus what a supervisor adds."""

    class Kind(models.TextChoices):
        TARGET = "target", _("目标")
        RESULT = "result", _("成效")
        PROJECT = "project", _("项目")
        TASK = "task", _("任务")

    class Comparator(models.TextChoices):
        APPROX = "approx", _("左右")
        MIN = "min", _("以上")
        MAX = "max", _("以内")
        EXACT = "exact", _("等于")

    class Binding(models.TextChoices):
        BINDING = "binding", _("约束性")
        EXPECTED = "expected", _("预期性")

    class Measure(models.TextChoices):
        CUMULATIVE = "cumulative", _("累计量")
        LEVEL = "level", _("水平值")

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("报告"))
    position = models.PositiveIntegerField(_("序号"), default=0)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="subtasks", verbose_name=_("上级任务")
    )
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    indicator = models.CharField(_("指标/任务"), max_length=300)
    value = models.DecimalField(_("目标值"), **VALUE)
    value_max = models.DecimalField(_("目标上限"), **VALUE)
    unit = models.CharField(_("单位"), max_length=40, blank=True)
    comparator = models.CharField(_("比较"), max_length=10, choices=Comparator.choices, blank=True)
    qualifier = models.CharField(_("限定"), max_length=100, blank=True)
    raw_value = models.CharField(_("原文数值"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, validators=YEAR_VALIDATORS)
    text = models.TextField(_("原文"))
    start = models.PositiveIntegerField(_("起点"), null=True, blank=True)
    end = models.PositiveIntegerField(_("终点"), null=True, blank=True)
    section = models.JSONField(_("章节"), default=list, blank=True)
    rule = models.CharField(_("规则"), max_length=100, blank=True)
    category = models.CharField(_("类别"), max_length=100, blank=True, db_index=True)
    binding = models.CharField(_("约束性/预期性"), max_length=10, choices=Binding.choices, blank=True)
    measure = models.CharField(_("进度计量"), max_length=12, choices=Measure.choices, default=Measure.CUMULATIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        ordering = ["report_id", "position", "id"]
        indexes = [models.Index(fields=["report", "kind"])]
        constraints = [
            year_check("year", "commitment_year_in_range"),
            value_check("value", "commitment_value_in_range"),
            value_check("value_max", "commitment_value_max_in_range"),
        ]

    def __str__(self) -> str:
        return self.indicator

    def get_absolute_url(self) -> str:
        return reverse("commitment_detail", args=[self.pk])

    @property
    def target_year(self) -> int:
        return self.year or self.report.year


class Assignment(SoftDeleteModel):
    """Who carries out a commitment, by when, and in what form the result is shown (分工)."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("每月")
        QUARTERLY = "quarterly", _("每季度")

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="assignments")
    lead_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="led_assignments", verbose_name=_("牵头单位"))
    supporting_units = models.ManyToManyField(
        OrgUnit, blank=True, related_name="supported_assignments", verbose_name=_("配合单位")
    )
    deadline = models.DateField(_("完成时限"), validators=DATE_VALIDATORS)
    result_form = models.CharField(_("成果形式"), max_length=200, blank=True)
    frequency = models.CharField(_("报送频次"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    note = models.TextField(_("内部备注"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # 已办结: set when the supervisor approves the lead unit's closure application (a stored state:
    # the status rule rates a closed commitment 已完成 from that day on, whatever was reported)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("办结人"))

    history = HistoricalRecords(m2m_fields=[supporting_units])

    class Meta:
        verbose_name = _("分工")
        verbose_name_plural = _("分工")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment"], condition=models.Q(deleted_at__isnull=True), name="assignment_one_live_per_commitment"
            ),
            date_check("deadline", "assignment_deadline_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment} → {self.lead_unit}"


class Milestone(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="milestones")
    due = models.DateField(_("节点日期"), validators=DATE_VALIDATORS)
    planned_value = models.DecimalField(_("计划值"), **VALUE)
    description = models.CharField(_("节点说明"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("节点")
        verbose_name_plural = _("节点")
        ordering = ["due"]
        constraints = [
            date_check("due", "milestone_due_in_range"),
            value_check("planned_value", "milestone_planned_value_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.due}: {self.planned_value}"


class CountedManager(LiveManager):
    """The progress that rates a commitment: live reports that are submitted or verified.

    A returned report (退回: the supervisor found it wrong), a withdrawn one (撤回) and a supporting
    unit's report on its own part (配合单位分项: the lead unit reports the whole) are not the
    commitment's progress, so every status, list, dashboard and bulletin reading ``ProgressReport.objects``
    ignores them without knowing the workflow; the workflow pages read ``ProgressReport.filed``.
    """

    def get_queryset(self):
        return super().get_queryset().filter(state__in=ProgressReport.COUNTED, is_part=False)


class ProgressReport(SoftDeleteModel):
    """A unit's account of where it stands at the end of a period; the supervisor may verify it.

    Workflow (``state``, every change recorded in history with who and why)::

        submitted ──核实──> verified ──取消核实──> submitted
            │  └──退回(reason)──> returned ──改正后重新报送──> submitted
            └─撤回(author, before verification)──> withdrawn (also soft-deleted)

    ``verified`` mirrors ``state == verified`` (the services keep them together): the public
    pages, the dashboard and the bulletin filter on it.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("待核实")
        VERIFIED = "verified", _("已核实")
        RETURNED = "returned", _("已退回")
        WITHDRAWN = "withdrawn", _("已撤回")

    COUNTED = (State.SUBMITTED, State.VERIFIED)

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="progress_reports")
    as_of = models.DateField(_("截至日期"), validators=DATE_VALIDATORS)
    value = models.DecimalField(_("累计完成值"), **VALUE)
    percent_done = models.DecimalField(_("完成进度(%)"), max_digits=5, decimal_places=2, null=True, blank=True,
                                       validators=PERCENT_VALIDATORS)
    narrative = models.TextField(_("进展情况"))
    links = models.TextField(_("佐证链接"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("填报人"))
    created_at = models.DateTimeField(_("填报时间"), auto_now_add=True)
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("报送单位"))
    is_part = models.BooleanField(_("配合单位分项"), default=False)  # a supporting unit's own part: not rated
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.SUBMITTED)
    submitted_at = models.DateTimeField(_("报送时间"), default=timezone.now)  # the last (re)submission: the inbox's age
    verified = models.BooleanField(_("已核实"), default=False)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    verifier_note = models.TextField(_("核实意见"), blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("退回人"))
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    return_reason = models.TextField(_("退回原因"), blank=True)
    # a token the form carries (one per form shown): the same submission sent twice (a retry after a
    # network failure, a double click) is the same report, never a duplicate
    client_token = models.UUIDField(null=True, blank=True, editable=False)

    objects = CountedManager()
    filed = LiveManager()  # every live report, returned ones included: the workflow's pages
    all_objects = models.Manager()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["-as_of", "-created_at"]
        # the newest report of each assignment (lists, dashboard) reads this index in order, unsorted
        indexes = [models.Index(fields=["assignment", "-as_of", "-created_at", "-id"], name="tracking_progress_newest_idx"),
                   models.Index(fields=["state", "submitted_at"], name="tracking_progress_inbox_idx")]
        constraints = [
            date_check("as_of", "progress_as_of_in_range"),
            value_check("value", "progress_value_in_range"),
            percent_check("percent_done", "progress_percent_done_in_range"),
            models.UniqueConstraint(fields=["author", "client_token"], name="progress_client_token_once"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.commitment} @ {self.as_of}"

    def save(self, *args, **kwargs) -> None:
        if self.verified and self.state == self.State.SUBMITTED:
            self.state = self.State.VERIFIED  # a row written with the flag only (a script, a fixture)
        if self.state == self.State.WITHDRAWN and self.deleted_at is None:
            self.state = self.State.SUBMITTED  # restored (回收站): awaiting verification again
            self.verified = False
        super().save(*args, **kwargs)

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Closure(models.Model):
    """办结申请: the lead unit asks to close its commitment, with a summary and evidence; the
    supervisor approves (the assignment is then 已办结) or rejects it with a reason."""

    class State(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未通过")

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="closures")
    summary = models.TextField(_("办结说明"))
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.PENDING)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("申请人"))
    applied_at = models.DateTimeField(_("申请时间"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("审批人"))
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("办结申请")
        verbose_name_plural = _("办结申请")
        ordering = ["-applied_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment"], condition=models.Q(state="pending"),
                                    name="closure_one_pending_per_assignment"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment.commitment} 办结申请"


class Comment(models.Model):
    """批示 / 回复: a thread on a commitment between the supervision office (instructions) and the
    units carrying it out (replies), which may mention units; seen only by those who see the
    commitment from inside, and never changed once written (the history keeps it)."""

    class Kind(models.TextChoices):
        INSTRUCTION = "instruction", _("批示")
        REPLY = "reply", _("回复")

    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="comments")
    kind = models.CharField(_("类型"), max_length=12, choices=Kind.choices)
    body = models.TextField(_("内容"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作者"))
    unit = models.ForeignKey(OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    mentions = models.ManyToManyField(OrgUnit, blank=True, related_name="mentioned_in", verbose_name=_("提及单位"))
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    # one per form shown, as for progress reports: a double click or a retry posts the 批示 once
    client_token = models.UUIDField(null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[mentions])

    class Meta:
        verbose_name = _("批示")
        verbose_name_plural = _("批示")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["author", "client_token"], name="comment_client_token_once")]

    def __str__(self) -> str:
        return self.body[:40]


class Evidence(models.Model):
    """A file attached to a progress report or a closure application; served only through a view that checks access."""

    progress = models.ForeignKey(ProgressReport, on_delete=models.PROTECT, related_name="evidence", null=True, blank=True)
    closure = models.ForeignKey(Closure, on_delete=models.PROTECT, related_name="evidence", null=True, blank=True)
    file = models.FileField(upload_to="evidence/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        constraints = [models.CheckConstraint(
            condition=models.Q(progress__isnull=False, closure__isnull=True) | models.Q(progress__isnull=True,
                                                                                      closure__isnull=False),
            name="evidence_belongs_to_one_record")]

    def __str__(self) -> str:
        return self.name
