"""Issue 11's done-when, in Debian's chromium: the province's supervisor splits 城镇新增就业70万人
over two cities on the cascade page and confirms each city's own commitment; each city's system files
its progress through the API with a unit token created on the 令牌 page; the supervisor then sees the
province's roll-up on the commitment page and its status change (待分工 → 严重滞后/未启动 once split →
达进度 once the cities report), in the list too — while the public, rated on verified progress only,
still sees the province behind. Screenshots hierarchy-api-*.png in test-artifacts/web/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from luoshi_web.tracking.status import Status, Target, planned_at, rate, year_plan

from .chromium import PHONE, open_page, shot
from .conftest import api_call as api
from .conftest import make_commitment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass
class Province:
    today: date
    jobs: object  # the province's 城镇新增就业70万人, nobody assigned
    report: object
    cities: dict  # name -> (region, unit, commitment, assignment)


@pytest.fixture
def province(world) -> Province:
    """This year's reports (the live server rates on today's date): the province's and two cities',
    each city's 城镇新增就业 assigned to its 人社局 — 长沙 in 万人, 株洲 in 人."""
    from luoshi_web.org.models import OrgUnit, Region
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.services import assignment_set

    today = timezone.localdate()
    report = Report.objects.create(region=world.hunan, year=today.year, title=f"湖南省{today.year}年政府工作报告",
                                   text="城镇新增就业70万人以上。", sha256="7" * 64, imported_by=world.su, published=True)
    jobs = make_commitment(report, 1, "城镇新增就业", 70)
    cities = {}
    for name, value, unit_name, letter in (("长沙市", 40, "万人", "8"), ("株洲市", 300000, "人", "9")):
        region = Region.objects.create(name=name, level=Region.Level.CITY, parent=world.hunan)
        unit = OrgUnit.objects.create(name=f"{name}人力资源和社会保障局", region=region)
        r = Report.objects.create(region=region, year=today.year, title=f"{name}{today.year}年政府工作报告",
                                  text=f"城镇新增就业{value}{unit_name}以上。", sha256=letter * 64,
                                  imported_by=world.su, published=True)
        c = make_commitment(r, 1, "城镇新增就业", value, unit=unit_name)
        su = type(world.su).objects.get(pk=world.su.pk)  # roles are read once per user object: with the new city
        a = assignment_set(user=su, commitment=c, lead_unit=unit, deadline=date(today.year, 12, 31))
        cities[name] = (region, unit, c, a)
    return Province(today, jobs, report, cities)


def badge(page) -> str:
    return page.get_attribute("#status .badge", "data-status")


def test_cities_progress_filed_through_the_api_rolls_up_and_changes_the_provinces_status(live_server, province,
                                                                                         browser):
    base, p = live_server.url, province
    plan = year_plan(p.today.year, None)
    planned = planned_at(plan, Decimal(70), p.today)  # 万人 the province should have by today
    split_status = rate(Target(Decimal(70), "min"), plan, None, today=p.today).status  # split, nothing reported
    page = open_page(browser, base, "su")

    # 1. the province's target: nobody assigned yet
    page.goto(f"{base}/commitments/{p.jobs.pk}/")
    assert badge(page) == Status.UNASSIGNED.code and page.locator("#rollup").count() == 0
    shot(page, "hierarchy-api-01-unassigned")

    # 2. split it over the two cities on the cascade page and confirm each city's own commitment
    page.click("#cascade-link")
    page.wait_for_selector("#quotas")
    for name, quota in (("长沙市", "40"), ("株洲市", "30")):
        page.locator(f"tr[data-region='{name}'] input[name=value]").fill(quota)
        page.locator(f"tr[data-region='{name}'] form.quota-form button").click()
        page.wait_for_selector(f"tr[data-region='{name}'] form.suggestion button")
    assert page.get_attribute("#coverage", "data-shortfall") == ""  # 40 + 30 cover 70
    for name in ("长沙市", "株洲市"):
        page.locator(f"tr[data-region='{name}'] form.suggestion button").click()
        page.wait_for_selector(f"tr[data-region='{name}'] a[href='/commitments/{p.cities[name][2].pk}/']")
    shot(page, "hierarchy-api-02-split-and-linked")

    page.goto(f"{base}/commitments/{p.jobs.pk}/")
    assert badge(page) == split_status.code  # carried out by the cities now: rated, nothing reported
    assert "下级地区还没有报送进展" in page.inner_text("#rollup")

    # 3. a token for each city's unit, created on the 令牌 page
    secrets = {}
    for name in ("长沙市", "株洲市"):
        page.goto(f"{base}/api-tokens/")
        page.select_option("#id_unit", str(p.cities[name][1].pk))
        page.fill("#id_name", f"{name}就业统计系统")
        page.click("#token-form button.primary")
        secrets[name] = page.inner_text("#token-secret").strip()
        assert secrets[name].startswith("lsk_")

    # 4. each city's system files its progress over HTTP: together about what the plan expects today
    cs_value = (planned * Decimal("0.6")).quantize(Decimal("0.1"))  # 万人
    zz_value = ((planned - cs_value) * 10000).quantize(Decimal(1))  # 人
    for name, value in (("长沙市", cs_value), ("株洲市", zz_value)):
        status, body = api(base, secrets[name], "POST", "/api/progress/", {
            "assignment_id": p.cities[name][3].pk, "as_of": p.today.isoformat(), "value": str(value),
            "narrative": f"{name}系统报送：城镇新增就业累计{value}"})
        assert status == 201, body
    # a token acts for its own unit only: 长沙's cannot file 株洲's progress
    status, body = api(base, secrets["长沙市"], "POST", "/api/progress/", {
        "assignment_id": p.cities["株洲市"][3].pk, "as_of": p.today.isoformat(), "value": "1", "narrative": "越权"})
    assert status in (403, 404), body

    # 5. the supervisor sees the roll-up and the province's new status
    page.goto(f"{base}/commitments/{p.jobs.pk}/")
    rollup = page.locator("#rollup")
    assert Decimal(rollup.get_attribute("data-reported")) == cs_value + zz_value / 10000
    assert rollup.get_attribute("data-verified") == "" and rollup.get_attribute("data-rates") == "1"
    assert badge(page) == Status.ON_TRACK.code, page.inner_text("#rollup")
    rollup.scroll_into_view_if_needed()
    shot(page, "hierarchy-api-03-rolled-up")
    page.goto(f"{base}/commitments/?report={p.report.pk}")
    row = page.locator(f"tr[data-commitment='{p.jobs.pk}']")
    assert row.locator(".badge").get_attribute("data-status") == Status.ON_TRACK.code
    shot(page, "hierarchy-api-04-list")
    page.goto(f"{base}/hierarchy/cascade/{p.jobs.pk}/")
    assert Decimal(page.get_attribute("#rollup", "data-reported")) == cs_value + zz_value / 10000
    shot(page, "hierarchy-api-05-cascade-rolled-up")

    # 6. the public reads verified progress only: nothing verified yet, the province is still behind
    public = open_page(browser, base)
    public.goto(f"{base}/commitments/{p.jobs.pk}/")
    assert badge(public) == split_status.code
    assert public.get_attribute("#rollup", "data-verified") == ""
    shot(public, "hierarchy-api-06-public")

    phone = open_page(browser, base, "su", viewport=PHONE)
    phone.goto(f"{base}/commitments/{p.jobs.pk}/")
    phone.locator("#rollup").scroll_into_view_if_needed()
    shot(phone, "hierarchy-api-07-phone")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
