"""Rate a commitment against the time elapsed ("时间过半、任务过半"): a pure function, no ORM.

:func:`rate` takes the target, the plan, the latest progress and today's date and gives one of
seven statuses, each with a colour::

    未启动 blue     no progress reported while the plan still expects almost nothing
    超进度 green    actual ≥ planned × AHEAD_RATIO
    达进度 green    actual ≥ planned × ON_TRACK_RATIO (a cap respected; an ``approx`` target
                    widens the band by APPROX_TOLERANCE)
    欠进度 yellow   actual ≥ planned × SEVERE_RATIO (a cap exceeded by ≤ CAP_SEVERE_EXCESS)
    严重滞后 red    below that, or nothing reported once the plan expects more than the grace
    已完成 green    the target is met (a cumulative target any time; a level or a cap at the deadline)
    逾期未完成 red  the deadline has passed and the target is not met
    无法评估 none   the figures cannot be rated (a year that is no calendar year, a number the
                    arithmetic cannot take): shown as such, so one bad row never stops a page
    待分工 none     not rated yet: nobody is assigned (see :func:`rate_commitment`)

What gets tracked (:func:`rate_commitment`): a *result* (成效, last year's figure as the report
tells it) is the report's record and is never rated; a commitment nobody is assigned is 待分工,
neither lagging nor on track; only assigned commitments are rated. A commitment the supervisor has
closed (已办结: the lead unit applied with its evidence and the closure was approved, a stored state)
is 已完成 from the day of the approval, whatever progress was last reported. A commitment split over
sub-regions with their own commitments linked (the cascade) is carried out by them: an additive one
counts as assigned and is rated on their summed progress unless its own report is as recent (the rule
is :mod:`luoshi_web.hierarchy.rollup`; callers pass the progress and ``assigned`` it gives). A
multi-year goal (到2027年, 2030年) is planned over its own span, from the report year's 1 January to its
own year's end (:func:`year_plan` with ``report_year``), so it is never overdue in the report year.

The plan is the milestones (date, planned cumulative value), or else a straight line from the start
of the year (0) to the deadline (the target): 序时进度. Two kinds of target are rated differently:

- *cumulative* (城镇新增就业70万人): progress is the amount reached so far, compared with the plan
  at today's date; it is complete as soon as the target is reached.
- *level* (增长6%左右, a rate or a share): progress is the current level, compared with the target
  itself all year; it is complete only when the deadline is reached with the level held.
- a *cap* (comparator ``max``: 失业率5.5%以内) is met by staying at or under it.

Targets without a value (tasks, projects) are rated on ``percent_done`` out of 100.
Thresholds come from ``settings.LUOSHI_STATUS`` via :func:`thresholds_from_settings`.
Build the plan with :func:`year_plan`, which gives ``None`` for a year no date can have; :func:`rate`
then answers 无法评估, as it does for any figure its arithmetic cannot take (it never raises).

>>> from datetime import date
>>> from decimal import Decimal as D
>>> plan = Plan(start=date(2024, 1, 1), deadline=date(2024, 12, 31))
>>> rate(Target(D(70)), plan, Progress(date(2024, 6, 30), D(30)), today=date(2024, 7, 1)).status.label
'欠进度'
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

HUNDRED = Decimal(100)


class Status(Enum):
    NOT_STARTED = ("not_started", "未启动", "blue")
    AHEAD = ("ahead", "超进度", "green")
    ON_TRACK = ("on_track", "达进度", "green")
    BEHIND = ("behind", "欠进度", "yellow")
    SEVERELY_BEHIND = ("severe", "严重滞后", "red")
    DONE = ("done", "已完成", "green")
    OVERDUE = ("overdue", "逾期未完成", "red")
    UNRATABLE = ("unratable", "无法评估", "none")
    UNASSIGNED = ("unassigned", "待分工", "none")

    def __init__(self, code: str, label: str, colour: str) -> None:
        self.code = code
        self.label = label
        self.colour = colour

    @classmethod
    def from_code(cls, code: str) -> Status:
        for s in cls:
            if s.code == code:
                return s
        raise ValueError(f"unknown status code {code!r}")


LAGGING = frozenset({Status.BEHIND, Status.SEVERELY_BEHIND, Status.OVERDUE})


@dataclass(frozen=True)
class Target:
    value: Decimal | None
    comparator: str | None = None  # "approx" | "min" | "max" | "exact" | None
    value_max: Decimal | None = None
    cumulative: bool = True


@dataclass(frozen=True)
class Plan:
    start: date
    deadline: date
    milestones: tuple[tuple[date, Decimal], ...] = ()


@dataclass(frozen=True)
class Progress:
    as_of: date
    value: Decimal | None
    percent_done: Decimal | None = None


@dataclass(frozen=True)
class Thresholds:
    ahead_ratio: Decimal = Decimal("1.10")
    on_track_ratio: Decimal = Decimal("0.95")
    severe_ratio: Decimal = Decimal("0.70")
    approx_tolerance: Decimal = Decimal("0.05")
    not_started_grace: Decimal = Decimal("0.10")
    cap_severe_excess: Decimal = Decimal("0.10")


@dataclass(frozen=True)
class Rating:
    status: Status
    planned: Decimal | None = None  # what the plan expects today, in the target's terms
    ratio: Decimal | None = None  # actual / planned, when that means something
    elapsed: Decimal = Decimal(0)  # share of the planned time gone, 0..1


def thresholds_from_settings(config: dict[str, str]) -> Thresholds:
    return Thresholds(**{k.lower(): Decimal(str(v)) for k, v in config.items()})


def elapsed_fraction(plan: Plan, today: date) -> Decimal:
    """Share of the time from start to deadline that has passed, clamped to [0, 1].

    >>> elapsed_fraction(Plan(date(2024, 1, 1), date(2024, 1, 11)), date(2024, 1, 6))
    Decimal('0.5')
    """
    total = (plan.deadline - plan.start).days
    if total <= 0:
        return Decimal(1) if today >= plan.deadline else Decimal(0)
    done = (today - plan.start).days
    return min(Decimal(1), max(Decimal(0), Decimal(done) / Decimal(total)))


def planned_at(plan: Plan, goal: Decimal, today: date) -> Decimal:
    """Planned cumulative value today: linear between (start, 0), the milestones and (deadline, goal).

    >>> p = Plan(date(2024, 1, 1), date(2024, 12, 31), ((date(2024, 6, 30), Decimal(50)),))
    >>> planned_at(p, Decimal(70), date(2024, 6, 30))
    Decimal('50')
    """
    points: list[tuple[date, Decimal]] = [(plan.start, Decimal(0))]
    points += sorted(m for m in plan.milestones if m[0] > plan.start)
    if points[-1][0] < plan.deadline:
        points.append((plan.deadline, goal))
    if today <= points[0][0]:
        return points[0][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:], strict=False):
        if today <= d1:
            span = (d1 - d0).days
            if span <= 0:
                return v1
            return v0 + (v1 - v0) * Decimal((today - d0).days) / Decimal(span)
    return points[-1][1]


def _met(target: Target, goal: Decimal, actual: Decimal, t: Thresholds) -> bool:
    if target.comparator == "approx":
        return actual >= goal - abs(goal) * t.approx_tolerance
    return actual >= goal


def year_plan(year: int | None, deadline: date | None, milestones=(), report_year: int | None = None) -> Plan | None:
    """The plan of a target for ``year``: from 1 January to ``deadline`` (default 31 December).

    A multi-year goal (``year`` after ``report_year``: 到2027年, 2030年) is planned over its own
    span, from the report year's 1 January to the end of its own year (or ``deadline``).
    ``None`` when ``year`` is no year a date can have (a bad stored row): :func:`rate` then says 无法评估.

    >>> year_plan(2024, None).deadline, year_plan(10000, None), year_plan(None, None)
    (datetime.date(2024, 12, 31), None, None)
    >>> p = year_plan(2030, None, report_year=2026)
    >>> p.start, p.deadline
    (datetime.date(2026, 1, 1), datetime.date(2030, 12, 31))
    """
    try:
        first = report_year if isinstance(report_year, int) and isinstance(year, int) and report_year < year else year
        return Plan(start=date(first, 1, 1), deadline=deadline or date(year, 12, 31), milestones=tuple(milestones))
    except (TypeError, ValueError, OverflowError):
        return None


def rate_commitment(*, result: bool, assigned: bool, target: Target, plan: Plan | None, latest: Progress | None,
                    today: date, thresholds: Thresholds = Thresholds(), closed: bool = False) -> Rating | None:
    """What gets tracked, then how it stands: ``None`` for a result (成效: a record, never rated),
    已完成 for a commitment closed (已办结) by the supervisor on or before ``today`` (``closed``),
    待分工 for a commitment nobody is assigned (not lagging, not counted as such), else :func:`rate`.

    >>> plan = year_plan(2024, None)
    >>> rate_commitment(result=True, assigned=True, target=Target(Decimal(5)), plan=plan, latest=None,
    ...                 today=date(2024, 12, 1)) is None
    True
    >>> rate_commitment(result=False, assigned=False, target=Target(Decimal(5)), plan=plan, latest=None,
    ...                 today=date(2025, 3, 1)).status.label
    '待分工'
    >>> rate_commitment(result=False, assigned=True, target=Target(Decimal(5)), plan=plan, latest=None,
    ...                 today=date(2025, 3, 1), closed=True).status.label
    '已完成'
    """
    if result:
        return None
    if closed and assigned:
        return Rating(Status.DONE, elapsed=elapsed_fraction(plan, today) if plan else Decimal(0))
    if not assigned:
        return Rating(Status.UNASSIGNED)
    return rate(target, plan, latest, today=today, thresholds=thresholds)


def rate(target: Target, plan: Plan | None, latest: Progress | None, *, today: date,
         thresholds: Thresholds = Thresholds()) -> Rating:
    """The status of one commitment today; see the module docstring for the rules.

    Never raises: a plan of no calendar year, or figures the arithmetic cannot take (NaN, an
    overflowing exponent), give :attr:`Status.UNRATABLE`.

    >>> rate(Target(Decimal("NaN")), year_plan(2024, None), None, today=date(2024, 7, 1)).status.label
    '无法评估'
    """
    if plan is None:
        return Rating(Status.UNRATABLE)
    try:
        return _rate(target, plan, latest, today, thresholds)
    except (ArithmeticError, ValueError, TypeError, OverflowError):
        return Rating(Status.UNRATABLE)


def _rate(target: Target, plan: Plan, latest: Progress | None, today: date, thresholds: Thresholds) -> Rating:
    t = thresholds
    elapsed = elapsed_fraction(plan, today)
    past_deadline = today > plan.deadline
    at_deadline = today >= plan.deadline

    if target.value is None:  # a task or project: rated on its share done
        goal, actual, cumulative = HUNDRED, (latest.percent_done if latest else None), True
    else:
        goal, cumulative = target.value, target.cumulative
        actual = latest.value if latest else None
        if actual is None and latest is not None and latest.percent_done is not None:
            actual = goal * latest.percent_done / HUNDRED
            cumulative = True

    if actual is None:
        if past_deadline:
            return Rating(Status.OVERDUE, elapsed=elapsed)
        expected = planned_at(plan, goal, today) / goal if cumulative and goal > 0 else elapsed
        status = Status.NOT_STARTED if expected <= t.not_started_grace else Status.SEVERELY_BEHIND
        return Rating(status, elapsed=elapsed)

    if target.value is not None and target.comparator == "max":
        cap = target.value_max if target.value_max is not None else target.value
        if actual <= cap:
            return Rating(Status.DONE if at_deadline else Status.ON_TRACK, planned=cap, elapsed=elapsed)
        if past_deadline:
            return Rating(Status.OVERDUE, planned=cap, elapsed=elapsed)
        excess = (actual - cap) / abs(cap) if cap else Decimal(1)
        status = Status.BEHIND if excess <= t.cap_severe_excess else Status.SEVERELY_BEHIND
        return Rating(status, planned=cap, elapsed=elapsed)

    met = _met(target, goal, actual, t)
    if met and (cumulative or at_deadline):
        return Rating(Status.DONE, planned=goal, elapsed=elapsed)
    if past_deadline:
        return Rating(Status.OVERDUE, planned=goal, elapsed=elapsed)

    planned = planned_at(plan, goal, today) if cumulative else goal
    if planned <= 0:
        status = Status.AHEAD if actual > 0 else Status.NOT_STARTED
        return Rating(status, planned=planned, elapsed=elapsed)
    ratio = actual / planned
    on_track = t.on_track_ratio
    if target.comparator == "approx":
        on_track = on_track * (1 - t.approx_tolerance)
    if ratio >= t.ahead_ratio:
        status = Status.AHEAD
    elif ratio >= on_track:
        status = Status.ON_TRACK
    elif ratio >= t.severe_ratio:
        status = Status.BEHIND
    else:
        status = Status.SEVERELY_BEHIND
    return Rating(status, planned=planned, ratio=ratio, elapsed=elapsed)
