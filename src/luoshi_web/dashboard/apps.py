from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "luoshi_web.dashboard"
    label = "dashboard"
    verbose_name = _("督查看板")
