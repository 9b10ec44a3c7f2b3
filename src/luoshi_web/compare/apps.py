from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompareConfig(AppConfig):
    name = "luoshi_web.compare"
    label = "compare"
    verbose_name = _("兑现对照")
