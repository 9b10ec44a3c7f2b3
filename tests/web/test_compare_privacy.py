"""Issue 10, finding 6: the public 兑现对照 pages never show who corrected a match, nor why.

A correction's author and reason are internal (the history keeps them for the office); the public,
reporters and other regions' supervisors see only that a name was matched by hand. The region's own
supervisors (and administrators), who may correct, still see the audit trail on the page.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from luoshi_web.compare.models import IndicatorMatch
from luoshi_web.org.models import Membership

from . import test_compare
from .test_compare import correct

pairs = test_compare.pairs  # the fixture: two years of published reports per region

pytestmark = pytest.mark.django_db

CORRECTOR = "zhang_duchayuan_7731"
REASONS = ("内部理由甲：领导交办的口径", "内部理由乙：与统计局核对后改回")


def _corrected(pairs):
    w = pairs.world
    corrector = get_user_model().objects.create_user(CORRECTOR, password="pw-zhang-123456")
    Membership.objects.create(user=corrector, unit=w.office, role=Membership.Role.SUPERVISOR)
    web = w.client(corrector)
    correct(web, pairs.hunan_2025, "城乡居民收入增长", "income_growth", reason=REASONS[0])
    correct(web, pairs.hunan_2025, "城乡居民收入增长", "urban_income_growth", reason=REASONS[1])
    correct(web, pairs.hunan_2025, "城镇调查失业率", "-", reason=REASONS[0])
    entry = IndicatorMatch.objects.get(key="城镇调查失业率")
    web.post(reverse("compare:match_clear", args=[entry.pk]), {"report": pairs.hunan_2025.pk, "reason": REASONS[1]})
    assert IndicatorMatch.objects.filter(key="城乡居民收入增长").get().user.username == CORRECTOR
    return corrector


def _urls(pairs) -> list[str]:
    w, r = pairs.world, pairs.hunan_2025
    return [
        reverse("compare:index"),
        reverse("compare:report", args=[r.pk]),
        reverse("compare:report_download", args=[r.pk, "csv"]),
        reverse("compare:report_download", args=[r.pk, "json"]),
        reverse("compare:region", args=[w.hunan.pk]) + "?indicator=income_growth",
        reverse("compare:region_download", args=[w.hunan.pk, "json"]) + "?indicator=income_growth",
        reverse("compare:across") + "?indicator=urban_income_growth&year=2025",
    ]


@pytest.mark.parametrize("persona", [None, "rita", "nick", "hu"])
def test_public_compare_pages_never_name_the_corrector_nor_the_reason(client, pairs, persona):
    _corrected(pairs)
    w = pairs.world
    web = w.client(getattr(w, persona)) if persona else client
    for url in _urls(pairs):
        response = web.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert CORRECTOR not in body, f"{url} names the supervisor who corrected a match"
        for reason in REASONS:
            assert reason not in body, f"{url} shows an internal reason for a correction"
    page = web.get(reverse("compare:report", args=[pairs.hunan_2025.pk])).content.decode()
    assert "人工确认" in page, "the public still sees that a match was confirmed by hand"


def test_the_regions_supervisor_still_sees_who_corrected_and_why(pairs):
    corrector = _corrected(pairs)
    w = pairs.world
    for user in (w.su, corrector):
        page = w.client(user).get(reverse("compare:report", args=[pairs.hunan_2025.pk])).content.decode()
        assert CORRECTOR in page and REASONS[1] in page
