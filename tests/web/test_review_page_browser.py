"""The review page of a 260-item report in Debian's chromium (issue 13, finding 8); screenshots in
test-artifacts/web/review-*.png. Row numbers in full, 确认导入 in view after scrolling, the noise
filter, choosing the value kept by a merge, and paging, as a reviewer would use them."""

from __future__ import annotations

import pytest

from .chromium import ARTIFACTS, open_page, shot
from .test_review_page import big_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def top_shot(page, name: str) -> None:
    """A full-page screenshot from the top (sticky bars drawn where a reader first sees them)."""
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, name)


def in_view(page, selector: str) -> bool:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0; }""", selector)


def test_a_long_review_in_the_browser(live_server, world, browser):
    from luoshi_web.reports.models import ImportDraft, Report

    draft = big_draft(world)
    n = len(draft.items)
    assert n >= 240
    page = open_page(browser, live_server.url, "su")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.wait_for_selector(".review")
    assert int(page.get_attribute(".review", "data-items")) == n
    top_shot(page, "review-01-first-page")

    # 确认导入 stays reachable: scroll to the end of the item list and the bar is still in view
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.evaluate("document.querySelector('#review-pager').scrollIntoView()")
    assert in_view(page, "#confirm-import-top")
    page.screenshot(path=str(ARTIFACTS / "review-02-scrolled.png"))  # the viewport, as the reviewer sees it

    # row numbers past 99: the third page starts at 101, every digit visible (not clipped)
    page.click("#review-pager a:text-is('3')")
    page.wait_for_selector(".review[data-page='3']")
    first = page.locator(".items .item .n").first
    assert first.inner_text() == "101"
    assert page.evaluate("() => { const e = document.querySelector('.items .item .n'); return e.scrollWidth <= e.clientWidth; }")
    top_shot(page, "review-03-page-3")

    # the noise filter: only flagged items, each saying why
    page.click("#kind-filter a[data-kind=noise]")
    page.wait_for_selector(".review[data-kind='noise']")
    items = page.locator(".items li.item")
    assert items.count() >= 2 and page.locator(".items li.item.noise").count() == items.count()
    assert "608所" in page.inner_text(".items") and "迈上5万亿" in page.inner_text(".items")
    top_shot(page, "review-04-noise")

    # merge keeping the second item's value, on a filtered page: the filter stays
    page.click("#kind-filter a[data-kind=target]")
    page.wait_for_selector(".review[data-kind='target']")
    head = page.locator(".items li.item").first
    index = int(head.get_attribute("data-index"))
    second = dict(draft.items[index + 1])
    head.locator("form.merge select[name=keep]").select_option("second")
    head.locator("form.merge button").click()
    page.wait_for_selector(f".review[data-items='{n - 1}'][data-kind='target']")
    assert page.get_attribute(".review", "data-kind") == "target"
    merged = ImportDraft.objects.get(pk=draft.pk).items[index]
    assert merged["value"] == second["value"] and merged["unit"] == second["unit"]
    top_shot(page, "review-05-merged")

    # confirm from the bar at the top, without scrolling to the form
    page.evaluate("window.scrollTo(0, 0)")
    page.click("#confirm-import-top")
    page.wait_for_selector("table.commitments")
    report = Report.objects.latest("imported_at")
    assert report.commitments.count() == n - 1
