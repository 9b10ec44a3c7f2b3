"""批量分工 and filters on the 任务清单 (issue 13): a supervisor ticks many commitments and gives them one
lead unit, supporting units, deadline and 报送频次 (all or nothing, errors naming the commitment), or
sends them one 催办; the list filters by report, year and deadline (on or before a date; overdue)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from luoshi_web.supervision.models import Reminder
from luoshi_web.tracking.models import Assignment

pytestmark = pytest.mark.django_db
LIST = reverse("commitment_list")


def bulk(client, ids, **data):
    payload = {"action": "assign", "ids": [str(i) for i in ids], "next": LIST, **data}
    resp = client.post(reverse("commitment_bulk"), payload)
    return resp, [str(m) for m in get_messages(resp.wsgi_request)]


def listed(client, **query) -> set[int]:
    import re

    html = client.get(LIST, query).content.decode()
    return {int(i) for i in re.findall(r'<tr data-commitment="(\d+)"', html)}


def test_a_supervisor_assigns_many_commitments_at_once(world):
    w = world
    resp, msgs = bulk(w.client(w.su), [w.c_unassigned.pk, w.c_a.pk], lead_unit=w.unit_b.pk,
                      supporting_units=[w.unit_a.pk], deadline="2024-11-30", frequency="quarterly", reason="年初分工")
    assert resp.status_code == 302 and resp["Location"] == LIST, msgs
    assert "已将 2 项任务分给 省农业农村厅。" in msgs
    for c in (w.c_unassigned, w.c_a):
        a = Assignment.objects.get(commitment=c)
        assert (a.lead_unit, a.deadline, a.frequency) == (w.unit_b, date(2024, 11, 30), "quarterly")
        assert list(a.supporting_units.all()) == [w.unit_a]
    assert Assignment.objects.get(commitment=w.c_a).note == "内部备注：重点盯办", "an existing assignment keeps its note"
    assert Assignment.objects.get(commitment=w.c_a).history.first().history_change_reason == "年初分工"


def test_one_refused_commitment_refuses_all_and_is_named(world):
    w = world
    from luoshi_web.tracking.models import Commitment

    later = Commitment.objects.create(report=w.internal_report, position=9, kind="target", indicator="到2026年建成",
                                      year=2026, text="到2026年建成", value=None)
    resp, msgs = bulk(w.client(w.su), [w.c_unassigned.pk, later.pk], lead_unit=w.unit_b.pk, deadline="2024-12-31",
                      frequency="monthly")
    assert resp.status_code == 302
    assert any("未执行，没有任何修改" in m and "到2026年建成" in m and "早于报告年度" in m for m in msgs), msgs
    assert not Assignment.objects.filter(commitment__in=[w.c_unassigned, later]).exists()


def test_missing_fields_or_nothing_ticked_say_what_to_fill_in(world):
    w = world
    su = w.client(w.su)
    _, msgs = bulk(su, [w.c_unassigned.pk], frequency="monthly")
    assert any("批量分工请填写" in m and "牵头单位" in m and "完成时限" in m for m in msgs), msgs
    _, msgs = bulk(su, [], lead_unit=w.unit_b.pk, deadline="2024-12-31", frequency="monthly")
    assert any("请先勾选" in m for m in msgs), msgs
    _, msgs = bulk(su, ["1 OR 1=1"], lead_unit=w.unit_b.pk, deadline="2024-12-31", frequency="monthly")
    assert any("无效" in m for m in msgs), msgs
    assert not Assignment.objects.filter(commitment=w.c_unassigned).exists()


def test_reporters_and_other_regions_cannot_bulk_assign(world):
    w = world
    resp, _ = bulk(w.client(w.rita), [w.c_unassigned.pk], lead_unit=w.unit_a.pk, deadline="2024-12-31",
                   frequency="monthly")
    assert resp.status_code == 403
    hubei_unit = __import__("luoshi_web.org.models", fromlist=["OrgUnit"]).OrgUnit.objects.get(name="湖北省政府督查室")
    _, msgs = bulk(w.client(w.hu), [w.c_unassigned.pk], lead_unit=hubei_unit.pk, deadline="2024-12-31",
                   frequency="monthly")
    assert any("未执行" in m and "无权查看" in m for m in msgs), msgs
    from luoshi_web.tracking.models import Commitment

    resp, _ = bulk(w.client(w.hu), [w.c_pub.pk], lead_unit=hubei_unit.pk, deadline="2024-12-31", frequency="monthly")
    assert resp.status_code == 403  # published: hu may see it, not assign it
    assert Assignment.objects.get(commitment=w.c_pub).lead_unit == w.unit_a
    assert Commitment.objects.filter(pk=w.c_unassigned.pk).exists()
    assert not Assignment.objects.filter(commitment=w.c_unassigned).exists()


def test_bulk_needs_the_csrf_token(world):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(world.su)
    resp = c.post(reverse("commitment_bulk"), {"action": "assign", "ids": [world.c_unassigned.pk],
                                               "lead_unit": world.unit_b.pk, "deadline": "2024-12-31", "frequency": "monthly"})
    assert resp.status_code == 403 and not Assignment.objects.filter(commitment=world.c_unassigned).exists()


def test_a_supervisor_sends_one_reminder_to_many_from_the_list(world):
    w = world
    resp, msgs = bulk(w.client(w.su), [w.c_a.pk, w.c_b.pk], action="remind", reason="请本周报送进展")
    assert "已发出 2 条催办。" in msgs
    assert {(r.unit_id, r.commitment_id) for r in Reminder.objects.all()} == {(w.unit_a.pk, w.c_a.pk), (w.unit_b.pk, w.c_b.pk)}
    _, msgs = bulk(w.client(w.su), [w.c_a.pk, w.c_unassigned.pk], action="remind", reason="再催")
    assert any("新建学校" in m and "还没有分工" in m for m in msgs) and Reminder.objects.count() == 2


def test_the_list_filters_by_report_year_and_deadline(world):
    w = world
    su = w.client(w.su)
    everything = {w.c_a.pk, w.c_b.pk, w.c_unassigned.pk, w.c_pub.pk}
    assert listed(su) == everything
    assert listed(su, report=w.public_report.pk) == {w.c_pub.pk}
    assert listed(su, year=2024) == everything and listed(su, year=2023) == set()
    Assignment.objects.filter(pk=w.a_b.pk).update(deadline=date(2099, 6, 30))
    assert listed(su, due_before="2024-12-31") == {w.c_a.pk, w.c_pub.pk}
    assert listed(su, due_before="2099-12-31") == {w.c_a.pk, w.c_b.pk, w.c_pub.pk}
    # today is after 2024: c_a and c_pub are overdue unless done; c_b's deadline is far off; unassigned has none
    assert listed(su, overdue="1") == {w.c_a.pk, w.c_pub.pk}
    resp = su.get(LIST, {"year": "0"})
    assert resp.status_code == 200 and "筛选条件有误" in resp.content.decode()


def test_only_a_supervisor_sees_the_tick_boxes(world):
    w = world
    assert 'name="ids"' in w.client(w.su).get(LIST).content.decode()
    page = w.client(w.rita).get(LIST).content.decode()
    assert 'name="ids"' not in page and "bulk-form" not in page
