from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HierarchyConfig(AppConfig):
    name = "luoshi_web.hierarchy"
    verbose_name = _("层级分解")
    default_auto_field = "django.db.models.BigAutoField"
