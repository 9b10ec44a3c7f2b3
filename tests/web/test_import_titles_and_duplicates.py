"""Import (issue 13): a meaningful default title, and a second report for the same region-year only
by an explicit choice (replace or keep both), asked on the review page in Chinese or English.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.errors import DomainError
from luoshi_web.reports import services
from luoshi_web.reports.models import ImportDraft, Report

pytestmark = pytest.mark.django_db

BODY = "各位代表：\n\n今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业70万人。\n"


def upload(text: str, name: str = "report.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def draft_of(world, text: str, *, name: str = "report.txt", **kw) -> ImportDraft:
    return services.import_draft_create(user=world.su, region=world.hunan, upload=upload(text, name), **kw)


# --- finding 4: the title ----------------------------------------------------------------------

@pytest.mark.parametrize("first_line", ["下载", "政府工作报告", "政府工作报告（全文）", "首页 > 政务公开", "2024年政府工作报告"])
def test_a_furniture_or_bare_title_becomes_region_year_and_report(world, first_line):
    draft = draft_of(world, f"{first_line}\n\n{BODY}", year=2024)
    assert draft.title == "湖南省2024年政府工作报告"


def test_the_year_read_from_the_text_names_the_report(world):
    draft = draft_of(world, "下载\n\n2025年政府工作报告\n\n各位代表：\n\n二、2025年工作安排\n\n今年城镇新增就业70万人。\n",
                     name="gov.txt")
    assert draft.year == 2025 and draft.title == "湖南省2025年政府工作报告"


@pytest.mark.parametrize("title", ["2024年湖南省政府工作报告", "湖南省2024年政府工作报告（新闻稿）",
                                   "政府工作报告——2024年1月21日在湖南省第十四届人民代表大会第二次会议上"])
def test_a_meaningful_title_is_kept(world, title):
    assert draft_of(world, f"{title}\n\n{BODY}", year=2024).title == title


def test_a_title_typed_at_upload_wins(world):
    assert draft_of(world, f"下载\n\n{BODY}", year=2024, title="省政府工作报告（征求意见稿）").title == "省政府工作报告（征求意见稿）"


def test_a_title_made_without_a_year_takes_the_year_given_at_confirm(world):
    draft = draft_of(world, "下载\n\n各位代表：\n\n城镇新增就业70万人。\n")
    assert draft.year is None and draft.title == "湖南省政府工作报告"
    report = services.import_draft_confirm(user=world.su, draft=draft, year=2027)
    assert report.title == "湖南省2027年政府工作报告"


def test_the_review_page_offers_the_default_title_for_confirmation(world):
    draft = draft_of(world, f"下载\n\n{BODY}", year=2025)
    page = world.client(world.su).get(reverse("import_review", args=[draft.pk])).content.decode()
    assert 'name="title" value="湖南省2025年政府工作报告"' in page and ">下载<" not in page


# --- finding 7: the same region-year twice -----------------------------------------------------

def review(world, draft, **headers) -> str:
    client = world.client(world.su)
    if headers.get("lang"):
        client.cookies["django_language"] = headers["lang"]
    response = client.get(reverse("import_review", args=[draft.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_review_page_warns_of_reports_already_there_and_asks_to_choose(world):
    draft = draft_of(world, f"湖南省2024年政府工作报告\n\n{BODY}", year=2024)
    page = review(world, draft)
    warning = page.split('id="duplicate-warning"', 1)[1].split("</div>", 1)[0]
    assert "湖南省 2024 年已有 2 份报告" in warning
    assert "《内部报告》" in warning and "《公开报告》" in warning
    choice = page.split('id="duplicate-choice"', 1)[1].split("</fieldset>", 1)[0]
    assert 'name="on_duplicate" value="replace" required' in choice and 'value="keep" required' in choice
    assert "checked" not in choice, "the choice must be made, not preset"
    assert "替换原报告" in choice and "保留两份" in choice


def test_the_warning_is_in_english_for_an_english_reader(world):
    draft = draft_of(world, f"湖南省2024年政府工作报告\n\n{BODY}", year=2024)
    page = review(world, draft, lang="en")
    warning = page.split('id="duplicate-warning"', 1)[1].split("</div>", 1)[0]
    assert "湖南省 already has 2 reports for 2024" in warning
    choice = page.split('id="duplicate-choice"', 1)[1].split("</fieldset>", 1)[0]
    assert "Replace the existing report" in choice and "Keep both" in choice


def test_no_warning_for_a_new_region_year(world):
    draft = draft_of(world, f"湖南省2025年政府工作报告\n\n{BODY}", year=2025)
    page = review(world, draft)
    assert 'id="duplicate-warning"' not in page and 'name="on_duplicate"' not in page
    response = world.client(world.su).post(reverse("import_confirm", args=[draft.pk]), {"year": "2025"})
    assert response.status_code == 302 and Report.objects.filter(region=world.hunan, year=2025).count() == 1


def test_confirm_without_a_choice_saves_nothing_and_says_why(world):
    draft = draft_of(world, f"湖南省2024年政府工作报告\n\n{BODY}", year=2024)
    before = Report.objects.count()
    response = world.client(world.su).post(reverse("import_confirm", args=[draft.pk]), {"year": "2024"}, follow=True)
    page = response.content.decode()
    assert "请选择“替换原报告”或“保留两份”" in page
    assert Report.objects.count() == before
    draft.refresh_from_db()
    assert draft.state == ImportDraft.State.OPEN
    with pytest.raises(DomainError):
        services.import_draft_confirm(user=world.su, draft=draft)


def test_keep_both_adds_a_report_beside_the_others(world):
    draft = draft_of(world, f"湖南省2024年政府工作报告\n\n{BODY}", year=2024)
    response = world.client(world.su).post(reverse("import_confirm", args=[draft.pk]), {"year": "2024", "on_duplicate": "keep"})
    assert response.status_code == 302
    assert Report.objects.filter(region=world.hunan, year=2024).count() == 3


def test_replace_removes_the_reports_already_there(world):
    draft = draft_of(world, f"湖南省2024年政府工作报告\n\n{BODY}", year=2024)
    response = world.client(world.su).post(reverse("import_confirm", args=[draft.pk]),
                                           {"year": "2024", "on_duplicate": "replace"})
    assert response.status_code == 302
    live = list(Report.objects.filter(region=world.hunan, year=2024))
    assert [r.title for r in live] == ["湖南省2024年政府工作报告"]
    old = Report.all_objects.get(pk=world.internal_report.pk)
    assert old.deleted_at is not None and old.deleted_by == world.su
    assert "替换" in old.history.latest().history_change_reason


def test_a_year_changed_at_confirm_is_checked_too(world):
    draft = draft_of(world, f"湖南省政府工作报告\n\n{BODY}", year=2025)
    response = world.client(world.su).post(reverse("import_confirm", args=[draft.pk]), {"year": "2024"}, follow=True)
    page = response.content.decode()
    assert 'id="duplicate-warning"' in page and "湖南省 2024 年已有 2 份报告" in page
    assert 'name="year" value="2024"' in page
    assert not Report.objects.filter(sha256=draft.sha256).exists()


def test_title_rule_doctests():
    import doctest

    assert doctest.testmod(services).failed == 0


# --- the same file twice while its first draft is under review -----------------------------------

def test_the_same_file_uploaded_again_opens_the_draft_under_review(world):
    first = draft_of(world, BODY, year=2024)
    client = world.client(world.su)
    response = client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload(BODY, "again.txt")})
    assert response.status_code == 302 and response.url == first.get_absolute_url()
    assert ImportDraft.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert "这份文件已在审核中" in page and f"草稿编号 {first.pk}" in page


def test_once_discarded_or_for_another_region_the_same_file_makes_a_new_draft(world):
    first = draft_of(world, BODY, year=2024)
    with pytest.raises(services.DraftUnderReview):
        draft_of(world, BODY, year=2024)
    services.import_draft_create(user=world.su, region=world.hubei, upload=upload(BODY), year=2024) \
        if world.su.is_superuser else None
    services.import_draft_discard(user=world.su, draft=first)
    again = draft_of(world, BODY, year=2024)
    assert again.pk != first.pk and ImportDraft.objects.filter(state="open").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_uploading_the_same_file_again_in_the_browser_opens_the_draft_under_review(live_server, world, browser,
                                                                                   tmp_path):
    from .chromium import open_page, shot

    path = tmp_path / "湖南省2024年政府工作报告.txt"
    path.write_text(BODY, encoding="utf-8")
    page = open_page(browser, live_server.url, "su")
    for _upload in range(2):  # the second upload is the same file
        page.goto(f"{live_server.url}{reverse('import_upload')}")
        page.select_option("select[name=region]", label="湖南省")
        page.set_input_files("input[name=file]", str(path))
        with page.expect_navigation():
            page.click("#upload-submit")
    draft = ImportDraft.objects.get()
    assert page.url.endswith(draft.get_absolute_url())
    assert f"草稿编号 {draft.pk}" in page.locator(".msg-info").inner_text()
    shot(page, "import-same-file-again")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_text_without_its_year_asks_for_the_year_in_the_review_form(live_server, world, browser, tmp_path):
    from .chromium import open_page, shot

    path = tmp_path / "工作报告.txt"
    path.write_text("今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业70万人。\n", encoding="utf-8")
    page = open_page(browser, live_server.url, "su")
    page.goto(f"{live_server.url}{reverse('import_upload')}")
    page.select_option("select[name=region]", label="湖南省")
    page.set_input_files("input[name=file]", str(path))
    with page.expect_navigation():
        page.click("#upload-submit")
    warning = page.locator(".msg-warning").first.inner_text()
    assert warning == "未能从正文读出报告年份：请在下方填写年份后再确认导入。"
    assert "--year" not in page.content()
    shot(page, "import-year-unknown")
