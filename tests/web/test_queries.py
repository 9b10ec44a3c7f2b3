"""List pages cost the same number of queries for 3 rows as for 40, on any page and filter (no N+1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi_web.tracking.services import MilestoneInput, assignment_set, progress_report_create

from .conftest import make_commitment

pytestmark = pytest.mark.django_db

# 14, + the header's unread 催办 count for a unit's member (supervision) — the 任务清单 of a supervisor also
# reads its report choices and the units of its 批量分工 panel: constant, never per row or page
MAX_QUERIES = 15


def add_rows(world, n: int) -> None:
    for i in range(n):
        c = make_commitment(world.internal_report, 100 + i, f"指标{i}", 10 + i)
        unit = world.unit_a if i % 2 else world.unit_b
        a = assignment_set(user=world.su, commitment=c, lead_unit=unit, deadline=date(2024, 12, 31),
                           supporting_units=[world.unit_b if unit == world.unit_a else world.unit_a],
                           milestones=[MilestoneInput(date(2024, 6, 30), Decimal(5))])
        for month in (3, 6):
            progress_report_create(user=world.su, assignment=a, as_of=date(2024, month, 28), value=Decimal(month),
                                   narrative="进展")


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("persona", "name", "query"), [
    ("su", "commitment_list", ""), ("su", "lagging", ""), ("su", "report_list", ""), ("rita", "my_tasks", ""),
    ("rita", "commitment_list", ""), (None, "commitment_list", ""),
    ("su", "commitment_list", "?page=2"), ("su", "commitment_list", "?status=severe&page=2"),
    ("su", "lagging", "?page=2"), ("rita", "commitment_list", "?q=指标&page=2"), (None, "commitment_list", "?page=2"),
])
def test_list_pages_do_a_bounded_number_of_queries(world, client, django_assert_max_num_queries, persona, name, query):
    web = world.client(getattr(world, persona)) if persona else client
    add_rows(world, 3)
    small = count(web, reverse(name) + query)
    add_rows(world, 37)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = count(web, reverse(name) + query)
    assert large == small, f"{name}{query} grew from {small} to {large} queries with more rows"


def test_report_page_does_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    su = world.client(world.su)
    url = reverse("report_detail", args=[world.internal_report.pk])
    add_rows(world, 3)
    small = count(su, url)
    add_rows(world, 30)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert count(su, url) == small
