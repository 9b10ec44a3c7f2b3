"""Import with review: nothing is saved before confirm; confirm is one transaction; duplicates caught."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied
from luoshi_web.reports import review, services
from luoshi_web.reports.models import ImportDraft, Report
from luoshi_web.tracking.models import Commitment

pytestmark = pytest.mark.django_db

TEXT = ("2024年湖南省政府工作报告\n\n今年主要预期目标是：地区生产总值增长6%左右；城镇新增就业70万人；"
        "城镇调查失业率5.5%以内；粮食产量保持在615亿斤左右。\n\n办好十件重点民生实事。\n")


def upload(text: str = TEXT, name: str = "report.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def start_import(world, text: str = TEXT) -> ImportDraft:
    client = world.client(world.su)
    response = client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload(text), "year": "2024"})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportDraft.objects.latest("created_at")


def test_upload_makes_a_draft_and_no_report_or_commitment(world):
    reports, commitments = Report.objects.count(), Commitment.objects.count()
    draft = start_import(world)
    assert draft.state == ImportDraft.State.OPEN and draft.year == 2024
    assert Report.objects.count() == reports and Commitment.objects.count() == commitments
    for item in draft.items:
        assert draft.text[item["start"]:item["end"]] == item["text"]


def test_review_page_highlights_each_items_span(world):
    draft = start_import(world)
    page = world.client(world.su).get(reverse("import_review", args=[draft.pk])).content.decode()
    for i, _ in enumerate(draft.items):
        assert f'id="src-{i}"' in page and f'id="item-{i}"' in page


def test_review_edits_through_htmx_answer_with_the_refreshed_review(world):
    draft = start_import(world)
    client = world.client(world.su)
    url = reverse("import_review_action", args=[draft.pk, "add"])
    response = client.post(url, {"quote": "办好十件重点民生实事"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "办好十件重点民生实事" in response.content.decode()
    draft.refresh_from_db()
    added = [i for i, it in enumerate(draft.items) if it["text"] == "办好十件重点民生实事"]
    assert added
    edit = {"index": added[0], "kind": "task", "indicator": "十件重点民生实事", "measure": "cumulative",
            "category": "民生实事", "value": "10", "unit": "件"}
    client.post(reverse("import_review_action", args=[draft.pk, "edit"]), edit, HTTP_HX_REQUEST="true")
    draft.refresh_from_db()
    item = draft.items[added[0]]
    assert item["indicator"] == "十件重点民生实事" and item["value"] == "10" and item["category"] == "民生实事"


def test_a_refused_review_edit_says_why_and_changes_nothing(world):
    draft = start_import(world)
    before = list(draft.items)
    response = world.client(world.su).post(reverse("import_review_action", args=[draft.pk, "add"]),
                                           {"quote": "这句话不在原文里"}, HTTP_HX_REQUEST="true")
    assert "原文中找不到这段文字" in response.content.decode()
    draft.refresh_from_db()
    assert draft.items == before


def test_confirm_creates_the_report_and_its_commitments_with_history(world):
    draft = start_import(world)
    n = len(draft.items)
    assert n > 0, "the extractor found nothing in the sample paragraph"
    response = world.client(world.su).post(reverse("import_confirm", args=[draft.pk]),
                                           {"year": "2024", "title": "测试报告", "on_duplicate": "keep"})
    assert response.status_code == 302
    report = Report.objects.get(title="测试报告")
    assert report.commitments.count() == n and report.imported_by == world.su and not report.published
    c = report.commitments.first()
    assert c.history.get().history_user == world.su
    assert report.text[c.start:c.end] == c.text
    draft.refresh_from_db()
    assert draft.state == ImportDraft.State.CONFIRMED and draft.report == report


def test_confirm_is_all_or_nothing(world):
    draft = start_import(world)
    with mock.patch("luoshi_web.reports.services.bulk_create_with_history", side_effect=RuntimeError("disk full")), \
            pytest.raises(RuntimeError):
        services.import_draft_confirm(user=world.su, draft=draft, on_duplicate="keep")
    assert not Report.objects.filter(sha256=draft.sha256).exists()
    draft.refresh_from_db()
    assert draft.state == ImportDraft.State.OPEN


def test_reimporting_the_same_file_is_detected(world):
    draft = start_import(world)
    services.import_draft_confirm(user=world.su, draft=draft, on_duplicate="keep")
    response = world.client(world.su).post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload()})
    assert response.status_code == 400
    assert "该文件已于" in response.content.decode() and "无需重复导入" in response.content.decode()
    assert ImportDraft.objects.count() == 1


def test_a_deleted_report_can_be_imported_again(world):
    draft = start_import(world)
    report = services.import_draft_confirm(user=world.su, draft=draft, on_duplicate="keep")
    services.report_delete(user=world.su, report=report, reason="原文有误，重新导入")
    again = start_import(world)
    assert services.import_draft_confirm(user=world.su, draft=again, on_duplicate="keep").pk != report.pk


def test_confirm_without_a_year_asks_for_one(world):
    client = world.client(world.su)
    client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload("城镇新增就业70万人。")})
    draft = ImportDraft.objects.latest("created_at")
    draft.year = None
    draft.save()
    response = client.post(reverse("import_confirm", args=[draft.pk]), {"year": ""}, follow=True)
    assert "请填写报告年份" in response.content.decode()
    assert not Report.objects.filter(sha256=draft.sha256).exists()


def test_an_unsupported_file_type_is_refused_with_what_to_do(world):
    f = SimpleUploadedFile("report.exe", b"MZ", content_type="application/octet-stream")
    response = world.client(world.su).post(reverse("import_upload"), {"region": world.hunan.pk, "file": f})
    assert response.status_code == 400 and "不支持的文件类型" in response.content.decode()
    assert not ImportDraft.objects.exists()


def test_an_unreadable_file_is_refused_without_showing_server_paths(world, settings):
    f = SimpleUploadedFile("broken.pdf", b"%PDF-1.4 garbage", content_type="application/pdf")
    response = world.client(world.su).post(reverse("import_upload"), {"region": world.hunan.pk, "file": f})
    page = response.content.decode()
    assert response.status_code == 400 and "无法读取文件“broken.pdf”" in page
    assert str(settings.MEDIA_ROOT) not in page and "draft.pdf" not in page
    assert not ImportDraft.objects.exists()


def test_a_reporter_cannot_import(world):
    client = world.client(world.rita)
    assert client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload()}).status_code == 403
    with pytest.raises(AccessDenied):
        services.import_draft_create(user=world.rita, region=world.hunan, upload=upload())
    assert not ImportDraft.objects.exists()


def test_another_regions_supervisor_cannot_open_the_draft(world):
    draft = start_import(world)
    assert world.client(world.hu).get(reverse("import_review", args=[draft.pk])).status_code == 404


def test_the_seed_report_imports_with_many_items(world, seed_file):
    path = seed_file
    if path is None:
        pytest.skip("../shared/seeds is not beside this checkout")
    f = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")
    draft = services.import_draft_create(user=world.su, region=world.hunan, upload=f, year=2024)
    assert len(draft.items) >= 10
    assert all(draft.text[i["start"]:i["end"]] == i["text"] for i in draft.items)


# --- the pure review operations ---------------------------------------------------------------

SOURCE = "城镇新增就业70万人，粮食产量615亿斤。"
ITEMS = [
    {"kind": "target", "indicator": "城镇新增就业", "value": "700000", "start": 0, "end": 10, "text": SOURCE[0:10]},
    {"kind": "target", "indicator": "粮食产量", "value": "61500000000", "start": 11, "end": 21, "text": SOURCE[11:21]},
]


def test_merge_joins_two_spans_into_one():
    merged = review.merge_with_next(ITEMS, 0, SOURCE)
    assert len(merged) == 1 and merged[0]["text"] == SOURCE[0:21] and merged[0]["indicator"] == "城镇新增就业"


def test_split_cuts_where_the_second_part_begins():
    whole = [{"kind": "target", "indicator": "x", "start": 0, "end": 21, "text": SOURCE[0:21]}]
    parts = review.split_item(whole, 0, "粮食产量", SOURCE)
    assert [p["text"] for p in parts] == [SOURCE[0:11], SOURCE[11:21]]


def test_delete_and_bad_values_are_handled():
    assert [i["indicator"] for i in review.delete_item(ITEMS, 0)] == ["粮食产量"]
    with pytest.raises(DomainError, match="不是数字"):
        review.update_item(ITEMS, 0, {"value": "七十"})
    with pytest.raises(DomainError, match="不存在"):
        review.delete_item(ITEMS, 5)


def test_review_module_docstring_examples_hold():
    import doctest

    assert doctest.testmod(review).failed == 0


def test_review_shows_figures_as_a_reader_writes_them(world):
    draft = start_import(world)
    page = world.client(world.su).get(reverse("import_review", args=[draft.pk])).content.decode()
    assert "6%左右" in page and "70万人" in page and "615亿斤左右" in page and "5.5%以内" in page


def test_the_review_page_speaks_of_its_own_form_not_of_command_line_options(world):
    """The extractor's warnings name --year; the page asks for the year in its form instead."""
    client = world.client(world.su)
    client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload("城镇新增就业70万人。", "a.txt")})
    draft = ImportDraft.objects.latest("created_at")
    assert draft.year is None
    page = client.get(reverse("import_review", args=[draft.pk])).content.decode()
    assert "未能从正文读出报告年份：请在下方填写年份后再确认导入。" in page
    assert "--year" not in page and "--region" not in page
    client.post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload(TEXT, "b.txt"), "year": "2023"})
    page = client.get(reverse("import_review", args=[ImportDraft.objects.latest("created_at").pk])).content.decode()
    assert "正文显示这是 2024 年的报告，但上传时填写的年份是 2023：请核对年份。" in page
    assert "--year" not in page
