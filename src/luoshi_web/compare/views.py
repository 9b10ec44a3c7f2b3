"""The 兑现对照 pages. Public (published reports only); the one write is a supervisor's match correction."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi.reconcile import load_catalogue, summarise
from luoshi_web.compare import selectors, services
from luoshi_web.compare.exports import download
from luoshi_web.compare.forms import MatchForm
from luoshi_web.compare.models import IndicatorMatch
from luoshi_web.compare.tables import VERDICT_COLOURS, chart_data, display_rows, result_lines, verdict_label
from luoshi_web.errors import DomainError
from luoshi_web.org.access import actor_for
from luoshi_web.validators import year_ok


def _indicator(request: HttpRequest) -> str:
    found = selectors.known_indicator(request.GET.get("indicator"))
    if found is None:
        raise Http404(_("指标目录中没有这个指标。 / Unknown indicator."))
    return found


def _with_query(name: str, fmt: str, **query) -> str:
    return f"{reverse(name, kwargs={'fmt': fmt})}?{urlencode(query)}"


def _indicator_name(indicator_id: str) -> str:
    ind = load_catalogue().get(indicator_id)
    return ind.name if ind else indicator_id


def _summary(rows) -> list[tuple[str, str, int]]:
    counts = summarise(rows)
    order = [v for v in VERDICT_COLOURS if v in counts] + sorted(v for v in counts if v not in VERDICT_COLOURS)
    return [(verdict_label(v), VERDICT_COLOURS.get(v, "none"), counts[v]) for v in order]


def index(request: HttpRequest) -> HttpResponse:
    data = selectors.index_data()
    return render(request, "compare/index.html", {
        **data, "indicators": selectors.indicator_choices(), "indicator": selectors.DEFAULT_INDICATOR,
        "year": selectors.default_year(),
    })


def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(pk)
    rec = selectors.report_reconciliation(report)
    actor = actor_for(request.user)
    # Who corrected a match and why is the office's record, not the public's: only those who may
    # correct this region's matches see the names and reasons (finding 6 of issue 10).
    internal = actor.supervises(report.region_id)
    return render(request, "compare/report.html", {
        "rec": rec, "report": report, "rows": display_rows(rec.rows, rec.documents, rec.entries,
                                                                statements_in=str(rec.next_report.pk) if rec.next_report else None),
        "unmatched": result_lines(rec.unmatched_results, rec.documents, rec.entries),
        "memory": [(e, rec.history.get(e.pk, []) if internal else []) for e in rec.entries.values()],
        "summary": _summary(rec.rows), "can_correct": internal, "show_audit": internal,
        "is_admin": actor.is_admin, "indicators": selectors.indicator_choices(),
    })


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.report_get(pk)
    rec = selectors.report_reconciliation(report)
    nxt = rec.next_report
    about = {"kind": "reconcile", "region": report.region.name, "year": report.year,
             "report": {"id": report.pk, "title": report.title, "year": report.year},
             "next_report": {"id": nxt.pk, "title": nxt.title, "year": nxt.year} if nxt else None}
    return download(fmt, rec.rows, name=f"兑现对照-{report.region.name}-{report.year}", about=about)


@login_required
@require_POST
def match_set(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(pk)
    form = MatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择一个标准指标，或“不匹配”。"))
        return redirect("compare:report", pk=report.pk)
    region = None if form.cleaned_data["everywhere"] else report.region
    try:
        services.indicator_match_set(user=request.user, region=region, text=form.cleaned_data["text"],
                                     indicator_id=form.indicator_id, reason=form.cleaned_data["reason"])
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已记住：“%(text)s” → %(target)s。") % {
            "text": form.cleaned_data["text"],
            "target": _indicator_name(form.indicator_id) if form.indicator_id else _("不匹配"),
        })
    return redirect("compare:report", pk=report.pk)


@login_required
@require_POST
def match_clear(request: HttpRequest, pk: int) -> HttpResponse:
    entry = IndicatorMatch.objects.select_related("region").filter(pk=pk).first()
    if entry is None:
        raise Http404(_("没有这条匹配。 / No such match."))
    services.indicator_match_clear(user=request.user, entry=entry, reason=request.POST.get("reason", ""))
    messages.success(request, _("已撤销“%(text)s”的人工匹配，恢复自动匹配。") % {"text": entry.text})
    back = request.POST.get("report", "")
    return redirect("compare:report", pk=int(back)) if back.isdigit() else redirect("compare:index")


def region_pick(request: HttpRequest) -> HttpResponse:
    """The start page's region form (works without JavaScript): on to that region's page."""
    raw = request.GET.get("region", "")
    if not raw.isdigit():
        return redirect("compare:index")
    region = selectors.region_get(int(raw))
    return redirect(f"{reverse('compare:region', args=[region.pk])}?{urlencode({'indicator': _indicator(request)})}")


def region_page(request: HttpRequest, pk: int) -> HttpResponse:
    region = selectors.region_get(pk)
    indicator_id = _indicator(request)
    series = selectors.region_series(region, indicator_id)
    title = f"{region.name} · {_indicator_name(indicator_id)}"
    return render(request, "compare/region.html", {
        "region": region, "series": series, "indicator": indicator_id,
        "rows": [(d, getattr(series.reports.get(d.row.year), "pk", None)) for d in display_rows(series.rows)],
        "indicator_name": _indicator_name(indicator_id), "indicators": selectors.indicator_choices(),
        "chart": chart_data(series.rows, by="year", title=title), "summary": _summary(series.rows),
    })


def region_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    region = selectors.region_get(pk)
    indicator_id = _indicator(request)
    series = selectors.region_series(region, indicator_id)
    about = {"kind": "compare", "region": region.name, "indicator_id": indicator_id,
             "indicator": _indicator_name(indicator_id)}
    return download(fmt, series.rows, name=f"历年对照-{region.name}-{indicator_id}", about=about)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if not raw:
        return selectors.default_year()
    if not raw.isdigit() or len(raw) > 4 or not year_ok(int(raw)):
        raise Http404(_("年份不正确。 / Bad year."))
    return int(raw)


def across_page(request: HttpRequest) -> HttpResponse:
    indicator_id, year = _indicator(request), _year(request)
    across = selectors.across_regions(indicator_id, year)
    title = f"{year} · {_indicator_name(indicator_id)}"
    return render(request, "compare/across.html", {
        "across": across, "indicator": indicator_id, "year": year,
        "rows": [(d, getattr(across.regions.get(d.row.region or ""), "pk", None),
                  getattr(across.reports.get(d.row.region or ""), "pk", None)) for d in display_rows(across.rows)],
        "indicator_name": _indicator_name(indicator_id), "indicators": selectors.indicator_choices(),
        "years": selectors.index_years(), "chart": chart_data(across.rows, by="region", title=title),
        "summary": _summary(across.rows),
        "csv_url": _with_query("compare:across_download", "csv", indicator=indicator_id, year=year),
        "json_url": _with_query("compare:across_download", "json", indicator=indicator_id, year=year),
    })


def across_download(request: HttpRequest, fmt: str) -> HttpResponse:
    indicator_id, year = _indicator(request), _year(request)
    across = selectors.across_regions(indicator_id, year)
    about = {"kind": "compare", "year": year, "indicator_id": indicator_id, "indicator": _indicator_name(indicator_id)}
    return download(fmt, across.rows, name=f"各地区对照-{indicator_id}-{year}", about=about)
