"""Admin for administrators: every match with its history; rows are cleared (soft), never dropped."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from luoshi_web.compare.models import IndicatorMatch
from luoshi_web.reports.admin import NoDeleteMixin


@admin.register(IndicatorMatch)
class IndicatorMatchAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ("text", "indicator_id", "region", "user", "updated", "deleted_at")
    list_filter = ("indicator_id", "region")
    search_fields = ("text", "key")

    def get_queryset(self, request):
        return IndicatorMatch.all_objects.select_related("region", "user")
