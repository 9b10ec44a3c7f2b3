"""Archive import: queue one job per report file; a worker turns each into a review draft.

Writes:

- :func:`import_batch_create`: the batch and its jobs, in one transaction, and one queued task
  per job. With the database queue the task rows are written in that same transaction (nothing
  queued without its job, no job without its task); with the in-process queue the tasks run once
  the transaction has committed.
- :func:`import_job_run` (what a worker runs): claims the job, then makes its draft and marks it
  done in one transaction; any failure rolls that back and records the reason instead, so a job is
  either done with its draft or failed with nothing written.
- :func:`import_job_retry`: a failed job queued again (same file, same settings).
- :func:`import_jobs_reclaim` (each worker at its start): jobs left running by a worker that was
  killed (out of memory, SIGKILL, a machine lost) are queued again, or failed after
  ``RECLAIM_ATTEMPTS`` such starts: a file that kills every worker that reads it must stop somewhere.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi_web.errors import DomainError
from luoshi_web.imports.models import ImportBatch, ImportJob
from luoshi_web.org.access import Actor, actor_for
from luoshi_web.org.models import Region
from luoshi_web.reports import services as report_services

log = logging.getLogger(__name__)

ACTION = gettext_noop("批量导入报告")
BUSY_RETRIES = 5  # attempts a job gets when the database is busy (SQLite: one writer at a time)


def _enqueue(job_ids: list[int]) -> None:
    """One task per job. The database queue is written in the caller's transaction (the task rows
    commit or vanish with the jobs); any other backend (the in-process one) runs after commit, when
    the job rows it reads exist."""
    from django_tasks_db import DatabaseBackend

    from luoshi_web.imports.tasks import run_import_job

    def send() -> None:
        for pk in job_ids:
            result = run_import_job.enqueue(pk)
            ImportJob.objects.filter(pk=pk, task_id="").update(task_id=str(result.id)[:64])

    if isinstance(run_import_job.get_backend(), DatabaseBackend):
        send()
    else:
        transaction.on_commit(send)


@transaction.atomic
def import_batch_create(*, user, region: Region | None, files: list[tuple[str, bytes]], source: str,
                        source_name: str = "", region_from_text: bool = False, year: int | None = None) -> ImportBatch:
    """Queue one job per report file. ``region`` is where the reports go, or with
    ``region_from_text`` the region each report names (one the user supervises, and ``region`` or
    below it when a region is given)."""
    actor = actor_for(user)
    if region is not None:
        actor.require_supervisor(region.pk, action=ACTION)
    elif region_from_text:
        actor.require_supervisor(action=ACTION)
    else:
        raise DomainError(_("请选择地区，或勾选“从原文识别地区”。"), field="region")
    if not files:
        raise DomainError(_("没有可导入的报告文件（%(types)s）。请选择报告文件或含报告的 zip 压缩包。") % {
            "types": _("、").join(sorted(report_services.REPORT_SUFFIXES))})
    if year is not None and not 1949 <= year <= 2100:
        raise DomainError(_("报告年份 %(year)s 不在 1949 到 2100 之间。") % {"year": year}, field="year")
    batch = ImportBatch.objects.create(created_by=user, region=region, region_from_text=region_from_text,
                                       year=year, source=source, source_name=source_name[:255])
    jobs = ImportJob.objects.bulk_create([
        ImportJob(batch=batch, file_name=name[-255:], content=content, size=len(content),
                  region=None if region_from_text else region, year=year)
        for name, content in files
    ])
    _enqueue([job.pk for job in jobs])
    return batch


def import_job_retry(*, user, job: ImportJob) -> ImportJob:
    """Queue a failed job again: its reason is cleared, its attempts kept."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("batch").get(pk=job.pk)
        _require_batch_supervisor(actor_for(user), job.batch)
        if job.state != ImportJob.State.FAILED:
            raise DomainError(_("只有失败的任务可以重试；“%(name)s”当前为%(state)s。") % {
                "name": job.file_name, "state": job.get_state_display()})
        job.state = ImportJob.State.QUEUED
        job.reason = ""
        job.task_id = ""
        job.started_at = job.finished_at = None
        job.save(update_fields=["state", "reason", "task_id", "started_at", "finished_at"])
        _enqueue([job.pk])
    return job


RECLAIM_ATTEMPTS = 3


def import_jobs_reclaim(*, now=None, stale_minutes: float | None = None) -> tuple[int, int]:
    """Jobs running for longer than ``stale_minutes`` (``LUOSHI_IMPORT_STALE_MINUTES``, default 15:
    far beyond the extraction limit of one file) were left by a worker that died: queue them again,
    or fail them with the reason once they have been tried ``RECLAIM_ATTEMPTS`` times. A job's
    draft is made in one transaction with its "done", so a killed job wrote nothing to undo.
    Returns (queued again, failed)."""
    now = now or timezone.now()
    minutes = stale_minutes if stale_minutes is not None else float(os.environ.get("LUOSHI_IMPORT_STALE_MINUTES", "15"))
    cutoff = now - timedelta(minutes=minutes)
    requeued, failed = [], 0
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for job in ImportJob.objects.select_for_update().filter(state=ImportJob.State.RUNNING, started_at__lt=cutoff):
            if job.attempts >= RECLAIM_ATTEMPTS:
                job.state = ImportJob.State.FAILED
                job.reason = _("处理这份文件的工作进程已中断 %(n)s 次（可能内存不足或被终止），不再自动重试。"
                               "请确认文件是否为正常的报告；确认后可手动重试。") % {"n": job.attempts}
                job.finished_at = now
                job.save(update_fields=["state", "reason", "finished_at"])
                failed += 1
            else:
                job.state, job.task_id, job.started_at = ImportJob.State.QUEUED, "", None
                job.save(update_fields=["state", "task_id", "started_at"])
                requeued.append(job.pk)
        if requeued:
            _enqueue(requeued)
    if requeued or failed:
        log.warning("import jobs left running by a stopped worker: %s queued again, %s failed", len(requeued), failed)
    return len(requeued), failed


def _require_batch_supervisor(actor: Actor, batch: ImportBatch) -> None:
    if batch.region_id is not None:
        actor.require_supervisor(batch.region_id, action=ACTION)
    elif not (actor.is_admin or actor.user_id == batch.created_by_id):
        actor.require_supervisor(-1, action=ACTION)


def _read_text(name: str, content: bytes) -> str:
    """The report's text, as the import will read it (for the region and year it names)."""
    from luoshi.readers import read_path

    suffix = PurePosixPath(name).suffix.lower()
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        return read_path(path).text
    finally:
        os.unlink(path)


_ENDINGS = ("省", "市", "县", "区", "自治区", "自治州", "自治县", "地区", "盟")


def _region_and_below(region: Region) -> set[int]:
    found = frontier = {region.pk}
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        found = found | frontier
    return found


def _region_named(name: str, actor: Actor, within: Region | None = None) -> Region:
    """The region a report names, among those in the database; refused when none or several match,
    when the importer does not supervise it, or when it is not ``within`` (the region the batch
    was imported into) or below it."""
    names = {name} | {name[: -len(e)] for e in _ENDINGS if name.endswith(e) and len(name) - len(e) >= 2}
    names |= {name + e for e in ("省", "市", "县")}
    found = list(Region.objects.filter(name__in=names))
    if not found:
        raise DomainError(_("原文所述地区“%(name)s”不在系统的地区列表中。请管理员在“地区”中添加该地区后重试，或指定地区重新导入。")
                          % {"name": name})
    mine = [r for r in found if actor.supervises(r.pk)]
    if not mine:
        raise DomainError(_("原文所述地区“%(name)s”不在您督查的范围内，未导入。请由该地区的督查员导入。") % {"name": name})
    if within is not None:
        scope = _region_and_below(within)
        mine = [r for r in mine if r.pk in scope]
        if not mine:
            raise DomainError(_("原文所述地区“%(name)s”不是所选地区“%(region)s”或其下级地区，未导入。请选对地区后重新导入。")
                              % {"name": name, "region": within.name})
    exact = [r for r in mine if r.name == name]
    if len(exact) == 1:
        return exact[0]
    if len(mine) > 1:
        raise DomainError(_("原文所述地区“%(name)s”与多个地区同名（%(names)s），无法确定。请指定地区重新导入。") % {
            "name": name, "names": _("、").join(sorted(r.name for r in mine))})
    return mine[0]


def _claim(job_id: int) -> ImportJob | None:
    """Mark the job running; None when it is not queued (run already, or retried twice)."""
    with transaction.atomic():
        job = (ImportJob.objects.select_for_update().filter(pk=job_id, state=ImportJob.State.QUEUED).first())
        if job is None:
            return None
        job.state = ImportJob.State.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        job.save(update_fields=["state", "attempts", "started_at"])
    return job


def _run(job: ImportJob) -> None:
    batch = job.batch
    user = batch.created_by
    actor = actor_for(user)
    content = bytes(job.content)
    region = batch.region
    if batch.region_from_text:
        from luoshi.docmeta import infer_region
        from luoshi.readers import ReaderError

        try:
            text = _read_text(job.file_name, content)
        except ReaderError as e:
            raise DomainError(_("无法读取文件“%(name)s”：%(reason)s。请确认文件未损坏，或另存为 .txt/.docx 后重试。") % {
                "name": job.file_name, "reason": e.reason}) from None
        named = infer_region(text)
        if not named:
            raise DomainError(_("未能从原文识别报告所属地区。请指定地区重新导入这份报告。"))
        region = _region_named(named, actor, within=batch.region)
    if region is None:  # a batch without region always reads it from the text; kept for safety
        raise DomainError(_("请选择地区，或勾选“从原文识别地区”。"))
    upload = SimpleUploadedFile(PurePosixPath(job.file_name.replace("\\", "/")).name, content)
    draft = report_services.import_draft_create(user=user, region=region, upload=upload, year=batch.year)
    job.region = region
    job.year = draft.year
    job.draft = draft
    job.state = ImportJob.State.DONE
    job.reason = ""
    job.content = b""
    job.finished_at = timezone.now()
    job.save(update_fields=["region", "year", "draft", "state", "reason", "content", "finished_at"])


def import_job_run(*, job_id: int) -> str:
    """Run one job (what the worker calls); returns its final state. Safe to call twice: a job not
    queued is left alone."""
    # Reasons are stored, like history, in the source language, whichever process runs the job
    # (a worker has no request; the in-process queue runs in the uploader's request).
    with translation.override(settings.LANGUAGE_CODE):
        return _run_claimed(job_id)


def _run_claimed(job_id: int) -> str:
    job = _claim(job_id)
    if job is None:
        return ""
    job = ImportJob.objects.select_related("batch__created_by", "batch__region").get(pk=job.pk)
    try:
        with transaction.atomic():
            _run(job)
        return ImportJob.State.DONE
    except (DomainError, PermissionDenied) as e:
        reason = getattr(e, "message", None) or str(e)
    except OperationalError as e:
        if "locked" in str(e) and job.attempts < BUSY_RETRIES:
            # SQLite busy with another writer: not the file's fault; queue it again (attempts kept)
            log.warning("import job %s (%s): database busy, queued again", job.pk, job.file_name)
            _leftover_files(job)
            with transaction.atomic():
                ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.QUEUED, task_id="", started_at=None)
                _enqueue([job.pk])
            return ImportJob.State.QUEUED
        log.exception("import job %s (%s) failed", job.pk, job.file_name)
        reason = _("数据库繁忙或不可用（%(error)s）。请稍后重试。") % {"error": str(e)[:300]}
    except Exception as e:  # noqa: BLE001 - a job fails with its reason; the worker must go on
        log.exception("import job %s (%s) failed", job.pk, job.file_name)
        reason = _("处理时出错（%(error)s）。请重试；仍失败请把此文件交给管理员。") % {"error": f"{type(e).__name__}: {e}"[:500]}
    _leftover_files(job)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.FAILED, reason=str(reason),
                                               finished_at=timezone.now())
    return ImportJob.State.FAILED


def _leftover_files(job: ImportJob) -> None:
    """A draft file saved before its transaction rolled back has no row: nothing else would remove it."""
    from luoshi_web.reports.models import ImportDraft

    draft = getattr(job, "draft", None)
    if draft is not None and draft.source_file and not ImportDraft.objects.filter(pk=draft.pk).exists():
        with contextlib.suppress(OSError, NotImplementedError, ValueError):
            Path(draft.source_file.path).unlink(missing_ok=True)
