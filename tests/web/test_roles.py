"""Every page and every write, allowed or denied as the roles say (checked in views and services)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.org.access import AccessDenied
from luoshi_web.tracking import services
from luoshi_web.tracking.models import Assignment, Commitment, ProgressReport

pytestmark = pytest.mark.django_db


def progress_post(**extra):
    data = {"as_of": "2024-06-30", "value": "30", "narrative": "上半年新增就业30万人"}
    data.update(extra)
    return data


# --- pages -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["report_list", "commitment_list"])
def test_public_pages_answer_the_anonymous_visitor(client, world, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["my_tasks", "lagging", "import_upload"])
def test_internal_pages_send_the_anonymous_visitor_to_login(client, world, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_public_never_sees_an_unpublished_report(client, world):
    assert client.get(reverse("report_detail", args=[world.internal_report.pk])).status_code == 404
    assert client.get(reverse("commitment_detail", args=[world.c_a.pk])).status_code == 404
    listing = client.get(reverse("report_list")).content.decode()
    assert "公开报告" in listing and "内部报告" not in listing
    commitments = client.get(reverse("commitment_list")).content.decode()
    assert "城镇调查失业率" in commitments and "城镇新增就业" not in commitments


def test_public_sees_a_published_commitment_without_internal_notes(client, world):
    services.progress_report_create(user=world.rita, assignment=world.a_pub, as_of=date(2024, 6, 30),
                                    value=Decimal("5.1"), narrative="未核实的自报内容")
    page = client.get(reverse("commitment_detail", args=[world.c_pub.pk])).content.decode()
    assert "城镇调查失业率" in page
    assert "不公开的备注" not in page and "未核实的自报内容" not in page and "变更记录" not in page


def test_public_sees_progress_once_verified_but_not_the_verifier_note(client, world):
    p = services.progress_report_create(user=world.rita, assignment=world.a_pub, as_of=date(2024, 6, 30),
                                        value=Decimal("5.1"), narrative="上半年失业率5.1%")
    services.progress_report_verify(user=world.su, progress=p, note="核对统计局数据，内部意见")
    page = client.get(reverse("commitment_detail", args=[world.c_pub.pk])).content.decode()
    assert "上半年失业率5.1%" in page and "内部意见" not in page


def test_supervisor_sees_every_commitment_of_the_region(world):
    page = world.client(world.su).get(reverse("commitment_list")).content.decode()
    for c in (world.c_a, world.c_b, world.c_unassigned, world.c_pub):
        assert c.indicator in page


def test_reporter_sees_own_units_assignment_with_internal_notes(world):
    page = world.client(world.rita).get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert "内部备注：重点盯办" in page and "报送进展" in page


def test_reporter_cannot_see_another_units_assignment(world):
    rita = world.client(world.rita)
    assert rita.get(reverse("commitment_detail", args=[world.c_b.pk])).status_code == 404
    assert rita.get(reverse("commitment_detail", args=[world.c_unassigned.pk])).status_code == 404
    listing = rita.get(reverse("commitment_list")).content.decode()
    assert "城镇新增就业" in listing and "粮食产量" not in listing and "新建学校" not in listing


def test_reporter_sees_only_own_tasks_on_my_tasks(world):
    page = world.client(world.nick).get(reverse("my_tasks")).content.decode()
    assert "粮食产量" in page and "城镇新增就业" not in page


def test_supporting_unit_sees_and_reports_only_its_own_part(world):
    """Issue 13: a supporting unit files progress on its part; it never counts as the commitment's progress."""
    services.assignment_set(user=world.su, commitment=world.c_b, lead_unit=world.unit_b, deadline=date(2024, 12, 31),
                            supporting_units=[world.unit_a])
    rita = world.client(world.rita)
    page = rita.get(reverse("commitment_detail", args=[world.c_b.pk])).content.decode()
    assert "粮食产量" in page and "报送本单位配合进展" in page
    response = rita.post(reverse("progress_create", args=[world.c_b.pk]), progress_post())
    assert response.status_code == 302
    assert not ProgressReport.objects.filter(assignment=world.a_b).exists()
    assert ProgressReport.filed.get(assignment=world.a_b).is_part


def test_reporter_cannot_see_the_lagging_list_or_import(world):
    rita = world.client(world.rita)
    assert rita.get(reverse("lagging")).status_code == 403
    assert rita.get(reverse("import_upload")).status_code == 403


def test_supervisor_of_another_region_cannot_see_an_internal_report(world):
    hu = world.client(world.hu)
    assert hu.get(reverse("commitment_detail", args=[world.c_a.pk])).status_code == 404
    assert hu.get(reverse("report_detail", args=[world.internal_report.pk])).status_code == 404


# --- writes ----------------------------------------------------------------------------------

def test_reporter_reports_progress_on_own_assignment_with_an_attachment(world):
    f = SimpleUploadedFile("统计表.xlsx", b"PK\x03\x04 fake", content_type="application/octet-stream")
    response = world.client(world.rita).post(reverse("progress_create", args=[world.c_a.pk]), progress_post(files=f))
    assert response.status_code == 302
    report = ProgressReport.objects.get(assignment=world.a_a)
    assert report.author == world.rita and not report.verified
    assert [e.name for e in report.evidence.all()] == ["统计表.xlsx"]


def test_reporter_cannot_report_on_another_units_assignment(world):
    response = world.client(world.rita).post(reverse("progress_create", args=[world.c_b.pk]), progress_post())
    assert response.status_code == 404
    with pytest.raises(AccessDenied):
        services.progress_report_create(user=world.rita, assignment=world.a_b, as_of=date(2024, 6, 30),
                                        value=Decimal(1), narrative="越权")
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize("persona", ["rita", "nick", "hu"])
def test_only_the_regions_supervisor_may_assign(world, persona):
    user = getattr(world, persona)
    data = {"lead_unit": world.unit_b.pk, "deadline": "2024-12-31", "frequency": "monthly"}
    response = world.client(user).post(reverse("assignment_set", args=[world.c_a.pk]), data)
    assert response.status_code in (403, 404)
    assert Assignment.objects.get(commitment=world.c_a).lead_unit == world.unit_a
    with pytest.raises(AccessDenied):
        services.assignment_set(user=user, commitment=world.c_a, lead_unit=world.unit_b, deadline=date(2024, 12, 31))


def test_anonymous_writes_go_to_login_and_change_nothing(client, world):
    for name, args in [("assignment_set", [world.c_pub.pk]), ("progress_create", [world.c_pub.pk]),
                       ("commitment_edit", [world.c_pub.pk]), ("commitment_delete", [world.c_pub.pk])]:
        response = client.post(reverse(name, args=args), {"reason": "x", "lead_unit": world.unit_b.pk})
        assert response.status_code == 302 and reverse("login") in response["Location"]
    assert Commitment.objects.filter(pk=world.c_pub.pk).exists()


def test_supervisor_assigns_with_supporting_units_and_milestones(world):
    data = {"lead_unit": world.unit_b.pk, "supporting_units": [world.unit_a.pk], "deadline": "2024-11-30",
            "frequency": "quarterly", "milestones": "2024-06-30 5 过半\n2024-09-30 8", "reason": "调整牵头单位"}
    response = world.client(world.su).post(reverse("assignment_set", args=[world.c_unassigned.pk]), data)
    assert response.status_code == 302
    a = Assignment.objects.get(commitment=world.c_unassigned)
    assert a.lead_unit == world.unit_b and list(a.supporting_units.all()) == [world.unit_a]
    assert [(m.due, m.planned_value) for m in a.milestones.all()] == [(date(2024, 6, 30), 5), (date(2024, 9, 30), 8)]


def test_supervisor_cannot_assign_to_a_unit_outside_the_region(world):
    from luoshi_web.org.models import OrgUnit

    outsider = OrgUnit.objects.get(name="湖北省政府督查室")
    data = {"lead_unit": outsider.pk, "deadline": "2024-12-31", "frequency": "monthly"}
    response = world.client(world.su).post(reverse("assignment_set", args=[world.c_a.pk]), data)
    assert response.status_code == 400
    assert Assignment.objects.get(commitment=world.c_a).lead_unit == world.unit_a


def test_bad_progress_says_what_to_fix_and_saves_nothing(world):
    response = world.client(world.rita).post(reverse("progress_create", args=[world.c_a.pk]),
                                             progress_post(value="", links="not-a-url"))
    assert response.status_code == 400
    assert "请填写累计完成值或完成进度" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_only_a_supervisor_verifies_progress(world):
    p = services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 6, 30),
                                        value=Decimal(30), narrative="自报")
    assert world.client(world.rita).post(reverse("progress_verify", args=[p.pk]), {"verified": "on"}).status_code == 403
    p.refresh_from_db()
    assert not p.verified
    world.client(world.su).post(reverse("progress_verify", args=[p.pk]), {"verified": "on", "note": "已核对"})
    p.refresh_from_db()
    assert p.verified and p.verified_by == world.su and p.verifier_note == "已核对"


def test_evidence_is_downloadable_by_the_unit_but_not_by_others(world, client):
    f = SimpleUploadedFile("台账.pdf", b"%PDF-1.4 fake", content_type="application/pdf")
    p = services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 6, 30),
                                        value=Decimal(30), narrative="附台账", files=[f])
    evidence = p.evidence.get()
    url = reverse("evidence_download", args=[evidence.pk])
    assert world.client(world.rita).get(url).status_code == 200
    assert world.client(world.su).get(url).status_code == 200
    assert world.client(world.nick).get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_deleting_a_commitment_hides_it_and_keeps_its_history(world):
    response = world.client(world.su).post(reverse("commitment_delete", args=[world.c_unassigned.pk]), {"reason": "重复条目"})
    assert response.status_code == 302
    assert not Commitment.objects.filter(pk=world.c_unassigned.pk).exists()
    row = Commitment.all_objects.get(pk=world.c_unassigned.pk)
    assert row.deleted_by == world.su
    assert row.history.first().history_change_reason == "重复条目"


def test_deleting_without_a_reason_is_refused_and_changes_nothing(world):
    world.client(world.su).post(reverse("commitment_delete", args=[world.c_unassigned.pk]), {"reason": ""})
    assert Commitment.objects.filter(pk=world.c_unassigned.pk).exists()


def test_a_commitment_edit_is_kept_in_history_with_who_and_why(world):
    data = {"kind": "target", "indicator": "城镇新增就业人数", "value": "72", "unit": "万人", "comparator": "min",
            "year": "2024", "measure": "cumulative", "reason": "按正式文本更正"}
    response = world.client(world.su).post(reverse("commitment_edit", args=[world.c_a.pk]), data)
    assert response.status_code == 302
    latest = world.c_a.history.first()
    assert latest.history_user == world.su and latest.history_change_reason == "按正式文本更正"
    assert latest.value == Decimal(72)
    page = world.client(world.su).get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert "按正式文本更正" in page and "城镇新增就业人数" in page


def test_reporter_cannot_edit_a_commitment(world):
    data = {"kind": "target", "indicator": "改名", "measure": "cumulative"}
    assert world.client(world.rita).post(reverse("commitment_edit", args=[world.c_a.pk]), data).status_code == 403
    world.c_a.refresh_from_db()
    assert world.c_a.indicator == "城镇新增就业"


def test_publishing_is_for_the_supervisor_only(world, client):
    assert world.client(world.rita).post(reverse("report_publish", args=[world.internal_report.pk]),
                                         {"published": "1"}).status_code in (403, 404)
    world.internal_report.refresh_from_db()
    assert not world.internal_report.published
    world.client(world.su).post(reverse("report_publish", args=[world.internal_report.pk]), {"published": "1"})
    assert client.get(reverse("report_detail", args=[world.internal_report.pk])).status_code == 200


def test_supervisor_splits_a_commitment_into_subtasks(world):
    response = world.client(world.su).post(reverse("commitment_subtask", args=[world.c_a.pk]), {"indicator": "高校毕业生就业"})
    assert response.status_code == 302
    assert world.c_a.subtasks.get().indicator == "高校毕业生就业"


def test_a_reported_result_is_not_rated_until_assigned(world):
    from .conftest import make_commitment

    result = make_commitment(world.internal_report, 9, "地区生产总值增长", "4.6", unit="%", comparator="exact", kind="result")
    page = world.client(world.su).get(reverse("commitment_detail", args=[result.pk])).content.decode()
    assert 'data-status=""' in page
    lagging = world.client(world.su).get(reverse("lagging")).content.decode()
    assert "地区生产总值增长" not in lagging


def test_commitment_page_shows_its_span_in_the_source(world):
    page = world.client(world.rita).get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert "<mark>城镇新增就业70万人</mark>。" in page


def test_evidence_of_a_published_commitment_stays_internal(world, client):
    f = SimpleUploadedFile("内部台账.pdf", b"%PDF-1.4 fake", content_type="application/pdf")
    p = services.progress_report_create(user=world.rita, assignment=world.a_pub, as_of=date(2024, 6, 30),
                                        value=Decimal("5.0"), narrative="公开的进展", files=[f])
    services.progress_report_verify(user=world.su, progress=p)
    url = reverse("evidence_download", args=[p.evidence.get().pk])
    assert client.get(url).status_code == 404
    page = client.get(reverse("commitment_detail", args=[world.c_pub.pk])).content.decode()
    assert "公开的进展" in page and "内部台账.pdf" not in page


def test_the_admin_cannot_hard_delete_tracked_records(world):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", password="pw-root-123456")
    response = world.client(admin).get(reverse("admin:tracking_commitment_delete", args=[world.c_a.pk]))
    assert response.status_code == 403
