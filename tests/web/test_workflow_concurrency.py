"""Nothing lost (issue 10, findings 7 and 10): two supervisors saving one assignment or commitment —
the second gets 此记录已被他人修改 with the other's change shown and its own input kept; a progress
form sent twice is one report."""

from __future__ import annotations

import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi_web.org.models import Membership
from luoshi_web.tracking import services
from luoshi_web.tracking.models import Assignment, Commitment, ProgressReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(world):
    """A second supervisor of the same office."""
    sun = get_user_model().objects.create_user("sun", password="pw-sun-123456")
    Membership.objects.create(user=sun, unit=world.office, role=Membership.Role.SUPERVISOR)
    world.sun = sun
    return world


def hidden(page: str, form_id: str, name: str) -> str:
    form = page[page.index(f'id="{form_id}"'):]
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', form[:form.index("</form>")]).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return value.group(1) if value else ""


def assign_data(w, version: str, **changes) -> dict:
    data = {"lead_unit": w.unit_a.pk, "deadline": "2024-12-31", "frequency": "monthly", "result_form": "", "note": "",
            "milestones": "", "reason": "", "version": version}
    data.update(changes)
    return data


def test_the_second_assignment_save_is_refused_shown_the_first_and_keeps_its_input(two):
    w = two
    url = reverse("commitment_detail", args=[w.c_a.pk])
    a_su, a_sun = w.client(w.su), w.client(w.sun)
    v_su = hidden(a_su.get(url).content.decode(), "assign-form", "version")
    v_sun = hidden(a_sun.get(url).content.decode(), "assign-form", "version")
    assert v_su == v_sun != ""
    save = reverse("assignment_set", args=[w.c_a.pk])
    assert a_su.post(save, assign_data(w, v_su, deadline="2024-10-31", note="苏：提前到十月")).status_code == 302
    r = a_sun.post(save, assign_data(w, v_sun, lead_unit=w.unit_b.pk, note="孙：改由农业厅牵头"))
    assert r.status_code == 409
    page = r.content.decode()
    assert "此记录已被他人修改" in page and "su" in page
    conflict = page[page.index('id="conflict"'):page.index("</table>", page.index('id="conflict"'))]
    assert "2024-10-31" in conflict and "苏：提前到十月" in conflict  # the other's change, shown
    assert "孙：改由农业厅牵头" in conflict  # and what this user typed
    assert "孙：改由农业厅牵头" in page[page.index('id="assign-form"'):]  # still in the form
    a = Assignment.objects.get(commitment=w.c_a)
    assert a.lead_unit == w.unit_a and a.deadline == date(2024, 10, 31) and a.note == "苏：提前到十月"  # nothing lost
    # saving again after seeing it is a deliberate overwrite
    v_new = hidden(page, "assign-form", "version")
    assert a_sun.post(save, assign_data(w, v_new, lead_unit=w.unit_b.pk, note="孙：核对后改由农业厅牵头")).status_code == 302
    assert Assignment.objects.get(commitment=w.c_a).lead_unit == w.unit_b


def test_a_first_assignment_made_meanwhile_is_a_conflict_too(two):
    w = two
    url = reverse("commitment_detail", args=[w.c_unassigned.pk])
    v = hidden(w.client(w.sun).get(url).content.decode(), "assign-form", "version")
    assert v == ""
    services.assignment_set(user=w.su, commitment=w.c_unassigned, lead_unit=w.unit_a, deadline=date(2024, 12, 31))
    r = w.client(w.sun).post(reverse("assignment_set", args=[w.c_unassigned.pk]), assign_data(w, v, lead_unit=w.unit_b.pk))
    assert r.status_code == 409
    assert Assignment.objects.get(commitment=w.c_unassigned).lead_unit == w.unit_a


def test_the_service_lets_exactly_one_of_two_writers_with_the_same_version_through(two):
    w = two
    v = services.version_of(Assignment.objects.get(pk=w.a_a.pk))
    services.assignment_set(user=w.su, commitment=w.c_a, lead_unit=w.unit_a, deadline=date(2024, 11, 30),
                            expected_version=v)
    with pytest.raises(services.ConflictError, match="此记录已被他人修改"):
        services.assignment_set(user=w.sun, commitment=w.c_a, lead_unit=w.unit_b, deadline=date(2024, 9, 30),
                                expected_version=v)
    with pytest.raises(services.ConflictError):
        services.assignment_set(user=w.sun, commitment=w.c_a, lead_unit=w.unit_b, deadline=date(2024, 9, 30),
                                expected_version="not a version")
    assert Assignment.objects.get(pk=w.a_a.pk).deadline == date(2024, 11, 30)


def test_the_second_commitment_edit_is_refused_with_the_other_change_shown(two):
    w = two
    url = reverse("commitment_detail", args=[w.c_a.pk])
    v = hidden(w.client(w.su).get(url).content.decode(), "edit-form", "version")
    base = {"kind": "target", "indicator": "城镇新增就业", "value": "70", "value_max": "", "unit": "万人", "comparator": "min",
            "qualifier": "", "year": "2024", "category": "", "binding": "", "measure": "cumulative", "reason": "",
            "version": v}
    edit = reverse("commitment_edit", args=[w.c_a.pk])
    assert w.client(w.su).post(edit, {**base, "value": "72"}).status_code == 302
    r = w.client(w.sun).post(edit, {**base, "indicator": "城镇新增就业人数"})
    assert r.status_code == 409
    page = r.content.decode()
    conflict = page[page.index('id="conflict"'):]
    assert "此记录已被他人修改" in conflict and "72" in conflict.split("</table>")[0]
    assert 'value="城镇新增就业人数"' in page  # the second user's typing kept in the form
    c = Commitment.objects.get(pk=w.c_a.pk)
    assert c.value == Decimal(72) and c.indicator == "城镇新增就业"


def test_a_progress_form_sent_twice_is_one_report(world):
    token = str(uuid.uuid4())
    data = {"as_of": "2024-06-30", "value": "30", "narrative": "上半年新增就业30万人", "client_token": token}
    rita = world.client(world.rita)
    url = reverse("progress_create", args=[world.c_a.pk])
    assert rita.post(url, data).status_code == 302
    r = rita.post(url, data, follow=True)
    assert "重复提交没有再保存" in r.content.decode()
    assert ProgressReport.all_objects.filter(assignment=world.a_a).count() == 1
    # a new form (a new token) is a new report; the page hands out a fresh token each time
    page = rita.get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    fresh = hidden(page, "progress-form", "client_token")
    assert fresh and fresh != token
    assert rita.post(url, {**data, "client_token": fresh}).status_code == 302
    assert ProgressReport.all_objects.filter(assignment=world.a_a).count() == 2


def test_the_service_replays_the_same_token_and_a_failed_submission_keeps_its_token(world):
    token = uuid.uuid4()
    first = services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 6, 30),
                                            value=Decimal(30), narrative="一", client_token=token)
    again = services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 6, 30),
                                            value=Decimal(30), narrative="一", client_token=token)
    assert again.pk == first.pk and again.replayed and not first.replayed
    # a refused submission shows the form again with the same token: its retry is still one report
    second = str(uuid.uuid4())
    r = world.client(world.rita).post(reverse("progress_create", args=[world.c_a.pk]),
                                      {"as_of": "2024-06-30", "narrative": "没有数值", "client_token": second})
    assert r.status_code == 400 and hidden(r.content.decode(), "progress-form", "client_token") == second
    assert ProgressReport.all_objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_the_same_moment_one_wins_one_is_told(world):
    """Real concurrent transactions (PostgreSQL: SQLite serialises writers, so there the test only
    shows the same outcome in turn): of two saves with the same version exactly one goes through, and
    of two submissions with the same token exactly one report exists."""
    import threading

    from django.db import connection, connections

    v = services.version_of(Assignment.objects.get(pk=world.a_a.pk))
    token = uuid.uuid4()
    barrier = threading.Barrier(2) if connection.vendor == "postgresql" else None
    outcomes: list[str] = []
    reports: list[int] = []

    def assign(deadline: date) -> None:
        try:
            if barrier:
                barrier.wait(timeout=30)
            services.assignment_set(user=world.su, commitment=world.c_a, lead_unit=world.unit_a, deadline=deadline,
                                    expected_version=v)
            outcomes.append("saved")
        except services.ConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    def submit() -> None:
        try:
            if barrier:
                barrier.wait(timeout=30)
            p = services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 6, 30),
                                                value=Decimal(30), narrative="同一表单", client_token=token)
            reports.append(p.pk)
        finally:
            connections.close_all()

    for pair in ([(assign, (date(2024, 10, 31),)), (assign, (date(2024, 11, 30),))], [(submit, ()), (submit, ())]):
        threads = [threading.Thread(target=fn, args=a) for fn, a in pair]
        if barrier is None:  # SQLite: one after the other
            for t in threads:
                t.start()
                t.join()
        else:
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert len(set(reports)) == 1 and ProgressReport.all_objects.filter(client_token=token).count() == 1
