from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.models import OrgUnit
from luoshi_web.supervision.services import REASON_MAX


class ReminderForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("催办单位"), queryset=OrgUnit.objects.none(), required=False,
                                  help_text=_("牵头单位或配合单位"))
    reason = forms.CharField(label=_("催办事由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
