from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi_web.compare.selectors import indicator_choices
from luoshi_web.compare.services import NO_MATCH


class MatchForm(forms.Form):
    """Confirm or correct which catalogue indicator a report's name means."""

    text = forms.CharField(max_length=300, widget=forms.HiddenInput)
    indicator = forms.ChoiceField(label=_("标准指标"), choices=())
    reason = forms.CharField(label=_("说明"), max_length=100, required=False)
    everywhere = forms.BooleanField(label=_("适用于所有地区"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            (NO_MATCH, _("不匹配（不与任何指标配对）")), *((i, f"{name} ({i})") for i, name in indicator_choices()),
        ]

    @property
    def indicator_id(self) -> str | None:
        value = self.cleaned_data["indicator"]
        return None if value == NO_MATCH else value
