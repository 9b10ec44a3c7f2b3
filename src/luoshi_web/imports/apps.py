from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "luoshi_web.imports"
    label = "imports"
    verbose_name = _("批量导入")
