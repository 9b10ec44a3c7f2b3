from django import forms
from django.utils.translation import gettext_lazy as _


class SheetUploadForm(forms.Form):
    file = forms.FileField(label=_("填好的分工表（.xlsx）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm"}))
