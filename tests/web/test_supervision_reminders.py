"""催办 as a record (issue 13): a supervisor reminds a unit about a commitment; the unit sees it unread
in the header and in its inbox, opening it signs for it; an e-mail copy goes through Django's mail
backend; nobody else may send or read it; a refused 催办 changes nothing."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from luoshi_web.supervision.models import Reminder

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(world):
    world.rita.email = "rita@hrss.example"
    world.rita.save()
    return world


def remind(client, commitment, reason="请于本周五前报送上月进展。", **extra):
    return client.post(reverse("supervision:reminder_new", args=[commitment.pk]), {"reason": reason, **extra})


def test_supervisor_sends_a_reminder_the_unit_sees_unread_then_reads(emails):
    w = emails
    su = w.client(w.su)
    resp = remind(su, w.c_a)
    assert resp.status_code == 302
    r = Reminder.objects.get()
    assert (r.unit, r.commitment, r.assignment, r.sent_by, r.kind) == (w.unit_a, w.c_a, w.a_a, w.su, "manual")
    assert r.reason == "请于本周五前报送上月进展。" and r.read_at is None and r.created_at is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rita@hrss.example"]
    assert "城镇新增就业" in mail.outbox[0].subject and r.get_absolute_url() in mail.outbox[0].body
    r.refresh_from_db()
    assert r.emailed_at is not None and r.email_recipients == "rita@hrss.example"

    rita = w.client(w.rita)
    page = rita.get(reverse("my_tasks")).content.decode()
    assert 'class="badge badge-red unread-count">1<' in page
    inbox = rita.get(reverse("supervision:inbox")).content.decode()
    assert "城镇新增就业" in inbox and "未读" in inbox
    rita.get(r.get_absolute_url())
    r.refresh_from_db()
    assert r.read_by == w.rita and r.read_at is not None
    assert "unread-count" not in rita.get(reverse("my_tasks")).content.decode()


def test_a_supervisor_opening_a_reminder_does_not_sign_for_the_unit(emails):
    w = emails
    remind(w.client(w.su), w.c_a)
    r = Reminder.objects.get()
    assert w.client(w.su).get(r.get_absolute_url()).status_code == 200
    r.refresh_from_db()
    assert r.read_at is None


@pytest.mark.parametrize("who", ["rita", "hu"])
def test_only_a_supervisor_of_the_region_may_send_a_reminder(emails, who):
    w = emails
    resp = remind(w.client(getattr(w, who)), w.c_a)
    assert resp.status_code in (403, 404)
    assert not Reminder.objects.exists() and not mail.outbox


def test_another_unit_cannot_see_the_reminder(emails):
    w = emails
    remind(w.client(w.su), w.c_a)
    r = Reminder.objects.get()
    assert w.client(w.nick).get(r.get_absolute_url()).status_code == 404
    assert "城镇新增就业" not in w.client(w.nick).get(reverse("supervision:inbox")).content.decode()
    r.refresh_from_db()
    assert r.read_at is None


def test_an_unassigned_commitment_or_an_empty_reason_is_refused_with_what_to_do(emails):
    w = emails
    su = w.client(w.su)
    resp = remind(su, w.c_unassigned)
    assert resp.status_code == 400 and "还没有分工" in resp.content.decode()
    resp = remind(su, w.c_a, reason="   ")
    assert resp.status_code == 400
    assert not Reminder.objects.exists() and not mail.outbox


def test_a_supporting_unit_may_be_reminded_but_not_a_stranger(emails):
    from luoshi_web.org.models import OrgUnit
    from luoshi_web.tracking.services import assignment_set

    w = emails
    assignment_set(user=w.su, commitment=w.c_a, lead_unit=w.unit_a, deadline=w.a_a.deadline, supporting_units=[w.unit_b])
    su = w.client(w.su)
    assert remind(su, w.c_a, unit=w.unit_b.pk).status_code == 302
    assert Reminder.objects.get().unit == w.unit_b
    stranger = OrgUnit.objects.create(name="省教育厅", region=w.hunan)
    resp = remind(su, w.c_a, unit=stranger.pk)
    assert resp.status_code == 400 and Reminder.objects.count() == 1


def test_a_mail_server_that_is_down_keeps_the_reminder_and_its_error(emails, monkeypatch):
    from luoshi_web.supervision import mail as reminder_mail

    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "down")

    monkeypatch.setattr(reminder_mail, "send_mail", refuse)
    w = emails
    assert remind(w.client(w.su), w.c_a).status_code == 302
    r = Reminder.objects.get()
    assert r.emailed_at is None and "down" in r.email_error


def test_a_unit_without_e_mail_addresses_is_reminded_in_the_app_only(world):
    assert remind(world.client(world.su), world.c_a).status_code == 302
    r = Reminder.objects.get()
    assert not mail.outbox and r.emailed_at is not None and r.email_recipients == ""


def test_the_api_lists_a_units_reminders_with_the_unread_count(emails, client):
    w = emails
    remind(w.client(w.su), w.c_a)
    data = w.client(w.rita).get("/api/reminders").json()
    assert data["unread"] == 1 and [r["indicator"] for r in data["reminders"]] == ["城镇新增就业"]
    assert data["reminders"][0]["sent_by"] == "su" and data["reminders"][0]["read_at"] is None
    assert w.client(w.nick).get("/api/reminders").json() == {"unread": 0, "reminders": []}
    assert [r["unit"] for r in w.client(w.su).get("/api/reminders?box=sent").json()["reminders"]] == [w.unit_a.name]
    assert w.client(w.hu).get("/api/reminders?box=sent").json()["reminders"] == []
    assert client.get("/api/reminders").json() == {"unread": 0, "reminders": []}
