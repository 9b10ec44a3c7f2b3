"""上下级目标对照 on the web (issue 11): the province's targets beside its cities' own, judged by the
library's ``cross_level`` (the rule ``luoshi compare --cross-level`` runs), for the province's
supervisors only, in a fixed number of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi.reconcile import crosslevel

from .conftest import make_commitment
from .test_hierarchy import tree  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(tree):  # noqa: F811
    """On top of ``tree``: 湖南省 aims at 6% growth, 长沙市 at 5.5% (lower), 株洲市 at 6.5% and 4万 jobs."""
    from luoshi_web.reports.models import Report

    world, cs, zz, cs_su, cs_rep, cs_jobs, a = tree
    gdp = make_commitment(world.internal_report, 8, "地区生产总值增长", 6, unit="%", comparator="approx")
    cs_gdp = make_commitment(cs_jobs.report, 3, "地区生产总值增长", "5.5", unit="%", comparator="approx")
    zz_report = Report.objects.create(region=zz, year=2024, title="株洲市2024年政府工作报告", text="…", sha256="d" * 64,
                                      imported_by=world.su)
    make_commitment(zz_report, 1, "经济增长", "6.5", unit="%", comparator="approx")
    zz_jobs = make_commitment(zz_report, 2, "新增城镇就业", 40000, unit="人")
    return world, cs, zz, cs_su, gdp, cs_gdp, zz_jobs


def url(region, year: int = 2024) -> str:
    return reverse("hierarchy:consistency", args=[region.pk, year])


def sections(html: str) -> dict[str, str]:
    import re

    return dict(re.findall(r'data-indicator="([^"]+)" data-verdict="([^"]+)"', html))


def test_the_page_says_what_adds_up_and_which_city_aims_lower(targets, monkeypatch):
    world, cs, zz, cs_su, gdp, cs_gdp, zz_jobs = targets
    calls = []
    real = crosslevel.cross_level

    def spy(*args, **kw):
        calls.append(kw["parent_region"])
        return real(*args, **kw)

    monkeypatch.setattr(crosslevel, "cross_level", spy)  # the page runs the library's rule, not its own
    html = world.client(world.su).get(url(world.hunan)).content.decode()
    assert calls == ["湖南省"]
    assert sections(html) == {
        "urban_new_jobs": crosslevel.SHORT,  # 18万 + 4万 (40000人, converted) < 70万
        "grain_output": crosslevel.INCOMPLETE,  # 长沙 50亿斤, 株洲 none
        "新建学校": crosslevel.NO_CHILD_TARGETS,  # not in the catalogue: matched by its name
        "surveyed_unemployment": crosslevel.NO_CHILD_TARGETS,
        "gdp_growth": crosslevel.SOME_WEAKER,
    }
    assert 'data-total="22' in html and "下级合计 22万人，比本级目标少 48万人。" in html
    assert 'data-region="长沙市" data-relation="below" data-weaker="1"' in html
    assert f'href="/commitments/{zz_jobs.pk}/"' in html and f'href="/commitments/{cs_gdp.pk}/"' in html
    assert reverse("hierarchy:cascade", args=[gdp.pk]) in html  # split it from here
    assert 'data-flagged="3"' in html
    only = world.client(world.su).get(url(world.hunan) + "?flagged=1").content.decode()
    assert set(sections(only)) == {"urban_new_jobs", "grain_output", "gdp_growth"}
    one = world.client(world.su).get(url(world.hunan) + "?indicator=gdp_growth").content.decode()
    assert set(sections(one)) == {"gdp_growth"}


def test_english_page(targets):
    world = targets[0]
    html = world.client(world.su).get(url(world.hunan), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Some sub-regions aim lower than the parent." in html and "Cross-level targets" in html


def test_only_the_regions_supervisors_see_it(targets, client):
    world, cs, zz, cs_su, *_ = targets
    assert world.client(world.su).get(url(world.hunan)).status_code == 200
    assert world.client(cs_su).get(url(world.hunan)).status_code == 403  # a city's supervisor: not the province's
    assert world.client(cs_su).get(url(zz)).status_code == 403  # nor a sibling city's
    assert world.client(world.rita).get(url(world.hunan)).status_code == 403  # a unit's reporter
    assert world.client(world.hu).get(url(world.hunan)).status_code == 403  # another province's supervisor
    assert client.get(url(world.hunan)).status_code == 302  # anonymous: to the login page
    html = world.client(cs_su).get(url(cs)).content.decode()  # its own city: no sub-regions yet, no link up
    assert "这个地区还没有下级地区" in html and 'id="consistency-up"' not in html
    html = world.client(world.su).get(url(cs)).content.decode()
    assert 'id="consistency-up"' in html  # the province's supervisor goes back up


def test_a_fixed_number_of_queries_whatever_the_number_of_cities(targets, django_assert_max_num_queries):
    from luoshi_web.org.models import Region
    from luoshi_web.reports.models import Report

    world = targets[0]
    su = world.client(world.su)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert su.get(url(world.hunan)).status_code == 200
        return len(ctx.captured_queries)

    small = queries()
    for i in range(6):
        r = Region.objects.create(name=f"新市{i}", level=Region.Level.CITY, parent=world.hunan)
        rep = Report.objects.create(region=r, year=2024, title=f"新市{i}报告", text="…", sha256=f"{i:064d}",
                                    imported_by=world.su)
        make_commitment(rep, 1, "城镇新增就业", Decimal(5))
    with django_assert_max_num_queries(10):
        assert queries() == small


def test_an_additive_citys_line_gives_its_share_of_the_target_in_both_languages(targets):
    world = targets[0]
    html = world.client(world.su).get(url(world.hunan)).content.decode()
    assert "占本级目标 25.7%" in html  # 长沙市 18万 of 70万
    html = world.client(world.su).get(url(world.hunan), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "25.7% of this region&#x27;s target" in html or "25.7% of this region's target" in html


def test_the_cascade_page_and_the_dashboard_link_to_it(targets):
    world = targets[0]
    su = world.client(world.su)
    page = url(world.hunan)
    assert f'href="{page}" id="consistency-link"' in su.get(reverse("hierarchy:cascade", args=[world.c_a.pk])).content.decode()
    assert f'id="consistency-link" href="{page}"' in su.get(reverse("dashboard", args=[world.hunan.pk, 2024])).content.decode()
