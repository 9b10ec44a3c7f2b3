"""批量导入 pages: upload a zip or several reports, follow the batch's jobs, retry a failed one."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.imports import selectors, services
from luoshi_web.imports.archive import is_report_name, read_zip
from luoshi_web.imports.forms import BatchUploadForm
from luoshi_web.imports.models import ImportBatch, ImportJob
from luoshi_web.org.access import actor_for
from luoshi_web.reports.selectors import importable_regions


def _files_of(uploads) -> tuple[list[tuple[str, bytes]], list[str], str, str]:
    """(report files, skipped names, source, source name) of the uploaded files; zips are opened."""
    files: list[tuple[str, bytes]] = []
    skipped: list[str] = []
    zips = [u for u in uploads if u.name.lower().endswith(".zip")]
    limit = settings.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024
    for upload in uploads:
        if upload.size > limit:
            raise DomainError(_("“%(name)s”超过 %(mb)s MB，请确认是否为正确的文件。") % {
                "name": upload.name, "mb": settings.LUOSHI_MAX_UPLOAD_MB})
        if upload in zips:
            archive = read_zip(upload.read(), zip_name=upload.name)
            files += archive.files
            skipped += archive.skipped
        elif is_report_name(upload.name):
            files.append((upload.name, upload.read()))
        else:
            skipped.append(upload.name)
    source = ImportBatch.Source.ZIP if zips else ImportBatch.Source.FILES
    name = zips[0].name if len(zips) == 1 else ngettext("%(n)s 个文件", "%(n)s 个文件", len(uploads)) % {"n": len(uploads)}
    return files, skipped, source, name


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    actor.require_supervisor(action=services.ACTION)
    form = BatchUploadForm(request.POST or None, request.FILES or None, regions=importable_regions(actor))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                files, skipped, source, name = _files_of(form.cleaned_data["files"])
                batch = services.import_batch_create(
                    user=request.user, region=form.cleaned_data["region"], files=files, source=source,
                    source_name=name, region_from_text=form.cleaned_data["region_from_text"],
                    year=form.cleaned_data["year"])
            except DomainError as e:
                form.add_error(None, e.message)
            else:
                n = len(files)
                messages.success(request, ngettext("已排队 %(n)s 份报告。", "已排队 %(n)s 份报告。", n) % {"n": n})
                if skipped:
                    messages.warning(request, _("已跳过 %(n)s 个非报告文件：%(names)s") % {
                        "n": len(skipped), "names": _("、").join(skipped[:10]) + ("…" if len(skipped) > 10 else "")})
                return redirect(batch)
        status = 400
    return render(request, "imports/batch_list.html", {
        "form": form, "batches": selectors.batch_list(actor=actor),
        "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES}, status=status)


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    batch = selectors.batch_get(actor=actor, pk=pk)
    jobs = selectors.batch_jobs(batch)
    state = request.GET.get("state", "")
    shown = [j for j in jobs if j.state == state] if state else jobs
    return render(request, "imports/batch_detail.html", {
        "batch": batch, "jobs": shown, "state": state, "unfinished": batch.n_queued + batch.n_running,
        "states": ImportJob.State.choices})


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    job = selectors.job_get(actor=actor, pk=pk)
    try:
        services.import_job_retry(user=request.user, job=job)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已重新排队“%(name)s”。") % {"name": job.file_name})
    return redirect(job.batch)
