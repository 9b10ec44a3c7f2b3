"""Reads of import batches, limited to what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from luoshi_web.imports.models import ImportBatch, ImportJob
from luoshi_web.org.access import Actor


def _visible(actor: Actor) -> QuerySet[ImportBatch]:
    qs = ImportBatch.objects.select_related("region", "created_by")
    if actor.is_admin:
        return qs
    return qs.filter(Q(region_id__in=actor.region_ids) | Q(region__isnull=True, created_by_id=actor.user_id))


def _with_counts(qs: QuerySet[ImportBatch]) -> QuerySet[ImportBatch]:
    S = ImportJob.State
    return qs.annotate(
        n_jobs=Count("jobs"),
        **{f"n_{s.value}": Count("jobs", filter=Q(jobs__state=s)) for s in (S.QUEUED, S.RUNNING, S.DONE, S.FAILED)},
    )


def batch_list(*, actor: Actor, limit: int = 50) -> list[ImportBatch]:
    return list(_with_counts(_visible(actor))[:limit])


def batch_get(*, actor: Actor, pk: int) -> ImportBatch:
    batch = _with_counts(_visible(actor)).filter(pk=pk).first()
    if batch is None:
        raise Http404(_("没有这批导入，或您无权查看。"))
    return batch


def batch_jobs(batch: ImportBatch) -> list[ImportJob]:
    return list(batch.jobs.select_related("region", "draft").defer("content").order_by("file_name", "pk"))


def job_get(*, actor: Actor, pk: int) -> ImportJob:
    job = ImportJob.objects.defer("content").select_related("batch").filter(pk=pk).first()
    if job is None or not _visible(actor).filter(pk=job.batch_id).exists():
        raise Http404(_("没有这个导入任务，或您无权查看。"))
    return job
