from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.models import Membership, OrgUnit, Region


class UnitForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    region = forms.ModelChoiceField(label=_("地区"), queryset=Region.objects.none())
    parent = forms.ModelChoiceField(label=_("上级单位"), queryset=OrgUnit.objects.none(), required=False)
    is_supervision_office = forms.BooleanField(label=_("督查机构"), required=False)
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=200)

    def __init__(self, *args, regions=None, units=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions if regions is not None else Region.objects.none()
        self.fields["parent"].queryset = units if units is not None else OrgUnit.objects.none()
        if editing:
            self.fields["region"].disabled = True  # a unit's region is where its work and history are
        else:
            del self.fields["active"], self.fields["reason"]


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=_("邮箱"), required=False, help_text=_("催办和提醒会发到这个邮箱"))
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput(render_value=False),
                               help_text=password_validation.password_validators_help_text_html)
    unit = forms.ModelChoiceField(label=_("单位"), queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label=_("角色"), choices=Membership.Role.choices, initial=Membership.Role.REPORTER)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class UserEditForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=150, required=False)
    email = forms.EmailField(label=_("邮箱"), required=False)
    is_active = forms.BooleanField(label=_("账号启用"), required=False)


class PasswordForm(forms.Form):
    password = forms.CharField(label=_("新密码"), widget=forms.PasswordInput(render_value=False))


class MembershipForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label=_("角色"), choices=Membership.Role.choices, initial=Membership.Role.REPORTER)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else OrgUnit.objects.none()


class RegionForm(forms.Form):
    name = forms.CharField(label=_("地区名称"), max_length=100)
    level = forms.ChoiceField(label=_("层级"), choices=Region.Level.choices)
    parent = forms.ModelChoiceField(label=_("上级地区"), queryset=Region.objects.all(), required=False)
