"""The API tokens page: a supervisor lists, creates and revokes the tokens of the units in their
regions. The secret is shown in the answer to the creation only (never stored, never shown again)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.org import selectors as org_selectors
from luoshi_web.org.access import AccessDenied, actor_for

from . import services
from .models import ApiToken


class TokenForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label=gettext_lazy("单位"))
    name = forms.CharField(max_length=100, label=gettext_lazy("名称"),
                           help_text=gettext_lazy("用途，如“市人社局业务系统”，便于日后辨认和吊销。"))

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def _supervisor(request: HttpRequest):
    actor = actor_for(request.user)
    if not actor.is_supervisor:
        raise AccessDenied(_("只有督查员和管理员可以管理 API 令牌。请用督查员账号登录。"))
    return actor


def _tokens(actor):
    return (ApiToken.objects.filter(unit__in=org_selectors.managed_units(actor))
            .select_related("unit__region", "created_by", "revoked_by").order_by("unit__name", "-created_at"))


@never_cache
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    actor = _supervisor(request)
    units = org_selectors.managed_units(actor, active_only=True).order_by("region__name", "name")
    form = TokenForm(request.POST or None, units=units)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            created = services.token_create(user=request.user, unit=form.cleaned_data["unit"],
                                            name=form.cleaned_data["name"])
        except DomainError as e:
            form.add_error(e.field if e.field in form.fields else None, e.message)
        else:
            form = TokenForm(units=units)
    return render(request, "apitokens/tokens.html",
                  {"tokens": _tokens(actor), "form": form, "created": created, "actor": actor,
                   "api_base": request.build_absolute_uri("/api/")},
                  status=400 if form.errors else 200)


@require_POST
@login_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _supervisor(request)
    token = _tokens(actor).filter(pk=pk).first()
    if token is None:
        raise Http404(_("没有这个令牌，或它的单位不在您督查的地区内。"))
    try:
        services.token_revoke(user=request.user, token=token)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已吊销令牌“%(name)s”（%(unit)s）：用它的请求从现在起被拒绝。") % {
            "name": token.name, "unit": token.unit.name})
    return redirect("apitokens:tokens")
