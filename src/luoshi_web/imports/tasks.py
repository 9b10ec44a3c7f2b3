"""The queue's one task: run an import job. Workers (``luoshi worker``) find it by this path."""

from __future__ import annotations

from django.tasks import task


@task
def run_import_job(job_id: int) -> str:
    """Extract one queued report into a review draft; the job row records the outcome, so the
    task itself never fails for a bad file (its failure is the job's, with its reason)."""
    from luoshi_web.imports.services import import_job_run

    return import_job_run(job_id=job_id)
