"""Supervisor dashboard pages; thin: parse the request, ask a selector, render or hand out data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from luoshi_web.dashboard import selectors
from luoshi_web.dashboard.forms import AsOfForm
from luoshi_web.exports.tables import table_response, wants_data
from luoshi_web.org.access import actor_for


@login_required
def dashboard_home(request: HttpRequest) -> HttpResponse:
    """Send a supervisor to the newest region-year they supervise."""
    pairs = selectors.supervised_region_years(actor_for(request.user))
    if not pairs:
        return render(request, "dashboard/empty.html")
    region, year = pairs[0]
    return redirect("dashboard", region_id=region.pk, year=year)


@login_required
def dashboard(request: HttpRequest, region_id: int, year: int) -> HttpResponse:
    actor = actor_for(request.user)
    form = AsOfForm(request.GET or None)
    as_of = form.day().isoformat() if request.GET.get("as_of") and form.is_valid() else ""
    board = selectors.dashboard(actor=actor, region_id=region_id, year=year, day=form.day(), as_of=as_of)
    if wants_data(request):
        return table_response(request, board.tables, f"dashboard-{region_id}-{year}")
    return render(request, "dashboard/dashboard.html", {
        "board": board, "form": form, "t": board.tables,
        "charts": [c.to_dict() for c in board.charts],
        "choices": board.choices,
        "bulletin_month": selectors.bulletin_month(year, board.day),
    })
