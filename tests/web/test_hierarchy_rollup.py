"""The parent's status uses the roll-up (issue 11): a province target split over its cities is rated
on the sum of the cities' progress (self-reported inside, verified for the public) unless the
province filed a report of its own as recent, the same way on every page that rates it — the lists,
the commitment page, the dashboard counts and the public pages — in a bounded number of queries."""

from __future__ import annotations

import doctest
from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi_web.dashboard import asof
from luoshi_web.hierarchy import rollup, selectors, services
from luoshi_web.org.access import actor_for
from luoshi_web.tracking import selectors as tracking_selectors
from luoshi_web.tracking import services as tracking
from luoshi_web.tracking.status import Progress, Status

from .conftest import make_commitment

DAY = date(2024, 7, 1)  # 70万人 by year end: about 35 planned today


# --- the rule, as a table -------------------------------------------------------------------------

def P(as_of: str, value=None, percent=None) -> Progress:  # noqa: N802 - reads as a table
    return Progress(date.fromisoformat(as_of), None if value is None else D(str(value)),
                    None if percent is None else D(str(percent)))


@pytest.mark.parametrize(("own", "rolled", "expected", "why"), [
    (None, None, None, "nothing reported anywhere"),
    (P("2024-06-30", 30), None, P("2024-06-30", 30), "no sub-region reported: the own report"),
    (None, P("2024-06-30", 35), P("2024-06-30", 35), "no own report: the roll-up"),
    (P("2024-05-31", 20), P("2024-06-30", 35), P("2024-06-30", 35), "a sub-region filed after the own report"),
    (P("2024-06-30", 30), P("2024-06-30", 35), P("2024-06-30", 30), "an own report of the same day is the total"),
    (P("2024-07-15", 40), P("2024-06-30", 35), P("2024-07-15", 40), "a newer own report"),
    (P("2024-07-15", None, 50), P("2024-06-30", 35), P("2024-07-15", None, 50), "a newer own percent report"),
])
def test_which_progress_rates_the_parent(own, rolled, expected, why):
    assert rollup.combined(own, rolled) == expected, why


@pytest.mark.parametrize(("parts", "expected", "why"), [
    ([], None, "no linked sub-region"),
    ([rollup.Part(None, D(1))], None, "linked, not reported"),
    ([rollup.Part(P("2024-06-30", 18), D(1)), rollup.Part(P("2024-05-31", 7), D(1))], P("2024-06-30", 25),
     "added up, dated by the newest part"),
    ([rollup.Part(P("2024-06-30", 18), D(1)), rollup.Part(P("2024-06-30", 100000), rollup.scale("人", "万人"))],
     P("2024-06-30", 28), "人 converted to 万人"),
    ([rollup.Part(P("2024-06-30", 18), D(1)), rollup.Part(P("2024-07-31", 5), rollup.scale("人次", "万人"))],
     P("2024-06-30", 18), "人次 is not 人: left out (and its date with it)"),
    ([rollup.Part(P("2024-06-30", None, 50), D(1), target=D(18))], P("2024-06-30", 9),
     "a percent report is that share of the sub-region's own target"),
    ([rollup.Part(P("2024-06-30", None, 50), D(1))], None, "a percent of no target counts nothing"),
    ([rollup.Part(P("2024-06-30", 3), D(1)), rollup.Part(None, D(1))], P("2024-06-30", 3),
     "a sub-region that has not reported counts nothing"),
])
def test_how_the_sub_regions_add_up(parts, expected, why):
    got = rollup.summed(parts)
    assert (got and (got.as_of, got.value)) == (expected and (expected.as_of, expected.value)), why


@pytest.mark.parametrize(("unit", "sums"), [
    ("万人", True), ("亿元", True), ("个", True), ("所", True), ("亿斤", True),
    ("%", False), ("个百分点", False), ("", False), (None, False),
])
def test_which_indicators_add_up(unit, sums):
    assert rollup.additive(unit) is sums


def test_the_rule_modules_examples_hold():
    assert doctest.testmod(rollup).failed == 0


# --- the same status on every page ----------------------------------------------------------------

@dataclass
class Tree:
    world: object
    su: object  # the province's supervisor, read after the cities were added (roles are cached per user)
    report: object  # the province's published report
    jobs: object  # 城镇新增就业70万人, nobody assigned in the province
    growth: object  # 地区生产总值增长6%左右: a rate
    cs: object
    zz: object
    cs_jobs: object
    zz_jobs: object  # in 人, not 万人
    cs_growth: object
    zz_growth: object
    quotas: dict


@pytest.fixture
def tree(world) -> Tree:
    from luoshi_web.org.models import OrgUnit, Region
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.services import assignment_set

    su = type(world.su).objects.get(pk=world.su.pk)
    end = date(2024, 12, 31)
    report = Report.objects.create(region=world.hunan, year=2024, title="湖南省2024年政府工作报告（公开）",
                                   text="城镇新增就业70万人。地区生产总值增长6%左右。", sha256="d" * 64,
                                   imported_by=su, published=True)
    jobs = make_commitment(report, 1, "城镇新增就业", 70)
    growth = make_commitment(report, 2, "地区生产总值增长", 6, unit="%", comparator="approx", measure="level")
    cities = {}
    for name, jobs_value, jobs_unit, growth_value, letter in (("长沙市", 40, "万人", "6.5", "e"),
                                                               ("株洲市", 300000, "人", "5.5", "f")):
        region = Region.objects.create(name=name, level=Region.Level.CITY, parent=world.hunan)
        su = type(su).objects.get(pk=su.pk)  # roles are cached per user object: read them with the new city
        unit = OrgUnit.objects.create(name=f"{name}人社局", region=region)
        r = Report.objects.create(region=region, year=2024, title=f"{name}2024年政府工作报告", text="……",
                                  sha256=letter * 64, imported_by=su, published=True)
        c_jobs = make_commitment(r, 1, "城镇新增就业", jobs_value, unit=jobs_unit)
        c_growth = make_commitment(r, 2, "地区生产总值增长", growth_value, unit="%", measure="level")
        for c in (c_jobs, c_growth):
            assignment_set(user=su, commitment=c, lead_unit=unit, deadline=end)
        cities[name] = (region, c_jobs, c_growth)
    (cs, cs_jobs, cs_growth), (zz, zz_jobs, zz_growth) = cities["长沙市"], cities["株洲市"]
    quotas = {
        "cs": services.quota_set(user=su, parent=jobs, region=cs, value=D(40)),
        "zz": services.quota_set(user=su, parent=jobs, region=zz, value=D(30)),
        "cs_rate": services.quota_set(user=su, parent=growth, region=cs, value=None),
        "zz_rate": services.quota_set(user=su, parent=growth, region=zz, value=None),
    }
    return Tree(world, su, report, jobs, growth, cs, zz, cs_jobs, zz_jobs, cs_growth, zz_growth, quotas)


def link_all(t: Tree) -> None:
    for key, c in (("cs", t.cs_jobs), ("zz", t.zz_jobs), ("cs_rate", t.cs_growth), ("zz_rate", t.zz_growth)):
        services.quota_link(user=t.su, quota=t.quotas[key], commitment=c)


def report(t: Tree, c, value, as_of=date(2024, 6, 30), *, verify=False):
    p = tracking.progress_report_create(user=t.su, assignment=c.assignments.get(), as_of=as_of,
                                        value=D(str(value)), narrative="进展")
    if verify:
        tracking.progress_report_verify(user=t.su, progress=p)
    return p


def statuses(t: Tree, commitment, *, anonymous_client=None) -> dict[str, Status | None]:
    """The commitment's status on each page that rates it, inside (the supervisor) and public."""
    from django.contrib.auth.models import AnonymousUser

    su, anon = actor_for(t.su), actor_for(AnonymousUser())

    def listed(actor):
        return {r.commitment_id: r.status for r in tracking_selectors.rated_commitments(actor=actor, today=DAY)}[
            commitment.pk]

    def detail(actor):
        rating = tracking_selectors.commitment_detail(actor=actor, pk=commitment.pk, today=DAY).rating
        return rating.status if rating else None

    inside = asof.load_items([t.report.pk], day=DAY, with_verified=True)
    board, board_verified = asof.ratings_on(inside, DAY), asof.ratings_on(inside, DAY, verified_only=True)
    public = asof.load_items([t.report.pk], day=DAY, verified_only=True)
    public_ratings = asof.ratings_on(public, DAY, verified_only=True)
    return {
        "list": listed(su), "detail": detail(su), "dashboard": board[commitment.pk].status,
        "dashboard_verified": board_verified[commitment.pk].status, "public": public_ratings[commitment.pk].status,
        "public_list": listed(anon), "public_detail": detail(anon),
    }


def same(inside: Status, public: Status) -> dict[str, Status]:
    return {"list": inside, "detail": inside, "dashboard": inside, "dashboard_verified": public, "public": public,
            "public_list": public, "public_detail": public}


def test_a_parent_split_over_linked_cities_is_rated_on_their_sum_on_every_page(tree):
    t = tree
    assert statuses(t, t.jobs) == same(Status.UNASSIGNED, Status.UNASSIGNED)  # nobody carries it yet
    link_all(t)
    # the cities carry it out now (分解 is 分工): rated, and nothing reported yet halfway through the year
    assert statuses(t, t.jobs) == same(Status.SEVERELY_BEHIND, Status.SEVERELY_BEHIND)
    report(t, t.cs_jobs, 25, verify=True)  # 25万人, verified
    report(t, t.zz_jobs, 100000)  # 10万人 in 人, self-reported only
    # inside: 25 + 10 = 35 of ~35 planned; the public: 25 verified of ~35
    assert statuses(t, t.jobs) == same(Status.ON_TRACK, Status.BEHIND)
    ups = selectors.load_rollups([t.jobs.pk])
    assert ups.rolled(t.jobs.pk, verified=False) == Progress(date(2024, 6, 30), D("35.000000"))
    assert ups.rolled(t.jobs.pk, verified=True).value == D(25)


def test_an_own_report_as_recent_as_the_sum_rates_the_parent_and_a_newer_city_report_takes_over(tree):
    from luoshi_web.tracking.services import assignment_set

    t = tree
    link_all(t)
    report(t, t.cs_jobs, 25, verify=True)
    report(t, t.zz_jobs, 100000, verify=True)
    assignment_set(user=t.su, commitment=t.jobs, lead_unit=t.world.unit_a, deadline=date(2024, 12, 31))
    report(t, t.jobs, 20, as_of=date(2024, 6, 30), verify=True)  # the province's own figure of the same day
    assert statuses(t, t.jobs) == same(Status.SEVERELY_BEHIND, Status.SEVERELY_BEHIND)  # 20 of ~35
    report(t, t.cs_jobs, 31, as_of=date(2024, 7, 1), verify=True)  # a city files a newer figure: 31 + 10
    assert statuses(t, t.jobs) == same(Status.AHEAD, Status.AHEAD)


def test_a_rate_keeps_its_own_progress_and_shows_the_spread(tree, client):
    t = tree
    link_all(t)
    report(t, t.cs_growth, "6.5", verify=True)
    report(t, t.zz_growth, "5.5", verify=True)
    assert statuses(t, t.growth) == same(Status.UNASSIGNED, Status.UNASSIGNED)  # a rate does not sum up
    d = tracking_selectors.commitment_detail(actor=actor_for(t.su), pk=t.growth.pk, today=DAY)
    assert not d.rollup.additive and d.rollup.spread == (D("5.5"), D("6.5")) and not d.rollup.rates
    client.force_login(t.su)
    html = client.get(reverse("commitment_detail", args=[t.growth.pk])).content.decode()
    assert 'data-additive="0"' in html and "5.5%" in html and "6.5%" in html


def test_the_same_rule_one_level_down(tree):
    """A county's progress rolls up to its city and on to the province."""
    from luoshi_web.org.models import Region
    from luoshi_web.reports.models import Report

    t = tree
    link_all(t)
    county = Region.objects.create(name="长沙县", level=Region.Level.COUNTY, parent=t.cs)
    t.su = type(t.su).objects.get(pk=t.su.pk)  # with the new county
    r = Report.objects.create(region=county, year=2024, title="长沙县2024年政府工作报告", text="……", sha256="9" * 64,
                              imported_by=t.su, published=True)
    county_jobs = make_commitment(r, 1, "城镇新增就业", 50000, unit="人")
    from luoshi_web.org.models import OrgUnit
    from luoshi_web.tracking.services import assignment_set
    assignment_set(user=t.su, commitment=county_jobs, lead_unit=OrgUnit.objects.create(name="长沙县人社局", region=county),
                   deadline=date(2024, 12, 31))
    q = services.quota_set(user=t.su, parent=t.cs_jobs, region=county, value=D(5))
    services.quota_link(user=t.su, quota=q, commitment=county_jobs)
    report(t, county_jobs, 30000)  # 3万人, nothing reported by 长沙市 itself
    report(t, t.zz_jobs, 100000)
    ups = selectors.load_rollups([t.jobs.pk])
    assert ups.rolled(t.cs_jobs.pk, verified=False).value == D(3)
    assert ups.rolled(t.jobs.pk, verified=False).value == D(13)
    assert selectors.cascade(t.jobs).rolled_reported == D(13)


def test_the_commitment_page_shows_the_roll_up_inside_and_verified_only_to_the_public(tree, client):
    t = tree
    link_all(t)
    report(t, t.cs_jobs, 25, verify=True)
    report(t, t.zz_jobs, 100000)
    client.force_login(t.su)
    url = reverse("commitment_detail", args=[t.jobs.pk])
    html = client.get(url).content.decode()
    assert 'id="rollup"' in html and 'data-rates="1"' in html
    assert 'data-reported="35.000000"' in html and 'data-verified="25' in html
    assert reverse("commitment_detail", args=[t.zz_jobs.pk]) in html
    assert reverse("hierarchy:cascade", args=[t.jobs.pk]) in html and 'id="rollup-cascade-link"' in html
    client.logout()
    html = client.get(url).content.decode()
    assert 'id="rollup"' in html and 'data-reported=""' in html and 'data-verified="25' in html
    assert "rollup-cascade-link" not in html and "35万人" not in html


def test_an_unrelated_commitment_has_no_roll_up_section(tree, client):
    client.force_login(tree.su)
    html = client.get(reverse("commitment_detail", args=[tree.world.c_a.pk])).content.decode()
    assert 'id="rollup"' not in html


# --- bounded queries ------------------------------------------------------------------------------

def add_split_parents(t: Tree, n: int) -> None:
    """``n`` more province targets, each split over both cities with linked, reported city commitments."""
    from luoshi_web.org.models import OrgUnit
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.services import assignment_set

    for i in range(n):
        parent = make_commitment(t.report, 100 + Report.objects.count() * 100 + i, f"指标{i}", 100)
        for region in (t.cs, t.zz):
            city_report = Report.objects.filter(region=region).first()
            child = make_commitment(city_report, 1000 + parent.pk, f"指标{i}", 50)
            assignment_set(user=t.su, commitment=child, lead_unit=OrgUnit.objects.get(region=region),
                           deadline=date(2024, 12, 31))
            q = services.quota_set(user=t.su, parent=parent, region=region, value=D(50))
            services.quota_link(user=t.su, quota=q, commitment=child)
            report(t, child, 20, verify=True)


def queries(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["list", "public_list", "dashboard", "public", "detail", "commitment_page"])
def test_rating_with_roll_ups_does_a_bounded_number_of_queries(tree, client, page, django_assert_max_num_queries):
    from django.contrib.auth.models import AnonymousUser

    t = tree
    link_all(t)
    su, anon = actor_for(t.su), actor_for(AnonymousUser())
    client.force_login(t.su)
    calls = {
        "list": lambda: tracking_selectors.rated_commitments(actor=su, today=DAY),
        "public_list": lambda: tracking_selectors.rated_commitments(actor=anon, today=DAY),
        "dashboard": lambda: asof.load_items([t.report.pk], day=DAY, history=True, with_verified=True),
        "public": lambda: asof.load_items([t.report.pk], day=DAY, verified_only=True, narrative=True),
        "detail": lambda: tracking_selectors.commitment_detail(actor=su, pk=t.jobs.pk, today=DAY),
        "commitment_page": lambda: client.get(reverse("commitment_detail", args=[t.jobs.pk])),
    }
    add_split_parents(t, 1)
    small = queries(calls[page])
    add_split_parents(t, 6)
    with django_assert_max_num_queries(small):
        calls[page]()


def test_a_list_with_no_split_commitment_costs_no_query_more(world):
    """The split flag rides on the list's own query: without quotas, no roll-up query at all."""
    with CaptureQueriesContext(connection) as ctx:
        tracking_selectors.rated_commitments(actor=actor_for(world.su), today=DAY)
    assert not [q for q in ctx.captured_queries if "hierarchy_quota" in q["sql"] and "EXISTS" not in q["sql"]]


def test_the_trend_reads_the_roll_up_month_by_month(tree):
    t = tree
    link_all(t)
    report(t, t.cs_jobs, 10, as_of=date(2024, 3, 31))
    report(t, t.zz_jobs, 100000, as_of=date(2024, 5, 31))
    report(t, t.cs_jobs, 25, as_of=date(2024, 6, 30))
    items = asof.load_items([t.report.pk], day=DAY, history=True, with_verified=True)
    [item] = [i for i in items if i.id == t.jobs.pk]
    assert [(d, p.value) for d, p in item.history] == [
        (date(2024, 3, 31), D(10)), (date(2024, 5, 31), D(20)), (date(2024, 6, 30), D(35))]
    mix = dict(asof.status_mix_by_month([item], 2024, DAY))
    assert mix[date(2024, 1, 31)][Status.NOT_STARTED] == 1  # nothing yet, little expected
    assert mix[date(2024, 6, 30)][Status.ON_TRACK] == 1


@pytest.mark.parametrize(("cs", "zz", "reminded"), [(40, 300000, False), (20, 100000, True)],
                         ids=["cities-reached-it", "cities-short"])
def test_no_deadline_reminder_for_a_parent_its_cities_have_completed(tree, cs, zz, reminded):
    """The province's own lead unit is not chased for what the cities' sum has done (70万人 of 70)."""
    from datetime import timedelta

    from luoshi_web.supervision.services import reminders_generate
    from luoshi_web.tracking.services import assignment_set

    t = tree
    link_all(t)
    report(t, t.cs_jobs, cs)
    report(t, t.zz_jobs, zz)
    assignment_set(user=t.su, commitment=t.jobs, lead_unit=t.world.unit_a, deadline=DAY + timedelta(days=3))
    created = reminders_generate(today=DAY)
    assert any(r.commitment_id == t.jobs.pk and r.kind == "due_soon" for r in created) is reminded


def test_the_list_says_a_split_parent_is_carried_out_by_its_sub_regions(tree, client):
    t = tree
    client.force_login(t.su)
    url = reverse("commitment_list") + f"?report={t.report.pk}"

    def lead_cell() -> str:
        page = client.get(url).content.decode()
        row = page[page.index(f'data-commitment="{t.jobs.pk}"'):]
        return row[:row.index("</tr>")]

    assert "未分配" in lead_cell()  # nobody carries it yet
    link_all(t)
    assert "由下级地区承担" in lead_cell() and "未分配" not in lead_cell()
