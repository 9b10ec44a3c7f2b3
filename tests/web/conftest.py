"""Named personas, as healthchecks' alice/bob/charlie, in one place for every web test.

- ``su``: Su Jing, supervisor at 湖南省政府督查室 (supervises 湖南省 and below)
- ``rita``: reporter at 省人力资源和社会保障厅 (unit A)
- ``nick``: reporter at 省农业农村厅 (unit B)
- ``hu``: supervisor of another province (湖北省): a supervisor, but not of Hunan
- the anonymous visitor: Django's test ``client`` without login

``world`` holds a draft (unpublished) report with one commitment assigned to each unit, and a
published report with one commitment assigned to unit A.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "hunan-2024-report-news.txt"
SEED_ALT = Path("/work/shared/seeds/hunan-2024-report-news.txt")


def seed_path() -> Path | None:
    for p in (SEED, SEED_ALT):
        if p.is_file():
            return p
    return None


@pytest.fixture
def seed_file() -> Path | None:
    """The news version of the Hunan 2024 report in ../shared/seeds, when that folder is present."""
    return seed_path()


@dataclass
class World:
    hunan: object
    hubei: object
    office: object
    unit_a: object
    unit_b: object
    su: object
    rita: object
    nick: object
    hu: object
    internal_report: object
    public_report: object
    c_a: object  # internal report, assigned to unit A
    c_b: object  # internal report, assigned to unit B
    c_unassigned: object
    c_pub: object  # published report, assigned to unit A
    a_a: object
    a_b: object
    a_pub: object

    def client(self, user) -> Client:
        c = Client()
        c.force_login(user)
        return c


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    yield
    # a request in English leaves English active in this thread: the next test starts in Chinese again
    translation.activate(settings.LANGUAGE_CODE)


def make_commitment(report, position: int, indicator: str, value, unit: str = "万人", comparator: str = "min", **kw):
    from luoshi_web.tracking.models import Commitment

    text = kw.pop("text", f"{indicator}{value}{unit}")
    return Commitment.objects.create(
        report=report, position=position, kind=kw.pop("kind", "target"), indicator=indicator,
        value=None if value is None else Decimal(str(value)), unit=unit, comparator=comparator, year=report.year,
        text=text, start=0, end=len(text), **kw,
    )


def api_call(base: str, secret: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    """One request to a live server's API with a unit token, as another system would make it."""
    import json
    import urllib.error
    import urllib.request

    req = urllib.request.Request(f"{base}{path}", method=method, data=json.dumps(body).encode() if body else None,
                                 headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


@pytest.fixture
def world(db) -> World:
    from luoshi_web.org.models import Membership, OrgUnit, Region
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.services import assignment_set

    User = get_user_model()
    china = Region.objects.create(name="中国", level=Region.Level.NATION)
    hunan = Region.objects.create(name="湖南省", level=Region.Level.PROVINCE, parent=china)
    hubei = Region.objects.create(name="湖北省", level=Region.Level.PROVINCE, parent=china)
    office = OrgUnit.objects.create(name="省政府督查室", region=hunan, is_supervision_office=True)
    hubei_office = OrgUnit.objects.create(name="湖北省政府督查室", region=hubei, is_supervision_office=True)
    unit_a = OrgUnit.objects.create(name="省人力资源和社会保障厅", region=hunan)
    unit_b = OrgUnit.objects.create(name="省农业农村厅", region=hunan)
    su = User.objects.create_user("su", password="pw-su-123456")
    rita = User.objects.create_user("rita", password="pw-rita-123456")
    nick = User.objects.create_user("nick", password="pw-nick-123456")
    hu = User.objects.create_user("hu", password="pw-hu-123456")
    Membership.objects.create(user=su, unit=office, role=Membership.Role.SUPERVISOR)
    Membership.objects.create(user=rita, unit=unit_a, role=Membership.Role.REPORTER)
    Membership.objects.create(user=nick, unit=unit_b, role=Membership.Role.REPORTER)
    Membership.objects.create(user=hu, unit=hubei_office, role=Membership.Role.SUPERVISOR)

    internal = Report.objects.create(region=hunan, year=2024, title="内部报告", text="城镇新增就业70万人。", sha256="a" * 64,
                                     imported_by=su)
    public = Report.objects.create(region=hunan, year=2024, title="公开报告", text="粮食产量615亿斤左右。", sha256="b" * 64,
                                   imported_by=su, published=True)
    c_a = make_commitment(internal, 1, "城镇新增就业", 70)
    c_b = make_commitment(internal, 2, "粮食产量", 615, unit="亿斤", comparator="approx")
    c_un = make_commitment(internal, 3, "新建学校", 10, unit="所")
    c_pub = make_commitment(public, 1, "城镇调查失业率", "5.5", unit="%", comparator="max", measure="level")
    end = date(2024, 12, 31)
    a_a = assignment_set(user=su, commitment=c_a, lead_unit=unit_a, deadline=end, note="内部备注：重点盯办")
    a_b = assignment_set(user=su, commitment=c_b, lead_unit=unit_b, deadline=end)
    a_pub = assignment_set(user=su, commitment=c_pub, lead_unit=unit_a, deadline=end, note="不公开的备注")
    return World(hunan, hubei, office, unit_a, unit_b, su, rita, nick, hu, internal, public,
                 c_a, c_b, c_un, c_pub, a_a, a_b, a_pub)


# A known province-year for the dashboard, bulletin, public and Excel tests (issue 6); defined there.
from .test_dashboard_fixtures import province  # noqa: E402, F401


@pytest.fixture
def browser(monkeypatch):
    """A launched Debian chromium (see tests/web/chromium.py)."""
    from .chromium import launched

    yield from launched(monkeypatch)
