"""Status of a region-year's commitments *as of any date*, recomputed from the progress history.

Status is never stored (see ``tracking/status.py``): it depends on the date. The dashboard, the
bulletin and the public pages therefore load the commitments of the chosen reports once, in a fixed
number of queries, and rate each one with the same pure :func:`~luoshi_web.tracking.status.rate`
the rest of the application uses, at whatever day they need:

- *today* (or a chosen day): the latest progress dated on or before that day;
- *each month-end* for the trend of the status mix: the same, month by month.

Why compute from history rather than keep a monthly snapshot table: a snapshot freezes whatever was
known on the night it was taken (a late or corrected March report would never reach March), needs a
scheduled job that intranet installs rarely run, and drifts from the rule when thresholds change.
Recomputing costs about 5 µs per commitment per month (24,000 ratings for a province's year); the
dashboard caches the trend per *data version* (the newest history row of each tracked table, see
:func:`luoshi_web.tracking.dataversion.data_version`), so it is recomputed only after something changed.

The trend reads history as it is recorded now: a report for March filed in April counts for March.
The plan is the assignment's current deadline and milestones.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from luoshi_web.hierarchy.selectors import load_rollups, split_flag
from luoshi_web.reports.models import Report
from luoshi_web.tracking.dataversion import VersionedCache
from luoshi_web.tracking.models import Assignment, Commitment, Milestone, ProgressReport
from luoshi_web.tracking.selectors import newest_progress, period_bounds
from luoshi_web.tracking.status import (
    Plan,
    Progress,
    Rating,
    Status,
    Target,
    rate_commitment,
    thresholds_from_settings,
    year_plan,
)

# Display order: done and on track first, then lagging by severity, then not started.
STATUS_ORDER: tuple[Status, ...] = (
    Status.DONE, Status.AHEAD, Status.ON_TRACK, Status.BEHIND, Status.SEVERELY_BEHIND, Status.OVERDUE,
    Status.NOT_STARTED,
)
COLOURS = ("green", "yellow", "red", "blue")


@dataclass(slots=True)
class Item:
    """One commitment with what its status depends on; plain data, no ORM access after loading."""

    id: int
    report_id: int
    position: int
    indicator: str
    text: str
    category: str
    kind: str
    unit: str
    value: Decimal | None
    value_max: Decimal | None
    comparator: str
    target: Target
    plan: Plan | None  # None for a year no date can have: rated 无法评估
    rated: bool  # False for a result (成效): a record, not a promise, never rated
    qualifier: str = ""  # as written (突破, 左右), for showing the target
    assignment_id: int | None = None
    lead_unit_id: int | None = None
    deadline: date | None = None
    frequency: str = ""
    milestone_dues: tuple[date, ...] = ()
    closed_on: date | None = None  # 已办结 from this day (the supervisor's approval), whatever was reported
    latest: Progress | None = None  # newest progress on or before the load day (supervisors' reading)
    latest_verified: Progress | None = None  # newest verified progress on or before it (the public's)
    latest_narrative: str = ""  # of ``latest_verified``, for the public pages
    reported_month: bool = False  # a report dated in the load day's month, up to that day
    reported_quarter: bool = False
    history: list[tuple[date, Progress]] = field(default_factory=list)  # ascending, when loaded
    rolled_up: bool = False  # rated on its sub-regions' progress (hierarchy): assigned to them

    @property
    def reported_this_period(self) -> bool:
        return self.reported_quarter if self.frequency == Assignment.Frequency.QUARTERLY else self.reported_month


def thresholds():
    return thresholds_from_settings(settings.LUOSHI_STATUS)


def rating_on(item: Item, day: date, *, latest: Progress | None, limits=None) -> Rating | None:
    """The pure rule for one item on ``day``: ``None`` for a record (成效), 待分工 when nobody is assigned."""
    return rate_commitment(result=not item.rated, assigned=item.assignment_id is not None or item.rolled_up,
                           target=item.target, plan=item.plan, latest=latest, today=day, thresholds=limits or thresholds(),
                           closed=item.closed_on is not None and item.closed_on <= day)


def latest_before(item: Item, day: date) -> Progress | None:
    """The newest progress dated on or before ``day`` (history must be loaded; ties: the later filed)."""
    i = bisect.bisect_right(item.history, day, key=lambda entry: entry[0])
    return item.history[i - 1][1] if i else None


def month_ends(year: int, day: date) -> list[date]:
    """Month-ends of ``year`` up to ``day``; the month holding ``day`` ends at ``day`` itself.

    >>> month_ends(2024, date(2024, 3, 15))
    [datetime.date(2024, 1, 31), datetime.date(2024, 2, 29), datetime.date(2024, 3, 15)]
    >>> len(month_ends(2023, date(2024, 3, 15)))
    12
    """
    out = []
    for month in range(1, 13):
        end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        if end >= day:
            if date(year, month, 1) <= day:
                out.append(day)
            break
        out.append(end)
    return out


def _target(c: dict) -> Target:
    return Target(value=c["value"], comparator=c["comparator"] or None, value_max=c["value_max"],
                  cumulative=c["measure"] != Commitment.Measure.LEVEL)


def _progress(as_of, value, percent) -> Progress | None:
    return Progress(as_of=as_of, value=value, percent_done=percent) if as_of else None


_LOADED = VersionedCache()


def load_items(report_ids: Sequence[int], *, day: date, verified_only: bool = False, history: bool = False,
               narrative: bool = False, text: bool = False, commitment_ids: Sequence[int] | None = None,
               with_verified: bool = False) -> list[Item]:
    """The live commitments of these reports, as of ``day``: read once per data version (pages are
    read far more often than what they show changes; see :mod:`luoshi_web.tracking.dataversion`)."""
    ids = tuple(commitment_ids) if commitment_ids is not None else None
    key = (tuple(report_ids), day, verified_only, history, narrative, text, ids, with_verified)
    return list(_LOADED.get_or_compute(key, lambda: _load_items_now(
        report_ids, day=day, verified_only=verified_only, history=history, narrative=narrative, text=text,
        commitment_ids=commitment_ids, with_verified=with_verified)))


def _load_items_now(report_ids: Sequence[int], *, day: date, verified_only: bool = False, history: bool = False,
                    narrative: bool = False, text: bool = False, commitment_ids: Sequence[int] | None = None,
                    with_verified: bool = False) -> list[Item]:
    """The live commitments of these reports, as of ``day``, in four queries whatever their number.

    ``verified_only`` reads progress as the public may (``latest_verified``); otherwise as the
    supervisors do (``latest``, verified or not). The newest report of each assignment comes from one
    window-function query (a correlated subquery per assignment costs five times as much on a
    province); the whole history is read only when ``history`` is asked for (the trend), and then
    the newest reports are taken from it instead. ``text`` loads each source sentence (public pages).
    ``with_verified`` reads both (``latest`` and ``latest_verified``): self-reported and verified
    progress apart, for the supervisors' pages (one more query without ``history``).
    """
    scope = Commitment.objects.filter(report_id__in=report_ids, report__deleted_at__isnull=True)
    if commitment_ids is not None:
        scope = scope.filter(pk__in=commitment_ids)
    commitments = list(
        scope.annotate(split=split_flag()).order_by("report_id", "position", "id")
        .values("id", "report_id", "report__year", "position", "indicator", "category", "kind", "unit",
                "value", "value_max", "comparator", "qualifier", "measure", "year", "split", *(["text"] if text else []))
    )
    of_scope = {"commitment__report_id__in": report_ids}
    if commitment_ids is not None:
        of_scope["commitment_id__in"] = commitment_ids
    assignments = {
        a["commitment_id"]: a
        for a in Assignment.objects.filter(**of_scope).values("id", "commitment_id", "lead_unit_id", "deadline", "frequency",
                                                              "closed_at")
    }
    milestones: dict[int, list[tuple[date, Decimal]]] = {}
    for aid, due, planned in Milestone.objects.filter(**{f"assignment__{k}": v for k, v in of_scope.items()}).order_by(
        "due"
    ).values_list("assignment_id", "due", "planned_value"):
        milestones.setdefault(aid, []).append((due, planned))
    progress = ProgressReport.objects.filter(**{f"assignment__{k}": v for k, v in of_scope.items()}, as_of__lte=day)
    histories: dict[int, list[tuple[date, Progress]]] = {}
    latest: dict[int, tuple[Progress, str]] = {}
    verified_latest: dict[int, tuple[Progress, str]] = {}
    if history:  # one pass gives both the history and the newest report of each assignment
        rows = progress.order_by("assignment_id", "as_of", "created_at", "id").values_list(
            "assignment_id", "as_of", "value", "percent_done", "verified")
        for aid, as_of, value, percent, verified in rows.iterator(chunk_size=5000):
            p = Progress(as_of, value, percent)
            histories.setdefault(aid, []).append((as_of, p))
            if verified or not verified_only:
                latest[aid] = (p, "")
            if verified and with_verified:
                verified_latest[aid] = (p, "")
        if narrative:
            latest = {**latest, **newest_progress(progress, verified_only=verified_only, narrative=narrative)}
    elif with_verified and not verified_only and not narrative:
        latest, verified_latest = _newest_and_newest_verified(progress)
    else:
        latest = newest_progress(progress, verified_only=verified_only, narrative=narrative)
        if with_verified and not verified_only:
            verified_latest = newest_progress(progress, verified_only=True)

    month_start = period_bounds(Assignment.Frequency.MONTHLY, day)[0]
    quarter_start = period_bounds(Assignment.Frequency.QUARTERLY, day)[0]
    items = []
    for c in commitments:
        year = c["year"] or c["report__year"]
        a = assignments.get(c["id"])
        deadline = a["deadline"] if a else None
        planned = tuple((d, v) for d, v in milestones.get(a["id"], ()) if v is not None) if a else ()
        item = Item(
            id=c["id"], report_id=c["report_id"], position=c["position"], indicator=c["indicator"], text=c.get("text", ""),
            category=c["category"], kind=c["kind"], unit=c["unit"], value=c["value"], value_max=c["value_max"],
            comparator=c["comparator"], qualifier=c["qualifier"], target=_target(c),
            plan=year_plan(year, deadline, planned, report_year=c["report__year"]),
            rated=c["kind"] != Commitment.Kind.RESULT,
        )
        if a:
            item.assignment_id, item.lead_unit_id, item.deadline = a["id"], a["lead_unit_id"], a["deadline"]
            item.frequency = a["frequency"]
            item.closed_on = timezone.localdate(a["closed_at"]) if a["closed_at"] else None
            item.milestone_dues = tuple(d for d, _ in milestones.get(a["id"], ()))
            newest, words = latest.get(a["id"], (None, ""))
            if verified_only:
                item.latest_verified, item.latest_narrative = newest, words
            else:
                item.latest = newest
                # the newest report dated on or before the day says whether the period has one
                item.reported_month = newest is not None and newest.as_of >= month_start
                item.reported_quarter = newest is not None and newest.as_of >= quarter_start
                if with_verified:
                    item.latest_verified = verified_latest.get(a["id"], (None, ""))[0]
            item.history = histories.get(a["id"], [])
        items.append(item)
    _roll_up(items, [c["id"] for c in commitments if c["split"]], day=day, verified_only=verified_only,
             with_verified=with_verified, history=history)
    return items


def _roll_up(items: list[Item], split: list[int], *, day: date, verified_only: bool, with_verified: bool,
             history: bool) -> None:
    """A parent split over sub-regions is rated on their progress, by the one rule every page uses
    (:mod:`luoshi_web.hierarchy.rollup`); no query unless some item is split."""
    rollups = load_rollups(split, day=day, history=history)
    for item in items:
        if not rollups.applies(item.id):
            continue
        item.rolled_up = True
        if verified_only:
            rolled = rollups.rate_with(item.id, item.latest_verified, verified=True, day=day)
            if rolled != item.latest_verified:  # the words were the parent's own report's
                item.latest_narrative = ""
            item.latest_verified = rolled
        else:
            item.latest = rollups.rate_with(item.id, item.latest, verified=False, day=day)
            if with_verified:
                item.latest_verified = rollups.rate_with(item.id, item.latest_verified, verified=True, day=day)
        if history:
            item.history = rollups.history(item.id, item.history)


def _newest_and_newest_verified(progress) -> tuple[dict[int, tuple[Progress, str]], dict[int, tuple[Progress, str]]]:
    """The newest report of each assignment, and its newest verified one, in one window-function query
    (the newest of each assignment × verified; the newer of the two is the newest overall)."""
    ranked = progress.order_by().annotate(rank=Window(
        RowNumber(), partition_by=[F("assignment_id"), F("verified")],
        order_by=[F("as_of").desc(), F("created_at").desc(), F("id").desc()],
    )).filter(rank=1)
    newest: dict[int, tuple[tuple, Progress]] = {}
    verified: dict[int, tuple[Progress, str]] = {}
    for aid, as_of, created, pk, value, percent, is_verified in ranked.values_list(
            "assignment_id", "as_of", "created_at", "id", "value", "percent_done", "verified"):
        p = Progress(as_of, value, percent)
        if is_verified:
            verified[aid] = (p, "")
        if aid not in newest or (as_of, created, pk) > newest[aid][0]:
            newest[aid] = ((as_of, created, pk), p)
    return {aid: (p, "") for aid, (_, p) in newest.items()}, verified


def ratings_on(items: Iterable[Item], day: date, *, verified_only: bool = False) -> dict[int, Rating | None]:
    """Each item's rating on the load day, from the latest (verified) progress found when loading."""
    limits = thresholds()
    return {
        i.id: rating_on(i, day, latest=i.latest_verified if verified_only else i.latest, limits=limits) for i in items
    }


def status_mix_by_month(items: Sequence[Item], year: int, day: date) -> list[tuple[date, dict[Status, int]]]:
    """Count of each status at every month-end of ``year`` up to ``day`` (history must be loaded)."""
    limits = thresholds()
    rated = [i for i in items if i.rated]
    out = []
    for end in month_ends(year, day):
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for item in rated:
            status = rating_on(item, end, latest=latest_before(item, end), limits=limits).status
            if status in counts:  # 待分工 and a row that cannot be rated are not part of the mix
                counts[status] += 1
        out.append((end, counts))
    return out


def statuses_shown(counts) -> tuple[Status, ...]:
    """The statuses a table lists: :data:`STATUS_ORDER`, then 待分工 and 无法评估 when some row is."""
    return STATUS_ORDER + tuple(s for s in (Status.UNASSIGNED, Status.UNRATABLE) if counts.get(s))


def region_year_reports(region_id: int, year: int, *, published_only: bool = False) -> list[int]:
    qs = Report.objects.filter(region_id=region_id, year=year)
    if published_only:
        qs = qs.filter(published=True)
    return list(qs.values_list("pk", flat=True))
