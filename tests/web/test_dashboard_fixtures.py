"""A known province-year for the dashboard, bulletin, public and browser tests (no tests here).

On top of ``world`` (conftest), Hunan 2024 gets categories, three more commitments, a result and
dated progress so that *as of 2024-06-30* each status has a known count:

=========================  =====================  =========  ==============================
commitment                 category               lead unit  status on 2024-06-30
=========================  =====================  =========  ==============================
c_a   城镇新增就业 70万人   民生实事               A          超进度 (40 vs 34.7 planned)
c_b   粮食产量 615亿斤左右  十大产业项目           B          严重滞后 (100 vs 305)
c_un  新建学校 10所         —                      —          待分工 (unassigned: not rated)
c_pub 城镇调查失业率 ≤5.5%  —                      A          达进度 (5.1, verified)
done  改造老旧小区 1000个   民生实事               B          已完成
over  园区标准厂房 10栋     十大产业项目           A          逾期未完成 (deadline 04-30)
behind 高标准农田 100万亩   十大产业项目           B          欠进度 (40 vs 49.6)
result 上年地区生产总值     —                      —          not rated (成效)
=========================  =====================  =========  ==============================
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from luoshi_web.tracking.models import Commitment
from luoshi_web.tracking.services import assignment_set, progress_report_create, progress_report_verify

from .conftest import make_commitment

DAY = date(2024, 6, 30)
EXPECTED_STATUS = {"done": 1, "ahead": 1, "on_track": 1, "behind": 1, "severe": 1, "overdue": 1, "not_started": 0}
EXPECTED_COLOURS = {"green": 3, "yellow": 1, "red": 2, "blue": 0}


@dataclass
class Province:
    world: object
    done: object
    over: object
    behind: object
    result: object


def report(world, c, as_of: date, value, *, verify: bool = False):
    a = c.assignments.get()
    p = progress_report_create(user=world.su, assignment=a, as_of=as_of, value=Decimal(str(value)),
                               narrative=f"{c.indicator}截至{as_of}累计{value}")
    if verify:
        progress_report_verify(user=world.su, progress=p, note="内部核实意见：数据来自统计局")
    return p


@pytest.fixture
def province(world) -> Province:
    w = world
    Commitment.objects.filter(pk__in=[w.c_a.pk]).update(category="民生实事")
    Commitment.objects.filter(pk__in=[w.c_b.pk]).update(category="十大产业项目")
    done = make_commitment(w.internal_report, 4, "改造老旧小区", 1000, unit="个", category="民生实事")
    over = make_commitment(w.internal_report, 5, "园区标准厂房", 10, unit="栋", category="十大产业项目")
    behind = make_commitment(w.internal_report, 6, "高标准农田", 100, unit="万亩", category="十大产业项目")
    result = make_commitment(w.internal_report, 7, "上年地区生产总值", "50012.85", unit="亿元", comparator="",
                             kind="result")
    end = date(2024, 12, 31)
    assignment_set(user=w.su, commitment=done, lead_unit=w.unit_b, deadline=end)
    assignment_set(user=w.su, commitment=over, lead_unit=w.unit_a, deadline=date(2024, 4, 30))
    assignment_set(user=w.su, commitment=behind, lead_unit=w.unit_b, deadline=end, supporting_units=[w.unit_a])
    report(w, w.c_a, date(2024, 3, 31), 15)
    report(w, w.c_a, date(2024, 6, 30), 40)
    report(w, w.c_b, date(2024, 6, 30), 100)
    report(w, w.c_pub, date(2024, 5, 31), "5.1", verify=True)
    report(w, done, date(2024, 5, 15), 1000)
    report(w, over, date(2024, 4, 20), 5)
    report(w, behind, date(2024, 6, 15), 40)
    return Province(w, done, over, behind, result)
