"""配合单位 (issue 13): a supporting unit files progress on its own part; the lead unit and the office
see it; only the lead unit's reports rate the commitment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.tracking import selectors, services
from luoshi_web.tracking.models import ProgressReport

pytestmark = pytest.mark.django_db
JULY = date(2024, 7, 15)


@pytest.fixture
def supported(world):
    """Unit B (nick) supports unit A's 城镇新增就业."""
    services.assignment_set(user=world.su, commitment=world.c_a, lead_unit=world.unit_a, deadline=world.a_a.deadline,
                            supporting_units=[world.unit_b])
    return world


def test_a_supporting_unit_reports_its_part_which_the_lead_sees_but_which_is_not_rated(supported):
    w = supported
    page = w.client(w.nick).get(reverse("commitment_detail", args=[w.c_a.pk])).content.decode()
    assert 'id="progress-form"' in page and "报送本单位配合进展" in page
    r = w.client(w.nick).post(reverse("progress_create", args=[w.c_a.pk]),
                              {"as_of": "2024-06-30", "value": "70", "narrative": "农村劳动力转移就业12万人"})
    assert r.status_code == 302
    part = ProgressReport.filed.get(assignment=w.a_a)
    assert part.is_part and part.unit == w.unit_b and part.author == w.nick
    # not the commitment's progress: 70 of 70 from a supporting unit does not make it 已完成
    assert not ProgressReport.objects.filter(pk=part.pk).exists()
    rating = selectors.commitment_detail(actor=actor_for(w.su), pk=w.c_a.pk, today=JULY).rating
    assert rating.status.code == "severe"
    # the lead unit sees it on the commitment page and on 我的任务
    rita = w.client(w.rita)
    assert "农村劳动力转移就业12万人" in rita.get(reverse("commitment_detail", args=[w.c_a.pk])).content.decode()
    mine = rita.get(reverse("my_tasks")).content.decode()
    assert 'id="parts"' in mine and "省农业农村厅" in mine
    # the office finds it in the inbox, by either unit
    su = w.client(w.su)
    assert f'data-progress="{part.pk}"' in su.get(reverse("inbox"), {"unit": w.unit_b.pk}).content.decode()


def test_the_part_is_corrected_by_its_own_unit_not_by_the_lead(supported):
    w = supported
    part = services.progress_report_create(user=w.nick, assignment=w.a_a, as_of=date(2024, 6, 30), value=Decimal(5),
                                           narrative="配合")
    services.progress_report_return(user=w.su, progress=part, reason="请补充分项数据")
    assert [p.pk for p in selectors.returned_reports(actor=actor_for(w.nick))] == [part.pk]
    assert selectors.returned_reports(actor=actor_for(w.rita)) == []
    with pytest.raises(AccessDenied):
        services.progress_report_resubmit(user=w.rita, progress=part, as_of=date(2024, 6, 30), narrative="代改",
                                          value=Decimal(6))
    services.progress_report_resubmit(user=w.nick, progress=part, as_of=date(2024, 6, 30), narrative="补充分项",
                                      value=Decimal(6))
    assert ProgressReport.filed.get(pk=part.pk).state == ProgressReport.State.SUBMITTED


def test_a_unit_neither_leading_nor_supporting_still_cannot_report(world):
    with pytest.raises(AccessDenied):
        services.progress_report_create(user=world.nick, assignment=world.a_a, as_of=date(2024, 6, 30),
                                        value=Decimal(1), narrative="越权")
    assert world.client(world.nick).post(reverse("progress_create", args=[world.c_a.pk]),
                                         {"as_of": "2024-06-30", "value": "1", "narrative": "x"}).status_code == 404
    assert not ProgressReport.all_objects.exists()


def test_the_lead_units_report_is_still_the_rated_one(supported):
    w = supported
    services.progress_report_create(user=w.nick, assignment=w.a_a, as_of=date(2024, 7, 1), value=Decimal(3),
                                    narrative="配合部分")
    lead = services.progress_report_create(user=w.rita, assignment=w.a_a, as_of=date(2024, 6, 30), value=Decimal(40),
                                           narrative="全省")
    assert not lead.is_part and lead.unit == w.unit_a
    row = {r.commitment_id: r for r in selectors.rated_commitments(actor=actor_for(w.su), today=JULY)}[w.c_a.pk]
    assert row.latest.value == Decimal(40) and row.status.code in {"on_track", "ahead"}
