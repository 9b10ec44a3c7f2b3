"""Drill-down province → city → county (issue 11): the dashboard and the public region-year page list
the region's direct sub-regions with their counts (each a link one level down) and a breadcrumb up;
the public side shows published reports and verified progress only; query counts do not grow with
the number of sub-regions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from luoshi_web.tracking.services import assignment_set, progress_report_create, progress_report_verify

from .conftest import make_commitment

pytestmark = pytest.mark.django_db
AS_OF = "2024-06-30"


@dataclass
class Tree:
    world: object
    cs: object  # 长沙市, published report, one county below
    zz: object  # 株洲市, internal (unpublished) report
    yl: object  # 岳麓区, county of 长沙市, published report
    cs_su: object
    cs_rep: object


def _report(region, title: str, sha: str, by, *, published: bool):
    from luoshi_web.reports.models import Report

    return Report.objects.create(region=region, year=2024, title=title, text="…", sha256=sha * 64, imported_by=by,
                                 published=published)


@pytest.fixture
def tree(world) -> Tree:
    from luoshi_web.org.models import Membership, OrgUnit, Region

    w = world
    cs = Region.objects.create(name="长沙市", level=Region.Level.CITY, parent=w.hunan)
    zz = Region.objects.create(name="株洲市", level=Region.Level.CITY, parent=w.hunan)
    yl = Region.objects.create(name="岳麓区", level=Region.Level.COUNTY, parent=cs)
    w.su.__dict__.pop("_luoshi_actor", None)  # its roles were read before these regions existed
    cs_office = OrgUnit.objects.create(name="长沙市政府督查室", region=cs, is_supervision_office=True)
    cs_hr = OrgUnit.objects.create(name="长沙市人社局", region=cs)
    yl_unit = OrgUnit.objects.create(name="岳麓区人社局", region=yl)
    zz_unit = OrgUnit.objects.create(name="株洲市人社局", region=zz)
    User = get_user_model()
    cs_su = User.objects.create_user("cs_su", password="pw-cs_su-123456")
    cs_rep = User.objects.create_user("cs_rep", password="pw-cs_rep-123456")
    Membership.objects.create(user=cs_su, unit=cs_office, role=Membership.Role.SUPERVISOR)
    Membership.objects.create(user=cs_rep, unit=cs_hr, role=Membership.Role.REPORTER)
    end = date(2024, 12, 31)

    cs_report = _report(cs, "长沙市2024年政府工作报告", "c", w.su, published=True)
    jobs = make_commitment(cs_report, 1, "城镇新增就业", 18)
    a = assignment_set(user=w.su, commitment=jobs, lead_unit=cs_hr, deadline=end)
    p = progress_report_create(user=cs_rep, assignment=a, as_of=date(2024, 6, 30), value=Decimal(10), narrative="上半年")
    progress_report_verify(user=w.su, progress=p)
    late = make_commitment(cs_report, 2, "新建学校", 5, unit="所")
    assignment_set(user=w.su, commitment=late, lead_unit=cs_hr, deadline=date(2024, 4, 30))  # overdue by June
    make_commitment(cs_report, 3, "粮食产量", 50, unit="亿斤")  # nobody assigned: 待分工

    zz_report = _report(zz, "株洲市2024年政府工作报告（内部）", "e", w.su, published=False)
    zz_jobs = make_commitment(zz_report, 1, "城镇新增就业", 4)
    assignment_set(user=w.su, commitment=zz_jobs, lead_unit=zz_unit, deadline=end)

    yl_report = _report(yl, "岳麓区2024年政府工作报告", "f", w.su, published=True)
    yl_jobs = make_commitment(yl_report, 1, "城镇新增就业", 2)
    a = assignment_set(user=w.su, commitment=yl_jobs, lead_unit=yl_unit, deadline=end)
    progress_report_create(user=w.su, assignment=a, as_of=date(2024, 6, 1), value=Decimal(1), narrative="未核实")
    cache.clear()
    return Tree(w, cs, zz, yl, cs_su, cs_rep)


def dash(region, *, as_of: str = AS_OF) -> str:
    return reverse("dashboard", args=[region.pk, 2024]) + (f"?as_of={as_of}" if as_of else "")


def rows(client, url: str) -> dict[str, dict]:
    """The 下级地区 table as its JSON download gives it: region name -> row."""
    sep = "&" if "?" in url else "?"
    data = json.loads(client.get(f"{url}{sep}table=subregions&format=json").content)
    return {r["region"]: r for r in data["rows"]}


def test_the_province_dashboard_lists_its_cities_with_the_counts_of_their_own_dashboards(tree):
    w = tree.world
    su = w.client(w.su)
    html = su.get(dash(w.hunan)).content.decode()
    assert 'id="panel-subregions"' in html and 'id="consistency-link"' in html
    assert f'<a href="{dash(tree.cs)}">长沙市</a>' in html  # one level down, the same year and day
    table = rows(su, dash(w.hunan))
    assert set(table) == {"长沙市", "株洲市"}
    cs, zz = table["长沙市"], table["株洲市"]
    assert (cs["reports"], cs["commitments"], cs["unassigned"], cs["children"]) == (1, 3, 1, 1)
    assert (zz["reports"], zz["commitments"], zz["children"]) == (1, 1, 0)
    for region, row in ((tree.cs, cs), (tree.zz, zz)):  # the same ratings as the sub-region's own dashboard
        own = su.get(dash(region) + "&format=json&table=status").json()
        by_colour = {c: sum(r["count"] for r in own["rows"] if r["colour"] == c) for c in ("green", "yellow", "red", "blue")}
        assert {c: row[c] for c in by_colour} == by_colour
        assert row["rated"] == sum(by_colour.values())
    assert cs["red"] == 1  # 新建学校: its deadline passed in April


def test_the_breadcrumb_goes_back_up_where_the_reader_supervises(tree):
    w = tree.world
    html = w.client(w.su).get(dash(tree.yl)).content.decode()
    assert '<span data-region="中国">中国</span>' in html  # above the province's supervisor: not a link
    assert f'<a href="{dash(w.hunan)}" data-region="湖南省">湖南省</a>' in html
    assert f'<a href="{dash(tree.cs)}" data-region="长沙市">长沙市</a>' in html
    assert 'id="panel-subregions"' not in html  # a county has no sub-regions
    html = w.client(tree.cs_su).get(dash(tree.cs)).content.decode()  # the city's own supervisor
    assert '<span data-region="湖南省">湖南省</span>' in html and f'href="{dash(w.hunan)}"' not in html
    assert f'<a href="{dash(tree.yl)}">岳麓区</a>' in html


def test_a_citys_users_see_nothing_of_the_province_or_a_sibling(tree, client):
    w = tree.world
    cs_su, cs_rep = w.client(tree.cs_su), w.client(tree.cs_rep)
    assert cs_su.get(dash(w.hunan)).status_code == 403
    assert cs_su.get(dash(tree.zz)).status_code == 403
    assert cs_su.get(dash(w.hunan) + "&table=subregions&format=json").status_code == 403
    assert cs_rep.get(dash(tree.cs)).status_code == 403  # a unit's reporter: no dashboard at all
    assert w.client(w.hu).get(dash(tree.cs)).status_code == 403  # another province's supervisor
    assert client.get(dash(tree.cs)).status_code == 302


def test_the_public_page_drills_down_through_published_reports_only(tree, client):
    w = tree.world
    url = reverse("public_region_year", args=[w.hunan.pk, 2024])
    html = client.get(url).content.decode()
    cs_public = reverse("public_region_year", args=[tree.cs.pk, 2024])
    assert f'<a href="{cs_public}">长沙市</a>' in html
    assert "株洲市" not in html  # its report is not published: not even its name
    table = rows(client, url)
    assert set(table) == {"长沙市"}
    own = client.get(cs_public).content.decode()  # the city's own public counts, on verified progress
    import re

    counts = dict(re.findall(r'data-plain="(\w+)" data-count="(\d+)"', own))
    assert {k: str(table["长沙市"][k]) for k in ("done", "progressing", "lagging", "missed")} == \
        {k: counts[k] for k in ("done", "progressing", "lagging", "missed")}
    assert table["长沙市"]["commitments"] == 3
    assert "内部备注" not in html and "未核实" not in html
    county = client.get(reverse("public_region_year", args=[tree.yl.pk, 2024])).content.decode()
    assert f'<a href="{url}" data-region="湖南省">湖南省</a>' in county
    assert f'<a href="{cs_public}" data-region="长沙市">长沙市</a>' in county
    assert '<span data-region="中国">中国</span>' in county  # no public page there
    assert client.get(reverse("public_region_year", args=[tree.zz.pk, 2024])).status_code == 404


def _add_cities(tree, n: int, start: int) -> None:
    from luoshi_web.org.models import OrgUnit, Region

    w = tree.world
    for i in range(start, start + n):
        r = Region.objects.create(name=f"新市{i}", level=Region.Level.CITY, parent=w.hunan)
        w.su.__dict__.pop("_luoshi_actor", None)
        unit = OrgUnit.objects.create(name=f"新市{i}人社局", region=r)
        rep = _report(r, f"新市{i}报告", f"{i % 10}", w.su, published=True)
        rep.sha256 = f"{i:064d}"
        rep.save()
        c = make_commitment(rep, 1, "城镇新增就业", 5)
        a = assignment_set(user=w.su, commitment=c, lead_unit=unit, deadline=date(2024, 12, 31))
        p = progress_report_create(user=w.su, assignment=a, as_of=date(2024, 6, 1), value=Decimal(2), narrative="进展")
        progress_report_verify(user=w.su, progress=p)


def test_query_counts_do_not_grow_with_the_number_of_sub_regions(tree, client, django_assert_max_num_queries):
    w = tree.world
    su = w.client(w.su)
    public = reverse("public_region_year", args=[w.hunan.pk, 2024])

    def count(web, url: str) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert web.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count(su, dash(w.hunan)), count(client, public)
    _add_cities(tree, 8, 10)
    # the dashboard's own 14, and 6 for the sub-regions: the regions, the data version, one load of their items
    with django_assert_max_num_queries(20):
        large_dash = count(su, dash(w.hunan))
    with django_assert_max_num_queries(12):  # the page's own 7, and the data version and one load below
        large_public = count(client, public)
    assert (large_dash, large_public) == small
    assert len(rows(su, dash(w.hunan))) == 10 and len(rows(client, public)) == 9
