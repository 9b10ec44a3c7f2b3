"""Commitment pages: list, detail (with assignment, progress and history), my tasks, lagging."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for, units_assignable_by
from luoshi_web.tracking import selectors, services
from luoshi_web.tracking.forms import (
    AssignmentForm,
    ClosureForm,
    CommentForm,
    CommitmentForm,
    FilterForm,
    InboxFilterForm,
    ProgressForm,
    ReasonForm,
    VerifyForm,
)
from luoshi_web.tracking.models import Closure, Evidence, ProgressReport
from luoshi_web.tracking.permissions import Access, commitment_access, supporting_unit_ids

PAGE_SIZE = 50
LAGGING_PAGE_SIZE = 100


def _paged(request: HttpRequest, rated: list[selectors.Rated], per_page: int) -> dict:
    """One page of rated rows as model objects, with what the page links need (the query without ``page``)."""
    page = Paginator(rated, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "rows": selectors.rows_for(page.object_list), "total": len(rated), "query": query.urlencode()}


def home(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if actor.is_reporter and not actor.is_supervisor:
        return redirect("my_tasks")
    if actor.is_supervisor:
        return redirect("lagging")
    return redirect("report_list")


def commitment_list(request: HttpRequest) -> HttpResponse:
    """任务清单: filters (report, year, deadline, unit, category, kind, status, words) and, for a
    supervisor, ticked rows → 批量分工 or 催办 (``tracking/bulk.py``)."""
    from luoshi_web.tracking import bulk
    from luoshi_web.tracking import filters as list_filters
    from luoshi_web.tracking.models import Assignment

    actor = actor_for(request.user)
    form: FilterForm = list_filters.ListFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    if any(name in form.errors for name in ("report", "unit")):
        raise Http404(_("没有这份报告或这个单位。 / No such report or unit."))  # an id no row can have
    filters = selectors.Filters(
        report_id=data.get("report"), unit_id=data.get("unit"), category=data.get("category") or "",
        kind=data.get("kind") or "", status=data.get("status") or "", q=data.get("q") or "",
    )
    deadline = list_filters.Deadline(year=data.get("year"), due_before=data.get("due_before"),
                                     overdue=bool(data.get("overdue")))
    today = selectors.today_local()
    rated = list_filters.apply(selectors.rated_commitments(actor=actor, filters=filters, today=today), actor=actor,
                               extra=deadline, today=today)
    reports = list_filters.report_options(actor)
    options = {**selectors.filter_options(actor=actor), "reports": reports,
               "years": sorted({r.year for r in reports}, reverse=True)}
    ctx = {"form": form, "filters": filters, "deadline": deadline, "options": options,
           "bulk_units": bulk.bulk_units(actor) if actor.is_supervisor else None,
           "frequencies": Assignment.Frequency.choices, **_paged(request, rated, PAGE_SIZE)}
    template = "tracking/_commitment_table.html" if request.htmx else "tracking/commitment_list.html"
    return render(request, template, ctx)


def _detail_context(request: HttpRequest, pk: int, **forms) -> dict:
    actor = actor_for(request.user)
    detail = selectors.commitment_detail(actor=actor, pk=pk)
    c, a = detail.commitment, detail.assignment
    ctx = {"d": detail, "c": c, "a": a, "access": detail.access, "Access": Access,
           "can_manage": detail.access >= Access.MANAGE, "can_report": detail.access >= Access.REPORT,
           "internal": detail.access >= Access.UNIT}
    if ctx["can_manage"]:
        units = units_assignable_by(actor, c.report.region_id)
        initial = {}
        if a is not None:
            initial = {"lead_unit": a.lead_unit, "supporting_units": list(a.supporting_units.all()), "deadline": a.deadline,
                       "result_form": a.result_form, "frequency": a.frequency, "note": a.note,
                       "milestones": "\n".join(f"{m.due} {m.planned_value if m.planned_value is not None else ''} "
                                               f"{m.description}".strip() for m in a.milestones.all())}
        else:
            initial = {"deadline": f"{c.target_year}-12-31"}
        initial["version"] = services.version_of(a)
        ctx["assign_form"] = forms.get("assign_form") or AssignmentForm(units=units, initial=initial)
        ctx["edit_form"] = forms.get("edit_form") or CommitmentForm(instance=c, initial={"version": services.version_of(c)})
        ctx["conflict"] = forms.get("conflict")
    ctx["reports_part"] = not ctx["can_report"] and bool(supporting_unit_ids(actor, a))  # 配合单位: its own part
    if (ctx["can_report"] or ctx["reports_part"]) and a is not None and a.closed_at is None:
        ctx["progress_form"] = forms.get("progress_form") or ProgressForm(
            initial={"as_of": timezone.localdate(), "client_token": uuid.uuid4()})
    pending = any(x.state == Closure.State.PENDING for x in detail.closures)
    if ctx["can_report"] and a is not None and a.closed_at is None and not pending:
        ctx["closure_form"] = forms.get("closure_form") or ClosureForm()
    if ctx["internal"]:
        ctx["comment_form"] = forms.get("comment_form") or CommentForm(units=_comment_units(a),
                                                                         initial={"client_token": uuid.uuid4()})
    resubmit = forms.get("resubmit_form")
    for p in detail.progress:
        p.can_withdraw = (p.author_id == request.user.pk and p.state in {p.State.SUBMITTED, p.State.RETURNED}) \
            or ctx["can_manage"]
        p.can_correct = p.state == p.State.RETURNED and services._may_correct(actor, p)
        if p.can_correct:
            p.resubmit_form = resubmit if resubmit is not None and resubmit.prefix == f"r{p.pk}" else ProgressForm(
                prefix=f"r{p.pk}", initial={"as_of": p.as_of, "value": p.value, "percent_done": p.percent_done,
                                            "narrative": p.narrative, "links": p.links})
    return ctx


def commitment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "tracking/commitment_detail.html", _detail_context(request, pk))


def _manageable(request: HttpRequest, pk: int):
    detail = selectors.commitment_detail(actor=actor_for(request.user), pk=pk)
    if detail.access < Access.MANAGE:
        raise AccessDenied(_("只有本地区督查员可以进行此操作。"))
    return detail


@login_required
@require_POST
def commitment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    detail = _manageable(request, pk)
    form = CommitmentForm(request.POST, instance=detail.commitment)
    conflict = None
    if form.is_valid():
        fields = {k: form.cleaned_data[k] for k in CommitmentForm.Meta.fields}
        try:
            services.commitment_update(user=request.user, commitment=detail.commitment,
                                       reason=form.cleaned_data["reason"], expected_version=_sent_version(request),
                                       **fields)
        except services.ConflictError as e:
            conflict = _conflict(e, _commitment_values(e.record), _commitment_values(form.cleaned_data), "edit")
            form = _rebased(form, e.record)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("已保存修改。"))
            return redirect(detail.commitment)
    return render(request, "tracking/commitment_detail.html",
                  _detail_context(request, pk, edit_form=form, conflict=conflict), status=409 if conflict else 400)


def _sent_version(request: HttpRequest) -> str | None:
    """The version the edit form was shown with; ``None`` when the request carries none (a script
    posting the fields alone: not checked), ``""`` when the form showed no record yet."""
    return request.POST.get("version")


def _rebased(form, record):
    """The submitted form, kept as typed, carrying the current version: saving it again is a
    deliberate choice made after seeing the other's change."""
    data = form.data.copy()
    data["version"] = services.version_of(record)
    rebased = type(form)(data, **({"instance": form.instance} if hasattr(form, "instance") else {}),
                         **({"units": form.fields["lead_unit"].queryset} if "lead_unit" in form.fields else {}))
    rebased.is_valid()  # the conflict box above says what happened; the panel opens on it
    return rebased


def _conflict(error: services.ConflictError, theirs: dict, yours: dict, form: str) -> dict:
    """What the page shows on a conflict: the message and each field the other saved differently."""
    rows = [{"field": label, "theirs": theirs.get(label, "—"), "yours": yours.get(label, "—")}
            for label in theirs if theirs.get(label) != yours.get(label)]
    return {"message": error.message, "rows": rows, "form": form}


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    from decimal import Decimal

    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _commitment_values(source) -> dict:
    """Field label -> value as text, from a commitment or a form's cleaned data."""
    from luoshi_web.tracking.models import Commitment

    out = {}
    for name in CommitmentForm.Meta.fields:
        field = Commitment._meta.get_field(name)
        value = getattr(source, name, None) if not isinstance(source, dict) else source.get(name)
        if field.choices and value:
            value = dict(field.flatchoices).get(value, value)
        out[str(field.verbose_name)] = _text(value)
    return out


def _assignment_values(source) -> dict:
    """Field label -> value as text, from an assignment or the assignment form's cleaned data."""
    from luoshi_web.tracking.models import Assignment

    if source is None:
        return {}
    if isinstance(source, dict):
        lead, supporting = source.get("lead_unit"), source.get("supporting_units") or []
        milestones = [(m.due, m.planned_value, m.description) for m in source.get("milestones") or []]
        get = source.get
    else:
        lead, supporting = source.lead_unit, list(source.supporting_units.all())
        milestones = [(m.due, m.planned_value, m.description) for m in source.milestones.all()]
        get = lambda name: getattr(source, name)  # noqa: E731
    labels = {f: str(Assignment._meta.get_field(f).verbose_name) for f in
              ("lead_unit", "supporting_units", "deadline", "result_form", "frequency", "note")}
    return {
        labels["lead_unit"]: lead.name if lead else "—",
        labels["supporting_units"]: "、".join(sorted(u.name for u in supporting)) or "—",
        labels["deadline"]: _text(get("deadline")),
        labels["result_form"]: _text(get("result_form")),
        labels["frequency"]: str(dict(Assignment.Frequency.choices).get(get("frequency"), get("frequency"))),
        str(_("节点计划")): "；".join(f"{d.isoformat()} {_text(v)} {t}".strip() for d, v, t in milestones) or "—",
        labels["note"]: _text(get("note")),
    }


@login_required
@require_POST
def commitment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    detail = _manageable(request, pk)
    try:
        services.commitment_delete(user=request.user, commitment=detail.commitment, reason=request.POST.get("reason", ""))
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(detail.commitment)
    messages.success(request, _("已删除该任务（历史记录保留）。"))
    return redirect(detail.commitment.report)


@login_required
@require_POST
def commitment_subtask(request: HttpRequest, pk: int) -> HttpResponse:
    detail = _manageable(request, pk)
    try:
        child = services.commitment_add_subtask(user=request.user, parent=detail.commitment,
                                                indicator=request.POST.get("indicator", ""))
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(detail.commitment)
    messages.success(request, _("已添加子任务。"))
    return redirect(child)


@login_required
@require_POST
def assignment_set(request: HttpRequest, pk: int) -> HttpResponse:
    detail = _manageable(request, pk)
    units = units_assignable_by(actor_for(request.user), detail.commitment.report.region_id)
    form = AssignmentForm(request.POST, units=units)
    conflict = None
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.assignment_set(
                user=request.user, commitment=detail.commitment, lead_unit=d["lead_unit"], deadline=d["deadline"],
                supporting_units=d["supporting_units"], result_form=d["result_form"], frequency=d["frequency"],
                note=d["note"], milestones=d["milestones"], reason=d["reason"], expected_version=_sent_version(request),
            )
        except services.ConflictError as e:
            conflict = _conflict(e, _assignment_values(e.record), _assignment_values(d), "assign")
            form = _rebased(form, e.record)
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("已分配给 %(unit)s。") % {"unit": d["lead_unit"]})
            return redirect(detail.commitment)
    return render(request, "tracking/commitment_detail.html",
                  _detail_context(request, pk, assign_form=form, conflict=conflict), status=409 if conflict else 400)


@login_required
@require_POST
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    detail = selectors.commitment_detail(actor=actor, pk=pk)
    if detail.assignment is None or (detail.access < Access.REPORT and not supporting_unit_ids(actor, detail.assignment)):
        raise AccessDenied(_("只有牵头单位或配合单位的填报员可以报送进展。"))
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            report = services.progress_report_create(
                user=request.user, assignment=detail.assignment, as_of=d["as_of"], value=d["value"],
                percent_done=d["percent_done"], narrative=d["narrative"], links=d["links"], files=d["files"],
                client_token=d["client_token"],
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            if report.replayed:
                messages.info(request, _("这份进展已经报送过，重复提交没有再保存。"))
            else:
                messages.success(request, _("已报送进展，等待督查室核实。"))
            return redirect(detail.commitment)
    return render(request, "tracking/commitment_detail.html", _detail_context(request, pk, progress_form=form), status=400)


def _progress_for(request: HttpRequest, pk: int) -> tuple[ProgressReport, Access]:
    progress = ProgressReport.filed.select_related("assignment__commitment__report").filter(pk=pk).first()
    if progress is None:
        raise Http404(_("没有这条进展报告。"))
    a = progress.assignment
    if a.deleted_at is not None or a.commitment.deleted_at is not None:  # removed with its commitment
        raise Http404(_("没有这条进展报告，或您无权查看。"))
    access = commitment_access(actor_for(request.user), a.commitment, a)
    if access is None or (access < Access.UNIT and not progress.verified):
        raise Http404(_("没有这条进展报告，或您无权查看。"))
    return progress, access


@login_required
@require_POST
def progress_verify(request: HttpRequest, pk: int) -> HttpResponse:
    progress, access = _progress_for(request, pk)
    if access < Access.MANAGE:
        raise AccessDenied(_("只有本地区督查员可以核实进展。"))
    form = VerifyForm(request.POST)
    form.is_valid()
    try:
        services.progress_report_verify(user=request.user, progress=progress,
                                        verified=form.cleaned_data.get("verified", False),
                                        note=form.cleaned_data.get("note", ""))
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已核实。") if progress.verified else _("已取消核实。"))
    return _back(request, progress.assignment.commitment)


def _back(request: HttpRequest, default):
    """Back where the action was taken (the 待核实 inbox, with its filters), else ``default``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


@login_required
@require_POST
def progress_return(request: HttpRequest, pk: int) -> HttpResponse:
    """退回 with a reason (required): from the inbox or the commitment page."""
    progress, access = _progress_for(request, pk)
    if access < Access.MANAGE:
        raise AccessDenied(_("只有本地区督查员可以退回进展。"))
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.progress_report_return(user=request.user, progress=progress, reason=reason)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已退回，填报单位会看到退回原因。"))
    return _back(request, progress.assignment.commitment)


@login_required
@require_POST
def progress_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's corrected report, sent again after a return."""
    progress, _access = _progress_for(request, pk)
    commitment = progress.assignment.commitment
    form = ProgressForm(request.POST, request.FILES, prefix=f"r{progress.pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.progress_report_resubmit(
                user=request.user, progress=progress, as_of=d["as_of"], value=d["value"],
                percent_done=d["percent_done"], narrative=d["narrative"], links=d["links"], files=d["files"],
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("已改正并重新报送，等待督查室核实。"))
            return redirect(commitment)
    return render(request, "tracking/commitment_detail.html",
                  _detail_context(request, commitment.pk, resubmit_form=form), status=400)


@login_required
@require_POST
def progress_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    progress, _access = _progress_for(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.progress_report_withdraw(user=request.user, progress=progress, reason=reason)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已撤回该进展报告（历史记录保留）。"))
    return _back(request, progress.assignment.commitment)


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """待核实: supervisors' list of reports awaiting verification, filterable by unit and age."""
    actor = actor_for(request.user)
    actor.require_supervisor(action="查看待核实进展")
    form = InboxFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.InboxFilters(unit_id=data.get("unit") or None, min_age_days=int(data.get("age") or 0))
    rows = selectors.verification_inbox(actor=actor, filters=filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "tracking/inbox.html", {
        "form": form, "filters": filters, "page": page, "rows": page.object_list, "total": len(rows),
        "query": query.urlencode(), "units": selectors.inbox_units(actor=actor), "ages": selectors.INBOX_AGES,
        "closures": selectors.pending_closures(actor=actor),
        "here": request.get_full_path(),
    })


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """A progress report's or a closure application's file, to those who see the commitment inside;
    never once the commitment (or its assignment, or the report) is removed."""
    evidence = Evidence.objects.select_related("progress", "closure__assignment__commitment__report").filter(pk=pk).first()
    if evidence is None or (evidence.progress is not None and evidence.progress.deleted_at is not None):
        raise Http404(_("没有这个文件。"))
    if evidence.progress_id is not None:
        _progress, access = _progress_for(request, evidence.progress_id)
    else:
        a = evidence.closure.assignment
        if a.deleted_at is not None or a.commitment.deleted_at is not None:
            raise Http404(_("没有这个文件。"))
        access = commitment_access(actor_for(request.user), a.commitment, a)
    if access is None or access < Access.UNIT:  # evidence may be internal papers: never shown to the public
        raise Http404(_("没有这个文件，或您无权查看。"))
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


def _comment_units(assignment):
    from luoshi_web.org.models import OrgUnit

    if assignment is None:
        return OrgUnit.objects.none()
    ids = [assignment.lead_unit_id, *(u.pk for u in assignment.supporting_units.all())]
    return OrgUnit.objects.filter(pk__in=ids).order_by("name")


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """批示 (a supervisor) or 回复 (a unit carrying the commitment out)."""
    detail = selectors.commitment_detail(actor=actor_for(request.user), pk=pk)
    if detail.access < Access.UNIT:
        raise AccessDenied(_("只有督查室和承办此任务的单位可以批示或回复。"))
    form = CommentForm(request.POST, units=_comment_units(detail.assignment))
    if form.is_valid():
        try:
            services.comment_add(user=request.user, commitment=detail.commitment, body=form.cleaned_data["body"],
                                 mentions=form.cleaned_data["mentions"], client_token=form.cleaned_data["client_token"])
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("已发送。"))
            return redirect(detail.commitment.get_absolute_url() + "#comments")
    return render(request, "tracking/commitment_detail.html", _detail_context(request, pk, comment_form=form), status=400)


@login_required
@require_POST
def closure_apply(request: HttpRequest, pk: int) -> HttpResponse:
    """申请办结 by the lead unit, with its summary and evidence."""
    detail = selectors.commitment_detail(actor=actor_for(request.user), pk=pk)
    if detail.assignment is None or detail.access < Access.REPORT:
        raise AccessDenied(_("只有牵头单位可以申请办结。"))
    form = ClosureForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.closure_apply(user=request.user, assignment=detail.assignment, summary=form.cleaned_data["summary"],
                                   files=form.cleaned_data["files"])
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, _("已申请办结，等待督查室审批。"))
            return redirect(detail.commitment)
    return render(request, "tracking/commitment_detail.html", _detail_context(request, pk, closure_form=form), status=400)


@login_required
@require_POST
def closure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervisor's 同意办结 / 不同意 (with a reason)."""
    closure = Closure.objects.select_related("assignment__commitment__report").filter(pk=pk).first()
    if closure is None:
        raise Http404(_("没有这份办结申请。"))
    detail = _manageable(request, closure.assignment.commitment_id)
    approve = request.POST.get("decision") == "approve"
    try:
        services.closure_decide(user=request.user, closure=closure, approve=approve, note=request.POST.get("note", ""))
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已同意办结。") if approve else _("已退回办结申请，牵头单位会看到原因。"))
    return _back(request, detail.commitment)


@login_required
@require_POST
def closure_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    detail = _manageable(request, pk)
    if detail.assignment is None:
        raise Http404(_("该任务尚未分配。"))
    try:
        services.closure_reopen(user=request.user, assignment=detail.assignment, reason=request.POST.get("reason", ""))
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("已撤销办结。"))
    return redirect(detail.commitment)


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    rows = selectors.my_task_rows(actor=actor)
    return render(request, "tracking/my_tasks.html", {"rows": rows, "today": timezone.localdate(),
                                                      "due": [r for r in rows if r.extra["leads"] and not r.extra["reported"]
                                                              and r.assignment.closed_at is None],
                                                      "mentions": selectors.comments_mentioning(actor=actor),
                                                      "parts": selectors.supporting_parts_for_lead(actor=actor),
                                                      "rejected": selectors.rejected_closures(actor=actor),
                                                      "returned": selectors.returned_reports(actor=actor)})


@login_required
def lagging(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    rated = selectors.rated_lagging(actor=actor)
    return render(request, "tracking/lagging.html", _paged(request, rated, LAGGING_PAGE_SIZE))
