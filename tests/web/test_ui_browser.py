"""The pages in Debian's chromium as a Chinese office uses them (issue 13): date inputs that keep
their dates, and layouts that hold at a phone's 390 px and a laptop's 1366 px.

Screenshots go to test-artifacts/web/ (ui-*.png); look at them when the layout changes.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from .chromium import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


def open_page(browser, base: str, user: str, *, viewport=None, locale: str = "zh-CN"):
    viewport = viewport or {"width": 1400, "height": 900}
    context = browser.new_context(viewport=viewport, locale=locale, is_mobile=viewport == PHONE, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", f"pw-{user}-123456")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


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
