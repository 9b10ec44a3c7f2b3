"""The pages in Debian's chromium as a Chinese office uses them (issue 13): date inputs that keep
their dates, and layouts that hold at a phone's 390 px and a laptop's 1366 px.

Screenshots go to test-artifacts/web/ (ui-*.png); look at them when the layout changes.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from .chromium import PHONE, open_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 768}


# --- finding 1: date inputs in the Chinese interface ---------------------------------------------

def test_adjusting_an_assignment_in_chinese_keeps_its_deadline(live_server, world, browser):
    from luoshi_web.tracking.models import Assignment

    page = open_page(browser, live_server.url, "su")
    page.goto(f"{live_server.url}/commitments/{world.c_a.pk}/")
    assert page.get_attribute("html", "lang") == "zh-hans"
    page.click("#assign-panel summary")
    deadline = page.locator("#assign-form input[name=deadline]")
    assert deadline.get_attribute("type") == "date"
    assert deadline.input_value() == "2024-12-31", "the stored deadline is not in the date input"
    shot(page, "ui-01-assignment-deadline-zh")
    # 调整分工 without typing the deadline again: only the supporting unit changes
    page.check(f"#assign-form input[name=supporting_units][value='{world.unit_b.pk}']")
    page.fill("#assign-form input[name=reason]", "增加配合单位")
    page.click("#assign-form button.primary")
    page.wait_for_selector(".msg-success")
    a = Assignment.objects.get(pk=world.a_a.pk)
    assert a.deadline == date(2024, 12, 31)
    assert list(a.supporting_units.values_list("pk", flat=True)) == [world.unit_b.pk]


def test_a_progress_report_in_chinese_starts_with_todays_date(live_server, world, browser):
    from luoshi_web.tracking.models import ProgressReport

    page = open_page(browser, live_server.url, "rita")
    page.goto(f"{live_server.url}/commitments/{world.c_a.pk}/")
    page.click("#progress-panel summary")
    as_of = page.locator("#progress-form input[name=as_of]")
    today = timezone.localdate()
    assert as_of.input_value() == today.isoformat(), "截至日期 is empty in the Chinese interface"
    page.fill("#progress-form input[name=value]", "30")
    page.fill("#progress-form textarea[name=narrative]", "新增就业30万人。")
    page.click("#progress-form button.primary")
    page.wait_for_selector(".msg-success")
    assert ProgressReport.objects.get(assignment=world.a_a).as_of == today


# --- finding 10: phone and laptop widths -----------------------------------------------------

CRAMPED_CELLS = """(selector) => {
  // cells whose text needs two characters or more but that are too narrow for two per line:
  // the text's own line boxes are counted (not the cell's height, which the row sets)
  const out = [];
  for (const td of document.querySelectorAll(selector)) {
    const text = td.innerText.trim();
    if (!td.offsetParent || [...text].length < 2) continue;
    const style = getComputedStyle(td);
    const inner = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const tops = new Set();
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    if (inner < 2 * parseFloat(style.fontSize) || tops.size >= [...text].length) {
      out.push({text: text.slice(0, 20), width: inner, lines: tops.size});
    }
  }
  return out;
}"""

OFF_SCREEN = """(selector) => [...document.querySelectorAll(selector)].filter(el => {
  const r = el.getBoundingClientRect();
  return r.width === 0 || r.left < 0 || r.right > window.innerWidth;
}).length"""


def sideways_overflow(page) -> int:
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth")


@pytest.fixture
def long_names(province):
    """Indicator names and unit names as long as real ones."""
    from luoshi_web.tracking.models import Commitment

    w = province.world
    Commitment.objects.filter(pk=w.c_b.pk).update(indicator="粮食播种面积稳定在7100万亩以上、粮食总产量保持在615亿斤左右")
    w.unit_b.name = "省农业农村厅（省乡村振兴局）"
    w.unit_b.save()
    return province


@pytest.mark.parametrize("who, path, rows", [
    ("su", "/commitments/", "table.commitments tbody tr[data-commitment]"),
    ("su", "/lagging/", "table.commitments tbody tr[data-commitment]"),
    ("nick", "/my/", "table.list tbody tr[data-commitment]"),
])
def test_task_lists_read_at_phone_width(live_server, long_names, browser, who, path, rows):
    page = open_page(browser, live_server.url, who, viewport=PHONE)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_selector(rows)
    name = path.strip("/").replace("/", "-")
    shot(page, f"ui-10-phone-{name}")
    assert page.locator(rows).count() > 0
    cells = rows.replace("tr[data-commitment]", "td")
    assert page.evaluate(CRAMPED_CELLS, cells) == [], "cells one character wide"
    assert page.evaluate(OFF_SCREEN, f"{rows} .badge") == 0, "a status is off-screen"
    assert sideways_overflow(page) <= 0


@pytest.fixture
def both_roles(world):
    """A supervisor who also reports for a unit, with a long account name: every link of the header."""
    from django.contrib.auth import get_user_model

    from luoshi_web.org.models import Membership

    user = get_user_model().objects.create_user("zhangweiguo-ducha", password="pw-zhangweiguo-ducha-123456")
    Membership.objects.create(user=user, unit=world.office, role=Membership.Role.SUPERVISOR)
    Membership.objects.create(user=user, unit=world.unit_a, role=Membership.Role.REPORTER)
    return user


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_navigation_fits_one_line_at_1366(live_server, both_roles, browser, locale):
    page = open_page(browser, live_server.url, both_roles.username, viewport=LAPTOP, locale=locale)
    page.goto(f"{live_server.url}/commitments/")
    tops = page.evaluate("[...document.querySelectorAll('header.top nav a')].map(a => a.getBoundingClientRect().top)")
    assert len(tops) == 11, "a supervisor who also reports sees every link"
    shot(page, f"ui-11-laptop-nav-{locale}")
    assert max(tops) - min(tops) < 4, f"the navigation wraps: {tops}"
    hidden = page.evaluate("""() => { const nav = document.querySelector('header.top nav').getBoundingClientRect();
      return [...document.querySelectorAll('header.top nav a')].filter(a => {
        const r = a.getBoundingClientRect(); return r.left < nav.left - 1 || r.right > nav.right + 1; }).map(a => a.innerText); }""")
    assert hidden == [], f"links cut off: {hidden}"
    user = page.evaluate("document.querySelector('header.top .user').getBoundingClientRect().top")
    assert abs(user - min(tops)) < 20, "the language switch and user sit on the navigation's line"
    assert sideways_overflow(page) <= 0


def test_the_header_holds_at_phone_width(live_server, world, browser):
    page = open_page(browser, live_server.url, "su", viewport=PHONE)
    page.goto(f"{live_server.url}/commitments/")
    shot(page, "ui-12-phone-header")
    assert sideways_overflow(page) <= 0
    assert page.evaluate(OFF_SCREEN, "header.top .user select, header.top .user button") == 0
