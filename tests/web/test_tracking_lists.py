"""The commitment and lagging lists rate every row in bulk and page them: same rows, same statuses.

The lists rate from plain values (``selectors.rated_commitments``); the detail page rates one
commitment at a time through ``selectors.rating_for`` with its access (``commitment_access``). On a fixture with every case the rule knows
(unassigned, unrated results, milestones, verified and unverified progress, withdrawn reports,
overdue deadlines, levels and caps), every page of every list must agree with the detail path, row
for row, for a supervisor, a reporter and the public.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from luoshi_web.org.access import ANONYMOUS, actor_for
from luoshi_web.tracking import selectors, views
from luoshi_web.tracking.models import Assignment, Commitment, Milestone, ProgressReport
from luoshi_web.tracking.permissions import Access, commitment_access
from luoshi_web.tracking.status import LAGGING

from .conftest import make_commitment

pytestmark = pytest.mark.django_db
JULY = date(2024, 7, 15)
ROW = re.compile(r'<tr data-commitment="(\d+)">.*?data-status="([^"]*)"', re.S)
TOTAL = re.compile(r"共 (\d+) 项")


def _progress(a: Assignment, author, as_of: date, value, *, verified: bool = False, percent=None) -> ProgressReport:
    return ProgressReport.objects.create(assignment=a, as_of=as_of, value=None if value is None else Decimal(str(value)),
                                         percent_done=percent, narrative="进展", author=author, verified=verified)


@pytest.fixture
def many(world, monkeypatch):
    """``world`` plus 120 commitments in both reports covering every case; today is 15 July 2024."""
    monkeypatch.setattr(selectors, "today_local", lambda: JULY)
    su = world.su
    for i in range(120):
        report = world.public_report if i % 3 == 0 else world.internal_report
        level = i % 13 == 0
        kind = "result" if i % 11 == 0 else ("task" if i % 17 == 0 else "target")
        value = None if kind == "task" else 100 + i
        c = make_commitment(report, 10 + i, f"指标{i:03d}", value, unit="%" if level else "万人",
                            comparator="max" if level and i % 2 else ("approx" if i % 5 == 0 else "min"),
                            kind=kind, measure="level" if level else "cumulative", category=f"类别{i % 4}")
        if i % 7 == 0:
            continue  # unassigned: results are not rated, the others are rated without progress
        lead, other = (world.unit_a, world.unit_b) if i % 2 else (world.unit_b, world.unit_a)
        deadline = date(2024, 6, 30) if i % 9 == 0 else date(2024, 12, 31)
        a = Assignment.objects.create(commitment=c, lead_unit=lead, deadline=deadline, created_by=su,
                                      frequency="quarterly" if i % 4 == 1 else "monthly")
        if i % 5 == 1:
            a.supporting_units.add(other)
        if i % 4 == 0 and value is not None and not level:
            Milestone.objects.create(assignment=a, due=date(2024, 6, 30), planned_value=Decimal(value) * (1 + i % 3) / 4)
            Milestone.objects.create(assignment=a, due=date(2024, 9, 30), planned_value=None, description="只有说明")
        pace = Decimal(i % 10) / 8
        for month in range(1, 1 + i % 8):
            as_of = date(2024, month, 28)
            amount = None if value is None else (Decimal(value) * pace * month / 12).quantize(Decimal("0.01"))
            p = _progress(a, su, as_of, amount, verified=(i + month) % 3 != 0,
                          percent=(pace * 100 * month / 12).quantize(Decimal("0.01")) if value is None else None)
            if month == 3 and i % 6 == 0:  # withdrawn reports never count
                p.deleted_at = timezone.now()
                p.save()
        if i % 19 == 0:  # a removed assignment leaves the commitment unassigned
            a.deleted_at = timezone.now()
            a.save()
    gone = make_commitment(world.internal_report, 999, "已删除的指标", 5)
    gone.deleted_at = timezone.now()
    gone.save()
    return world


def expected(actor, today: date = JULY) -> list[tuple[int, str, date | None, Decimal | None]]:
    """Every commitment the actor may open, in list order, rated one at a time as the detail page does."""
    out = []
    for c in Commitment.objects.select_related("report").order_by("report_id", "position", "id"):
        a = selectors.assignments_with_latest().filter(commitment=c).first()
        access = commitment_access(actor, c, a)
        if access is None:  # the detail page answers 404
            continue
        rating, latest = selectors.rating_for(c, a, internal=access >= Access.UNIT, today=today)
        out.append((c.pk, rating.status.code if rating else "", latest.as_of if latest else None,
                    latest.value if latest else None))
    return out


def listed(rows) -> list[tuple[int, str, date | None, Decimal | None]]:
    return [(r.commitment.pk, r.status.code if r.status else "", r.latest_as_of, r.latest_value) for r in rows]


def actor_of(world, persona):
    return actor_for(getattr(world, persona)) if persona else ANONYMOUS


def test_list_rates_every_row_exactly_as_the_detail_page_does(many):
    for persona in ("su", "rita", "nick", "hu", None):
        actor = actor_of(many, persona)
        assert listed(selectors.commitment_rows(actor=actor, today=JULY)) == expected(actor), persona
    statuses = {status for day in (JULY, date(2024, 1, 10)) for _, status, _, _ in expected(actor_for(many.su), day)}
    assert statuses == {"", "unassigned", "not_started", "ahead", "on_track", "behind", "severe", "done", "overdue"}  # every case


def test_list_agrees_with_the_detail_page_on_any_day(many):
    actor = actor_for(many.su)
    for day in (date(2024, 1, 10), date(2024, 4, 1), date(2024, 12, 31), date(2025, 2, 1)):
        assert listed(selectors.commitment_rows(actor=actor, today=day)) == expected(actor, day), day


def test_status_filter_keeps_exactly_the_rows_of_that_status_in_order(many):
    actor = actor_for(many.su)
    everything = listed(selectors.commitment_rows(actor=actor, today=JULY))
    for status in {s for _, s, _, _ in everything if s}:
        rows = selectors.commitment_rows(actor=actor, filters=selectors.Filters(status=status), today=JULY)
        assert listed(rows) == [row for row in everything if row[1] == status]


def test_other_filters_combine_with_the_status_filter(many):
    actor = actor_for(many.su)
    filters = selectors.Filters(unit_id=many.unit_b.pk, category="类别1", status="severe")
    rows = selectors.commitment_rows(actor=actor, filters=filters, today=JULY)
    assert rows, "the fixture should have such rows"
    for r in rows:
        assert r.commitment.category == "类别1" and r.status.code == "severe"
        assert r.assignment.lead_unit == many.unit_b or many.unit_b in r.assignment.supporting_units.all()


def pages(web, url: str) -> tuple[list[tuple[int, str]], int, int]:
    """Walk ``url``'s pages by their 下一页 links: the rows seen, the total shown, the pages walked."""
    seen, walked, total = [], 0, None
    while url:
        html = web.get(url).content.decode()
        walked += 1
        seen += [(int(pk), status) for pk, status in ROW.findall(html)]
        total = int(TOTAL.search(html).group(1))
        nxt = re.search(r'<a href="(\?[^"]*)">下一页</a>', html)
        url = url.split("?")[0] + nxt.group(1).replace("&amp;", "&") if nxt else None
    return seen, total, walked


@pytest.mark.parametrize("persona", ["su", "rita", None])
def test_every_page_of_the_commitment_list_together_shows_each_row_once_in_order(many, client, persona, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 17)
    web = many.client(getattr(many, persona)) if persona else client
    want = [(pk, status) for pk, status, _, _ in expected(actor_of(many, persona))]
    seen, total, walked = pages(web, reverse("commitment_list"))
    assert seen == want and total == len(want)
    assert walked == -(-len(want) // 17) and walked >= 3


def test_page_links_keep_the_filters(many):
    su = many.client(many.su)
    url = reverse("commitment_list") + f"?category=类别2&unit={many.unit_a.pk}"
    seen, total, _ = pages(su, url)
    rows = selectors.commitment_rows(actor=actor_for(many.su), today=JULY,
                                     filters=selectors.Filters(category="类别2", unit_id=many.unit_a.pk))
    assert seen == [(r.commitment.pk, r.status.code if r.status else "") for r in rows] and total == len(rows)
    html = su.get(url + "&page=1").content.decode()
    assert html.count("page=") == 1  # the next link, without the page it came from


def test_lagging_pages_show_every_lagging_row_worst_first(many, monkeypatch):
    monkeypatch.setattr(views, "LAGGING_PAGE_SIZE", 7)
    severity = {"overdue": 0, "severe": 1, "behind": 2}
    deadlines = dict(Assignment.objects.values_list("commitment_id", "deadline"))
    want = sorted(((pk, status) for pk, status, _, _ in expected(actor_for(many.su))
                   if status in {s.code for s in LAGGING}),
                  key=lambda row: (severity[row[1]], deadlines.get(row[0], date.max), row[0]))
    seen, total, walked = pages(many.client(many.su), reverse("lagging"))
    assert seen == want and total == len(want)
    assert walked == -(-len(want) // 7) and walked >= 3
    assert [r.commitment.pk for r in selectors.lagging_rows(actor=actor_for(many.su), today=JULY)] == [pk for pk, _ in want]


def test_a_page_past_the_end_shows_the_last_page(many):
    su = many.client(many.su)
    last = su.get(reverse("commitment_list") + "?page=3").content.decode()
    assert ROW.findall(su.get(reverse("commitment_list") + "?page=99").content.decode()) == ROW.findall(last)


def test_newest_progress_takes_the_latest_date_then_the_later_filed_and_skips_withdrawn(world):
    a = world.a_a
    older = _progress(a, world.su, date(2024, 5, 31), 10, verified=True)
    first = _progress(a, world.su, date(2024, 6, 30), 20, verified=True)
    second = _progress(a, world.su, date(2024, 6, 30), 25)
    ProgressReport.objects.filter(pk=second.pk).update(created_at=first.created_at + timedelta(seconds=1))
    withdrawn = _progress(a, world.su, date(2024, 7, 5), 99, verified=True)
    withdrawn.deleted_at = timezone.now()
    withdrawn.save()
    live = ProgressReport.objects.filter(assignment=a)
    assert selectors.newest_progress(live)[a.pk][0].value == 25
    assert selectors.newest_progress(live, verified_only=True)[a.pk][0].value == 20
    assert selectors.newest_progress(live, narrative=True)[a.pk][1] == "进展"
    assert selectors.newest_progress(live.filter(as_of__lt=date(2024, 6, 1)))[a.pk][0].value == older.value


def test_list_queries_do_not_grow_with_rows_or_pages(many, django_assert_max_num_queries):
    su = many.client(many.su)
    for url in (reverse("commitment_list"), reverse("commitment_list") + "?page=3&status=severe", reverse("lagging"),
                reverse("lagging") + "?page=2"):
        # 12, + the header's unread 催办 count, the report choices and the 批量分工 units: constant per page
        with django_assert_max_num_queries(15):
            assert su.get(url).status_code == 200
