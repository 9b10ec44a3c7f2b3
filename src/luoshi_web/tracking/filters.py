"""The 任务清单's filters beyond the selector's own: report (as a choice), year, and deadline
(due on or before a date; overdue). Applied to the rated list, so they combine with status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from luoshi_web.org.access import Actor
from luoshi_web.reports.models import Report
from luoshi_web.tracking import selectors
from luoshi_web.tracking.forms import FilterForm
from luoshi_web.tracking.permissions import visible_commitments_q
from luoshi_web.tracking.status import Status
from luoshi_web.validators import DATE_VALIDATORS, YEAR_VALIDATORS


class ListFilterForm(FilterForm):
    report = forms.IntegerField(label=_("报告"), required=False, min_value=1)
    year = forms.IntegerField(label=_("年度"), required=False, validators=YEAR_VALIDATORS)
    due_before = forms.DateField(label=_("完成时限不晚于"), required=False, validators=DATE_VALIDATORS,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    overdue = forms.BooleanField(label=_("已过时限未完成"), required=False)


@dataclass(frozen=True)
class Deadline:
    year: int | None = None
    due_before: date | None = None
    overdue: bool = False


def apply(rated: list[selectors.Rated], *, actor: Actor, extra: Deadline, today: date) -> list[selectors.Rated]:
    """Keep the rows of ``extra``'s year whose deadline is on or before ``due_before`` / passed unfinished."""
    if extra.year is not None:
        from luoshi_web.tracking.models import Commitment

        ids = set(Commitment.objects.filter(visible_commitments_q(actor), report__year=extra.year)
                  .values_list("pk", flat=True))
        rated = [r for r in rated if r.commitment_id in ids]
    if extra.due_before is not None:
        rated = [r for r in rated if r.deadline is not None and r.deadline <= extra.due_before]
    if extra.overdue:
        rated = [r for r in rated if r.deadline is not None and r.deadline < today and r.rating is not None
                 and r.status not in (Status.DONE, Status.UNASSIGNED)]
    return rated


def report_options(actor: Actor) -> list[Report]:
    """Reports with a commitment the actor may see, newest year first."""
    from luoshi_web.tracking.models import Commitment

    visible = Commitment.objects.filter(visible_commitments_q(actor)).values("report_id")
    return list(Report.objects.filter(deleted_at__isnull=True, pk__in=visible).select_related("region")
                .defer("text").order_by("-year", "region__name", "title"))
