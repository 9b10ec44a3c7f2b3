"""What gets tracked (issue 13, finding 2): right after an import with nothing assigned, nothing is lagging.

A real report (the Hunan 2024 seed) is imported into 长沙市 (a region of its own, so the ``world``
fixture's assigned commitments do not mix in) and published; nobody is assigned. Then the
dashboard, the bulletin, the public region-year page and the lists rate no commitment as lagging;
a result (成效) is never rated; an unassigned commitment is 待分工. A multi-year goal (到2030年) is
rated over its own span, not as due in the report year.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.dashboard import selectors as dashboard_selectors
from luoshi_web.exports.bulletin import bulletin
from luoshi_web.org.access import actor_for
from luoshi_web.org.models import OrgUnit, Region
from luoshi_web.public import selectors as public_selectors
from luoshi_web.reports import services
from luoshi_web.tracking import selectors
from luoshi_web.tracking.models import Commitment, ProgressReport
from luoshi_web.tracking.services import assignment_set
from luoshi_web.tracking.status import LAGGING, Status

pytestmark = pytest.mark.django_db

MID = date(2024, 7, 1)
NEXT_SPRING = date(2025, 3, 1)  # the report year is over: still nothing may read as overdue


@pytest.fixture
def imported(world, seed_file):
    if seed_file is None:
        pytest.skip("../shared/seeds is not beside this checkout")
    city = Region.objects.create(name="长沙市", level=Region.Level.CITY, parent=world.hunan)
    world.su.__dict__.pop("_luoshi_actor", None)  # roles are cached on the user: see the new city
    f = SimpleUploadedFile(seed_file.name, seed_file.read_bytes(), content_type="text/plain")
    draft = services.import_draft_create(user=world.su, region=city, upload=f, year=2024)
    report = services.import_draft_confirm(user=world.su, draft=draft, on_duplicate="keep", published=True)
    kinds = set(report.commitments.values_list("kind", flat=True))
    assert {"result", "target"} <= kinds and report.commitments.count() >= 50  # a real report, results included
    return world, city, report


@pytest.mark.parametrize("day", [MID, NEXT_SPRING])
def test_the_dashboard_rates_nothing_lagging_right_after_an_import(imported, day):
    world, city, report = imported
    board = dashboard_selectors.dashboard(actor=actor_for(world.su), region_id=city.pk, year=2024, day=day)
    results = report.commitments.filter(kind=Commitment.Kind.RESULT).count()
    assert board.colours["red"] == board.colours["yellow"] == 0
    assert {r["status"]: r["count"] for r in board.tables["status"].rows if r["count"]} == {}
    assert board.total == 0 and board.unrated == results
    assert board.unassigned == report.commitments.count() - results
    chase = board.tables["chase"].rows
    assert chase and {r["status"] for r in chase} == {"unassigned"}  # to be assigned, not lagging
    assert all("未分配" in r["reasons"] and "严重滞后" not in r["reasons"] for r in chase)


@pytest.mark.parametrize(("month", "today"), [(7, MID), (12, NEXT_SPRING)])
def test_the_bulletin_lists_nothing_lagging_right_after_an_import(imported, month, today):
    world, city, _ = imported
    b = bulletin(actor=actor_for(world.su), region_id=city.pk, year=2024, month=month, today=today)
    assert b.lagging_total == 0 and b.tables["lagging"].rows == []
    assert b.total == 0 and not any(b.counts.values())
    response = world.client(world.su).get(reverse("bulletin", args=[city.pk, 2024, month]))
    assert response.status_code == 200


@pytest.mark.parametrize("day", [MID, NEXT_SPRING])
def test_the_public_page_lists_nothing_lagging_right_after_an_import(imported, client, day):
    world, city, report = imported
    page = public_selectors.region_year(region_id=city.pk, year=2024, day=day)
    assert page.counts["lagging"] == page.counts["missed"] == 0
    kinds = dict(report.commitments.values_list("pk", "kind"))
    for item in page.items:
        expected = "record" if kinds[item.id] == Commitment.Kind.RESULT else "unassigned"
        assert item.plain.code == expected, item.indicator
    html = client.get(reverse("public_region_year", args=[city.pk, 2024])).content.decode()
    assert 'data-plain="lagging" data-count="0"' in html and 'data-plain="missed" data-count="0"' in html


@pytest.mark.parametrize("day", [MID, NEXT_SPRING])
def test_the_lists_rate_results_never_and_unassigned_items_as_unassigned(imported, day):
    world, city, report = imported
    su = actor_for(world.su)
    rows = selectors.commitment_rows(actor=su, filters=selectors.Filters(report_id=report.pk), today=day)
    assert len(rows) == report.commitments.count()
    for row in rows:
        if row.commitment.kind == Commitment.Kind.RESULT:
            assert row.rating is None, row.commitment.indicator  # the report's record, never rated
        else:
            assert row.status is Status.UNASSIGNED, row.commitment.indicator
    lagging = {r.commitment_id for r in selectors.rated_lagging(actor=su, today=day)}
    assert not lagging & set(report.commitments.values_list("pk", flat=True))
    html = world.client(world.su).get(reverse("commitment_list") + f"?report={report.pk}").content.decode()
    shown = set(re.findall(r'data-status="(\w*)"', html))
    assert shown and shown <= {"", "unassigned"}, shown  # only 待分工 and results' "—"


def test_a_result_is_not_rated_even_when_assigned(imported):
    world, city, report = imported
    result = report.commitments.filter(kind=Commitment.Kind.RESULT).first()
    unit = OrgUnit.objects.create(name="长沙市统计局", region=city)
    assignment_set(user=world.su, commitment=result, lead_unit=unit, deadline=date(2024, 12, 31))
    detail = selectors.commitment_detail(actor=actor_for(world.su), pk=result.pk, today=NEXT_SPRING)
    assert detail.rating is None
    assert result.pk not in {r.commitment_id for r in selectors.rated_lagging(actor=actor_for(world.su), today=NEXT_SPRING)}


MULTI_YEAR = ("2026年湖南省政府工作报告\n\n今年主要预期目标是：地区生产总值增长5%左右；城镇新增就业70万人。"
              "到2030年，数字经济规模突破2万亿元。\n")


def test_a_2030_goal_is_rated_over_its_own_span_not_as_due_in_the_report_year(world):
    f = SimpleUploadedFile("report.txt", MULTI_YEAR.encode(), content_type="text/plain")
    draft = services.import_draft_create(user=world.su, region=world.hunan, upload=f, year=2026)
    report = services.import_draft_confirm(user=world.su, draft=draft, on_duplicate="keep")
    goal = report.commitments.get(year=2030)
    su = actor_for(world.su)
    assert selectors.commitment_detail(actor=su, pk=goal.pk, today=date(2026, 7, 1)).rating.status is Status.UNASSIGNED
    a = assignment_set(user=world.su, commitment=goal, lead_unit=world.unit_a, deadline=date(2030, 12, 31))
    ProgressReport.objects.create(assignment=a, as_of=date(2026, 12, 31), value=Decimal(goal.value) / 5,
                                  narrative="一年完成五分之一", author=world.rita)  # dated ahead of the real clock
    for day in (date(2026, 12, 31), date(2027, 1, 10)):  # a fifth done in a fifth of its span: on track, not overdue
        rating = selectors.commitment_detail(actor=su, pk=goal.pk, today=day).rating
        assert rating.status is Status.ON_TRACK, (day, rating)
        assert rating.status not in LAGGING
    board = dashboard_selectors.dashboard(actor=su, region_id=world.hunan.pk, year=2026, day=date(2026, 12, 31))
    assert {r["status"]: r["count"] for r in board.tables["status"].rows if r["count"]} == {"on_track": 1}
