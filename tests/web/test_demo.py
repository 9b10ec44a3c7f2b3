"""A demo that shows a year in progress (issue 13): ``luoshi serve --demo`` loads the sample as this
year's report whatever today is, assigns it, and gives it a progress history in which every status
appears; the reminders due that day are made; the demo's own pages open."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from luoshi_web import demo
from luoshi_web.org.access import actor_for
from luoshi_web.reports.models import Report
from luoshi_web.supervision.models import Reminder
from luoshi_web.tracking import selectors
from luoshi_web.tracking.models import Assignment, ProgressReport

pytestmark = pytest.mark.django_db
EVERY = {"ahead", "on_track", "behind", "severe", "done", "overdue", "not_started", "unassigned"}


@pytest.fixture
def frozen(monkeypatch):
    """Freeze Django's clock (``timezone.now`` and ``localdate``) at noon, Shanghai, of a given day."""

    def freeze(day: date) -> date:
        instant = datetime(day.year, day.month, day.day, 4, 0, tzinfo=UTC)
        monkeypatch.setattr(timezone, "now", lambda: instant)
        monkeypatch.setattr(timezone, "localdate", lambda value=None, tz=None: day if value is None
                            else timezone.localtime(value, tz).date())
        return day

    return freeze


@pytest.mark.parametrize("today", [date(2026, 7, 15), date(2031, 2, 10), date(2027, 11, 25), date(2028, 1, 5)])
def test_the_demo_at_any_date_is_this_years_report_with_every_status(frozen, tmp_path, today):
    frozen(today)
    passwords = demo.load_demo(tmp_path)
    assert passwords and set(passwords) == {"admin", "duchashi", "renshe", "nongye"}
    report = Report.objects.get()
    assert report.year == today.year and report.published and str(today.year) in report.title
    assert f"湖南省{today.year}年政府工作报告" in report.text and f"{today.year - 1}年工作回顾" in report.text
    supervisor = get_user_model().objects.get(username="duchashi")
    rated = selectors.rated_commitments(actor=actor_for(supervisor), today=today)
    statuses = Counter(r.status.code for r in rated if r.status)
    assert set(statuses) >= EVERY, statuses
    assert statuses["unassigned"] == 3, "a few are left 待分工"
    assert statuses["overdue"] <= 2 and statuses["unassigned"] + statuses["overdue"] < len(rated) / 3, statuses
    # a history, partly verified, the newest of some still waiting; reports never after today
    progress = ProgressReport.objects.all()
    assert progress.count() >= (30 if today.month >= 3 else 15) and progress.filter(verified=False).exists() and progress.filter(verified=True).exists()
    assert max(p.as_of for p in progress) <= today
    # the office's day: the reminders due today and one 催办 are there, none twice
    assert Reminder.objects.filter(kind="manual").count() == 1
    if today >= date(today.year, 2, 6):  # January's reports were due by 5 February
        assert Reminder.objects.filter(kind="missing_report").exists()
    keys = [r.key for r in Reminder.objects.exclude(key=None)]
    assert len(keys) == len(set(keys))
    assert Assignment.objects.filter(created_at__date__gt=date(today.year, 1, 1)).count() == 0


def test_the_relabelled_sample_keeps_every_figure():
    original = demo.sample_path().read_text(encoding="utf-8")
    relabelled = demo.relabelled_sample(2031)
    assert "2031年" in relabelled and "2030年工作回顾" in relabelled and "2024年" not in relabelled.split("\n", 3)[3]
    strip = __import__("re").compile(r"20\d\d(?=年)")
    assert strip.sub("Y", original) == strip.sub("Y", relabelled).rstrip("\n") + ("\n" if original.endswith("\n") else "")


def test_the_demo_pages_open_for_each_account(frozen, tmp_path, client):
    frozen(date(2026, 7, 15))
    passwords = demo.load_demo(tmp_path)
    for username, pages in {"duchashi": ["/lagging/", "/commitments/", "/reminders/?box=sent", "/office/units/"],
                            "renshe": ["/my/", "/reminders/"]}.items():
        assert client.login(username=username, password=passwords[username])
        for page in pages:
            assert client.get(page).status_code == 200, (username, page)
        client.logout()
