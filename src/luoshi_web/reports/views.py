"""Report pages and the import-with-review flow. Views stay thin: parse, call a service, render."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_POST

from luoshi_web.errors import DomainError
from luoshi_web.org.access import actor_for
from luoshi_web.reports import review, selectors, services
from luoshi_web.reports.forms import ConfirmForm, ItemForm, UploadForm
from luoshi_web.tracking.selectors import Filters, rated_commitments, rows_for

REPORT_PAGE_SIZE = 100


def report_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    return render(request, "reports/report_list.html", {
        "reports": selectors.report_list(actor=actor),
        "drafts": selectors.open_drafts(actor=actor) if actor.is_supervisor else [],
    })


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    report = selectors.report_get(actor=actor, pk=pk)
    # Paged like the lists: a province's report has 2,000 commitments, all on one page took seconds.
    rated = rated_commitments(actor=actor, filters=Filters(report_id=report.pk))
    page = Paginator(rated, REPORT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/report_detail.html", {
        "report": report, "rows": rows_for(page.object_list), "page": page, "total": len(rated),
        "can_manage": actor.supervises(report.region_id),
    })


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(actor=actor_for(request.user), pk=pk)
    services.report_set_published(user=request.user, report=report, published=request.POST.get("published") == "1")
    messages.success(request, _("已公开。") if report.published else _("已撤回公开。"))
    return redirect(report)


@login_required
@require_POST
def report_delete(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(actor=actor_for(request.user), pk=pk)
    try:
        services.report_delete(user=request.user, report=report, reason=request.POST.get("reason", ""))
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(report)
    messages.success(request, _("已删除《%(title)s》（可由管理员恢复）。") % {"title": report.title})
    return redirect("report_list")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    actor.require_supervisor(action=gettext_noop("导入报告"))
    regions = selectors.importable_regions(actor)
    form = UploadForm(request.POST or None, request.FILES or None, regions=regions)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                draft = services.import_draft_create(
                    user=request.user, region=form.cleaned_data["region"], upload=form.cleaned_data["file"],
                    year=form.cleaned_data["year"], title=form.cleaned_data["title"],
                )
            except services.DraftUnderReview as e:
                messages.info(request, e.message)
                return redirect(e.draft)
            except DomainError as e:
                form.add_error(None, e.message)
            else:
                return redirect(draft)
        status = 400
    return render(request, "reports/import_upload.html", {"form": form}, status=status)


def _source_html(segments: list[tuple[str, int | None]]) -> str:
    """The source with each item's span marked and linked to its item (on whichever page holds it).

    Built here rather than by a template loop: a report of 250 items is 500 pieces. Every piece of
    the report's text is escaped.
    """
    out = []
    for piece, idx in segments:
        if idx is None:
            out.append(escape(piece))
        else:
            out.append(f'<mark id="src-{idx}" data-item="{idx}"><a href="?item={idx}#item-{idx}">{escape(piece)}</a></mark>')
    return mark_safe("".join(out))  # noqa: S308 - every piece of text escaped above


def _number(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 else None


def _review_context(draft, error: str = "", edit: int | None = None, year: int | None = None,
                    query=None) -> dict:
    """The review page; ``year`` is the one asked at confirm when it differs from the draft's.

    ``query`` (the request's GET) holds the filter and page (``kind``, ``page``, ``item``), kept on
    every edit so a reviewer working through page 4 of 目标 stays there.
    """
    items = draft.items
    year = year or draft.year
    query = query or {}
    item = edit if edit is not None else _number(query.get("item"))
    rp = review.review_page(items, kind=query.get("kind", ""), page=_number(query.get("page")) or 1, item=item)
    state = urlencode({k: v for k, v in (("kind", rp.kind), ("page", rp.page if rp.page > 1 else "")) if v})
    return {
        "draft": draft,
        "rp": rp,
        "state": state,
        # resolved once, not per item: a page of 50 items has 250 action links
        "review_url": reverse("import_review", args=[draft.pk]),
        "act": {a: reverse("import_review_action", args=[draft.pk, a]) + (f"?{state}" if state else "")
                for a in ("add", "edit", "delete", "merge", "split")},
        "source_html": _source_html(review.highlight_segments(draft.text, items)),
        "error": error,
        "edit": edit,
        "edit_form": ItemForm(initial=items[edit]) if edit is not None and 0 <= edit < len(items) else None,
        "confirm_form": ConfirmForm(initial={"year": year, "title": draft.title}),
        "year": year,
        "same_year": services.same_year_reports(draft.region, year),
    }


@login_required
def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(actor=actor_for(request.user), pk=pk)
    edit, year = request.GET.get("edit"), request.GET.get("year", "")
    ctx = _review_context(draft, edit=_number(edit),
                          year=int(year) if year.isdigit() and 1949 <= int(year) <= 2100 else None, query=request.GET)
    template = "reports/_review.html" if request.htmx else "reports/import_review.html"
    return render(request, template, ctx)


def _index(request: HttpRequest) -> int:
    raw = request.POST.get("index", "")
    if not raw.isdigit():
        raise DomainError(_("缺少条目序号，请刷新页面后重试。"))
    return int(raw)


@login_required
@require_POST
def import_review_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One review edit: edit, delete, merge, split or add; answers with the refreshed review."""
    draft = selectors.draft_get(actor=actor_for(request.user), pk=pk)
    text = draft.text
    error = ""
    try:
        if action == "edit":
            form = ItemForm(request.POST)
            if not form.is_valid():
                # Translators: the separator between several form errors in one message
                raise DomainError(_("；").join(f"{form.fields[k].label if k in form.fields else ''}{' '.join(v)}"
                                            for k, v in form.errors.items()))
            index, data = _index(request), form.cleaned_data
            op = lambda items: review.update_item(items, index, data)  # noqa: E731
        elif action == "delete":
            index = _index(request)
            op = lambda items: review.delete_item(items, index)  # noqa: E731
        elif action == "merge":
            index = _index(request)
            keep = request.POST.get("keep", "first")
            op = lambda items: review.merge_with_next(items, index, text, keep)  # noqa: E731
        elif action == "split":
            index, at = _index(request), request.POST.get("at", "")
            op = lambda items: review.split_item(items, index, at, text)  # noqa: E731
        elif action == "add":
            quote, after = request.POST.get("quote", ""), request.POST.get("after", "0")
            op = lambda items: review.add_item(  # noqa: E731
                items, quote, text, year=draft.year, after=int(after) if after.isdigit() else 0)
        else:
            raise DomainError(_("未知操作。"))
        draft = services.import_draft_edit(user=request.user, draft=draft, op=op)
    except DomainError as e:
        error = e.message
    if not request.htmx:
        if error:
            messages.error(request, error)
        query = request.GET.urlencode()
        return redirect(draft.get_absolute_url() + (f"?{query}" if query else ""))
    # 200 even on a refused edit: htmx swaps only successful answers, and the message must show.
    return render(request, "reports/_review.html", _review_context(draft, error=error, query=request.GET))


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(actor=actor_for(request.user), pk=pk)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("年份或标题有误，请检查后再确认。"))
        return redirect(draft)
    year = form.cleaned_data["year"]
    try:
        report = services.import_draft_confirm(
            user=request.user, draft=draft, year=year, title=form.cleaned_data["title"],
            published=form.cleaned_data["published"], on_duplicate=request.POST.get("on_duplicate", ""),
        )
    except DomainError as e:
        messages.error(request, e.message)
        if e.field == "on_duplicate" and year and year != draft.year:
            # show the reports of the year asked for, and keep that year in the form
            return redirect(f"{draft.get_absolute_url()}?year={year}#confirm")
        return redirect(draft)
    n = report.commitments.count()
    messages.success(request, ngettext("已导入《%(title)s》，共 %(n)s 项。", "已导入《%(title)s》，共 %(n)s 项。", n)
                     % {"title": report.title, "n": n})
    return redirect(report)


@login_required
@require_POST
def import_discard(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(actor=actor_for(request.user), pk=pk)
    try:
        services.import_draft_discard(user=request.user, draft=draft)
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(draft)
    messages.success(request, _("已放弃本次导入，未保存任何条目。"))
    return redirect("report_list")
