"""The 兑现对照 charts in Debian's chromium: the chart draws the numbers of its JSON data block (and
so of the table), and the pages fit a phone without sideways scrolling. Screenshots go to
test-artifacts/web/compare-*.png.
"""

from __future__ import annotations

import pytest

from .chromium import ARTIFACTS
from .test_compare import pairs  # noqa: F401  (the fixture: 湖南省/湖北省 2025 and 2026 reports)

PHONE = {"width": 375, "height": 740}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_page(browser, viewport: dict, **options):
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def drawn_chart(page) -> tuple[dict, dict]:
    """(the JSON data block, what ECharts was given) once the chart has been drawn."""
    page.wait_for_selector("#compare-chart[data-drawn='1']")
    data = page.evaluate("JSON.parse(document.getElementById('compare-chart-data').textContent)")
    shown = page.evaluate("""() => {
        const option = echarts.getInstanceByDom(document.getElementById('compare-chart')).getOption();
        const axis = option.xAxis[0].type === 'category' ? option.xAxis[0] : option.yAxis[0];
        return {categories: axis.data, result: option.series[0].data.map(d => d.value),
                target: option.series[1].data, canvas: document.querySelectorAll('#compare-chart canvas').length};
    }""")
    return data, shown


def no_sideways_scroll(page) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways on a phone: {width[0]}px wide in a {width[1]}px window"


def test_charts_draw_the_data_block_a_supervisor_corrects_a_match_and_pages_fit_a_phone(live_server, pairs, browser):  # noqa: F811
    base = live_server.url
    hunan = pairs.world.hunan.pk

    context, page = open_page(browser, {"width": 1280, "height": 900})
    page.goto(f"{base}/compare/regions/{hunan}/?indicator=gdp_growth")
    data, shown = drawn_chart(page)
    assert data["categories"] == ["2024", "2025", "2026"] and data["result"] == [4.8, 4.6, None]
    assert shown["canvas"] >= 1
    assert shown["categories"] == data["categories"]
    assert shown["result"] == data["result"] and shown["target"] == data["target"] == [None, 6.0, 5.0]
    table_years = page.eval_on_selector_all("#series tbody tr", "rows => rows.map(r => r.dataset.year)")
    assert table_years == data["categories"]
    page.screenshot(path=str(ARTIFACTS / "compare-region.png"), full_page=True)

    page.goto(f"{base}/compare/across/?indicator=gdp_growth&year=2025")
    data, shown = drawn_chart(page)
    assert shown["categories"] == data["categories"] == ["湖北省", "湖南省"]
    assert shown["result"] == [7.3, 4.6]
    page.screenshot(path=str(ARTIFACTS / "compare-across.png"), full_page=True)

    page.goto(f"{base}/compare/reports/{pairs.hunan_2025.pk}/")
    verdicts = page.eval_on_selector_all("#reconcile tbody tr", "rows => rows.map(r => r.dataset.verdict)")
    assert verdicts == ["未达成", "达成", "沉默", "沉默"]
    page.screenshot(path=str(ARTIFACTS / "compare-report.png"), full_page=True)
    context.close()

    # the supervisor pairs an unrecognised target name with a catalogue indicator, in the page
    context, page = open_page(browser, {"width": 1280, "height": 900})
    page.goto(f"{base}/login/?next=/compare/reports/{pairs.hunan_2025.pk}/")
    page.fill("input[name=username]", "su")
    page.fill("input[name=password]", "pw-su-123456")
    page.click("form.card button[type=submit]")
    row = page.locator("#reconcile tbody tr").nth(3)
    assert row.get_attribute("data-verdict") == "沉默"
    row.locator("details.correct summary").click()
    row.locator("select[name=indicator]").select_option("income_growth")
    row.locator("input[name=reason]").fill("即居民人均可支配收入")
    page.screenshot(path=str(ARTIFACTS / "compare-correct.png"), full_page=True)
    row.locator("button.primary").click()
    page.wait_for_selector(".msg-success")
    row = page.locator("#reconcile tbody tr").nth(3)
    assert (row.get_attribute("data-verdict"), row.get_attribute("data-indicator")) == ("未达成", "income_growth")
    page.screenshot(path=str(ARTIFACTS / "compare-corrected.png"), full_page=True)
    context.close()

    context, page = open_page(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    for name, url in (("report", f"/compare/reports/{pairs.hunan_2025.pk}/"),
                      ("region", f"/compare/regions/{hunan}/?indicator=gdp_growth"),
                      ("across", "/compare/across/?indicator=gdp_growth&year=2025"), ("index", "/compare/")):
        page.goto(base + url)
        if name in ("region", "across"):
            drawn_chart(page)
        no_sideways_scroll(page)
        page.screenshot(path=str(ARTIFACTS / f"compare-phone-{name}.png"), full_page=True)
    context.close()
