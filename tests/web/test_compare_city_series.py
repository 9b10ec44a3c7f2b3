"""兑现对照 of one city across years (issue 9): real reports of 驻马店市 (../shared/corpus/city, a
24-year series) imported through the upload services; the region page's chart gives, year by year,
the verdicts ``luoshi compare --region 驻马店市`` gives from the same files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi.reconcile import ReportPair, compare
from luoshi.reconcile.sources import load_report

from .test_compare import import_report

pytestmark = [pytest.mark.django_db, pytest.mark.shared]

CITY = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "city"
YEARS = range(2012, 2018)


@pytest.fixture
def series():
    from luoshi_web.org.models import Membership, OrgUnit, Region

    if not CITY.is_dir():
        pytest.fail(f"{CITY} is missing: ../shared must sit beside the checkout")
    henan = Region.objects.create(name="河南省", level=Region.Level.PROVINCE)
    city = Region.objects.create(name="驻马店市", level=Region.Level.CITY, parent=henan)
    office = OrgUnit.objects.create(name="驻马店市政府督查室", region=city, is_supervision_office=True)
    user = get_user_model().objects.create_user("zmd", password="pw-zmd-123456")
    Membership.objects.create(user=user, unit=office, role=Membership.Role.SUPERVISOR)
    reports = {y: import_report(user, city, y, (CITY / f"驻马店市-{y}.txt").read_text(encoding="utf-8")) for y in YEARS}
    return city, reports


def test_the_city_series_page_gives_the_verdicts_of_the_command_line(client, series):
    city, reports = series
    html = client.get(reverse("compare:region", args=[city.pk]), {"indicator": "gdp_growth"}).content.decode()
    data = json.loads(re.search(r'<script id="compare-chart-data" type="application/json">(.*?)</script>', html,
                                re.S).group(1))
    files = {y: load_report(CITY / f"驻马店市-{y}.txt", year=y, region="驻马店市") for y in YEARS}
    pairs = [ReportPair("驻马店市", y, files[y].items, files[y + 1].items if y + 1 in files else None) for y in YEARS]
    library = compare(pairs, "gdp_growth")
    assert data["categories"] == [str(y) for y in YEARS]
    assert data["verdict"] == [r.verdict for r in library]
    assert data["verdict"][:3] == ["达成", "达成", "未达成"]  # 10.4% vs 10%以上, 9.5% vs 10%左右, 8.4% vs 9.5%左右
    for y, report in reports.items():  # every year's own 兑现对照 page opens
        assert client.get(reverse("compare:report", args=[report.pk])).status_code == 200, y
