"""A worker killed mid-job leaves the job "running"; the next worker's start queues it again, and a
file that kills every worker stops being retried after a few."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from luoshi_web.imports.models import ImportJob
from luoshi_web.imports.services import RECLAIM_ATTEMPTS, _claim, import_jobs_reclaim
from luoshi_web.reports.models import ImportDraft

from . import test_archive_import as archive
from .test_archive_import import make_zip, report_text, upload_zip

cities, queue = archive.cities, archive.queue  # the archive import's fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def killed(world, cities, queue):
    """A job a worker claimed and then died on (its draft never written), twenty minutes ago."""
    upload_zip(world.client(world.su), world.hunan, make_zip({"长沙市.txt": report_text("长沙市")}))
    job = _claim(ImportJob.objects.get().pk)
    ImportJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(minutes=20))
    return job


def test_a_job_left_running_is_queued_again_and_done_by_the_next_worker(killed, queue):
    assert import_jobs_reclaim(stale_minutes=30) == (0, 0)  # not stale yet by that measure
    assert import_jobs_reclaim() == (1, 0)
    job = ImportJob.objects.get()
    assert (job.state, job.started_at, job.attempts) == ("queued", None, 1)
    queue()
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("done", 2) and ImportDraft.objects.count() == 1


def test_a_running_job_of_a_live_worker_is_left_alone(world, cities, queue):
    upload_zip(world.client(world.su), world.hunan, make_zip({"长沙市.txt": report_text("长沙市")}))
    _claim(ImportJob.objects.get().pk)  # started just now
    assert import_jobs_reclaim() == (0, 0)
    assert ImportJob.objects.get().state == "running"


def test_a_file_that_kills_every_worker_fails_with_its_reason(killed):
    ImportJob.objects.filter(pk=killed.pk).update(attempts=RECLAIM_ATTEMPTS)
    assert import_jobs_reclaim() == (0, 1)
    job = ImportJob.objects.get()
    assert job.state == "failed" and "中断" in job.reason and "手动重试" in job.reason


def test_the_command_the_worker_runs_at_start(killed, capsys):
    call_command("import_reclaim")
    assert "1 重新排队" in capsys.readouterr().out
    assert ImportJob.objects.get().state == "queued"
