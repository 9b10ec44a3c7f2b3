from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.models import Region


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe): a list of uploads."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".zip,.txt,.md,.html,.htm,.docx,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class BatchUploadForm(forms.Form):
    region = forms.ModelChoiceField(label=_("地区"), queryset=Region.objects.none())
    files = MultipleFileField(label=_("报告文件或 zip 压缩包"),
                              help_text=_("一个含多份报告的 zip 压缩包，或最多 10 个报告文件（.txt .docx .pdf .html）"))
    region_from_text = forms.BooleanField(
        label=_("从原文识别每份报告的地区"), required=False,
        help_text=_("勾选后按原文（如“我代表××市人民政府”）确定地区，须为上面所选地区或其下级地区"))
    year = forms.IntegerField(label=_("年份"), required=False, min_value=1949, max_value=2100,
                              help_text=_("留空则从原文推断"))

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions
            if regions.count() == 1:
                self.fields["region"].initial = regions.first()
