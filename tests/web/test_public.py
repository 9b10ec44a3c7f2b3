"""Public pages: published items only, plain-word status on verified progress, no internal notes."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi_web.public import selectors
from luoshi_web.public.plain import plain_for
from luoshi_web.tracking.services import assignment_set, progress_report_create, progress_report_verify
from luoshi_web.tracking.status import Status

from .conftest import make_commitment
from .test_dashboard_fixtures import report

pytestmark = pytest.mark.django_db


def region_url(w, **query) -> str:
    base = reverse("public_region_year", args=[w.hunan.pk, 2024])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize(("status", "word"), [
    (Status.DONE, "已完成"), (Status.AHEAD, "推进中"), (Status.ON_TRACK, "推进中"), (Status.NOT_STARTED, "推进中"),
    (Status.BEHIND, "滞后"), (Status.SEVERELY_BEHIND, "滞后"), (Status.OVERDUE, "未完成"),
])
def test_every_status_maps_to_one_of_four_plain_words(status, word):
    assert str(plain_for(status).label) == word


def test_public_region_page_shows_the_published_item_and_not_the_unpublished_ones(client, province):
    w = province.world
    response = client.get(region_url(w))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-commitment="{w.c_pub.pk}"' in html and "城镇调查失业率" in html
    for hidden in (w.c_a, w.c_b, w.c_unassigned, province.done, province.over):
        assert f'data-commitment="{hidden.pk}"' not in html and hidden.indicator not in html


def test_public_region_page_rates_on_verified_progress_and_shows_the_source_sentence(client, province):
    w = province.world
    html = client.get(region_url(w)).content.decode()
    assert w.c_pub.text in html
    assert "城镇调查失业率截至2024-05-31累计5.1" in html  # the verified narrative
    page = selectors.region_year(region_id=w.hunan.pk, year=2024, day=date(2024, 6, 30))
    assert [(i.id, i.plain.code) for i in page.items] == [(w.c_pub.pk, "progressing")]
    assert page.counts["progressing"] == 1


def test_public_never_sees_internal_notes_unverified_reports_or_authors(client, province):
    w = province.world
    report(w, w.c_pub, date(2024, 6, 30), "5.9")  # self-reported, unverified: above the cap
    for target in (region_url(w), reverse("public_commitment", args=[w.c_pub.pk]),
                   region_url(w, format="json"), reverse("public_commitment", args=[w.c_pub.pk]) + "?format=json"):
        body = client.get(target).content.decode()
        for secret in ("不公开的备注", "内部核实意见", "累计5.9", "5.9"):
            assert secret not in body, (target, secret)
        assert not re.search(r"\b(su|rita)\b", body), "authors and verifiers are internal"
    page = selectors.region_year(region_id=w.hunan.pk, year=2024, day=date(2024, 6, 30))
    assert page.items[0].latest.value == Decimal("5.1")  # the verified report, not the newer self-report


def test_unpublished_region_year_and_commitment_are_not_found(client, province):
    w = province.world
    assert client.get(reverse("public_commitment", args=[w.c_a.pk])).status_code == 404
    assert client.get(reverse("public_region_year", args=[w.hubei.pk, 2024])).status_code == 404
    assert client.get(reverse("public_region_year", args=[w.hunan.pk, 2023])).status_code == 404
    w.public_report.published = False
    w.public_report.save()
    assert client.get(region_url(w)).status_code == 404
    assert client.get(reverse("public_commitment", args=[w.c_pub.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["su", "rita", "nick", "hu"])
def test_logged_in_users_see_exactly_the_public_view(province, persona):
    """A supervisor checking the public page sees what the public sees, not the internal items."""
    w = province.world
    html = w.client(getattr(w, persona)).get(region_url(w)).content.decode()
    assert "城镇调查失业率" in html and "城镇新增就业" not in html and "不公开的备注" not in html


def test_commitment_page_shows_a_timeline_of_verified_progress_with_the_status_then(client, province):
    w = province.world
    p = progress_report_create(user=w.su, assignment=w.a_pub, as_of=date(2024, 9, 30), value=Decimal("5.8"),
                               narrative="三季度失业率有所上升")
    progress_report_verify(user=w.su, progress=p, note="核实")
    html = client.get(reverse("public_commitment", args=[w.c_pub.pk])).content.decode()
    assert html.index("2024-09-30") < html.index("2024-05-31")  # newest first
    assert "三季度失业率有所上升" in html and "核实" not in html.replace("核实的进展", "").replace("经督查部门核实", "")
    data = selectors.commitment(pk=w.c_pub.pk, day=date(2024, 10, 1))
    assert [(e.as_of, e.plain.code) for e in data.timeline] == [(date(2024, 9, 30), "lagging"),
                                                                (date(2024, 5, 31), "progressing")]
    assert data.item.lead_unit == w.unit_a.name


def test_public_index_lists_published_region_years_only(client, province):
    w = province.world
    html = client.get(reverse("public_index")).content.decode()
    assert reverse("public_region_year", args=[w.hunan.pk, 2024]) in html
    assert "湖北省" not in html


def test_public_list_downloads_as_csv_and_json(client, province):
    w = province.world
    data = json.loads(client.get(region_url(w, format="json")).content)
    assert [r["indicator"] for r in data["commitments"]["rows"]] == ["城镇调查失业率"]
    response = client.get(region_url(w, table="commitments", format="csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "指标/任务", "类别"] and rows[1][1] == "城镇调查失业率"
    row = dict(zip(rows[0], rows[1], strict=True))  # the target as written and as exact figures
    assert (row["目标"], row["目标值"], row["目标上限"], row["计量单位"]) == ("5.5%以内", "5.5", "", "%")


def test_public_list_filters_by_plain_status_and_category(client, province):
    w = province.world
    other = make_commitment(w.public_report, 2, "新增城镇就业岗位", 50, category="民生实事")
    assignment_set(user=w.su, commitment=other, lead_unit=w.unit_a, deadline=date(2024, 12, 31))
    html = client.get(region_url(w, status="missed")).content.decode()  # today: 2024 is over, nothing reported
    assert f'data-commitment="{other.pk}"' in html and f'data-commitment="{w.c_pub.pk}"' not in html
    html = client.get(region_url(w, category="民生实事")).content.decode()
    assert f'data-commitment="{other.pk}"' in html and f'data-commitment="{w.c_pub.pk}"' not in html


def test_public_page_does_a_bounded_number_of_queries(client, province, django_assert_max_num_queries):
    w = province.world

    def add(n: int, start: int) -> None:
        for i in range(n):
            c = make_commitment(w.public_report, start + i, f"公开指标{start + i}", 10)
            a = assignment_set(user=w.su, commitment=c, lead_unit=w.unit_b, deadline=date(2024, 12, 31))
            p = progress_report_create(user=w.su, assignment=a, as_of=date(2024, 6, 30), value=Decimal(4), narrative="进展")
            progress_report_verify(user=w.su, progress=p)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(region_url(w)).status_code == 200
        return len(ctx.captured_queries)

    add(3, 100)
    small = queries()
    add(30, 200)
    with django_assert_max_num_queries(8):
        assert queries() == small
