"""Automatic reminders (issue 13): ``luoshi remind`` with a frozen clock produces the due-soon and the
missing-report reminders once each, in the app and through the mail backend; a second run (or a
run on the next day) produces nothing new; finished work and filed reports are not reminded."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from luoshi.cli import main
from luoshi_web.supervision.models import Reminder
from luoshi_web.supervision.services import remind_run
from luoshi_web.tracking.models import Assignment, ProgressReport

pytestmark = pytest.mark.django_db
TODAY = date(2024, 12, 26)  # deadline 2024-12-31 is 5 days away; November's report was due by 5 December


@pytest.fixture
def office(world, monkeypatch, tmp_path):
    """The world's assignments made on 1 January 2024; rita has an e-mail address; CLI env kept."""
    Assignment.objects.update(created_at=timezone.make_aware(datetime(2024, 1, 1, 9)))
    world.rita.email = "rita@hrss.example"
    world.rita.save()
    for name in ("LUOSHI_DATA_DIR", "LUOSHI_ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"):
        monkeypatch.setenv(name, __import__("os").environ.get(name, ""))
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path))
    return world


def remind(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["remind", *args])
    return code, out.getvalue()


def keys() -> set[tuple[str, str]]:
    return {(r.kind, r.assignment.commitment.indicator) for r in Reminder.objects.select_related("assignment__commitment")}


def test_due_soon_and_missing_report_reminders_are_produced_once_and_e_mailed(office):
    w = office
    code, out = remind("--today", TODAY.isoformat())
    assert code == 0, out
    assert keys() == {(kind, c.indicator) for kind in ("due_soon", "missing_report") for c in (w.c_a, w.c_b, w.c_pub)}
    missing = Reminder.objects.get(kind="missing_report", assignment=w.a_a)
    assert missing.key == f"missing_report:{w.a_a.pk}:2024-11-01" and "2024-11-01" in missing.reason
    assert missing.unit == w.unit_a and missing.sent_by is None
    soon = Reminder.objects.get(kind="due_soon", assignment=w.a_a)
    assert soon.key == f"due_soon:{w.a_a.pk}:2024-12-31" and "5 天" in soon.reason
    # e-mail: unit A's four reminders reach rita; unit B has no address, its reminders are in the app only
    to_rita = [m for m in mail.outbox if m.to == ["rita@hrss.example"]]
    assert len(mail.outbox) == len(to_rita) == 4
    assert "新提醒 new reminders: 6; 邮件 e-mailed: 4; 发送失败 failed: 0" in out
    # in the app: rita's header counts them, nick's too
    assert 'unread-count">4<' in w.client(w.rita).get(reverse("my_tasks")).content.decode()
    assert 'unread-count">2<' in w.client(w.nick).get(reverse("my_tasks")).content.decode()

    for again in (TODAY, date(2024, 12, 27)):
        code, out = remind("--today", again.isoformat())
        assert code == 0 and "新提醒 new reminders: 0; 邮件 e-mailed: 0" in out
    assert Reminder.objects.count() == 6 and len(mail.outbox) == 4


def test_a_filed_report_or_finished_work_is_not_reminded(office):
    w = office
    ProgressReport.objects.create(assignment=w.a_a, as_of=date(2024, 11, 30), value=Decimal(50), narrative="11月",
                                  author=w.rita)
    ProgressReport.objects.create(assignment=w.a_b, as_of=date(2024, 12, 2), value=Decimal(615), narrative="已完成",
                                  author=w.nick)  # filed in the grace days: counts for November, and the target is met
    created = remind_run(today=TODAY).created
    assert {(r.kind, r.assignment_id) for r in created} == {
        ("due_soon", w.a_a.pk), ("due_soon", w.a_pub.pk), ("missing_report", w.a_pub.pk)}


def test_nothing_is_due_far_from_the_deadline_within_the_grace_days_or_before_the_assignment(office):
    w = office
    for a, author in ((w.a_a, w.rita), (w.a_b, w.nick), (w.a_pub, w.rita)):
        ProgressReport.objects.create(assignment=a, as_of=date(2024, 10, 31), value=Decimal(1), narrative="10月",
                                      author=author)
    assert remind_run(today=date(2024, 12, 5)).created == []  # 26 days to go; October is in; November's grace runs
    Assignment.objects.filter(pk=w.a_a.pk).update(created_at=timezone.make_aware(datetime(2024, 11, 15, 9)))
    created = remind_run(today=date(2024, 12, 6)).created
    assert {(r.kind, r.assignment_id) for r in created} == {
        ("missing_report", w.a_b.pk), ("missing_report", w.a_pub.pk)}  # November began before a_a existed


def test_a_quarterly_assignment_is_reminded_for_its_quarter(office):
    w = office
    Assignment.objects.filter(pk=w.a_a.pk).update(frequency="quarterly")
    created = remind_run(today=date(2024, 10, 8)).created
    r = next(r for r in created if r.assignment_id == w.a_a.pk)
    assert r.kind == "missing_report" and r.key.endswith(":2024-07-01")


def test_a_moved_deadline_is_reminded_again(office):
    w = office
    remind_run(today=TODAY)
    Assignment.objects.filter(pk=w.a_a.pk).update(deadline=date(2024, 12, 28))
    created = remind_run(today=TODAY).created
    assert [(r.kind, r.key) for r in created] == [("due_soon", f"due_soon:{w.a_a.pk}:2024-12-28")]


def test_a_failed_e_mail_is_sent_again_on_the_next_run(office, monkeypatch):
    import smtplib

    from luoshi_web.supervision import mail as reminder_mail

    real = reminder_mail.send_mail

    def down(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(reminder_mail, "send_mail", down)
    code, out = remind("--today", TODAY.isoformat())
    assert code == 1 and "发送失败 failed: 4" in out and not mail.outbox
    monkeypatch.setattr(reminder_mail, "send_mail", real)
    code, out = remind("--today", TODAY.isoformat())
    assert code == 0 and "新提醒 new reminders: 0; 邮件 e-mailed: 4" in out and len(mail.outbox) == 4


def test_remind_refuses_a_date_that_is_no_date():
    with pytest.raises(SystemExit) as e:
        main(["remind", "--today", "2024-13-01"])
    assert e.value.code == 2


def test_luoshi_remind_runs_on_the_demo_database_and_e_mails_to_the_console(tmp_path):
    """The real command in its own process, as cron runs it: SQLite in the data directory, console mail."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE",
                                                            "LUOSHI_SECRET_KEY", "LUOSHI_EMAIL_HOST"}}
    serve = [sys.executable, "-m", "luoshi.cli", "serve", "--demo", "--no-server", "--data-dir", str(tmp_path)]
    assert subprocess.run(serve, capture_output=True, text=True, env=env, timeout=300).returncode == 0
    import sqlite3
    from datetime import timedelta

    with sqlite3.connect(tmp_path / "luoshi.sqlite3") as db:  # the deadline of a task the demo reporter renshe leads
        (deadline,) = db.execute("select a.deadline from tracking_assignment a join org_orgunit u on u.id = a.lead_unit_id"
                                 " where u.name = '省人力资源和社会保障厅'").fetchone()
    day = (date.fromisoformat(deadline) - timedelta(days=3)).isoformat()
    remind_cmd = [sys.executable, "-m", "luoshi.cli", "remind", "--data-dir", str(tmp_path), "--today", day]
    first = subprocess.run(remind_cmd, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "临期提醒\t省人力资源和社会保障厅\t城镇新增就业" in first.stdout, first.stdout[-2000:]
    assert "To: renshe@demo.invalid" in first.stdout, first.stdout[-2000:]  # the console mail backend
    again = subprocess.run(remind_cmd, capture_output=True, text=True, env=env, timeout=300)
    assert "新提醒 new reminders: 0; 邮件 e-mailed: 0; 发送失败 failed: 0" in again.stdout and "To: " not in again.stdout


def test_a_closed_assignment_is_not_reminded(office):
    w = office
    Assignment.objects.filter(pk=w.a_a.pk).update(closed_at=timezone.now())
    assert w.a_a.pk not in {r.assignment_id for r in remind_run(today=TODAY).created}


def test_the_job_reads_a_fixed_number_of_queries_however_many_assignments(office, django_assert_max_num_queries):
    from luoshi_web.tracking.services import assignment_set

    from .conftest import make_commitment

    w = office
    for n in range(30):
        c = make_commitment(w.internal_report, 20 + n, f"任务{n}", 10 + n, unit="个")
        assignment_set(user=w.su, commitment=c, lead_unit=w.unit_b, deadline=date(2024, 12, 31))
    Assignment.objects.update(created_at=timezone.make_aware(datetime(2024, 1, 1, 9)))
    remind_run(today=TODAY)
    assert Reminder.objects.count() == 66
    with django_assert_max_num_queries(12):  # nothing new: the reads only, not one per assignment
        assert remind_run(today=TODAY).created == []
