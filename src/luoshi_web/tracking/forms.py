from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking.models import Assignment, Commitment
from luoshi_web.tracking.services import MilestoneInput
from luoshi_web.validators import DATE_VALIDATORS, date_ok, parse_decimal
from luoshi_web.widgets import FastCheckboxSelectMultiple, FastSelect


class FilterForm(forms.Form):
    q = forms.CharField(label=_("搜索"), required=False)
    report = forms.IntegerField(required=False, widget=forms.HiddenInput)
    unit = forms.IntegerField(label=_("单位"), required=False)
    category = forms.CharField(label=_("类别"), required=False)
    kind = forms.ChoiceField(label=_("类型"), required=False, choices=[("", "—"), *Commitment.Kind.choices])
    status = forms.CharField(label=_("状态"), required=False)


class CommitmentForm(forms.ModelForm):
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=200)
    version = forms.CharField(required=False, widget=forms.HiddenInput)  # optimistic concurrency: see services

    class Meta:
        model = Commitment
        fields = ["kind", "indicator", "value", "value_max", "unit", "comparator", "qualifier", "year",
                  "category", "binding", "measure"]


class AssignmentForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=OrgUnit.objects.none(), widget=FastSelect)
    supporting_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=OrgUnit.objects.none(), required=False, widget=FastCheckboxSelectMultiple
    )
    deadline = forms.DateField(label=_("完成时限"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                               validators=DATE_VALIDATORS)
    result_form = forms.CharField(label=_("成果形式"), required=False, max_length=200,
                                  help_text=_("如：统计数据、验收报告、政策文件"))
    frequency = forms.ChoiceField(label=_("报送频次"), choices=Assignment.Frequency.choices)
    milestones = forms.CharField(
        label=_("节点计划"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一个：日期 计划累计值 说明，如 2024-06-30 35 过半"),
    )
    note = forms.CharField(label=_("内部备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(label=_("调整原因"), required=False, max_length=200)
    version = forms.CharField(required=False, widget=forms.HiddenInput)  # optimistic concurrency: see services

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["lead_unit"].queryset = units
            self.fields["supporting_units"].queryset = units

    def clean_milestones(self) -> list[MilestoneInput]:
        out = []
        for n, line in enumerate(self.cleaned_data["milestones"].splitlines(), 1):
            parts = line.split(maxsplit=2)
            if not parts:
                continue
            try:
                due = date.fromisoformat(parts[0])
            except ValueError:
                raise ValidationError(_("第 %(n)s 行“%(line)s”格式不对，应为：2024-06-30 35 说明") % {"n": n, "line": line}) from None
            if not date_ok(due):
                raise ValidationError(_("第 %(n)s 行的日期 %(date)s 不在 1949 年到 2100 年之间。") % {"n": n, "date": due})
            try:
                value = parse_decimal(parts[1]) if len(parts) > 1 else None
            except ValueError:
                raise ValidationError(_("第 %(n)s 行的计划值“%(value)s”不是有效的数字（或超出范围）。") % {
                    "n": n, "value": parts[1]}) from None
            out.append(MilestoneInput(due=due, planned_value=value, description=parts[2] if len(parts) > 2 else ""))
        return out


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ProgressForm(forms.Form):
    as_of = forms.DateField(label=_("截至日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                            validators=DATE_VALIDATORS)
    value = forms.DecimalField(label=_("累计完成值"), required=False, max_digits=28, decimal_places=6)
    percent_done = forms.DecimalField(label=_("完成进度(%)"), required=False, min_value=0, max_value=100,
                                      max_digits=5, decimal_places=2)
    narrative = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}))
    links = forms.CharField(label=_("佐证链接"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("每行一个网址"))
    files = MultipleFileField(label=_("佐证材料"), required=False)
    client_token = forms.UUIDField(required=False, widget=forms.HiddenInput)  # the same form sent twice: one report


class VerifyForm(forms.Form):
    verified = forms.BooleanField(required=False)
    note = forms.CharField(label=_("核实意见"), required=False, max_length=1000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), required=False, max_length=1000)


class InboxFilterForm(forms.Form):
    unit = forms.IntegerField(label=_("单位"), required=False, min_value=1)
    age = forms.TypedChoiceField(label=_("等待"), required=False, coerce=int, empty_value=0,
                                 choices=[(0, _("全部")), (3, _("3天以上")), (7, _("7天以上")), (14, _("14天以上")),
                                          (30, _("30天以上"))])


class ClosureForm(forms.Form):
    summary = forms.CharField(label=_("办结说明"), widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("完成了什么、成果形式，附佐证材料"))
    files = MultipleFileField(label=_("佐证材料"), required=False)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("批示/回复"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                           help_text=_("可写 @单位名 提及承办单位"))
    mentions = forms.ModelMultipleChoiceField(label=_("提及单位"), queryset=OrgUnit.objects.none(), required=False,
                                              widget=FastCheckboxSelectMultiple)
    client_token = forms.UUIDField(required=False, widget=forms.HiddenInput)  # the same form sent twice: one 批示

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["mentions"].queryset = units
