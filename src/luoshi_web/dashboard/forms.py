"""The dashboard's one input: the day it is read as of (default: today)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from luoshi_web.validators import DATE_VALIDATORS


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("截至日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                            validators=DATE_VALIDATORS)

    def day(self) -> date:
        """The chosen day, or today when none (or a malformed one) was given: never an error page."""
        if self.is_valid() and self.cleaned_data.get("as_of"):
            return self.cleaned_data["as_of"]
        return timezone.localdate()
