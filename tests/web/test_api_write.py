"""The API's writes: progress, evidence and 回复 filed with a unit's token go through the same
services as the pages (same rules, same messages), land where the office looks, and every refusal
is a JSON error with its status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from luoshi_web.apitokens.services import token_create
from luoshi_web.tracking.models import Comment, Evidence, ProgressReport
from luoshi_web.tracking.services import closure_apply, closure_decide, progress_report_verify

JSON = "application/json"


@pytest.fixture
def unit_a(world) -> Client:
    return Client(headers={"Authorization": f"Bearer {token_create(user=world.su, unit=world.unit_a, name='A').secret}"})


@pytest.fixture
def unit_b(world) -> Client:
    return Client(headers={"Authorization": f"Bearer {token_create(user=world.su, unit=world.unit_b, name='B').secret}"})


def report(world, **kw) -> dict:
    return {"assignment_id": world.a_a.pk, "as_of": "2024-06-30", "value": "31.5",
            "narrative": "上半年城镇新增就业31.5万人（API 报送）", **kw}


def test_progress_filed_by_token_is_on_the_commitment_page_and_awaits_verification(world, unit_a):
    r = unit_a.post("/api/progress/", report(world), content_type=JSON)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["state"] == "submitted" and body["verified"] is False and Decimal(body["value"]) == Decimal("31.5")
    p = ProgressReport.filed.get(pk=body["id"])
    assert p.unit == world.unit_a and p.author.api_token.unit == world.unit_a
    assert p.history.first().history_user == p.author  # the history names the token's account
    su = world.client(world.su)
    page = su.get(f"/commitments/{world.c_a.pk}/").content.decode()
    assert "上半年城镇新增就业31.5万人（API 报送）" in page and "API·省人力资源和社会保障厅" in page
    inbox = su.get("/inbox/").content.decode()
    assert f'data-progress="{p.pk}"' in inbox and "上半年城镇新增就业31.5万人" in inbox
    assert [x["id"] for x in unit_a.get("/api/progress/", {"state": "submitted"}).json()] == [p.pk]
    # the office verifies it on the page's service; the unit sees that through the API
    progress_report_verify(user=world.su, progress=p)
    assert unit_a.get(f"/api/progress/{p.pk}").json()["state"] == "verified"


def test_the_same_client_token_files_once(world, unit_a):
    token = str(uuid4())
    first = unit_a.post("/api/progress/", report(world, client_token=token), content_type=JSON)
    again = unit_a.post("/api/progress/", report(world, client_token=token), content_type=JSON)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and ProgressReport.filed.count() == 1


@pytest.mark.parametrize("change, field, words", [
    ({"narrative": "  "}, "narrative", "进展情况"),
    ({"as_of": "2999-01-01"}, "as_of", "今天之后"),
    ({"value": None, "percent_done": None}, "value", "累计完成值或完成进度"),
    ({"percent_done": "150"}, "percent_done", "0 到 100"),
    ({"percent_done": "12.345"}, "percent_done", "小数位数过多"),
    ({"value": "1e40"}, "value", "超出范围"),
    ({"links": "ftp://x"}, "links", "http"),
    ({"narrative": "a\x00b"}, "narrative", "NUL"),
    ({"as_of": "not a date"}, "as_of", "Invalid request"),
    ({"assignment_id": 0}, "assignment_id", "Invalid request"),
])
def test_a_refused_report_is_a_400_that_names_the_field_and_saves_nothing(world, unit_a, change, field, words):
    r = unit_a.post("/api/progress/", report(world, **change), content_type=JSON)
    assert r.status_code == 400, r.content
    assert r.json()["field"] == field and words in r.json()["detail"]
    assert not ProgressReport.all_objects.exists()


def test_a_closed_assignment_is_a_409(world, unit_a):
    rita = world.rita
    closure_decide(user=world.su, closure=closure_apply(user=rita, assignment=world.a_a, summary="已完成"), approve=True)
    r = unit_a.post("/api/progress/", report(world), content_type=JSON)
    assert r.status_code == 409 and "已办结" in r.json()["detail"]


def test_unknown_records_are_404_json(world, unit_a):
    assert unit_a.post("/api/progress/", report(world, assignment_id=999999), content_type=JSON).status_code == 404
    r = unit_a.get("/api/progress/424242")
    assert r.status_code == 404 and "No such progress report" in r.json()["detail"]
    assert unit_a.get("/api/comments/", {"commitment": 999999}).status_code == 404


def pdf(name="台账.pdf", size=0) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, content_type="application/pdf")


def test_evidence_uploaded_with_a_token_goes_through_the_tracking_checks(world, unit_a, settings):
    p = unit_a.post("/api/progress/", report(world), content_type=JSON).json()
    url = f"/api/progress/{p['id']}/evidence"
    r = unit_a.post(url, {"files": [pdf()]})  # multipart, not sent to the login page
    assert r.status_code == 201, r.content
    assert [e["name"] for e in r.json()] == ["台账.pdf"]
    assert Evidence.objects.get().progress_id == p["id"]
    assert [e["name"] for e in unit_a.get(f"/api/progress/{p['id']}").json()["evidence"]] == ["台账.pdf"]
    # the tracking rule on content: an executable renamed .pdf is refused with its message
    bad = unit_a.post(url, {"files": [SimpleUploadedFile("x.pdf", b"MZ\x90\x00")]})
    assert bad.status_code == 400 and "原始文件" in bad.json()["detail"]
    settings.LUOSHI_MAX_UPLOAD_MB = 1
    big = unit_a.post(url, {"files": [pdf("大.pdf", 1024 * 1024 + 1)]})
    assert big.status_code == 413 and "MB" in big.json()["detail"]
    assert Evidence.objects.count() == 1
    assert unit_a.post(url, {}).status_code == 400  # no file
    progress_report_verify(user=world.su, progress=ProgressReport.filed.get(pk=p["id"]))
    late = unit_a.post(url, {"files": [pdf("迟到.pdf")]})
    assert late.status_code == 409 and "核实" in late.json()["detail"] and Evidence.objects.count() == 1
    history = ProgressReport.filed.get(pk=p["id"]).history.values_list("history_change_reason", flat=True)
    assert "补充佐证材料" in list(history)


def test_another_unit_cannot_add_evidence(world, unit_a, unit_b):
    p = unit_a.post("/api/progress/", report(world), content_type=JSON).json()
    assert unit_b.post(f"/api/progress/{p['id']}/evidence", {"files": [pdf()]}).status_code == 404
    assert not Evidence.objects.exists()


def test_a_unit_replies_through_the_api_and_sees_the_office_instruction(world, unit_a, unit_b):
    from luoshi_web.tracking.services import comment_add

    comment_add(user=world.su, commitment=world.c_a, body="请于月底前报送台账")
    r = unit_a.post("/api/comments/", {"commitment_id": world.c_a.pk, "body": "收到，月底前报送"}, content_type=JSON)
    assert r.status_code == 201 and r.json()["kind"] == "reply"
    assert [c["kind"] for c in unit_a.get("/api/comments/", {"commitment": world.c_a.pk}).json()] == ["instruction", "reply"]
    assert Comment.objects.get(kind="reply").unit == world.unit_a
    assert unit_b.get("/api/comments/", {"commitment": world.c_a.pk}).status_code == 404
    assert unit_b.post("/api/comments/", {"commitment_id": world.c_a.pk, "body": "x"}, content_type=JSON).status_code == 404
    # a published commitment of another unit: known, but its thread is not B's to read or write
    assert unit_b.get("/api/comments/", {"commitment": world.c_pub.pk}).status_code == 403
    empty = unit_a.post("/api/comments/", {"commitment_id": world.c_a.pk, "body": " "}, content_type=JSON)
    assert empty.status_code == 400 and empty.json()["field"] == "body"
    outside = unit_a.post("/api/comments/", {"commitment_id": world.c_a.pk, "body": "x",
                                             "mention_unit_ids": [world.unit_b.pk]}, content_type=JSON)
    assert outside.status_code == 400 and world.unit_b.name in outside.json()["detail"]
    assert Comment.objects.count() == 2


def test_a_logged_in_reporter_writes_with_the_session_and_needs_csrf(world):
    rita = Client(enforce_csrf_checks=True)
    rita.force_login(world.rita)
    r = rita.post("/api/progress/", report(world), content_type=JSON)
    assert r.status_code == 403 and "CSRF" in r.json()["detail"]
    rita.get("/my/")  # a page sets the CSRF cookie
    r = rita.post("/api/progress/", report(world), content_type=JSON, headers={"X-CSRFToken": rita.cookies["csrftoken"].value})
    assert r.status_code == 201 and ProgressReport.filed.get().author == world.rita


def test_a_supervisor_lists_the_regions_progress_and_a_unit_only_its_own(world, unit_a, unit_b):
    a = unit_a.post("/api/progress/", report(world), content_type=JSON).json()["id"]
    b = unit_b.post("/api/progress/", report(world, assignment_id=world.a_b.pk), content_type=JSON).json()["id"]
    su = world.client(world.su)
    assert {x["id"] for x in su.get("/api/progress/").json()} == {a, b}
    assert {x["id"] for x in unit_a.get("/api/progress/").json()} == {a}
    assert {x["id"] for x in world.client(world.hu).get("/api/progress/").json()} == set()
    assert su.get("/api/assignments/", {"limit": 0}).status_code == 400
    assert date.fromisoformat(su.get(f"/api/progress/{a}").json()["as_of"]) == date(2024, 6, 30)
