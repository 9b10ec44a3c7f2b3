from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "luoshi_web.supervision"
    label = "supervision"
    verbose_name = _("催办")
