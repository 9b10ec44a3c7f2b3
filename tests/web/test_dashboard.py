"""Supervisor dashboard: the numbers for a known province-year, who may see it, downloads, query bound."""

from __future__ import annotations

import csv
import doctest
import hashlib
import io
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi_web.dashboard import asof, selectors
from luoshi_web.org.access import actor_for
from luoshi_web.tracking import selectors as tracking_selectors
from luoshi_web.tracking.services import MilestoneInput, assignment_set, progress_report_create

from .conftest import make_commitment
from .test_dashboard_fixtures import DAY, EXPECTED_COLOURS, EXPECTED_STATUS

pytestmark = pytest.mark.django_db
STATIC = Path(__file__).resolve().parents[2] / "src" / "luoshi_web" / "static" / "dashboard"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def board_for(province, day=DAY):
    w = province.world
    return selectors.dashboard(actor=actor_for(w.su), region_id=w.hunan.pk, year=2024, day=day)


def url(province, **query) -> str:
    base = reverse("dashboard", args=[province.world.hunan.pk, 2024])
    query.setdefault("as_of", DAY.isoformat())
    return base + "?" + "&".join(f"{k}={v}" for k, v in query.items())


# --- the numbers ---------------------------------------------------------------------------------

def test_dashboard_counts_each_status_and_colour_as_of_the_day(province):
    board = board_for(province)
    assert {r["status"]: r["count"] for r in board.tables["status"].rows} == EXPECTED_STATUS
    assert board.colours == EXPECTED_COLOURS
    assert board.total == 6 and board.unrated == 1 and board.unassigned == 1  # 新建学校 is 待分工, not rated
    shares = {r["status"]: r["share"] for r in board.tables["status"].rows}
    assert shares["severe"] == Decimal("0.1667")


def test_the_status_table_shows_self_reported_and_verified_progress_apart(province):
    """Only c_pub's report is verified: on verified progress 改造老旧小区 (1000 of 1000 by its unit's
    word) is not 已完成, and every item reported but unverified reads as nothing reported."""
    rows = {r["status"]: r for r in board_for(province).tables["status"].rows}
    assert {k: r["count"] for k, r in rows.items()} == EXPECTED_STATUS  # self-reported: the tiles and charts
    assert {k: r["verified"] for k, r in rows.items() if r["verified"]} == {"severe": 4, "overdue": 1, "on_track": 1}
    assert rows["done"]["count"] == 1 and rows["done"]["verified"] == 0


def test_dashboard_status_agrees_with_the_tracking_list_for_every_commitment(province):
    """The dashboard adapts rows to the pure status rule itself; it must rate exactly as the list does."""
    w = province.world
    actor = actor_for(w.su)
    items = asof.load_items([w.internal_report.pk, w.public_report.pk], day=DAY)
    mine = {i.id: r.status if r else None for i, r in zip(items, asof.ratings_on(items, DAY).values(), strict=True)}
    theirs = {r.commitment.pk: r.status for r in tracking_selectors.commitment_rows(actor=actor, today=DAY)}
    assert mine == theirs


def test_public_rating_uses_verified_progress_only_as_the_tracking_list_does(province, client):
    w = province.world
    items = asof.load_items([w.public_report.pk, w.internal_report.pk], day=DAY, verified_only=True)
    public = asof.ratings_on(items, DAY, verified_only=True)
    anonymous = actor_for(None)
    theirs = {r.commitment.pk: r.status for r in tracking_selectors.commitment_rows(actor=anonymous, today=DAY)}
    assert theirs == {w.c_pub.pk: public[w.c_pub.pk].status}


def test_trend_recomputes_the_status_mix_at_each_month_end_from_history(province):
    rows = board_for(province).tables["trend"].rows
    assert [r["as_of"] for r in rows] == [date(2024, m, d) for m, d in ((1, 31), (2, 29), (3, 31), (4, 30), (5, 31), (6, 30))]
    january = rows[0]
    assert (january["not_started"], january["severe"], january["total"]) == (5, 1, 6)  # only the April deadline lags
    march = rows[2]
    assert march["behind"] >= 1  # employment: 15 of 70 reported on 31 March, below the straight-line plan
    assert {k: rows[-1][k] for k in EXPECTED_STATUS} == EXPECTED_STATUS  # June's point is the status table


def test_trend_reads_a_late_report_into_its_own_month(province):
    """A report dated in May but filed later moves May's point: status as of a date, from history."""
    w = province.world
    before = board_for(province).tables["trend"].rows[4]
    progress_report_create(user=w.su, assignment=w.c_b.assignments.get(), as_of=date(2024, 5, 31), value=Decimal(260),
                           narrative="补报五月数据")
    after = board_for(province).tables["trend"].rows[4]
    assert after["on_track"] == before["on_track"] + 1


def test_league_table_ranks_units_by_share_on_track(province):
    w = province.world
    rows = board_for(province).tables["units"].rows
    assert [(r["rank"], r["unit"], r["total"], r["on_track"], r["lagging"], r["overdue"]) for r in rows] == [
        (1, w.unit_a.name, 3, 2, 0, 1),
        (2, w.unit_b.name, 3, 1, 2, 0),
    ]  # 新建学校 is 待分工: not rated, so in no unit's row


def test_category_table_counts_colours_per_category(province):
    rows = {r["category"]: r for r in board_for(province).tables["categories"].rows}
    assert (rows["十大产业项目"]["total"], rows["十大产业项目"]["yellow"], rows["十大产业项目"]["red"]) == (3, 1, 2)
    assert (rows["民生实事"]["total"], rows["民生实事"]["green"]) == (2, 2)
    assert rows["未分类"]["total"] == 1  # c_pub; 新建学校 is 待分工, not rated


def test_chase_list_names_overdue_severe_unassigned_and_unreported_items(province):
    w = province.world
    rows = board_for(province).tables["chase"].rows
    assert [r["id"] for r in rows] == [province.over.pk, w.c_b.pk, w.c_unassigned.pk, w.c_pub.pk]
    reasons = {r["id"]: r["reasons"] for r in rows}
    assert reasons[province.over.pk] == ["已逾期", "本期未报送"]
    assert "未分配" in reasons[w.c_unassigned.pk]
    assert reasons[w.c_pub.pk] == ["本期未报送"]


def test_chase_list_flags_a_deadline_or_milestone_coming_up(province):
    w = province.world
    assignment_set(user=w.su, commitment=province.behind, lead_unit=w.unit_b, deadline=date(2024, 7, 10),
                   milestones=[MilestoneInput(date(2024, 7, 5), Decimal(60))])
    rows = {r["id"]: r for r in board_for(province).tables["chase"].rows}
    assert {"即将到期", "节点将到"} <= set(rows[province.behind.pk]["reasons"])


def test_charts_are_drawn_from_the_tables(province):
    board = board_for(province)
    charts = {c.id: c for c in board.charts}
    assert charts["status"].series[0]["data"] == [r["count"] for r in board.tables["status"].rows]
    trend = {s["name"]: s["data"] for s in charts["trend"].series}
    assert trend["严重滞后"] == [r["severe"] for r in board.tables["trend"].rows]
    assert charts["units"].categories[0] == province.world.unit_b.name  # most lagging first
    assert charts["units"].series[0]["data"][0] == pytest.approx(33.33)


# --- the page, roles and downloads ---------------------------------------------------------------

def chart_json(html: str) -> list[dict]:
    block = re.search(r'<script id="dashboard-charts" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_supervisor_sees_the_dashboard_with_chart_data_and_tables(province):
    w = province.world
    response = w.client(w.su).get(url(province))
    assert response.status_code == 200
    html = response.content.decode()
    charts = {c["id"]: c for c in chart_json(html)}
    assert set(charts) == {"status", "categories", "units", "trend"}
    assert sum(charts["status"]["series"][0]["data"]) == 6
    for name in ("status", "categories", "units", "trend", "chase"):
        assert f'data-table="{name}"' in html
    assert 'data-colour="red"><span class="n" data-value="2"' in html
    assert "/static/dashboard/echarts/echarts.min.js" in html


@pytest.mark.parametrize("persona", ["rita", "nick", "hu"])
def test_reporters_and_other_regions_supervisors_may_not_see_the_dashboard(province, persona):
    w = province.world
    web = w.client(getattr(w, persona))
    response = web.get(url(province))
    assert response.status_code == 403
    assert "内部" not in response.content.decode() and "城镇新增就业" not in response.content.decode()
    for fmt in ("csv", "json"):
        assert web.get(url(province, table="chase", format=fmt)).status_code == 403


def test_an_administrator_sees_every_regions_dashboard(province, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="pw-admin-123456")
    w = province.world
    response = w.client(admin).get(url(province))
    assert response.status_code == 200 and sum(chart_json(response.content.decode())[0]["series"][0]["data"]) == 6


def test_anonymous_visitor_is_sent_to_login(province, client):
    for target in (url(province), reverse("dashboard_home"), url(province, table="units", format="csv")):
        response = client.get(target)
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_dashboard_home_opens_the_supervisors_newest_region_year(province):
    w = province.world
    response = w.client(w.su).get(reverse("dashboard_home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard", args=[w.hunan.pk, 2024])
    assert w.client(w.rita).get(reverse("dashboard_home")).status_code == 403


def test_supervisor_without_reports_gets_an_explanation(world):
    response = world.client(world.hu).get(reverse("dashboard_home"))
    assert response.status_code == 200 and "还没有报告" in response.content.decode()


def test_every_table_downloads_as_csv_and_json_with_the_same_rows(province):
    w = province.world
    su = w.client(w.su)
    for name in ("status", "categories", "units", "trend", "chase"):
        data = json.loads(su.get(url(province, table=name, format="json")).content)
        response = su.get(url(province, table=name, format="csv"))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) == len(data["rows"]) + 1, name
        assert rows[0] == [c["label"] for c in data["columns"]]
    status = json.loads(su.get(url(province, table="status", format="json")).content)
    assert all("status" not in r for r in status["rows"])  # only the shown columns
    assert [r["count"] for r in status["rows"]] == list(EXPECTED_STATUS.values())
    everything = json.loads(su.get(url(province, format="json")).content)
    assert set(everything) == {"status", "categories", "units", "trend", "chase"}
    assert su.get(url(province, table="nope", format="csv")).status_code == 404


def test_a_malformed_date_falls_back_to_today_rather_than_failing(province):
    w = province.world
    assert w.client(w.su).get(url(province, as_of="2024-13-45")).status_code == 200


def test_dashboard_page_is_served_in_english_too(province):
    w = province.world
    su = w.client(w.su)
    su.cookies["django_language"] = "en"
    html = su.get(url(province)).content.decode()
    assert "Supervision dashboard" in html and "League table of lead units" in html
    assert "Severely behind" in json.dumps(chart_json(html), ensure_ascii=False)


def add_rows(world, n: int, start: int) -> None:
    for i in range(n):
        c = make_commitment(world.internal_report, start + i, f"指标{start + i}", 10 + i, category=f"类别{i % 3}")
        unit = world.unit_a if i % 2 else world.unit_b
        a = assignment_set(user=world.su, commitment=c, lead_unit=unit, deadline=date(2024, 12, 31),
                           milestones=[MilestoneInput(date(2024, 6, 30), Decimal(5))])
        for month in (2, 4, 6):
            progress_report_create(user=world.su, assignment=a, as_of=date(2024, month, 28), value=Decimal(month),
                                   narrative="进展")


def count(client, target: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(target).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_does_a_bounded_number_of_queries(province, django_assert_max_num_queries):
    w = province.world
    su = w.client(w.su)
    add_rows(w, 3, 100)
    small = count(su, url(province))
    add_rows(w, 30, 200)
    cache.clear()
    with django_assert_max_num_queries(14):
        large = count(su, url(province))
    assert large == small
    with CaptureQueriesContext(connection) as warm:  # the trend is cached until the data change ...
        assert su.get(url(province)).status_code == 200
    assert len(warm.captured_queries) == large
    # ... so the page reads only the newest report of each assignment, not the whole history
    assert any("ROW_NUMBER" in q["sql"].upper() for q in warm.captured_queries)


def test_dashboard_helpers_doctests():
    from luoshi_web.public import plain

    for module in (asof, selectors, plain):
        assert doctest.testmod(module).failed == 0, module.__name__


def test_echarts_is_vendored_with_its_licence_and_pinned(province):
    readme = (STATIC / "echarts" / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((STATIC / "echarts" / "echarts.min.js").read_bytes()).hexdigest()
    assert digest in readme
    assert "Apache License" in (STATIC / "echarts" / "LICENSE").read_text(encoding="utf-8")
    assert (STATIC / "echarts" / "NOTICE").is_file()
    w = province.world
    su = w.client(w.su)
    html = su.get(url(province)).content.decode()
    assert not re.search(r'(src|href)="(https?:)?//', html), "every asset must be served locally"
    assert su.get("/static/dashboard/echarts/echarts.min.js").status_code == 200
