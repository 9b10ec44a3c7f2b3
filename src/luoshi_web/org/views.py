"""The office's set-up pages (units, people and roles, regions): thin views over ``services``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from luoshi_web.errors import DomainError
from luoshi_web.org import selectors, services
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.org.forms import MembershipForm, PasswordForm, RegionForm, UnitForm, UserCreateForm, UserEditForm
from luoshi_web.org.models import Membership, Region


def _supervisor(request: HttpRequest):
    actor = actor_for(request.user)
    if not actor.is_supervisor:
        raise AccessDenied(_("只有督查员和管理员可以管理单位和人员。请用督查员账号登录。"))
    return actor


def _apply(form, call) -> object | None:
    """Run a service with the form's data; its refusal becomes the form's error (field or page)."""
    try:
        return call()
    except DomainError as e:
        form.add_error(e.field if e.field in form.fields else None, e.message)
        return None


@login_required
def units(request: HttpRequest) -> HttpResponse:
    actor = _supervisor(request)
    regions, all_units = selectors.managed_regions(actor), selectors.managed_units(actor)
    form = UnitForm(request.POST or None, regions=regions, units=all_units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = _apply(form, lambda: services.unit_create(user=request.user, name=d["name"], region=d["region"],
                                                        parent=d["parent"], is_supervision_office=d["is_supervision_office"]))
        if unit is not None:
            messages.success(request, _("已新建单位 %(unit)s。") % {"unit": unit.name})
            return redirect("org:units")
    return render(request, "org/units.html", {"units": selectors.units_with_members(actor), "form": form},
                  status=400 if form.errors else 200)


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _supervisor(request)
    unit = selectors.managed_units(actor).filter(pk=pk).first()
    if unit is None:
        raise Http404(_("没有这个单位，或不在您督查的地区内。"))
    initial = {"name": unit.name, "region": unit.region, "parent": unit.parent, "active": unit.active,
               "is_supervision_office": unit.is_supervision_office}
    form = UnitForm(request.POST or None, initial=initial, regions=selectors.managed_regions(actor),
                    units=selectors.managed_units(actor).exclude(pk=unit.pk), editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _apply(form, lambda: services.unit_update(
            user=request.user, unit=unit, name=d["name"], parent=d["parent"], active=d["active"],
            is_supervision_office=d["is_supervision_office"], reason=d["reason"]))
        if done is not None:
            messages.success(request, _("已保存单位 %(unit)s。") % {"unit": unit.name})
            return redirect("org:units")
        unit.refresh_from_db()
    members = unit.memberships.select_related("user").order_by("role", "user__username")
    history = unit.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "org/unit_edit.html", {"unit": unit, "form": form, "members": members, "history": history},
                  status=400 if form.errors else 200)


@login_required
def people(request: HttpRequest) -> HttpResponse:
    actor = _supervisor(request)
    form = UserCreateForm(request.POST or None, units=selectors.managed_units(actor, active_only=True))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        person = _apply(form, lambda: services.user_create(
            user=request.user, username=d["username"], password=d["password"], unit=d["unit"], role=d["role"],
            email=d["email"], full_name=d["full_name"]))
        if person is not None:
            messages.success(request, _("已新建用户 %(user)s。请把初始密码当面或另行告知本人。") % {"user": person.get_username()})
            return redirect("org:person", pk=person.pk)
    return render(request, "org/people.html", {"people": selectors.managed_people(actor), "form": form},
                  status=400 if form.errors else 200)


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One account: name and e-mail, a new password, roles given and taken (``action`` says which)."""
    actor = _supervisor(request)
    target = selectors.managed_people(actor).filter(pk=pk).first()
    if target is None:
        raise Http404(_("没有这个用户，或不在您督查的地区内。"))
    units = selectors.managed_units(actor, active_only=True)
    action = request.POST.get("action") if request.method == "POST" else None
    edit = UserEditForm(request.POST if action == "update" else None,
                        initial={"full_name": target.first_name, "email": target.email, "is_active": target.is_active})
    pw = PasswordForm(request.POST if action == "password" else None)
    role = MembershipForm(request.POST if action == "add_role" else None, units=units)
    done, error = None, None
    if action == "update" and edit.is_valid():
        d = edit.cleaned_data
        done = _apply(edit, lambda: services.user_update(user=request.user, person=target, email=d["email"],
                                                         full_name=d["full_name"], is_active=d["is_active"]))
    elif action == "password" and pw.is_valid():
        done = _apply(pw, lambda: services.user_set_password(user=request.user, person=target,
                                                             password=pw.cleaned_data["password"]) or True)
    elif action == "add_role" and role.is_valid():
        d = role.cleaned_data
        done = _apply(role, lambda: services.membership_add(user=request.user, person=target, unit=d["unit"], role=d["role"]))
    elif action == "remove_role":
        raw = request.POST.get("membership", "")
        m = Membership.objects.select_related("unit__region").filter(pk=int(raw), user=target).first() \
            if raw.isdigit() and len(raw) < 18 else None
        if m is None:
            error = _("没有这个角色（可能已被取消），请刷新页面。")
        else:
            try:
                services.membership_remove(user=request.user, membership=m)
                done = True
            except DomainError as e:
                error = e.message
    elif action is not None and action not in {"update", "password", "add_role"}:
        error = _("未知操作，请从页面上的按钮提交。")
    if done is not None:
        messages.success(request, _("已保存。"))
        return redirect("org:person", pk=target.pk)
    if error:
        messages.error(request, error)
    roles = target.memberships.select_related("unit", "unit__region").order_by("unit__name")
    history = Membership.history.filter(user_id=target.pk).select_related("history_user", "unit").order_by("-history_date")[:20]
    failed = action is not None
    return render(request, "org/person.html", {"person": target, "edit": edit, "pw": pw, "role_form": role,
                                               "roles": roles, "history": history}, status=400 if failed else 200)


def _admin(request: HttpRequest) -> None:
    if not actor_for(request.user).is_admin:
        raise AccessDenied(_("只有管理员可以管理地区。 / Only an administrator may manage regions."))


@login_required
def regions(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = RegionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        region = _apply(form, lambda: services.region_create(user=request.user, name=d["name"], level=d["level"],
                                                            parent=d["parent"]))
        if region is not None:
            messages.success(request, _("已新建地区 %(region)s。") % {"region": region.name})
            return redirect("org:regions")
    rows = Region.objects.select_related("parent").order_by("level", "name")
    return render(request, "org/regions.html", {"regions": rows, "form": form}, status=400 if form.errors else 200)


@login_required
def region_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _admin(request)
    region = Region.objects.filter(pk=pk).first()
    if region is None:
        raise Http404(_("没有这个地区。"))
    form = RegionForm(request.POST or None, initial={"name": region.name, "level": region.level, "parent": region.parent})
    form.fields["parent"].queryset = Region.objects.exclude(pk=region.pk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _apply(form, lambda: services.region_update(user=request.user, region=region, name=d["name"],
                                                          level=d["level"], parent=d["parent"]))
        if done is not None:
            messages.success(request, _("已保存地区 %(region)s。") % {"region": region.name})
            return redirect("org:regions")
        region.refresh_from_db()
    return render(request, "org/region_edit.html", {"region": region, "form": form}, status=400 if form.errors else 200)


