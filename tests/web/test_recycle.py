"""回收站 (issue 10, finding 9): what the UI promised ("可由管理员恢复") can be done, by a supervisor of
the region, with history, and is refused with a reason when the parent is still deleted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luoshi_web.reports import services as report_services
from luoshi_web.reports.models import Report
from luoshi_web.tracking import services as tracking_services
from luoshi_web.tracking.models import Commitment

pytestmark = pytest.mark.django_db


def test_a_supervisor_restores_a_deleted_commitment_with_history(world):
    tracking_services.commitment_delete(user=world.su, commitment=world.c_b, reason="重复录入")
    client = world.client(world.su)
    page = client.get(reverse("recycle_bin")).content.decode()
    assert world.c_b.indicator in page and "重复录入" in page and "恢复" in page
    response = client.post(reverse("recycle_restore", args=["commitment", world.c_b.pk]), follow=True)
    assert "已恢复" in response.content.decode()
    restored = Commitment.objects.get(pk=world.c_b.pk)  # the live manager sees it again
    assert restored.deleted_by is None
    last = restored.history.latest("history_date")
    assert last.history_change_reason == "从回收站恢复" and last.history_user == world.su
    assert world.c_b.indicator not in client.get(reverse("recycle_bin")).content.decode().split("<tbody>")[-1]


def test_a_commitment_of_a_deleted_report_waits_for_its_report(world):
    tracking_services.commitment_delete(user=world.su, commitment=world.c_a, reason="x")
    report_services.report_delete(user=world.su, report=world.internal_report, reason="重新导入")
    client = world.client(world.su)
    page = client.post(reverse("recycle_restore", args=["commitment", world.c_a.pk]), follow=True).content.decode()
    assert "请先恢复该报告" in page and not Commitment.objects.filter(pk=world.c_a.pk).exists()
    client.post(reverse("recycle_restore", args=["report", world.internal_report.pk]))
    assert Report.objects.filter(pk=world.internal_report.pk).exists()
    client.post(reverse("recycle_restore", args=["commitment", world.c_a.pk]))
    assert Commitment.objects.filter(pk=world.c_a.pk).exists()


def test_another_regions_supervisor_neither_sees_nor_restores(world):
    tracking_services.commitment_delete(user=world.su, commitment=world.c_b, reason="x")
    other = world.client(world.hu)
    assert world.c_b.indicator not in other.get(reverse("recycle_bin")).content.decode()
    assert other.post(reverse("recycle_restore", args=["commitment", world.c_b.pk])).status_code == 403
    assert not Commitment.objects.filter(pk=world.c_b.pk).exists()


def test_reporters_and_the_public_have_no_recycle_bin(world, client):
    assert world.client(world.rita).get(reverse("recycle_bin")).status_code == 403
    assert client.get(reverse("recycle_bin")).status_code == 302  # to the login page
