"""Reads: lists and pages of commitments, each with its status, in a bounded number of queries.

Status is computed in Python, because it depends on today's date and must never be stale. Lists
rate every matching commitment from plain values (:func:`rated_commitments`, four to six queries;
the newest report per assignment comes from one window-function query, :func:`newest_progress`),
because the status filter and the lagging list need every status; only the page shown is then
loaded as model objects (:func:`rows_for`). A province (2,000 commitments, 24,000 reports) is
rated in ~30 ms on PostgreSQL, a third of it the newest-report query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from luoshi_web.hierarchy.selectors import Rollups, RollupView, load_rollups, rollup_view, split_flag
from luoshi_web.org.access import Actor
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking.dataversion import VersionedCache
from luoshi_web.tracking.models import Assignment, Closure, Comment, Commitment, Milestone, ProgressReport
from luoshi_web.tracking.permissions import Access, commitment_access, visible_commitments_q
from luoshi_web.tracking.status import (
    LAGGING,
    Progress,
    Rating,
    Status,
    Target,
    rate_commitment,
    thresholds_from_settings,
    year_plan,
)
from luoshi_web.tracking.timeline import commitment_timeline
from luoshi_web.validators import id_or_404

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
    qs = ProgressReport.objects.filter(assignment=OuterRef("pk")).order_by("-as_of", "-created_at", "-id")
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
    commitment: Commitment, assignment: Assignment | None, *, internal: bool, today: date,
    rollups: Rollups | None = None,
) -> tuple[Rating | None, Progress | None]:
    """Adapt ORM rows to the pure status function; the public is rated on verified progress only.

    What gets tracked is :func:`~luoshi_web.tracking.status.rate_commitment`'s rule: a *result*
    (成效: what last year achieved, as the report tells it) is a record, never rated (``None``); a
    commitment nobody is assigned is 待分工; a multi-year goal is planned over its own span.
    ``rollups`` (:func:`~luoshi_web.hierarchy.selectors.load_rollups`, loaded once for the rows):
    a parent split over sub-regions is rated on their progress, as the lists rate it.
    """
    year = commitment.year or commitment.report.year
    deadline = assignment.deadline if assignment else None
    milestones = tuple(
        (m.due, m.planned_value) for m in (assignment.milestones.all() if assignment else ()) if m.planned_value is not None
    )
    prefix = "latest" if internal else "pub"
    latest = None
    if assignment is not None and getattr(assignment, f"{prefix}_as_of", None):
        latest = Progress(
            as_of=getattr(assignment, f"{prefix}_as_of"),
            value=getattr(assignment, f"{prefix}_value"),
            percent_done=getattr(assignment, f"{prefix}_percent"),
        )
    if rollups is not None:
        latest = rollups.rate_with(commitment.pk, latest, verified=not internal)
    target = Target(
        value=commitment.value,
        comparator=commitment.comparator or None,
        value_max=commitment.value_max,
        cumulative=commitment.measure != Commitment.Measure.LEVEL,
    )
    plan = year_plan(year, deadline, milestones, report_year=commitment.report.year)  # None: rated 无法评估
    thresholds = thresholds_from_settings(settings.LUOSHI_STATUS)
    assigned = assignment is not None or (rollups is not None and rollups.applies(commitment.pk))
    rating = rate_commitment(result=commitment.kind == Commitment.Kind.RESULT, assigned=assigned,
                             target=target, plan=plan, latest=latest, today=today, thresholds=thresholds,
                             closed=assignment is not None and assignment.closed_at is not None)
    return rating, (latest if rating is not None else None)


def newest_progress(progress: QuerySet, *, verified_only: bool = False,
                    narrative: bool = False) -> dict[int, tuple[Progress, str]]:
    """The newest report of each assignment in ``progress`` (ties: the later filed), keyed by assignment.

    One window-function query: a correlated subquery per assignment and column costs five times as
    much on a province. ``narrative`` also reads the report's words (the public pages show them).
    """
    if verified_only:
        progress = progress.filter(verified=True)
    ranked = progress.order_by().annotate(rank=Window(  # the model's ordering would add two sorts
        RowNumber(), partition_by=[F("assignment_id")], order_by=[F("as_of").desc(), F("created_at").desc(), F("id").desc()]
    )).filter(rank=1)
    columns = ["assignment_id", "as_of", "value", "percent_done"] + (["narrative"] if narrative else [])
    return {row[0]: (Progress(row[1], row[2], row[3]), row[4] if narrative else "")
            for row in ranked.values_list(*columns)}


@dataclass(slots=True)
class Rated:
    """One listed commitment rated from plain values; :func:`rows_for` turns the page shown into rows."""

    commitment_id: int
    assignment_id: int | None
    deadline: date | None
    internal: bool
    rating: Rating | None
    latest: Progress | None

    @property
    def status(self) -> Status | None:
        return self.rating.status if self.rating else None


def _visible(actor: Actor) -> QuerySet:
    return Commitment.objects.filter(report__deleted_at__isnull=True).filter(visible_commitments_q(actor))


_RATED = VersionedCache()


def _rate_all(actor: Actor, scope: QuerySet, today: date) -> list[Rated]:
    """Every commitment of ``scope`` in list order, rated as :func:`rating_for` would.

    Computed once per data version, day, actor and scope (see :mod:`.dataversion`): lists are read far
    more often than anything they show changes. A copy of the list, so callers may sort and filter it.
    """
    return list(_RATED.get_or_compute((actor, str(scope.query), today), lambda: _rate_all_now(actor, scope, today)))


def _rate_all_now(actor: Actor, scope: QuerySet, today: date) -> list[Rated]:
    """Reads plain values only (no model instances) and the newest report per assignment once, all
    reports or verified ones only as each row is internal or public to the actor: five queries."""
    commitments = list(scope.annotate(split=split_flag()).order_by("report_id", "position", "id").values_list(
        "id", "report__region_id", "report__year", "year", "kind", "value", "value_max", "comparator", "measure",
        "split"))
    live = Assignment.objects.filter(commitment__in=scope.values("pk"))
    assignments, closed = {}, set()  # closed: 已办结 assignments
    for aid, cid, lead, deadline, closed_at in live.values_list("id", "commitment_id", "lead_unit_id", "deadline",
                                                                 "closed_at"):
        assignments[cid] = (aid, lead, deadline)
        if closed_at is not None:
            closed.add(aid)
    milestones: dict[int, list[tuple[date, Decimal]]] = {}
    for aid, due, planned in Milestone.objects.filter(assignment__in=live.values("pk"), planned_value__isnull=False) \
            .order_by("due").values_list("assignment_id", "due", "planned_value"):
        milestones.setdefault(aid, []).append((due, planned))
    supported: set[int] = set()
    if actor.unit_ids:
        through = Assignment.supporting_units.through
        supported = set(through.objects.filter(assignment__in=live.values("pk"), orgunit_id__in=actor.unit_ids)
                        .values_list("assignment_id", flat=True))

    def internal(region_id: int, a: tuple | None) -> bool:  # as _is_internal / commitment_access >= UNIT
        return actor.supervises(region_id) or (a is not None and (a[1] in actor.unit_ids or a[0] in supported))

    flags = [internal(c[1], assignments.get(c[0])) for c in commitments]
    progress = ProgressReport.objects.filter(assignment__in=live.values("pk"))
    newest = {True: newest_progress(progress) if any(flags) else {},
              False: newest_progress(progress, verified_only=True) if not all(flags) else {}}
    rollups = load_rollups([c[0] for c in commitments if c[-1]])  # split over sub-regions: rated on their progress
    limits = thresholds_from_settings(settings.LUOSHI_STATUS)
    out = []
    for (cid, _, report_year, year, kind, value, value_max, comparator, measure, _split), inside in zip(
            commitments, flags, strict=True):
        aid, _, deadline = assignments.get(cid, (None, None, None))
        if kind == Commitment.Kind.RESULT:  # a record, not a promise: see rating_for
            out.append(Rated(cid, aid, deadline, inside, None, None))
            continue
        year = year or report_year
        latest = rollups.rate_with(cid, newest[inside][aid][0] if aid in newest[inside] else None, verified=not inside)
        target = Target(value=value, comparator=comparator or None, value_max=value_max,
                        cumulative=measure != Commitment.Measure.LEVEL)
        plan = year_plan(year, deadline, milestones.get(aid, ()), report_year=report_year)
        rating = rate_commitment(result=False, assigned=aid is not None or rollups.applies(cid), target=target,
                                 plan=plan, latest=latest, today=today, thresholds=limits, closed=aid in closed)
        out.append(Rated(cid, aid, deadline, inside, rating, latest))
    return out


def rows_for(rated: list[Rated]) -> list[Row]:
    """Model objects for the rows shown (one page), in the given order, in two queries.

    The rows carry what lists show: the commitment with its report and region, the assignment with
    its lead unit (the plan and the latest progress are already in the rating).
    """
    commitments = Commitment.objects.select_related("report", "report__region").defer("report__text").in_bulk(
        [r.commitment_id for r in rated])  # a report's whole text, once per row, would be most of the bytes read
    assignments = Assignment.objects.select_related("lead_unit").in_bulk(
        [r.assignment_id for r in rated if r.assignment_id is not None])
    return [
        Row(commitments[r.commitment_id], assignments.get(r.assignment_id), r.rating, r.internal,
            r.latest.as_of if r.latest else None, r.latest.value if r.latest else None)
        for r in rated
        if r.commitment_id in commitments  # unless removed since it was rated
    ]


@dataclass(frozen=True)
class Filters:
    report_id: int | None = None
    unit_id: int | None = None
    category: str = ""
    kind: str = ""
    status: str = ""
    q: str = ""


def rated_commitments(*, actor: Actor, filters: Filters = Filters(), today: date | None = None) -> list[Rated]:
    """Visible commitments, filtered, in list order, each rated; page them, then :func:`rows_for`."""
    today = today or today_local()
    qs = _visible(actor)
    id_or_404(filters.report_id)  # an id no row can have is a 404, not a query the database refuses
    id_or_404(filters.unit_id)
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
    rated = _rate_all(actor, qs, today)
    if filters.status:
        rated = [r for r in rated if r.status and r.status.code == filters.status]
    return rated


def commitment_rows(*, actor: Actor, filters: Filters = Filters(), today: date | None = None) -> list[Row]:
    """Every visible commitment with its status, filtered (the API and a report's page: no paging)."""
    return rows_for(rated_commitments(actor=actor, filters=filters, today=today))


def filter_options(*, actor: Actor) -> dict:
    visible = _visible(actor)
    categories = sorted(visible.exclude(category="").order_by().values_list("category", flat=True).distinct())
    units = OrgUnit.objects.filter(
        Q(led_assignments__commitment__in=visible.values("pk"), led_assignments__deleted_at__isnull=True)
    ).distinct().order_by("name")
    return {
        "categories": categories,
        "units": list(units),
        "kinds": Commitment.Kind.choices,
        "statuses": [(s.code, s.label) for s in Status],
    }


def rated_lagging(*, actor: Actor, today: date | None = None) -> list[Rated]:
    """What a supervisor must chase: lagging or overdue items of their regions, worst first."""
    actor.require_supervisor(action=gettext_noop("查看滞后任务"))
    today = today or today_local()
    # filtered and sorted once per data version too: at a province's 40,000 items the sort alone
    # is most of what a warm request would cost
    return list(_RATED.get_or_compute(("lagging", actor, today), lambda: _rated_lagging_now(actor, today)))


def _rated_lagging_now(actor: Actor, today: date) -> list[Rated]:
    qs = _visible(actor)
    if not actor.is_admin:
        qs = qs.filter(report__region_id__in=actor.region_ids)
    rated = [r for r in _rate_all(actor, qs, today) if r.status in LAGGING]
    rated.sort(key=lambda r: (SEVERITY[r.status], r.deadline or date.max, r.commitment_id))
    return rated


def lagging_rows(*, actor: Actor, today: date | None = None) -> list[Row]:
    return rows_for(rated_lagging(actor=actor, today=today))


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
    """A reporter's assignments (led or supported) with what is due this period: once per data
    version and day (see :mod:`.dataversion`); the rows are shared, read them only."""
    today = today or today_local()
    if not actor.unit_ids:
        return []
    return list(_RATED.get_or_compute(("my", actor, today), lambda: _my_task_rows_now(actor, today)))


def _my_task_rows_now(actor: Actor, today: date) -> list[Row]:
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
        .defer("commitment__report__text")  # a report's whole text once per row would be most of the bytes read
        .distinct()
        .order_by("deadline", "pk")
    )
    assignments = list(assignments)
    rollups = load_rollups([a.commitment_id for a in assignments])
    rows = []
    for a in assignments:
        rating, latest = rating_for(a.commitment, a, internal=True, today=today, rollups=rollups)
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
    closures: list[Closure] = field(default_factory=list)  # 办结申请, newest first (internal only)
    comments: list[Comment] = field(default_factory=list)  # 批示 / 回复, oldest first (internal only)
    rollup: RollupView | None = None  # split over sub-regions: their progress, rolled up (hierarchy)


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
        raise Http404(gettext("没有这个任务，或您无权查看。 / No such commitment, or you may not see it."))
    c.live_assignments = list(assignments_with_latest().filter(commitment=c))
    assignment = c.live_assignments[0] if c.live_assignments else None
    access = commitment_access(actor, c, assignment)
    if access is None:
        raise Http404(gettext("没有这个任务，或您无权查看。 / No such commitment, or you may not see it."))
    internal = access >= Access.UNIT
    rollups = load_rollups([c.pk])
    rating, used = rating_for(c, assignment, internal=internal, today=today, rollups=rollups)
    progress: list[ProgressReport] = []
    if assignment is not None:
        # inside: every live report, returned ones too (the unit must see what came back and why);
        # the public: verified progress only
        pq = (ProgressReport.filed if internal else ProgressReport.objects.filter(verified=True)).filter(
            assignment=assignment).select_related("author", "verified_by", "returned_by", "unit").prefetch_related("evidence")
        progress = list(pq)
    subtasks = list(c.subtasks.all())
    timeline = commitment_timeline(c) if internal else []
    closures = list(Closure.objects.filter(assignment=assignment).select_related("applied_by", "decided_by")
                    .prefetch_related("evidence")) if internal and assignment is not None else []
    comments = list(c.comments.select_related("author", "unit").prefetch_related("mentions")) if internal else []
    return Detail(c, assignment, access, rating, progress, subtasks, timeline, source_context(c), closures, comments,
                  rollup_view(c, rollups, internal=internal, rating_progress=used))


# --- the supervision workflow: what waits for whom ---------------------------------------------

INBOX_AGES = (0, 3, 7, 14, 30)  # 待核实 filter: waiting at least this many days


@dataclass(frozen=True)
class InboxFilters:
    unit_id: int | None = None
    min_age_days: int = 0


def _in_force(qs: QuerySet, prefix: str = "assignment__") -> QuerySet:
    """Rows of live assignments of live commitments of live reports."""
    return qs.filter(**{f"{prefix}deleted_at__isnull": True, f"{prefix}commitment__deleted_at__isnull": True,
                        f"{prefix}commitment__report__deleted_at__isnull": True})


def verification_inbox(*, actor: Actor, filters: InboxFilters = InboxFilters(), now=None) -> list[ProgressReport]:
    """待核实: reports awaiting verification in the regions the actor supervises, oldest first
    (the longest wait is the first to answer); each carries ``age_days`` since it was (re)submitted."""
    actor.require_supervisor(action=gettext_noop("查看待核实进展"))
    now = now or timezone.now()
    id_or_404(filters.unit_id)
    # verified=False too: a row flagged verified by a bulk update (a script) is not waiting for anyone
    qs = _in_force(ProgressReport.filed.filter(state=ProgressReport.State.SUBMITTED, verified=False))
    if not actor.is_admin:
        qs = qs.filter(assignment__commitment__report__region_id__in=actor.region_ids)
    if filters.unit_id:
        qs = qs.filter(Q(assignment__lead_unit_id=filters.unit_id) | Q(unit_id=filters.unit_id))
    if filters.min_age_days:
        qs = qs.filter(submitted_at__lte=now - timedelta(days=filters.min_age_days))
    rows = list(qs.select_related("assignment__commitment__report__region", "assignment__lead_unit", "author", "unit")
                .prefetch_related("evidence").order_by("submitted_at", "id"))
    for p in rows:
        p.age_days = (now - p.submitted_at).days
    return rows


def inbox_units(*, actor: Actor) -> list[OrgUnit]:
    """Units the inbox can be filtered by: those of the supervised regions."""
    qs = OrgUnit.objects.filter(active=True)
    if not actor.is_admin:
        qs = qs.filter(region_id__in=actor.region_ids)
    return list(qs.order_by("name"))


def returned_reports(*, actor: Actor) -> list[ProgressReport]:
    """What came back to the actor's units, and why (我的任务): returned, not yet corrected or withdrawn."""
    if not actor.unit_ids:
        return []
    qs = _in_force(ProgressReport.filed.filter(state=ProgressReport.State.RETURNED))
    qs = qs.filter(Q(is_part=False, assignment__lead_unit_id__in=actor.unit_ids) | Q(is_part=True, unit_id__in=actor.unit_ids))
    return list(qs.select_related("assignment__commitment", "returned_by").order_by("-returned_at", "-id"))


def supporting_parts_for_lead(*, actor: Actor, limit: int = 20) -> list[ProgressReport]:
    """What the supporting units reported on their parts of the commitments the actor's units lead
    (我的任务), newest first."""
    if not actor.unit_ids:
        return []
    qs = _in_force(ProgressReport.filed.filter(is_part=True, assignment__lead_unit_id__in=actor.unit_ids,
                                               state__in=ProgressReport.COUNTED))
    return list(qs.select_related("assignment__commitment", "unit").order_by("-submitted_at", "-id")[:limit])


def pending_closures(*, actor: Actor) -> list[Closure]:
    """办结申请 awaiting the actor's decision, oldest first."""
    actor.require_supervisor(action=gettext_noop("查看待核实进展"))
    qs = _in_force(Closure.objects.filter(state=Closure.State.PENDING))
    if not actor.is_admin:
        qs = qs.filter(assignment__commitment__report__region_id__in=actor.region_ids)
    return list(qs.select_related("assignment__commitment__report", "assignment__lead_unit", "applied_by")
                .prefetch_related("evidence").order_by("applied_at", "id"))


def comments_mentioning(*, actor: Actor, limit: int = 20) -> list[Comment]:
    """批示 and replies that mention one of the actor's units, newest first (我的任务), on commitments
    the actor still sees from inside."""
    if not actor.unit_ids:
        return []
    mine = Assignment.objects.filter(Q(lead_unit_id__in=actor.unit_ids) | Q(supporting_units__in=actor.unit_ids))
    qs = Comment.objects.filter(mentions__in=actor.unit_ids, commitment__in=mine.values("commitment_id"),
                                commitment__deleted_at__isnull=True, commitment__report__deleted_at__isnull=True)
    return list(qs.select_related("commitment", "author").distinct().order_by("-created_at", "-id")[:limit])


def rejected_closures(*, actor: Actor) -> list[Closure]:
    """办结申请 of the actor's units the office did not approve, with the reason (我的任务): the newest
    per commitment, while it is neither closed nor applied for again."""
    if not actor.unit_ids:
        return []
    qs = _in_force(Closure.objects.filter(state=Closure.State.REJECTED, assignment__lead_unit_id__in=actor.unit_ids,
                                          assignment__closed_at__isnull=True))
    qs = qs.exclude(assignment__closures__state=Closure.State.PENDING)
    newest: dict[int, Closure] = {}
    for c in qs.select_related("assignment__commitment", "decided_by").order_by("-decided_at", "-id"):
        newest.setdefault(c.assignment_id, c)
    return list(newest.values())
