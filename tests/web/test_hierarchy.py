"""Cascade and roll-up (issue 11): a province's commitment split into its cities' quotas, the check
that additive quotas cover the target, the city's own commitment linked (suggested from the
catalogue, confirmed by a person), and the cities' progress summed back up, self-reported and
verified apart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi_web.errors import DomainError
from luoshi_web.hierarchy import selectors, services
from luoshi_web.org.access import AccessDenied

from .conftest import make_commitment

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(world):
    from luoshi_web.org.models import Membership, OrgUnit, Region
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.services import assignment_set

    cs = Region.objects.create(name="长沙市", level=Region.Level.CITY, parent=world.hunan)
    zz = Region.objects.create(name="株洲市", level=Region.Level.CITY, parent=world.hunan)
    cs_office = OrgUnit.objects.create(name="长沙市政府督查室", region=cs, is_supervision_office=True)
    cs_hr = OrgUnit.objects.create(name="长沙市人社局", region=cs)
    User = get_user_model()
    cs_su = User.objects.create_user("cs_su", password="pw-cs_su-123456")
    cs_rep = User.objects.create_user("cs_rep", password="pw-cs_rep-123456")
    Membership.objects.create(user=cs_su, unit=cs_office, role=Membership.Role.SUPERVISOR)
    Membership.objects.create(user=cs_rep, unit=cs_hr, role=Membership.Role.REPORTER)
    cs_report = Report.objects.create(region=cs, year=2024, title="长沙市2024年政府工作报告", text="城镇新增就业18万人。",
                                      sha256="c" * 64, imported_by=cs_su, published=True)
    cs_jobs = make_commitment(cs_report, 1, "城镇新增就业", 18)  # 18万人, in the unit of the province's 70万人
    make_commitment(cs_report, 2, "粮食产量", 50, unit="亿斤")
    a = assignment_set(user=cs_su, commitment=cs_jobs, lead_unit=cs_hr, deadline=date(2024, 12, 31))
    return world, cs, zz, cs_su, cs_rep, cs_jobs, a


def test_quotas_that_do_not_cover_the_target_are_flagged(tree):
    world, cs, zz, *_ = tree
    parent = world.c_a  # 城镇新增就业 70 (人) in the province's report
    services.quota_set(user=world.su, parent=parent, region=cs, value=Decimal(40))
    c = selectors.cascade(parent)
    assert c.additive and c.total == Decimal(40) and c.shortfall == Decimal(30)
    assert [r.name for r in c.missing] == ["株洲市"]
    services.quota_set(user=world.su, parent=parent, region=zz, value=Decimal(30))
    c = selectors.cascade(parent)
    assert c.total == Decimal(70) and c.shortfall is None and c.missing == []


def test_only_the_provinces_supervisor_splits_and_only_to_its_own_sub_regions(tree):
    world, cs, zz, cs_su, *_ = tree
    with pytest.raises(AccessDenied):
        services.quota_set(user=cs_su, parent=world.c_a, region=cs, value=Decimal(1))
    with pytest.raises(DomainError):
        services.quota_set(user=world.su, parent=world.c_a, region=world.hubei, value=Decimal(1))
    with pytest.raises(DomainError):
        services.quota_set(user=world.su, parent=world.c_a, region=cs, value=Decimal(-1))


def test_the_citys_own_commitment_is_suggested_linked_and_its_progress_rolls_up(tree):
    from luoshi_web.tracking import services as tracking

    world, cs, zz, cs_su, cs_rep, cs_jobs, a = tree
    quota = services.quota_set(user=world.su, parent=world.c_a, region=cs, value=Decimal(40))
    [line] = [x for x in selectors.cascade(world.c_a).lines if x.region == cs]
    assert line.suggestions == [cs_jobs]  # 城镇新增就业, not 粮食产量
    services.quota_link(user=cs_su, quota=quota, commitment=cs_jobs)  # the city confirms it
    p = tracking.progress_report_create(user=cs_rep, assignment=a, as_of=date(2024, 6, 30), value=Decimal(25),
                                        narrative="上半年")
    c = selectors.cascade(world.c_a)
    assert (c.rolled_reported, c.rolled_verified) == (Decimal(25), None)  # self-reported, not yet verified
    tracking.progress_report_verify(user=cs_su, progress=p)
    c = selectors.cascade(world.c_a)
    assert (c.rolled_reported, c.rolled_verified) == (Decimal(25), Decimal(25))


def test_a_commitment_of_another_region_cannot_be_linked(tree):
    world, cs, zz, cs_su, cs_rep, cs_jobs, a = tree
    quota = services.quota_set(user=world.su, parent=world.c_a, region=zz, value=Decimal(30))
    with pytest.raises(DomainError):
        services.quota_link(user=world.su, quota=quota, commitment=cs_jobs)


def test_the_cascade_page_for_the_supervisor_and_not_for_others(tree, client):
    world, cs, zz, cs_su, cs_rep, cs_jobs, a = tree
    url = reverse("hierarchy:cascade", args=[world.c_a.pk])
    client.force_login(world.su)
    assert 'id="cascade-link"' in client.get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    r = client.post(reverse("hierarchy:quota_save", args=[world.c_a.pk]), {"region": cs.pk, "value": "40"})
    assert r.status_code == 302
    html = client.get(url).content.decode()
    assert 'data-region="长沙市" data-quota=' in html and 'data-shortfall="30' in html
    r = client.post(reverse("hierarchy:quota_save", args=[world.c_a.pk]), {"region": zz.pk, "value": "1e999"})
    assert r.status_code == 302 and not world.c_a.quotas.filter(region=zz).exists()  # refused, nothing saved
    client.force_login(world.rita)
    assert client.get(url).status_code == 404


def test_the_commitment_page_links_to_the_cascade_and_the_reminder_for_supervisors_only(tree, client):
    world = tree[0]
    client.force_login(world.su)
    html = client.get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert reverse("supervision:reminder_new", args=[world.c_a.pk]) in html  # assigned: 催办 the unit
    assert reverse("hierarchy:cascade", args=[world.c_a.pk]) in html  # 湖南省 has cities: split it
    client.force_login(world.rita)
    html = client.get(reverse("commitment_detail", args=[world.c_a.pk])).content.decode()
    assert 'id="remind-link"' not in html and 'id="cascade-link"' not in html
