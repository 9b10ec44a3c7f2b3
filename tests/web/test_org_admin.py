"""Running the office without Django admin (issue 13): a supervisor manages the units, people and
roles of the regions they supervise; regions are the administrator's; every page checks the role,
needs the CSRF token, says what was wrong and changes nothing when it refuses."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from luoshi_web.org.models import Membership, OrgUnit, Region

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_a_supervisor_creates_a_unit_renames_it_and_moves_it_under_another(world):
    su = world.client(world.su)
    resp = su.post(reverse("org:units"), {"name": "省教育厅", "region": world.hunan.pk})
    assert resp.status_code == 302
    unit = OrgUnit.objects.get(name="省教育厅")
    assert unit.region == world.hunan and unit.active
    resp = su.post(reverse("org:unit_edit", args=[unit.pk]),
                   {"name": "省教育厅（改）", "parent": world.unit_a.pk, "active": "on", "reason": "机构改革"})
    assert resp.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.parent, unit.region) == ("省教育厅（改）", world.unit_a, world.hunan)
    assert unit.history.first().history_user == world.su and unit.history.first().history_change_reason == "机构改革"
    page = su.get(reverse("org:units")).content.decode()
    assert "省教育厅（改）" in page and "rita" in page


def test_a_duplicate_name_or_a_cycle_is_refused_with_what_to_do_and_nothing_changes(world):
    su = world.client(world.su)
    resp = su.post(reverse("org:units"), {"name": world.unit_a.name, "region": world.hunan.pk})
    assert resp.status_code == 400 and "请换一个名称" in resp.content.decode()
    assert OrgUnit.objects.filter(name=world.unit_a.name).count() == 1
    OrgUnit.objects.filter(pk=world.unit_b.pk).update(parent=world.unit_a)
    resp = su.post(reverse("org:unit_edit", args=[world.unit_a.pk]),
                   {"name": world.unit_a.name, "parent": world.unit_b.pk, "active": "on"})
    assert resp.status_code == 400 and "下级单位的下级" in resp.content.decode()
    world.unit_a.refresh_from_db()
    assert world.unit_a.parent is None


def test_a_supervisor_cannot_lock_themselves_out(world):
    su = world.client(world.su)
    resp = su.post(reverse("org:unit_edit", args=[world.office.pk]), {"name": world.office.name})  # active unticked
    assert resp.status_code == 400 and "失去督查权限" in resp.content.decode()
    world.office.refresh_from_db()
    assert world.office.active
    m = Membership.objects.get(user=world.su)
    resp = su.post(reverse("org:person", args=[world.su.pk]), {"action": "remove_role", "membership": m.pk})
    assert resp.status_code == 400 and Membership.objects.filter(pk=m.pk).exists()


def test_a_supervisor_creates_a_reporter_who_can_then_sign_in(world):
    su = world.client(world.su)
    resp = su.post(reverse("org:people"), {"username": "jiaoyu", "full_name": "王老师", "email": "wang@edu.example",
                                           "password": "a-long-pass-phrase-7", "unit": world.unit_b.pk, "role": "reporter"})
    assert resp.status_code == 302
    person = User.objects.get(username="jiaoyu")
    assert person.email == "wang@edu.example" and not person.is_superuser and not person.is_staff
    assert list(person.memberships.values_list("unit", "role")) == [(world.unit_b.pk, "reporter")]
    c = Client()
    assert c.login(username="jiaoyu", password="a-long-pass-phrase-7")
    assert "粮食产量" in c.get(reverse("my_tasks")).content.decode()


def test_a_weak_password_or_a_taken_username_is_refused(world):
    su = world.client(world.su)
    resp = su.post(reverse("org:people"), {"username": "new1", "password": "123", "unit": world.unit_b.pk,
                                           "role": "reporter"})
    assert resp.status_code == 400 and "密码不符合要求" in resp.content.decode()
    resp = su.post(reverse("org:people"), {"username": "RITA", "password": "a-long-pass-phrase-7",
                                           "unit": world.unit_b.pk, "role": "reporter"})
    assert resp.status_code == 400 and "已被使用" in resp.content.decode()
    assert not User.objects.filter(username__in=["new1", "RITA"]).exists()


def test_roles_are_given_and_taken_and_kept_in_history(world):
    su = world.client(world.su)
    url = reverse("org:person", args=[world.rita.pk])
    assert su.post(url, {"action": "add_role", "unit": world.unit_b.pk, "role": "reporter"}).status_code == 302
    m = Membership.objects.get(user=world.rita, unit=world.unit_b)
    assert su.post(url, {"action": "remove_role", "membership": m.pk}).status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    reasons = list(Membership.history.filter(user_id=world.rita.pk, unit_id=world.unit_b.pk)
                   .values_list("history_type", "history_user__username"))
    assert sorted(reasons) == [("+", "su"), ("-", "su")]
    assert su.post(url, {"action": "password", "password": "another-long-phrase-9"}).status_code == 302
    world.rita.refresh_from_db()
    assert world.rita.check_password("another-long-phrase-9")


def test_a_supervisor_manages_only_their_regions(world):
    hu = world.client(world.hu)
    assert hu.get(reverse("org:unit_edit", args=[world.unit_a.pk])).status_code == 404
    assert hu.get(reverse("org:person", args=[world.rita.pk])).status_code == 404
    resp = hu.post(reverse("org:units"), {"name": "混入", "region": world.hunan.pk})
    assert resp.status_code == 400 and not OrgUnit.objects.filter(name="混入").exists()
    resp = hu.post(reverse("org:people"), {"username": "x1", "password": "a-long-pass-phrase-7",
                                           "unit": world.unit_a.pk, "role": "supervisor"})
    assert resp.status_code == 400 and not User.objects.filter(username="x1").exists()
    assert "rita" not in hu.get(reverse("org:people")).content.decode()


def test_a_person_with_a_role_elsewhere_is_left_to_that_region(world):
    Membership.objects.create(user=world.rita, unit=OrgUnit.objects.get(name="湖北省政府督查室"), role="reporter")
    resp = world.client(world.su).post(reverse("org:person", args=[world.rita.pk]),
                                       {"action": "password", "password": "another-long-phrase-9"})
    assert resp.status_code == 403
    world.rita.refresh_from_db()
    assert world.rita.check_password("pw-rita-123456")


@pytest.mark.parametrize("who", ["rita", None])
def test_reporters_and_visitors_cannot_open_the_office_pages(world, client, who):
    c = world.client(getattr(world, who)) if who else client
    for name in ("org:units", "org:people", "org:regions"):
        resp = c.get(reverse(name))
        assert resp.status_code in (302, 403), name
        if who is None:
            assert "/login/" in resp["Location"]


def test_regions_are_the_administrators(world):
    su = world.client(world.su)
    assert su.get(reverse("org:regions")).status_code == 403
    assert su.post(reverse("org:regions"), {"name": "株洲市", "level": "city", "parent": world.hunan.pk}).status_code == 403
    admin = User.objects.create_superuser("root", password="pw-root-123456")
    c = world.client(admin)
    assert c.post(reverse("org:regions"), {"name": "株洲市", "level": "city", "parent": world.hunan.pk}).status_code == 302
    city = Region.objects.get(name="株洲市")
    assert city.parent == world.hunan
    resp = c.post(reverse("org:region_edit", args=[world.hunan.pk]), {"name": "湖南省", "level": "province",
                                                                      "parent": city.pk})
    assert resp.status_code == 400 and "下级地区的下级" in resp.content.decode()
    world.hunan.refresh_from_db()
    assert world.hunan.parent.name == "中国"
    # a supervisor of 湖南省 now supervises the new city too
    assert su.post(reverse("org:units"), {"name": "株洲市政府", "region": city.pk}).status_code == 302


def test_the_office_forms_need_the_csrf_token(world):
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.su)
    resp = c.post(reverse("org:units"), {"name": "无令牌单位", "region": world.hunan.pk})
    assert resp.status_code == 403 and not OrgUnit.objects.filter(name="无令牌单位").exists()
