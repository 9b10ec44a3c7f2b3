"""Reads with a frozen clock: what is due this period, what lags, what the public is rated on."""

from __future__ import annotations

import doctest
from datetime import date
from decimal import Decimal

import pytest

from luoshi_web.org.access import ANONYMOUS, actor_for
from luoshi_web.tracking import selectors, services
from luoshi_web.tracking.services import MilestoneInput
from luoshi_web.tracking.status import Status

pytestmark = pytest.mark.django_db
JULY = date(2024, 7, 15)


def test_my_tasks_lists_what_is_due_this_month_until_it_is_reported(world):
    actor = actor_for(world.rita)
    services.assignment_set(user=world.su, commitment=world.c_a, lead_unit=world.unit_a, deadline=date(2024, 12, 31),
                            milestones=[MilestoneInput(date(2024, 7, 31), Decimal(40), "七月节点")])
    rows = {r.commitment.pk: r for r in selectors.my_task_rows(actor=actor, today=JULY)}
    row = rows[world.c_a.pk]
    assert row.extra["period_end"] == date(2024, 7, 31) and not row.extra["reported"]
    assert [m.description for m in row.extra["milestones"]] == ["七月节点"]
    services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 7, 10),
                                    value=Decimal(30), narrative="七月上旬")
    row = {r.commitment.pk: r for r in selectors.my_task_rows(actor=actor, today=JULY)}[world.c_a.pk]
    assert row.extra["reported"] and row.status is Status.BEHIND


def test_quarterly_assignments_are_due_by_quarter_end(world):
    services.assignment_set(user=world.su, commitment=world.c_b, lead_unit=world.unit_b, deadline=date(2024, 12, 31),
                            frequency="quarterly")
    row = selectors.my_task_rows(actor=actor_for(world.nick), today=JULY)[0]
    assert (row.extra["period_start"], row.extra["period_end"]) == (date(2024, 7, 1), date(2024, 9, 30))


def test_lagging_lists_the_worst_first_and_leaves_out_items_on_track(world):
    services.progress_report_create(user=world.rita, assignment=world.a_a, as_of=date(2024, 7, 1),
                                    value=Decimal(36), narrative="达进度")
    services.progress_report_create(user=world.nick, assignment=world.a_b, as_of=date(2024, 7, 1),
                                    value=Decimal(250), narrative="欠进度")
    rows = selectors.lagging_rows(actor=actor_for(world.su), today=JULY)
    names = [r.commitment.indicator for r in rows]
    assert "城镇新增就业" not in names
    assert "新建学校" not in names  # 待分工: nobody assigned, so not lagging
    assert names.index("城镇调查失业率") < names.index("粮食产量")  # nothing reported (severe) before behind


def test_the_public_is_rated_on_verified_progress_only(world):
    p = services.progress_report_create(user=world.rita, assignment=world.a_pub, as_of=date(2024, 7, 1),
                                        value=Decimal("5.2"), narrative="自报")
    def status_for(actor):
        rows = selectors.commitment_rows(actor=actor, filters=selectors.Filters(report_id=world.public_report.pk),
                                         today=JULY)
        return rows[0].status
    assert status_for(actor_for(world.su)) is Status.ON_TRACK
    assert status_for(ANONYMOUS) is Status.SEVERELY_BEHIND  # nothing verified yet, half the year gone
    services.progress_report_verify(user=world.su, progress=p)
    assert status_for(ANONYMOUS) is Status.ON_TRACK


def test_filters_narrow_the_list(world):
    su = actor_for(world.su)
    by_unit = selectors.commitment_rows(actor=su, filters=selectors.Filters(unit_id=world.unit_b.pk), today=JULY)
    assert [r.commitment for r in by_unit] == [world.c_b]
    by_status = selectors.commitment_rows(actor=su, filters=selectors.Filters(status="unassigned"), today=JULY)
    assert [r.commitment for r in by_status] == [world.c_unassigned]
    by_kind = selectors.commitment_rows(actor=su, filters=selectors.Filters(kind="project"), today=JULY)
    assert by_kind == []


def test_selector_docstring_examples_hold():
    assert doctest.testmod(selectors).failed == 0
