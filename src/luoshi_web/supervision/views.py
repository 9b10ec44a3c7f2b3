"""催办 pages: a unit's inbox (opening a reminder signs for it), what a supervisor has sent, and the
催办 form of one commitment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.org.models import OrgUnit
from luoshi_web.supervision import selectors, services
from luoshi_web.supervision.forms import ReminderForm
from luoshi_web.tracking.models import Assignment, Commitment

PAGE = 200


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    box = request.GET.get("box") or ("sent" if actor.is_supervisor else "mine")  # a supervisor watches the region
    unread_only = request.GET.get("unread") == "1"
    if box == "sent":
        rows = selectors.supervised(actor, unread_only=unread_only)
    else:
        box, rows = "mine", selectors.inbox(actor, unread_only=unread_only)
    return render(request, "supervision/inbox.html", {"rows": rows[:PAGE], "box": box, "unread_only": unread_only})


@login_required
def reminder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_for(request.user)
    reminder = selectors.visible(actor).filter(pk=pk).first()
    if reminder is None:
        raise Http404(_("没有这条催办，或您无权查看。"))
    if reminder.unit_id in actor.unit_ids | actor.supervisor_unit_ids and not reminder.is_read:
        services.reminder_mark_read(user=request.user, reminder=reminder)  # opening it is signing for it
    return render(request, "supervision/reminder_detail.html", {"r": reminder})


def _commitment_to_remind(request: HttpRequest, pk: int) -> tuple[Commitment, Assignment | None]:
    commitment = Commitment.objects.select_related("report").filter(pk=pk, report__deleted_at__isnull=True).first()
    actor = actor_for(request.user)
    if commitment is None or not actor.supervises(commitment.report.region_id):
        if commitment is not None and actor.is_supervisor:
            raise AccessDenied(_("只有本地区督查员可以催办这项任务。"))
        raise Http404(_("没有这个任务，或您无权查看。"))
    assignment = Assignment.objects.filter(commitment=commitment).select_related("lead_unit").first()
    return commitment, assignment


@login_required
def reminder_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The 催办 form of one commitment (GET), and sending it (POST)."""
    commitment, assignment = _commitment_to_remind(request, pk)
    units = OrgUnit.objects.none()
    if assignment is not None:
        ids = [assignment.lead_unit_id, *assignment.supporting_units.values_list("pk", flat=True)]
        units = OrgUnit.objects.filter(pk__in=ids)
    form = ReminderForm(request.POST or None, units=units,
                        initial={"unit": assignment.lead_unit_id} if assignment is not None else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                r = services.reminder_send(user=request.user, commitment=commitment, unit=form.cleaned_data["unit"],
                                           reason=form.cleaned_data["reason"])
            except DomainError as e:
                form.add_error(e.field if e.field in form.fields else None, e.message)
            else:
                messages.success(request, _("已向 %(unit)s 发出催办。") % {"unit": r.unit.name})
                return redirect(commitment)
        status = 400
    history = commitment.reminders.select_related("unit", "sent_by", "read_by")
    return render(request, "supervision/reminder_new.html",
                  {"c": commitment, "a": assignment, "form": form, "history": history}, status=status)
