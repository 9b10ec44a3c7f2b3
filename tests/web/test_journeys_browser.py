"""The three journeys of issue 13 end to end in Debian's chromium, each step through the pages a
person would use (screenshots journey-*.png in test-artifacts/web/):

supervisor: import → review → confirm and publish → assign; reporter: report progress; supervisor:
待核实 → 退回 with a reason; reporter: sees why, corrects and resubmits, answers the 批示, applies
for 办结; supervisor: 核实, approves the 办结, downloads the 督查通报 in Word; citizen: the public
pages on a phone.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from .chromium import PHONE, open_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_reporter_and_citizen_journeys(live_server, world, seed_file, browser, tmp_path):
    from docx import Document

    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.models import Assignment, Closure, ProgressReport

    if seed_file is None:
        pytest.fail("../shared/seeds must sit beside the checkout")
    base = live_server.url

    # supervisor: import the seed report, confirm it (published), open it
    su = open_page(browser, base, "su")
    su.goto(f"{base}/import/")
    su.select_option("select[name=region]", label="湖南省")
    su.set_input_files("input[name=file]", str(seed_file))
    su.fill("input[name=year]", "2024")
    su.click("#upload-submit")
    su.wait_for_selector(".review")
    shot(su, "journey-01-review")
    su.check("#duplicate-choice input[value=keep]")
    su.click("#confirm-import")
    su.wait_for_selector("table.commitments")
    report = Report.objects.latest("imported_at")
    su.click(f"form[action='{reverse('report_publish', args=[report.pk])}'] button")  # 向公众公开
    su.wait_for_load_state()
    assert Report.objects.get(pk=report.pk).published
    # nothing assigned yet: nothing is rated lagging (issue 13, done-when)
    assert su.locator("table.commitments .badge[data-colour='red']").count() == 0
    shot(su, "journey-02-report")

    # assign one commitment with a figure to the employment department
    target = (report.commitments.filter(indicator__contains="城镇新增就业", value__isnull=False).first()
              or report.commitments.filter(value__isnull=False).first())
    su.goto(f"{base}/commitments/{target.pk}/")
    su.select_option("#assign-form select[name=lead_unit]", label="省人力资源和社会保障厅")
    su.fill("#assign-form input[name=deadline]", "2024-12-31")
    su.click("#assign-form button.primary")
    su.wait_for_selector("#assignment")
    shot(su, "journey-03-assigned")

    # reporter: reports progress
    rita = open_page(browser, base, "rita")
    rita.goto(f"{base}/my/")
    rita.click(f"tr[data-commitment='{target.pk}'] a")
    rita.click("#progress-panel summary")
    rita.fill("#progress-form input[name=as_of]", "2024-06-30")
    rita.fill("#progress-form input[name=value]", "1")
    rita.fill("#progress-form textarea[name=narrative]", "上半年进展（口径待核）")
    rita.click("#progress-form button.primary")
    rita.wait_for_selector("#progress li.progress")
    report_pk = ProgressReport.filed.filter(assignment__commitment=target).latest("pk").pk
    shot(rita, "journey-04-reported")

    # supervisor: 待核实 → 退回 with a reason, and a 批示
    su.goto(f"{base}/inbox/")
    row = su.locator(f"#inbox tr[data-progress='{report_pk}']")
    row.locator("form.return input[name=reason]").fill("请按统计口径核实后重报")
    row.locator("form.return button").click()
    su.wait_for_selector(".msg")
    shot(su, "journey-05-returned")

    # reporter: sees why, corrects and resubmits
    rita.goto(f"{base}/my/")
    assert "请按统计口径核实后重报" in rita.inner_text("#returned")
    rita.locator("#returned a").first.click()
    item = rita.locator(f"#progress-{report_pk}")
    item.locator("details.resubmit summary").click()
    item.locator(f"input[name='r{report_pk}-value']").fill("2")
    item.locator(f"textarea[name='r{report_pk}-narrative']").fill("按统计口径改正后的上半年进展")
    item.locator("form.resubmit-form button.primary").click()
    rita.wait_for_selector(".msg")
    assert rita.locator(f"#progress-{report_pk}").get_attribute("data-state") == "submitted"
    shot(rita, "journey-06-resubmitted")

    # reporter: applies for 办结 with evidence
    evidence = tmp_path / "年度统计.pdf"
    evidence.write_bytes(b"%PDF-1.7\n% luoshi journey test\n")
    rita.click("#closure-panel summary")
    rita.fill("#closure-form textarea[name=summary]", "全年任务完成，附统计年报。")
    rita.set_input_files("#closure-form input[name=files]", str(evidence))
    rita.click("#closure-form button.primary")
    rita.wait_for_selector("#closure .closure[data-state='pending']")

    # supervisor: 核实 the corrected report, approve the 办结
    su.goto(f"{base}/inbox/")
    su.locator(f"#inbox tr[data-progress='{report_pk}'] form.verify button").click()
    su.wait_for_selector(".msg")
    closure = Closure.objects.get(assignment__commitment=target)
    su.locator(f"#closures tr[data-closure='{closure.pk}'] button[value=approve]").click()
    su.wait_for_selector(".msg")
    su.goto(f"{base}/commitments/{target.pk}/")
    su.wait_for_selector("#closed-tag")
    shot(su, "journey-07-closed")
    assert ProgressReport.filed.get(pk=report_pk).state == ProgressReport.State.VERIFIED
    assert Assignment.objects.get(commitment=target).closed_at is not None

    # supervisor: the 督查通报 of June in Word
    su.goto(f"{base}/bulletin/{world.hunan.pk}/2024/6/")
    with su.expect_download() as dl:
        su.click("#bulletin-docx")
    doc = Document(str(dl.value.path()))
    assert dl.value.suggested_filename.endswith(".docx")
    assert any("通报" in p.text for p in doc.paragraphs)
    shot(su, "journey-08-bulletin")

    # citizen: the public pages on a phone, nothing off the side
    phone = open_page(browser, base, viewport=PHONE)
    phone.goto(f"{base}/public/")
    shot(phone, "journey-09-public-phone")
    phone.goto(f"{base}/public/{world.hunan.pk}/2024/")
    assert report.title in phone.inner_text("body")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    shot(phone, "journey-10-public-region-phone")
