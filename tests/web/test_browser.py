"""The main path in Debian's chromium, as a new user would walk it; screenshots go to test-artifacts/web/.

Supervisor imports the seed report, fixes an item in review, confirms, assigns a commitment; the
unit's reporter reports progress with an attachment; the supervisor sees the status colour change
and the history entry.
"""

from __future__ import annotations

import os

import pytest

from .chromium import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()


def logout(page) -> None:
    page.click("header form button.link")
    page.wait_for_load_state()


def test_main_path_import_assign_report_and_see_status_change(live_server, world, seed_file, browser_page, tmp_path):
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.models import Commitment

    if seed_file is None:
        pytest.skip("../shared/seeds is not beside this checkout")
    page, base = browser_page, live_server.url
    reports_before = Report.objects.count()

    # 1. the supervisor imports the seed report
    login(page, base, "su", "pw-su-123456")
    page.goto(f"{base}/import/")
    page.select_option("select[name=region]", label="湖南省")
    page.set_input_files("input[name=file]", str(seed_file))
    page.fill("input[name=year]", "2024")
    page.fill("input[name=title]", "湖南省2024年政府工作报告（新闻稿）")
    page.click("#upload-submit")
    page.wait_for_selector(".review")
    n_items = int(page.get_attribute(".review", "data-items"))
    assert n_items > 0, "the extractor found no items in the seed report"
    assert page.locator("#source mark").count() > 0
    shot(page, "01-review")

    # 2. fix one item in review (through htmx: the page does not reload)
    first = page.locator("#item-0 .indicator").inner_text()
    fixed = f"审核修正：{first}"[:60]
    page.click("#item-0 a.edit")
    page.wait_for_selector("form.item-edit")
    page.fill("form.item-edit input[name=indicator]", fixed)
    page.click("form.item-edit button[name=save]")
    page.wait_for_selector(f"#item-0 .indicator:text-is('{fixed}')")
    shot(page, "02-review-fixed")

    # 3. confirm: now, and only now, the report and its commitments exist
    assert Report.objects.count() == reports_before, "a report was saved before confirming"
    # Hunan already has 2024 reports (the world's): the page says so and the choice is explicit
    assert "湖南省 2024 年已有 2 份报告" in page.inner_text("#duplicate-warning")
    page.check("#duplicate-choice input[value=keep]")
    page.click("#confirm-import")
    page.wait_for_selector("table.commitments")
    report = Report.objects.latest("imported_at")
    assert report.commitments.count() == n_items
    assert report.commitments.filter(indicator=fixed).exists()
    shot(page, "03-report")

    # 4. assign a commitment to the employment department
    target = (report.commitments.filter(indicator__contains="城镇新增就业", value__isnull=False).first()
              or report.commitments.filter(value__isnull=False).first())
    page.click(f"tr[data-commitment='{target.pk}'] a")
    page.wait_for_selector("#assign-form")
    before = page.get_attribute("#status .badge", "data-colour")
    page.select_option("#assign-form select[name=lead_unit]", label="省人力资源和社会保障厅")
    page.fill("#assign-form input[name=deadline]", "2024-12-31")
    page.click("#assign-form button.primary")
    page.wait_for_selector("#assignment")
    assert "省人力资源和社会保障厅" in page.inner_text("#assignment")
    shot(page, "04-assigned")
    logout(page)

    # 5. the unit's reporter reports progress with an attachment
    login(page, base, "rita", "pw-rita-123456")
    page.goto(f"{base}/my/")
    page.click(f"tr[data-commitment='{target.pk}'] a")
    page.click("#progress-panel summary")
    page.fill("#progress-form input[name=as_of]", "2024-12-20")
    value = Commitment.objects.get(pk=target.pk).value
    page.fill("#progress-form input[name=value]", format(value.normalize(), "f"))
    page.fill("#progress-form textarea[name=narrative]", "全年目标已完成，附统计台账。")
    evidence = tmp_path / "就业统计台账.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% luoshi test evidence\n")
    page.set_input_files("#progress-form input[name=files]", str(evidence))
    page.click("#progress-form button.primary")
    page.wait_for_selector("#progress li.progress")
    assert "就业统计台账.pdf" in page.inner_text("#progress")
    shot(page, "05-progress-reported")
    logout(page)

    # 6. back as supervisor: the colour has changed and the history says who did what
    login(page, base, "su", "pw-su-123456")
    page.goto(f"{base}/commitments/{target.pk}/")
    after = page.get_attribute("#status .badge", "data-colour")
    assert after == "green" and after != before, (before, after)
    history = page.inner_text("#history")
    assert "rita" in history and "报送进展" in history and "分配任务" in history
    shot(page, "06-status-and-history")
    assert os.listdir(ARTIFACTS)
