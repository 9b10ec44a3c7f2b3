"""Reads: lists and pages of commitments, each with its status, in a bounded number of queries.

Status is computed in Python from the prefetched plan and the latest progress (annotated by a
subquery, not loaded row by row), because it depends on today's date and must never be stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from luoshi_web.org.access import Actor
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking.models import Assignment, Commitment, Milestone, ProgressReport
from luoshi_web.tracking.permissions import Access, commitment_access, visible_commitments_q
from luoshi_web.tracking.status import LAGGING, Plan, Progress, Rating, Status, Target, rate, thresholds_from_settings
from luoshi_web.tracking.timeline import commitment_timeline

SEVERITY = {Status.OVERDUE: 0, Status.SEVERELY_BEHIND: 1, Status.BEHIND: 2}


def today_local() -> date:
    return timezone.localdate()


@dataclass
class Row:
    commitment: Commitment
    assignment: Assignment | None
    rating: Rating | None
    internal: bool
    latest_as_of: date | None = None
    latest_value: Decimal | None = None
    extra: dict = field(default_factory=dict)

    @property
    def status(self) -> Status | None:
        return self.rating.status if self.rating else None


def _latest(verified_only: bool) -> QuerySet:
    qs = ProgressReport.objects.filter(assignment=OuterRef("pk")).order_by("-as_of", "-created_at")
    return qs.filter(verified=True) if verified_only else qs


def assignments_with_latest() -> QuerySet:
    """Live assignments with their unit, plan and latest progress (all, and verified only)."""
    annotations = {}
    for prefix, verified in (("latest", False), ("pub", True)):
        sub = _latest(verified)
        annotations[f"{prefix}_as_of"] = Subquery(sub.values("as_of")[:1])
        annotations[f"{prefix}_value"] = Subquery(sub.values("value")[:1])
        annotations[f"{prefix}_percent"] = Subquery(sub.values("percent_done")[:1])
    return (
        Assignment.objects.select_related("lead_unit")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("due")), "supporting_units")
        .annotate(**annotations)
    )


def rating_for(
    commitment: Commitment, assignment: Assignment | None, *, internal: bool, today: date
) -> tuple[Rating | None, Progress | None]:
    """Adapt ORM rows to the pure status function; the public is rated on verified progress only.

    A *result* (成效: what last year achieved, as the report tells it) is a record, not a promise,
    so it is not rated (``None``) unless a supervisor has assigned it as work.
    """
    year = commitment.year or commitment.report.year
    deadline = assignment.deadline if assignment else date(year, 12, 31)
    milestones = tuple(
        (m.due, m.planned_value) for m in (assignment.milestones.all() if assignment else ()) if m.planned_value is not None
    )
    prefix = "latest" if internal else "pub"
    latest = None
    if commitment.kind == Commitment.Kind.RESULT and assignment is None:
        return None, None
    if assignment is not None and getattr(assignment, f"{prefix}_as_of", None):
        latest = Progress(
            as_of=getattr(assignment, f"{prefix}_as_of"),
            value=getattr(assignment, f"{prefix}_value"),
            percent_done=getattr(assignment, f"{prefix}_percent"),
        )
    target = Target(
        value=commitment.value,
        comparator=commitment.comparator or None,
        value_max=commitment.value_max,
        cumulative=commitment.measure != Commitment.Measure.LEVEL,
    )
    plan = Plan(start=date(year, 1, 1), deadline=deadline, milestones=milestones)
    thresholds = thresholds_from_settings(settings.LUOSHI_STATUS)
    return rate(target, plan, latest, today=today, thresholds=thresholds), latest


def _is_internal(actor: Actor, commitment: Commitment, assignment: Assignment | None) -> bool:
    if actor.supervises(commitment.report.region_id):
        return True
    if assignment is None or not actor.unit_ids:
        return False
    return assignment.lead_unit_id in actor.unit_ids or bool({u.pk for u in assignment.supporting_units.all()} & actor.unit_ids)


def commitment_queryset(actor: Actor) -> QuerySet:
    return (
        Commitment.objects.filter(report__deleted_at__isnull=True)
        .filter(visible_commitments_q(actor))
        .select_related("report", "report__region")
        .prefetch_related(Prefetch("assignments", queryset=assignments_with_latest(), to_attr="live_assignments"))
    )


def _row(actor: Actor, c: Commitment, today: date) -> Row:
    assignment = c.live_assignments[0] if c.live_assignments else None
    internal = _is_internal(actor, c, assignment)
    rating, latest = rating_for(c, assignment, internal=internal, today=today)
    return Row(c, assignment, rating, internal, latest.as_of if latest else None, latest.value if latest else None)


@dataclass(frozen=True)
class Filters:
    report_id: int | None = None
    unit_id: int | None = None
    category: str = ""
    kind: str = ""
    status: str = ""
    q: str = ""


def commitment_rows(*, actor: Actor, filters: Filters = Filters(), today: date | None = None) -> list[Row]:
    """Visible commitments with their status, filtered; four queries whatever the count."""
    today = today or today_local()
    qs = commitment_queryset(actor)
    if filters.report_id:
        qs = qs.filter(report_id=filters.report_id)
    if filters.unit_id:
        qs = qs.filter(
            pk__in=Assignment.objects.filter(
                Q(lead_unit_id=filters.unit_id) | Q(supporting_units=filters.unit_id)
            ).values("commitment_id")
        )
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.q:
        qs = qs.filter(Q(indicator__icontains=filters.q) | Q(text__icontains=filters.q))
    rows = [_row(actor, c, today) for c in qs]
    if filters.status:
        rows = [r for r in rows if r.status and r.status.code == filters.status]
    return rows


def filter_options(*, actor: Actor) -> dict:
    visible = Commitment.objects.filter(report__deleted_at__isnull=True).filter(visible_commitments_q(actor))
    categories = sorted({c for c in visible.exclude(category="").values_list("category", flat=True).distinct()})
    units = OrgUnit.objects.filter(
        Q(led_assignments__commitment__in=visible.values("pk"), led_assignments__deleted_at__isnull=True)
    ).distinct().order_by("name")
    return {
        "categories": categories,
        "units": list(units),
        "kinds": Commitment.Kind.choices,
        "statuses": [(s.code, s.label) for s in Status],
    }


def lagging_rows(*, actor: Actor, today: date | None = None) -> list[Row]:
    """What a supervisor must chase: lagging or overdue items of their regions, worst first."""
    actor.require_supervisor(action="查看滞后任务")
    today = today or today_local()
    qs = commitment_queryset(actor)
    if not actor.is_admin:
        qs = qs.filter(report__region_id__in=actor.region_ids)
    rows = [_row(actor, c, today) for c in qs]
    rows = [r for r in rows if r.status in LAGGING]
    rows.sort(key=lambda r: (SEVERITY[r.status], r.assignment.deadline if r.assignment else date.max, r.commitment.pk))
    return rows


def period_bounds(frequency: str, today: date) -> tuple[date, date]:
    """The reporting period containing ``today``: its month or its quarter.

    >>> period_bounds("quarterly", date(2024, 5, 9))
    (datetime.date(2024, 4, 1), datetime.date(2024, 6, 30))
    """
    first_month = today.month if frequency == Assignment.Frequency.MONTHLY else 3 * ((today.month - 1) // 3) + 1
    last_month = today.month if frequency == Assignment.Frequency.MONTHLY else first_month + 2
    start = date(today.year, first_month, 1)
    end = date(today.year + last_month // 12, last_month % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def my_task_rows(*, actor: Actor, today: date | None = None) -> list[Row]:
    """A reporter's assignments (led or supported) with what is due this period."""
    today = today or today_local()
    if not actor.unit_ids:
        return []
    month = period_bounds(Assignment.Frequency.MONTHLY, today)
    quarter = period_bounds(Assignment.Frequency.QUARTERLY, today)

    def reported(bounds: tuple[date, date]) -> Exists:
        return Exists(ProgressReport.objects.filter(assignment=OuterRef("pk"), as_of__range=bounds))

    assignments = (
        assignments_with_latest()
        .filter(Q(lead_unit_id__in=actor.unit_ids) | Q(supporting_units__in=actor.unit_ids))
        .filter(commitment__deleted_at__isnull=True, commitment__report__deleted_at__isnull=True)
        .annotate(reported_month=reported(month), reported_quarter=reported(quarter))
        .select_related("commitment", "commitment__report", "commitment__report__region")
        .distinct()
        .order_by("deadline", "pk")
    )
    rows = []
    for a in assignments:
        rating, latest = rating_for(a.commitment, a, internal=True, today=today)
        start, end = month if a.frequency == Assignment.Frequency.MONTHLY else quarter
        done = a.reported_month if a.frequency == Assignment.Frequency.MONTHLY else a.reported_quarter
        milestones = [m for m in a.milestones.all() if start <= m.due <= end]
        rows.append(Row(a.commitment, a, rating, True, latest.as_of if latest else None, latest.value if latest else None,
                        extra={"period_start": start, "period_end": end, "reported": done, "milestones": milestones,
                               "leads": a.lead_unit_id in actor.unit_ids}))
    return rows


@dataclass
class Detail:
    commitment: Commitment
    assignment: Assignment | None
    access: Access
    rating: Rating | None
    progress: list[ProgressReport]
    subtasks: list[Commitment]
    timeline: list[dict]
    context: tuple[str, str, str] | None = None


def source_context(commitment: Commitment, width: int = 120) -> tuple[str, str, str] | None:
    """The item's span with the text around it, when the offsets still point at it."""
    text, start, end = commitment.report.text, commitment.start, commitment.end
    if start is None or end is None or text[start:end] != commitment.text:
        return None
    return text[max(0, start - width):start], text[start:end], text[end:end + width]


def commitment_detail(*, actor: Actor, pk: int, today: date | None = None) -> Detail:
    """One commitment as this actor may see it; 404 when they may not know it exists."""
    today = today or today_local()
    c = Commitment.objects.select_related("report", "report__region", "parent").filter(pk=pk).first()
    if c is None:
        raise Http404("没有这个任务，或您无权查看。 / No such commitment, or you may not see it.")
    c.live_assignments = list(assignments_with_latest().filter(commitment=c))
    assignment = c.live_assignments[0] if c.live_assignments else None
    access = commitment_access(actor, c, assignment)
    if access is None:
        raise Http404("没有这个任务，或您无权查看。 / No such commitment, or you may not see it.")
    internal = access >= Access.UNIT
    rating, _ = rating_for(c, assignment, internal=internal, today=today)
    progress: list[ProgressReport] = []
    if assignment is not None:
        pq = assignment.progress_reports.select_related("author", "verified_by").prefetch_related("evidence")
        if not internal:
            pq = pq.filter(verified=True)
        progress = list(pq)
    subtasks = list(c.subtasks.all())
    timeline = commitment_timeline(c) if internal else []
    return Detail(c, assignment, access, rating, progress, subtasks, timeline, source_context(c))
