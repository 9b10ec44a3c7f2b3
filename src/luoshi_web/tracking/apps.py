from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The empty choice of every select (Django's "- Select an option -"), in the reader's language;
# Django documents replacing BLANK_CHOICE_LABEL from an app's ready().
BLANK_CHOICE_LABEL = _("— 请选择 —")


class TrackingConfig(AppConfig):
    name = "luoshi_web.tracking"
    label = "tracking"
    verbose_name = _("任务跟踪")

    def ready(self) -> None:
        from django.db.models import fields

        fields.BLANK_CHOICE_LABEL = BLANK_CHOICE_LABEL
