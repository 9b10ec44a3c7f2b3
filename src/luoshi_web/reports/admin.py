"""Admin for administrators. No hard deletes here either: removal goes through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi_web.reports.models import ImportDraft, Report


class NoDeleteMixin:
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("title", "region", "year", "published", "imported_by", "imported_at", "deleted_at")
    list_filter = ("region", "year", "published")
    readonly_fields = ("sha256", "text", "imported_by", "imported_at")

    def get_queryset(self, request):
        return Report.all_objects.select_related("region", "imported_by")


@admin.register(ImportDraft)
class ImportDraftAdmin(NoDeleteMixin, admin.ModelAdmin):
    list_display = ("title", "region", "state", "created_by", "created_at")
    list_filter = ("state",)
    readonly_fields = ("items", "text", "sha256")
