"""The supervision workflow in Debian's chromium (issue 13), screenshots in test-artifacts/web/:

supervisor: 待核实 inbox → 退回 with a reason; reporter: sees what came back and why on 我的任务 →
corrects and resubmits → withdraws another report → applies for 办结 with evidence; supervisor:
approves the closure from the inbox → the commitment shows 已办结.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from luoshi_web.tracking import services
from luoshi_web.tracking.models import Assignment, Closure, ProgressReport

from .chromium import PHONE, open_page, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inbox_return_correct_resubmit_withdraw_and_close(live_server, world, browser, tmp_path):
    base = live_server.url
    wrong = services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 6, 30),
                                            value=Decimal(60), narrative="上半年新增就业60万人（含灵活就业）")
    spare = services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 5, 31),
                                            value=Decimal(25), narrative="五月数据（重复填报）")
    other = services.progress_report_create(user=world.nick, assignment=world.a_b, as_of=date(2024, 6, 30),
                                            value=Decimal(300), narrative="夏粮已收")

    # 1. supervisor: the inbox lists all three; the office returns the wrong one with a reason
    su = open_page(browser, base, "su")
    su.click("header nav a[href='/inbox/']")
    su.wait_for_selector("#inbox")
    listed = [int(x) for x in su.locator("#inbox tbody tr[data-progress]").evaluate_all(
        "rows => rows.map(r => r.dataset.progress)")]
    assert sorted(listed) == sorted([wrong.pk, spare.pk, other.pk])
    shot(su, "wf-01-inbox")
    su.select_option("#inbox-filters select[name=unit]", label="省人力资源和社会保障厅")
    su.click("#inbox-filters button")
    su.wait_for_load_state()
    assert su.locator("#inbox tbody tr[data-progress]").count() == 2
    row = su.locator(f"#inbox tr[data-progress='{wrong.pk}']")
    row.locator("form.return input[name=reason]").fill("灵活就业不计入城镇新增就业，请按统计口径改正")
    row.locator("form.return button").click()
    su.wait_for_selector(".msg")
    assert "unit=" in su.url  # back to the filtered inbox
    assert su.locator(f"#inbox tr[data-progress='{wrong.pk}']").count() == 0
    shot(su, "wf-02-inbox-after-return")

    # 2. reporter: sees what came back and why, corrects and resubmits, withdraws the duplicate
    rita = open_page(browser, base, "rita")
    rita.goto(f"{base}/my/")
    returned = rita.locator("#returned")
    assert "灵活就业不计入城镇新增就业" in returned.inner_text()
    shot(rita, "wf-03-my-tasks-returned")
    returned.locator("a").first.click()
    item = rita.locator(f"#progress-{wrong.pk}")
    item.wait_for()
    assert item.get_attribute("data-state") == "returned"
    assert "灵活就业不计入城镇新增就业" in item.locator(".return-reason").inner_text()
    item.locator("details.resubmit summary").click()
    item.locator(f"input[name='r{wrong.pk}-value']").fill("48")
    item.locator(f"textarea[name='r{wrong.pk}-narrative']").fill("按统计口径改正：上半年城镇新增就业48万人")
    shot(rita, "wf-04-correcting")
    item.locator("form.resubmit-form button.primary").click()
    rita.wait_for_selector(".msg")
    assert rita.locator(f"#progress-{wrong.pk}").get_attribute("data-state") == "submitted"
    dup = rita.locator(f"#progress-{spare.pk}")
    dup.locator("form.withdraw input[name=reason]").fill("与六月报告重复")
    dup.locator("form.withdraw button").click()
    rita.wait_for_selector(".msg")
    assert rita.locator(f"#progress-{spare.pk}").count() == 0
    assert "撤回：与六月报告重复" in rita.inner_text("#history")
    shot(rita, "wf-05-resubmitted-and-withdrawn")

    # 3. reporter applies for closure with its evidence
    evidence = tmp_path / "年度就业统计.pdf"
    evidence.write_bytes(b"%PDF-1.7\n% luoshi workflow test\n")
    rita.click("#closure-panel summary")
    rita.fill("#closure-form textarea[name=summary]", "全年城镇新增就业72万人，超额完成，附统计局年报。")
    rita.set_input_files("#closure-form input[name=files]", str(evidence))
    rita.click("#closure-form button.primary")
    rita.wait_for_selector("#closure .closure[data-state='pending']")
    shot(rita, "wf-06-closure-applied")

    # 4. supervisor: the corrected report is back in the inbox, verified; the closure approved
    su.goto(f"{base}/inbox/")
    fixed = su.locator(f"#inbox tr[data-progress='{wrong.pk}']")
    assert "48万人" in fixed.inner_text()
    fixed.locator("form.verify button").click()
    su.wait_for_selector(".msg")
    closure = Closure.objects.get()
    su.locator(f"#closures tr[data-closure='{closure.pk}'] input[name=note]").fill("核查属实")
    su.locator(f"#closures tr[data-closure='{closure.pk}'] button[value=approve]").click()
    su.wait_for_selector(".msg")
    assert su.locator(f"#closures tr[data-closure='{closure.pk}']").count() == 0
    shot(su, "wf-07-inbox-after-approval")
    su.goto(f"{base}/commitments/{world.c_a.pk}/")
    su.wait_for_selector("#closed-tag")
    assert su.get_attribute("#status .badge", "data-status") == "done"
    shot(su, "wf-08-closed")

    # the inbox on a phone: one card per report, nothing off the side
    phone = open_page(browser, base, "su", viewport=PHONE)
    phone.goto(f"{base}/inbox/")
    assert phone.locator(f"#inbox tr[data-progress='{other.pk}']").is_visible()
    shot(phone, "wf-11-inbox-phone")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

    p = ProgressReport.filed.get(pk=wrong.pk)
    assert p.state == ProgressReport.State.VERIFIED and p.value == Decimal(48)
    assert ProgressReport.all_objects.get(pk=spare.pk).state == ProgressReport.State.WITHDRAWN
    assert Assignment.objects.get(pk=world.a_a.pk).closed_at is not None


def test_second_writer_sees_the_conflict_and_a_thread_of_instructions(live_server, world, browser):
    from django.contrib.auth import get_user_model

    from luoshi_web.org.models import Membership

    base = live_server.url
    sun = get_user_model().objects.create_user("sun", password="pw-sun-123456")
    Membership.objects.create(user=sun, unit=world.office, role=Membership.Role.SUPERVISOR)
    url = f"{base}/commitments/{world.c_a.pk}/"
    first, second = open_page(browser, base, "su"), open_page(browser, base, "sun")
    for page in (first, second):
        page.goto(url)
        page.click("#assign-panel summary")
    first.fill("#assign-form input[name=deadline]", "2024-10-31")
    first.fill("#assign-form textarea[name=note]", "苏：提前到十月")
    first.click("#assign-form button.primary")
    first.wait_for_selector(".msg")
    second.fill("#assign-form textarea[name=note]", "孙：按季度调度")
    second.click("#assign-form button.primary")
    second.wait_for_selector("#conflict")
    conflict = second.inner_text("#conflict")
    assert "此记录已被他人修改" in conflict and "苏：提前到十月" in conflict and "孙：按季度调度" in conflict
    assert second.input_value("#assign-form textarea[name=note]") == "孙：按季度调度"
    shot(second, "wf-09-conflict")
    assert Assignment.objects.get(pk=world.a_a.pk).note == "苏：提前到十月"

    # 批示 with a mention; the unit replies
    first.goto(url)
    first.fill("#comment-form textarea[name=body]", "请于月底前报送二季度数据。")
    first.check(f"#comment-form input[name=mentions][value='{world.unit_a.pk}']")
    first.click("#comment-form button.primary")
    first.wait_for_selector("#comment-thread li.comment")
    rita = open_page(browser, base, "rita")
    rita.goto(f"{base}/my/")
    assert "请于月底前报送二季度数据" in rita.inner_text("#mentions")
    rita.click("#mentions a")
    rita.fill("#comment-form textarea[name=body]", "收到，将按时报送。")
    rita.click("#comment-form button.primary")
    rita.wait_for_selector("#comment-thread li.comment.reply")
    assert rita.locator("#comment-thread li.comment").count() == 2
    shot(rita, "wf-10-comments")
