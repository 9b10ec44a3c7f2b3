"""The drill-down walked in Debian's chromium (issue 11): the province's supervisor goes from the
province dashboard to a city's and a county's, and back up by the breadcrumb; the public pages the
same way; the 上下级目标对照 page from the dashboard. Screenshots drilldown-*.png in test-artifacts/web/,
at desktop and phone width."""

from __future__ import annotations

import pytest

from .chromium import PHONE, open_page, shot
from .test_drilldown import AS_OF, tree  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overflow(page) -> int:
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth")


def test_province_to_city_to_county_and_back_by_the_breadcrumb(live_server, tree, browser):  # noqa: F811
    w = tree.world
    base = live_server.url
    page = open_page(browser, base, "su")
    page.goto(f"{base}/dashboard/{w.hunan.pk}/2024/?as_of={AS_OF}")
    page.wait_for_selector("#panel-subregions")
    shot(page, "drilldown-01-province")
    page.click("#panel-subregions td[data-key=region] a:text('长沙市')")
    page.wait_for_selector("#region-crumbs")
    assert page.url.endswith(f"/dashboard/{tree.cs.pk}/2024/?as_of={AS_OF}")
    assert "长沙市" in page.inner_text("h1")
    shot(page, "drilldown-02-city")
    page.click("#panel-subregions td[data-key=region] a:text('岳麓区')")
    page.wait_for_selector("#region-crumbs a[data-region='长沙市']")
    assert "岳麓区" in page.inner_text("h1") and page.locator("#panel-subregions").count() == 0
    assert page.inner_text("#region-crumbs").split() == ["中国", "›", "湖南省", "›", "长沙市", "›", "岳麓区"]
    shot(page, "drilldown-03-county")
    page.click("#region-crumbs a[data-region='长沙市']")
    page.wait_for_selector("#panel-subregions")
    assert page.url.endswith(f"/dashboard/{tree.cs.pk}/2024/?as_of={AS_OF}")
    page.click("#region-crumbs a[data-region='湖南省']")
    page.wait_for_selector("#consistency-link")
    assert page.url.endswith(f"/dashboard/{w.hunan.pk}/2024/?as_of={AS_OF}")
    page.click("#consistency-link")
    page.wait_for_selector("#consistency-summary")
    assert page.locator("section.consistency[data-indicator='urban_new_jobs']").count() == 1
    shot(page, "drilldown-04-consistency")

    phone = open_page(browser, base, "su", viewport=PHONE)
    for name, url in (("drilldown-05-phone-province", f"/dashboard/{w.hunan.pk}/2024/?as_of={AS_OF}"),
                      ("drilldown-06-phone-consistency", f"/hierarchy/consistency/{w.hunan.pk}/2024/")):
        phone.goto(base + url)
        phone.wait_for_load_state()
        shot(phone, name)
        assert overflow(phone) <= 0, f"{name}: the page scrolls sideways on a phone"


def test_public_drill_down_on_a_phone(live_server, tree, browser):  # noqa: F811
    w = tree.world
    base = live_server.url
    page = open_page(browser, viewport=PHONE)
    page.goto(f"{base}/public/{w.hunan.pk}/2024/")
    page.wait_for_selector("#panel-subregions")
    assert "株洲市" not in page.inner_text("body")  # its report is not published
    shot(page, "drilldown-07-public-province-phone")
    assert overflow(page) <= 0
    page.click("#panel-subregions td[data-key=region] a:text('长沙市')")
    page.wait_for_selector("#region-crumbs a[data-region='湖南省']")
    page.click("#panel-subregions td[data-key=region] a:text('岳麓区')")
    page.wait_for_selector("#region-crumbs a[data-region='长沙市']")
    shot(page, "drilldown-08-public-county-phone")
    page.click("#region-crumbs a[data-region='湖南省']")
    page.wait_for_selector("#panel-subregions")
    assert page.url.endswith(f"/public/{w.hunan.pk}/2024/")
