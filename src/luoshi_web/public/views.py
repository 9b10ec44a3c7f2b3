"""Public pages: no login, read-only, readable on a phone; CSV and JSON of every list shown."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from luoshi_web.exports.tables import table_response, wants_data
from luoshi_web.public import plain, selectors

PAGE_SIZE = 50


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html", {"region_years": selectors.published_region_years()})


def region_year(request: HttpRequest, region_id: int, year: int) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if plain.from_code(status) else ""
    category = request.GET.get("category", "")
    page_data = selectors.region_year(region_id=region_id, year=year, day=timezone.localdate(),
                                      status=status, category=category)
    if wants_data(request):
        tables = {"commitments": page_data.table}
        if page_data.subregions is not None:
            tables["subregions"] = page_data.subregions
        return table_response(request, tables, f"public-{region_id}-{year}")
    page = Paginator(page_data.items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "public/region_year.html", {
        "p": page_data, "page": page, "status": status, "category": category, "query": query.urlencode(),
        "plains": [(x, page_data.counts[x.code]) for x in plain.PLAINS], "records": page_data.counts["record"],
        "today": timezone.localdate(),
    })


def commitment(request: HttpRequest, pk: int) -> HttpResponse:
    data = selectors.commitment(pk=pk, day=timezone.localdate())
    if wants_data(request):
        return table_response(request, {"timeline": data.table}, f"public-commitment-{pk}")
    return render(request, "public/commitment.html", {"d": data, "c": data.item})
