"""Admin for administrators, e.g. to restore a soft-deleted row (clear ``deleted_at``)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi_web.reports.admin import NoDeleteMixin
from luoshi_web.tracking.models import Assignment, Closure, Comment, Commitment, Milestone, ProgressReport


@admin.register(Commitment)
class CommitmentAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("indicator", "kind", "value", "unit", "category", "report", "deleted_at")
    list_filter = ("kind", "category", "report")
    search_fields = ("indicator", "text")

    def get_queryset(self, request):
        return Commitment.all_objects.select_related("report")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    can_delete = False


@admin.register(Assignment)
class AssignmentAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("commitment", "lead_unit", "deadline", "frequency", "deleted_at")
    list_filter = ("lead_unit", "frequency")
    inlines = [MilestoneInline]

    def get_queryset(self, request):
        return Assignment.all_objects.select_related("commitment", "lead_unit")


@admin.register(ProgressReport)
class ProgressReportAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("assignment", "as_of", "value", "state", "is_part", "author", "created_at", "deleted_at")
    list_filter = ("state", "is_part")

    def get_queryset(self, request):
        return ProgressReport.all_objects.select_related("assignment__commitment", "author")


@admin.register(Closure)
class ClosureAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("assignment", "state", "applied_by", "applied_at", "decided_by", "decided_at")
    list_filter = ("state",)

    def get_queryset(self, request):
        return Closure.objects.select_related("assignment__commitment", "applied_by", "decided_by")


@admin.register(Comment)
class CommentAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("commitment", "kind", "author", "created_at")
    list_filter = ("kind",)
    search_fields = ("body",)
