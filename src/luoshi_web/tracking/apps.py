from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "luoshi_web.tracking"
    label = "tracking"
    verbose_name = _("任务跟踪")
