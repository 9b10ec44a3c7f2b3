"""Dashboard, public pages and bulletin in Debian's chromium: the charts' numbers read from the page,
published vs unpublished items, a phone-sized viewport without sideways scrolling, and print media.
Screenshots (and the bulletin as PDF) go to test-artifacts/web/.
"""

from __future__ import annotations

import json

import pytest

from .chromium import ARTIFACTS, PHONE, open_page, shot
from .test_dashboard_fixtures import DAY, EXPECTED_COLOURS, EXPECTED_STATUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no horizontal scrolling)."""
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth")


def test_dashboard_draws_its_charts_with_the_known_numbers(live_server, province, browser):
    w = province.world
    page = open_page(browser, user="su", base=live_server.url)
    page.goto(f"{live_server.url}/dashboard/{w.hunan.pk}/2024/?as_of={DAY.isoformat()}")
    page.wait_for_selector('[data-chart="trend"][data-rendered="true"]')
    assert page.locator('[data-chart][data-rendered="true"]').count() == 4
    assert page.locator('[data-chart="status"] svg path').count() > 0, "ECharts drew nothing"

    # the numbers ECharts was given, read back from the live chart instances
    drawn = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-chart]')].map(el => {
        const option = window.echarts.getInstanceByDom(el).getOption();
        return [el.dataset.chart, option.series.map(s => ({name: s.name, data: s.data.map(d => d.value ?? d)}))];
    }))""")
    labels = ["已完成", "超进度", "达进度", "欠进度", "严重滞后", "逾期未完成", "未启动"]
    expected_donut = [n for n in EXPECTED_STATUS.values() if n]  # empty slices are not drawn
    assert drawn["status"][0]["data"] == expected_donut
    trend = {s["name"]: s["data"] for s in drawn["trend"]}
    assert list(trend) == labels
    assert trend["未启动"][0] == 5 and trend["严重滞后"][0] == 1  # 31 January (新建学校 is 待分工, not in the mix)
    assert [trend[label][-1] for label in labels] == list(EXPECTED_STATUS.values())  # 30 June
    categories = page.evaluate("window.echarts.getInstanceByDom(document.querySelector('[data-chart=categories]'))"
                               ".getOption().xAxis[0].data")
    assert set(categories) == {"十大产业项目", "民生实事", "未分类"}
    units = {s["name"]: s["data"] for s in drawn["units"]}
    assert [round(v, 1) for v in units["进度正常"]] == [33.3, 66.7]

    # the same numbers in the JSON block and the accessible tables
    block = json.loads(page.inner_text("#dashboard-charts"))
    assert {c["id"] for c in block} == {"status", "categories", "units", "trend"}
    counts = page.eval_on_selector_all('table[data-table="status"] td[data-key="count"]', "tds => tds.map(t => +t.dataset.value)")
    assert counts == list(EXPECTED_STATUS.values())
    tiles = page.eval_on_selector_all(".tile[data-colour] .n", "ns => ns.map(n => +n.dataset.value)")
    assert tiles == [sum(EXPECTED_STATUS.values()), *EXPECTED_COLOURS.values()]
    assert page.locator('table[data-table="chase"] tbody tr').count() == 4
    shot(page, "10-dashboard")


def test_public_page_shows_the_published_item_and_not_the_unpublished_one(live_server, province, browser):
    w = province.world
    page = open_page(browser)
    page.goto(f"{live_server.url}/public/{w.hunan.pk}/2024/")
    items = page.eval_on_selector_all(".pub-item", "els => els.map(e => +e.dataset.commitment)")
    assert items == [w.c_pub.pk]
    text = page.inner_text("main")
    assert "城镇调查失业率" in text and "城镇新增就业" not in text and "粮食产量" not in text
    assert page.get_attribute(".pub-item .plain", "data-plain") == "done"  # 2024 is over and the cap was kept
    assert "已完成" in page.inner_text(".pub-item .plain")
    shot(page, "11-public-region-year")
    page.click(f'.pub-item[data-commitment="{w.c_pub.pk}"] h2 a')
    page.wait_for_selector("#public-timeline")
    assert "2024-05-31" in page.inner_text("#public-timeline")
    assert "不公开的备注" not in page.content() and "内部核实意见" not in page.content()
    shot(page, "12-public-commitment")


def test_phone_viewport_renders_without_horizontal_scrolling(live_server, province, browser):
    w = province.world
    long_link = "https://www.hunan.gov.cn/" + "x" * 120  # a long unbroken string must wrap, not widen the page
    w.c_pub.__class__.objects.filter(pk=w.c_pub.pk).update(text=w.c_pub.text + long_link)
    public = open_page(browser, viewport=PHONE)
    for name, path in (("13-phone-public-region-year", f"/public/{w.hunan.pk}/2024/"),
                       ("14-phone-public-commitment", f"/public/commitments/{w.c_pub.pk}/"),
                       ("15-phone-public-index", "/public/")):
        public.goto(live_server.url + path)
        assert public.evaluate("window.innerWidth") == 390
        assert sideways_overflow(public) <= 0, f"{path} scrolls sideways by {sideways_overflow(public)}px"
        shot(public, name)
    supervisor = open_page(browser, viewport=PHONE, user="su", base=live_server.url)
    for name, path in (("16-phone-dashboard", f"/dashboard/{w.hunan.pk}/2024/?as_of={DAY.isoformat()}"),
                       ("17-phone-bulletin", f"/bulletin/{w.hunan.pk}/2024/6/")):
        supervisor.goto(live_server.url + path)
        if "dashboard" in path:
            supervisor.wait_for_selector('[data-chart="units"][data-rendered="true"]')
        assert sideways_overflow(supervisor) <= 0, f"{path} scrolls sideways by {sideways_overflow(supervisor)}px"
        shot(supervisor, name)


def test_bulletin_prints_the_document_without_the_application_around_it(live_server, province, browser):
    w = province.world
    page = open_page(browser, user="su", base=live_server.url)
    page.goto(f"{live_server.url}/bulletin/{w.hunan.pk}/2024/6/")
    assert page.is_visible("header.top") and page.is_visible(".bulletin-tools")
    page.emulate_media(media="print")
    assert not page.is_visible("header.top") and not page.is_visible(".bulletin-tools")
    assert not page.is_visible(".downloads")
    assert page.is_visible('table[data-table="lagging"]')
    assert page.evaluate("getComputedStyle(document.querySelector('table[data-table=lagging] thead')).display") \
        == "table-header-group"
    page.pdf(path=str(ARTIFACTS / "18-bulletin.pdf"), format="A4")
    shot(page, "18-bulletin-print")
    assert (ARTIFACTS / "18-bulletin.pdf").stat().st_size > 1000
