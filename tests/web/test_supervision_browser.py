"""The supervision office in Debian's chromium (issue 13): a supervisor filters the 任务清单, ticks
commitments and assigns them at once, sends a 催办 on one; the reporter of the lead unit sees it
unread in the header, opens it, and it is read. Also the office pages (units, people).

Screenshots go to test-artifacts/web/ (supervision-*.png).
"""

from __future__ import annotations

from datetime import date

import pytest

from .chromium import PHONE, open_page, shot
from .conftest import make_commitment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_bulk_assigns_and_reminds_and_the_reporter_reads_it(live_server, world, browser):
    from luoshi_web.supervision.models import Reminder
    from luoshi_web.tracking.models import Assignment


    w = world
    extra = [make_commitment(w.internal_report, 10 + n, name, 10 + n, unit="个") for n, name in
             enumerate(("建设老年助餐服务点", "新增普惠性托位", "提升改造农村公路"))]
    page = open_page(browser, live_server.url, "su")
    page.goto(f"{live_server.url}/commitments/?report={w.internal_report.pk}")
    page.wait_for_selector("#bulk-form")
    for c in [w.c_unassigned, *extra]:
        page.check(f"input[name=ids][value='{c.pk}']")
    page.click("#bulk-panel summary")
    page.select_option("#bulk-panel select[name=lead_unit]", str(w.unit_a.pk))
    page.select_option("#bulk-panel select[name=supporting_units]", [str(w.unit_b.pk)])
    page.fill("#bulk-panel input[name=deadline]", "2024-11-30")
    page.select_option("#bulk-panel select[name=frequency]", "quarterly")
    page.fill("#bulk-panel textarea[name=reason]", "年初集中分工")
    shot(page, "supervision-01-bulk-panel")
    page.click("#bulk-panel button[value=assign]")
    page.wait_for_selector(".msg-success")
    assert "已将 4 项任务分给 省人力资源和社会保障厅" in page.inner_text(".msg-success")
    for c in [w.c_unassigned, *extra]:
        a = Assignment.objects.get(commitment=c)
        assert (a.lead_unit_id, a.deadline, a.frequency) == (w.unit_a.pk, date(2024, 11, 30), "quarterly")
    assert page.url.endswith(f"/commitments/?report={w.internal_report.pk}"), "back to the same filtered list"
    shot(page, "supervision-02-bulk-assigned")

    # a 催办 from the list's link on one row
    page.click(f"tr[data-commitment='{w.c_unassigned.pk}'] a.remind-link")
    page.fill("#remind-form textarea[name=reason]", "请于本周五前报送新建学校进展。")
    page.click("#remind-form button.primary")
    page.wait_for_selector(".msg-success")
    r = Reminder.objects.get()
    assert (r.unit_id, r.sent_by_id, r.read_at) == (w.unit_a.pk, w.su.pk, None)

    reporter = open_page(browser, live_server.url, "rita")
    reporter.goto(f"{live_server.url}/my/")
    assert reporter.inner_text(".reminders-link .unread-count") == "1"
    shot(reporter, "supervision-03-reporter-unread")
    reporter.click(".reminders-link")
    assert reporter.locator("tr.unread").count() == 1
    shot(reporter, "supervision-04-reporter-inbox")
    reporter.click("tr.unread a")
    reporter.wait_for_selector(".read-state")
    assert "rita" in reporter.inner_text(".read-state")
    shot(reporter, "supervision-05-reporter-read")
    r.refresh_from_db()
    assert r.read_by_id == w.rita.pk and r.read_at is not None
    reporter.goto(f"{live_server.url}/my/")
    assert reporter.locator(".reminders-link .unread-count").count() == 0
    # the supervisor sees it signed for
    page.goto(f"{live_server.url}/reminders/?box=sent")
    assert page.locator("tr.read").count() == 1
    shot(page, "supervision-06-supervisor-sent")


def test_the_office_pages_and_the_list_on_a_phone(live_server, world, browser):
    page = open_page(browser, live_server.url, "su")
    page.goto(f"{live_server.url}/office/units/")
    page.fill("#unit-form input[name=name]", "省教育厅")
    page.select_option("#unit-form select[name=region]", str(world.hunan.pk))
    page.click("#unit-form button.primary")
    page.wait_for_selector(".msg-success")
    assert page.locator("tr[data-unit]").count() == 4
    shot(page, "supervision-07-units")
    page.goto(f"{live_server.url}/office/people/")
    page.fill("#user-form input[name=username]", "jiaoyu")
    page.fill("#user-form input[name=password]", "a-long-pass-phrase-7")
    page.select_option("#user-form select[name=unit]", label="省教育厅")
    page.select_option("#user-form select[name=role]", "reporter")
    page.click("#user-form button.primary")
    page.wait_for_selector(".msg-success")
    shot(page, "supervision-08-person")
    phone = open_page(browser, live_server.url, "su", viewport=PHONE)
    phone.goto(f"{live_server.url}/commitments/?overdue=1")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"the list scrolls sideways on a phone ({width}px)"
    shot(phone, "supervision-09-list-phone")
