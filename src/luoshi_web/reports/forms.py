from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.models import Region
from luoshi_web.tracking.models import Commitment


class UploadForm(forms.Form):
    region = forms.ModelChoiceField(label=_("地区"), queryset=Region.objects.none())
    file = forms.FileField(label=_("报告文件"), help_text=_("支持 .txt .docx .pdf .html"))
    year = forms.IntegerField(label=_("年份"), required=False, min_value=1949, max_value=2100,
                              help_text=_("留空则从原文推断"))
    title = forms.CharField(label=_("标题"), required=False, max_length=300, help_text=_("留空则使用文件标题"))

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if regions is not None:
            self.fields["region"].queryset = regions
            if regions.count() == 1:
                self.fields["region"].initial = regions.first()


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Commitment.Kind.choices)
    indicator = forms.CharField(label=_("指标/任务"), max_length=300)
    value = forms.CharField(label=_("目标值"), required=False, max_length=40)
    value_max = forms.CharField(label=_("上限"), required=False, max_length=40)
    unit = forms.CharField(label=_("单位"), required=False, max_length=40)
    comparator = forms.ChoiceField(label=_("比较"), required=False, choices=[("", "—"), *Commitment.Comparator.choices])
    year = forms.CharField(label=_("年份"), required=False, max_length=4)
    category = forms.CharField(label=_("类别"), required=False, max_length=100)
    binding = forms.ChoiceField(label=_("约束性/预期性"), required=False, choices=[("", "—"), *Commitment.Binding.choices])
    measure = forms.ChoiceField(label=_("进度计量"), choices=Commitment.Measure.choices)


class ConfirmForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), required=False, min_value=1949, max_value=2100)
    title = forms.CharField(label=_("标题"), required=False, max_length=300)
    published = forms.BooleanField(label=_("同时向公众公开"), required=False)
