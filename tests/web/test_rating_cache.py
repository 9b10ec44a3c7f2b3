"""Lists and dashboards are computed once per data version: any write shows on the next read.

These tests run on a real transaction (``transactional_db``): inside a test's usual wrapping
transaction the cache stays off by design (see ``luoshi_web.tracking.dataversion``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse

from luoshi_web.dashboard import asof
from luoshi_web.org.access import ANONYMOUS, actor_for
from luoshi_web.tracking import selectors, services
from luoshi_web.tracking.dataversion import _APPS, data_version

JULY = date(2024, 7, 15)


@pytest.fixture
def fresh(transactional_db, world):
    selectors._RATED.clear()
    asof._LOADED.clear()
    return world


def _status(world, commitment_id, actor=None):
    rated = selectors.rated_commitments(actor=actor or actor_for(world.su), today=JULY)
    return next(r.status.code for r in rated if r.commitment_id == commitment_id)


def test_a_second_read_is_served_from_the_cache(fresh):
    before = selectors._RATED.hits
    first = selectors.rated_commitments(actor=actor_for(fresh.su), today=JULY)
    second = selectors.rated_commitments(actor=actor_for(fresh.su), today=JULY)
    assert selectors._RATED.hits == before + 1
    assert [(r.commitment_id, r.status) for r in first] == [(r.commitment_id, r.status) for r in second]
    second.pop()  # callers get a copy: sorting or trimming one never changes what the next reader gets
    assert len(selectors.rated_commitments(actor=actor_for(fresh.su), today=JULY)) == len(first)


def test_progress_filed_and_verified_shows_at_once(fresh):
    w = fresh
    assert _status(w, w.c_a.pk) == "severe"  # nothing reported by mid-July
    report = services.progress_report_create(user=w.rita, assignment=w.a_a, as_of=JULY, narrative="上半年新增就业",
                                             value=Decimal(40))
    assert _status(w, w.c_a.pk) in ("on_track", "ahead")
    public = services.progress_report_create(user=w.rita, assignment=w.a_pub, as_of=JULY, narrative="失业率",
                                             value=Decimal("5.0"))
    assert _status(w, w.c_pub.pk, ANONYMOUS) == "severe"  # the public reads verified progress only
    services.progress_report_verify(user=w.su, progress=public)
    assert _status(w, w.c_pub.pk, ANONYMOUS) == "on_track"
    assert report.pk


def test_a_new_day_is_a_new_key(fresh):
    w = fresh
    july = _status(w, w.c_a.pk)
    rated = selectors.rated_commitments(actor=actor_for(w.su), today=date(2025, 1, 2))
    january = next(r.status.code for r in rated if r.commitment_id == w.c_a.pk)
    assert (july, january) == ("severe", "overdue")


def test_other_writes_that_change_a_status(fresh):
    w = fresh
    assert _status(w, w.c_unassigned.pk) == "unassigned"
    services.assignment_set(user=w.su, commitment=w.c_unassigned, lead_unit=w.unit_b, deadline=date(2024, 12, 31))
    assert _status(w, w.c_unassigned.pk) != "unassigned"
    services.commitment_update(user=w.su, commitment=w.c_a, reason="其实是去年的成效", kind="result")
    rated = selectors.rated_commitments(actor=actor_for(w.su), today=JULY)
    assert next(r for r in rated if r.commitment_id == w.c_a.pk).rating is None  # a record: never rated


def test_the_pages_follow_a_write(fresh, client):
    w = fresh
    client.force_login(w.su)
    url = reverse("commitment_list") + f"?report={w.internal_report.pk}"
    assert client.get(url).status_code == 200
    services.commitment_delete(user=w.su, commitment=w.c_b, reason="重复")
    page = client.get(url).content.decode()
    assert f'data-commitment="{w.c_b.pk}"' not in page
    assert f'data-commitment="{w.c_a.pk}"' in page


def test_dashboard_items_follow_a_write(fresh):
    w = fresh
    items = asof.load_items([w.internal_report.pk], day=JULY)
    assert next(i for i in items if i.id == w.c_a.pk).latest is None
    services.progress_report_create(user=w.rita, assignment=w.a_a, as_of=JULY, narrative="进展", value=Decimal(10))
    items = asof.load_items([w.internal_report.pk], day=JULY)
    assert next(i for i in items if i.id == w.c_a.pk).latest.value == Decimal(10)


def test_no_caching_inside_a_transaction(fresh):
    """Inside a transaction the ids read may be of rows that roll back: always computed afresh."""
    hits = selectors._RATED.hits
    with transaction.atomic():
        selectors.rated_commitments(actor=actor_for(fresh.su), today=JULY)
        selectors.rated_commitments(actor=actor_for(fresh.su), today=JULY)
    assert selectors._RATED.hits == hits


def test_the_version_covers_every_history_table_of_the_apps(fresh):
    """A new model with history in these apps joins the key by itself; one without history would not."""
    models = [m for label in _APPS for m in apps.get_app_config(label).get_models()
              if not m.__name__.startswith("Historical") and "_" not in m.__name__]
    exempt = {"ImportDraft": "a draft under review is never listed or rated",
              "Evidence": "files behind a progress report; no list or status reads them"}
    missing = [m.__name__ for m in models if not hasattr(m, "history") and m.__name__ not in exempt]
    assert missing == [], f"these models change what lists show but record no history: {missing}"
    assert len(data_version()) == len([m for m in models if hasattr(m, "history")])


def test_my_tasks_follow_a_report(fresh):
    w = fresh
    actor = actor_for(w.rita)
    row = next(r for r in selectors.my_task_rows(actor=actor, today=JULY) if r.commitment.pk == w.c_a.pk)
    assert row.extra["reported"] is False
    assert selectors.my_task_rows(actor=actor, today=JULY)[0].commitment.pk == row.commitment.pk  # served again
    services.progress_report_create(user=w.rita, assignment=w.a_a, as_of=JULY, narrative="七月进展", value=Decimal(30))
    row = next(r for r in selectors.my_task_rows(actor=actor, today=JULY) if r.commitment.pk == w.c_a.pk)
    assert row.extra["reported"] is True
    assert row.latest_value == Decimal(30)


def test_the_cache_is_bounded_by_entries_and_rows(transactional_db):
    from luoshi_web.tracking.dataversion import VersionedCache

    cache = VersionedCache(size=3, rows=10)
    for n in range(5):
        cache.get_or_compute(("k", n), lambda n=n: [n] * 2)
    assert len(cache) == 3  # the oldest two went
    cache.get_or_compute("big", lambda: list(range(8)))
    assert len(cache) == 2  # 8 rows and the newest 2: a third entry of 2 would pass the 10 rows
    assert cache.get_or_compute("huge", lambda: list(range(50))) == list(range(50))  # computed, never held
    assert len(cache) == 2


def test_the_lagging_list_follows_a_report(fresh):
    w = fresh
    actor = actor_for(w.su)
    assert w.c_a.pk in [r.commitment_id for r in selectors.rated_lagging(actor=actor, today=JULY)]
    assert w.c_a.pk in [r.commitment_id for r in selectors.rated_lagging(actor=actor, today=JULY)]  # served again
    services.progress_report_create(user=w.rita, assignment=w.a_a, as_of=JULY, narrative="七月进展", value=Decimal(45))
    assert w.c_a.pk not in [r.commitment_id for r in selectors.rated_lagging(actor=actor, today=JULY)]


def test_whole_pages_follow_a_write_and_each_language_has_its_own(fresh):
    """The dashboard, the public region page and the bulletin are kept whole per data version."""
    from django.utils import translation

    from luoshi_web.dashboard import selectors as dashboard
    from luoshi_web.exports import bulletin
    from luoshi_web.public import selectors as public

    w = fresh
    su = actor_for(w.su)

    def now():
        board = dashboard.dashboard(actor=su, region_id=w.hunan.pk, year=2024, day=JULY)
        page = public.region_year(region_id=w.hunan.pk, year=2024, day=JULY)
        b = bulletin.bulletin(actor=su, region_id=w.hunan.pk, year=2024, month=7, today=JULY)
        return board.unassigned, [p.plain.code for p in page.items], b.reported

    before = now()
    assert now() == before
    services.assignment_set(user=w.su, commitment=w.c_unassigned, lead_unit=w.unit_b, deadline=date(2024, 12, 31))
    report = services.progress_report_create(user=w.rita, assignment=w.a_pub, as_of=JULY, narrative="失业率",
                                             value=Decimal("5.0"))
    services.progress_report_verify(user=w.su, progress=report)
    after = now()
    assert after[0] == before[0] - 1 and after[1] != before[1] and after[2] == before[2] + 1
    with translation.override("en"):
        english = dashboard.dashboard(actor=su, region_id=w.hunan.pk, year=2024, day=JULY)
    chinese = dashboard.dashboard(actor=su, region_id=w.hunan.pk, year=2024, day=JULY)
    assert english.tables["status"].title != chinese.tables["status"].title


def test_pages_weigh_their_rows_in_the_cache(fresh):
    """A page's data counts as its rows, so the public cache (anyone may ask for any filter) stays small."""
    from luoshi_web.dashboard import selectors as dashboard
    from luoshi_web.public import selectors as public
    from luoshi_web.tracking.dataversion import VersionedCache

    w = fresh
    board = dashboard.dashboard(actor=actor_for(w.su), region_id=w.hunan.pk, year=2024, day=JULY)
    page = public.region_year(region_id=w.hunan.pk, year=2024, day=JULY)
    assert board.cache_weight == sum(len(t.rows) for t in board.tables.values()) + 1 > 1
    assert page.cache_weight == len(page.items) + 1
    cache = VersionedCache(size=10, rows=page.cache_weight)
    cache.get_or_compute("a", lambda: page)
    cache.get_or_compute("b", lambda: page)
    assert len(cache) == 1  # two such pages weigh more than the cache holds
