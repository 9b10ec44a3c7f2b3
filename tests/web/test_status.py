"""The status rule, table-driven with a frozen clock: each row names the branch it covers."""

from __future__ import annotations

import doctest
from datetime import date
from decimal import Decimal as D

import pytest

from luoshi_web.tracking import status as status_module
from luoshi_web.tracking.status import (
    Plan,
    Progress,
    Status,
    Target,
    Thresholds,
    rate,
    rate_commitment,
    thresholds_from_settings,
    year_plan,
)

Y = 2024
YEAR = Plan(start=date(Y, 1, 1), deadline=date(Y, 12, 31))
MID = date(Y, 7, 1)  # 182/365 ≈ 0.499 of the year gone
FRONT_LOADED = Plan(start=date(Y, 1, 1), deadline=date(Y, 12, 31), milestones=((date(Y, 6, 30), D(50)),))

JOBS = Target(D(70), "min")  # 城镇新增就业70万人
GRAIN = Target(D(615), "approx")  # 粮食产量615亿斤左右
JOBLESS = Target(D("5.5"), "max", cumulative=False)  # 城镇调查失业率5.5%以内
GDP = Target(D(6), "approx", cumulative=False)  # 增长6%左右
TASK = Target(None)


def p(day: date, value=None, percent=None) -> Progress:
    return Progress(as_of=day, value=None if value is None else D(str(value)),
                    percent_done=None if percent is None else D(str(percent)))


CASES = [
    # name, target, plan, latest, today, expected
    ("nothing reported early in the year is not started", JOBS, YEAR, None, date(Y, 1, 20), Status.NOT_STARTED),
    ("nothing reported by mid-year is severely behind", JOBS, YEAR, None, MID, Status.SEVERELY_BEHIND),
    ("nothing reported after the deadline is overdue", JOBS, YEAR, None, date(Y + 1, 1, 5), Status.OVERDUE),
    ("nothing reported on a level target early is not started", GDP, YEAR, None, date(Y, 1, 10), Status.NOT_STARTED),
    ("a cumulative target reached early is done", JOBS, YEAR, p(MID, 71), MID, Status.DONE),
    ("well above the straight line is ahead", JOBS, YEAR, p(MID, 40), MID, Status.AHEAD),
    ("on the straight line is on track", JOBS, YEAR, p(MID, 35), MID, Status.ON_TRACK),
    ("a little under the line is behind", JOBS, YEAR, p(MID, 28), MID, Status.BEHIND),
    ("far under the line is severely behind", JOBS, YEAR, p(MID, 20), MID, Status.SEVERELY_BEHIND),
    ("short of the target after the deadline is overdue", JOBS, YEAR, p(date(Y, 12, 31), 60), date(Y + 1, 1, 2), Status.OVERDUE),
    ("approx: within the tolerance under the target counts as done", GRAIN, YEAR, p(date(Y, 10, 1), 590), date(Y, 10, 2), Status.DONE),
    ("approx: the tolerance widens the on-track band", GRAIN, YEAR, p(MID, 278), MID, Status.ON_TRACK),
    ("min: the same ratio without approx is behind", Target(D(615), "min"), YEAR, p(MID, 278), MID, Status.BEHIND),
    ("milestones replace the straight line", JOBS, FRONT_LOADED, p(MID, 40), MID, Status.BEHIND),
    ("a cap respected during the year is on track", JOBLESS, YEAR, p(MID, "5.2"), MID, Status.ON_TRACK),
    ("a cap respected at the deadline is done", JOBLESS, YEAR, p(date(Y, 12, 31), "5.3"), date(Y, 12, 31), Status.DONE),
    ("a cap slightly exceeded is behind", JOBLESS, YEAR, p(MID, "5.7"), MID, Status.BEHIND),
    ("a cap far exceeded is severely behind", JOBLESS, YEAR, p(MID, "6.5"), MID, Status.SEVERELY_BEHIND),
    ("a cap exceeded after the deadline is overdue", JOBLESS, YEAR, p(date(Y, 12, 31), "5.8"), date(Y + 1, 1, 3), Status.OVERDUE),
    ("a cap with a range uses its upper bound", Target(D(3), "max", D(4), cumulative=False), YEAR, p(MID, "3.8"), MID, Status.ON_TRACK),
    ("a level met mid-year is on track, not yet done", GDP, YEAR, p(MID, "5.9"), MID, Status.ON_TRACK),
    ("a level held at the deadline is done", GDP, YEAR, p(date(Y, 12, 31), "6.1"), date(Y, 12, 31), Status.DONE),
    ("a level well above the target is ahead", GDP, YEAR, p(MID, "7.0"), MID, Status.AHEAD),
    ("a level under the target is behind", GDP, YEAR, p(MID, "5.0"), MID, Status.BEHIND),
    ("a task is rated on its share done", TASK, YEAR, p(MID, percent=60), MID, Status.AHEAD),
    ("a task at 100 percent is done", TASK, YEAR, p(MID, percent=100), MID, Status.DONE),
    ("a task with a report but no share is treated as unreported", TASK, YEAR, p(MID, 5), MID, Status.SEVERELY_BEHIND),
    ("a share reported on a valued target is converted", JOBS, YEAR, p(MID, percent=50), MID, Status.ON_TRACK),
    ("anything done before the plan expects something is ahead", JOBS, YEAR, p(date(Y, 1, 1), 1), date(Y, 1, 1), Status.AHEAD),
    ("nothing done on day one is not started", JOBS, YEAR, p(date(Y, 1, 1), 0), date(Y, 1, 1), Status.NOT_STARTED),
    ("a year no date can have cannot be rated", JOBS, None, None, MID, Status.UNRATABLE),
    ("a figure the arithmetic cannot take cannot be rated", Target(D("NaN")), YEAR, p(MID, 5), MID, Status.UNRATABLE),
]


@pytest.mark.parametrize(("name", "target", "plan", "latest", "today", "expected"), CASES, ids=[c[0] for c in CASES])
def test_status_rule(name, target, plan, latest, today, expected):
    assert rate(target, plan, latest, today=today).status is expected


# What gets tracked (issue 13): results are records, unassigned commitments are 待分工, multi-year
# goals are planned over their own span. report year 2026; today, the goal's year, assigned?, kind.
R = 2026
TRACKING_CASES = [
    # name, result, assigned, target, goal year, latest, today, expected (None: not rated)
    ("a result is the report's record, never rated", True, False, JOBS, R - 1, None, date(R, 7, 1), None),
    ("a result stays unrated even when assigned", True, True, JOBS, R - 1, None, date(R + 1, 3, 1), None),
    ("an unassigned target is 待分工, not lagging", False, False, JOBS, R, None, date(R, 7, 1), Status.UNASSIGNED),
    ("an unassigned target is 待分工 after the year, not overdue", False, False, JOBS, R, None, date(R + 1, 3, 1),
     Status.UNASSIGNED),
    ("an unassigned task is 待分工", False, False, TASK, R, None, date(R, 7, 1), Status.UNASSIGNED),
    ("an assigned target with nothing reported by mid-year is severely behind", False, True, JOBS, R, None,
     date(R, 7, 1), Status.SEVERELY_BEHIND),
    ("a 2030 goal is not overdue after the report year", False, True, JOBS, 2030, p(date(R, 12, 31), 14),
     date(R + 1, 1, 5), Status.ON_TRACK),
    ("a 2030 goal is rated against its own span: a fifth done in a fifth of it is on track", False, True, JOBS, 2030,
     p(date(R, 12, 31), 14), date(R, 12, 31), Status.ON_TRACK),
    ("a 2030 goal with nothing reported at the report year's end is severely behind over its span", False, True, JOBS,
     2030, None, date(R, 12, 31), Status.SEVERELY_BEHIND),
    ("a 2027 goal with nothing reported early in the report year is not started", False, True, JOBS, 2027, None,
     date(R, 2, 1), Status.NOT_STARTED),
]


@pytest.mark.parametrize(("name", "result", "assigned", "target", "year", "latest", "today", "expected"),
                         TRACKING_CASES, ids=[c[0] for c in TRACKING_CASES])
def test_what_gets_tracked(name, result, assigned, target, year, latest, today, expected):
    rating = rate_commitment(result=result, assigned=assigned, target=target, plan=year_plan(year, None, report_year=R),
                             latest=latest, today=today)
    assert (rating.status if rating else None) is expected


def test_a_multi_year_goal_is_planned_from_the_report_year_to_its_own_year():
    assert year_plan(2030, None, report_year=2026) == Plan(date(2026, 1, 1), date(2030, 12, 31))
    assert year_plan(2027, date(2027, 6, 30), report_year=2026) == Plan(date(2026, 1, 1), date(2027, 6, 30))
    assert year_plan(2026, None, report_year=2026) == Plan(date(2026, 1, 1), date(2026, 12, 31))
    assert year_plan(2025, None, report_year=2026) == Plan(date(2025, 1, 1), date(2025, 12, 31))  # as before


def test_every_status_is_reached_by_some_case():
    assert {c[-1] for c in CASES} | {c[-1] for c in TRACKING_CASES if c[-1]} == set(Status)


@pytest.mark.parametrize(("status", "colour"), [
    (Status.NOT_STARTED, "blue"), (Status.AHEAD, "green"), (Status.ON_TRACK, "green"), (Status.DONE, "green"),
    (Status.BEHIND, "yellow"), (Status.SEVERELY_BEHIND, "red"), (Status.OVERDUE, "red"), (Status.UNRATABLE, "none"),
    (Status.UNASSIGNED, "none"),
])
def test_each_status_has_its_colour(status, colour):
    assert status.colour == colour


def test_thresholds_are_settings_and_change_the_rating():
    strict = Thresholds(on_track_ratio=D("1.05"))
    assert rate(JOBS, YEAR, p(MID, 35), today=MID).status is Status.ON_TRACK
    assert rate(JOBS, YEAR, p(MID, 35), today=MID, thresholds=strict).status is Status.BEHIND


def test_thresholds_are_read_from_django_settings(settings):
    t = thresholds_from_settings(settings.LUOSHI_STATUS)
    assert t.severe_ratio == D("0.70") and t.approx_tolerance == D("0.05")


def test_rating_says_what_the_plan_expects_today():
    r = rate(JOBS, FRONT_LOADED, p(MID, 40), today=MID)
    assert r.planned is not None and D("50") < r.planned < D("51")
    assert D("0.49") < r.elapsed < D("0.51")


def test_status_module_docstring_examples_hold():
    failures, _ = doctest.testmod(status_module)
    assert failures == 0
