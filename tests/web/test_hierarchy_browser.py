"""The cascade page in Debian's chromium (issue 11): the province's supervisor opens a commitment,
splits it among cities, sees the shortfall, confirms a city's own commitment; screenshots
cascade-*.png in test-artifacts/web/."""

from __future__ import annotations

import pytest

from .chromium import PHONE, open_page, shot
from .test_hierarchy import tree  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_split_a_commitment_among_cities_and_confirm_a_citys_own(live_server, tree, browser):  # noqa: F811
    world, cs, zz, cs_su, cs_rep, cs_jobs, a = tree
    page = open_page(browser, live_server.url, "su")
    page.goto(f"{live_server.url}/commitments/{world.c_a.pk}/")
    page.click("#cascade-link")
    page.wait_for_selector("#quotas")
    page.locator("tr[data-region='长沙市'] input[name=value]").fill("40")
    page.locator("tr[data-region='长沙市'] form.quota-form button").click()
    page.wait_for_selector(".msg")
    assert "30" in page.get_attribute("#coverage", "data-shortfall")
    assert "株洲市" in page.inner_text("#coverage")
    page.locator("tr[data-region='长沙市'] form.suggestion button").click()
    page.wait_for_selector(f"tr[data-region='长沙市'] a[href='/commitments/{cs_jobs.pk}/']")
    shot(page, "cascade-01-split")
    phone = open_page(browser, live_server.url, "su", viewport=PHONE)
    phone.goto(page.url)
    shot(phone, "cascade-02-phone")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
