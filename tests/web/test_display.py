"""What the pages show (issue 13): figures as a report writes them, history in plain words, the
language switch and empty choices in the reader's language.

Every number in HTML goes through one formatter (``luoshi_web.display``, the review page's): the
database keeps 5530000000000 元, a reader sees 突破5.53万亿元.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from luoshi_web.tracking.models import ProgressReport
from luoshi_web.tracking.services import (
    assignment_set,
    commitment_update,
    progress_report_create,
    progress_report_verify,
)

from .conftest import make_commitment

pytestmark = pytest.mark.django_db

RAW = re.compile(r"\d{6,}|\.0{3,}")  # 5530000000000, 61500000000, 180000.000000


@pytest.fixture
def big(world):
    """A GDP total and a grain target stored in base units, as the extractor stores them."""
    w = world
    gdp = make_commitment(w.internal_report, 8, "地区生产总值总量", "5530000000000", unit="元", comparator="min",
                          qualifier="突破", text="地区生产总值总量突破5.53万亿元")
    grain = make_commitment(w.internal_report, 9, "粮食总产量", "61500000000", unit="斤", comparator="approx",
                            qualifier="左右", text="粮食总产量保持在615亿斤左右")
    a = assignment_set(user=w.su, commitment=grain, lead_unit=w.unit_b, deadline=date(2024, 12, 31))
    progress_report_create(user=w.su, assignment=a, as_of=date(2024, 6, 30), value=Decimal("10000000000"),
                           narrative="夏粮已收")
    pub = make_commitment(w.public_report, 2, "粮食总产量", "61500000000", unit="斤", comparator="approx",
                          qualifier="左右", text="粮食总产量保持在615亿斤左右")
    pa = assignment_set(user=w.su, commitment=pub, lead_unit=w.unit_b, deadline=date(2024, 12, 31))
    p = progress_report_create(user=w.su, assignment=pa, as_of=date(2024, 6, 30), value=Decimal("60800000000"),
                               narrative="全年粮食产量608亿斤")
    progress_report_verify(user=w.su, progress=p)
    return gdp, grain, pub


def body(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def visible_text(html: str) -> str:
    """The page's text without tags and attributes (data-value keeps raw numbers on purpose)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def assert_written(page: str, *expected: str) -> None:
    text = visible_text(page)
    raw = RAW.findall(text)
    assert not raw, f"raw numbers on the page: {raw[:5]}"
    for e in expected:
        assert e in text, (e, text[:3000])


def test_internal_lists_show_figures_as_written(world, big):
    gdp, grain, _ = big
    su = world.client(world.su)
    for url in (reverse("commitment_list"), reverse("report_detail", args=[world.internal_report.pk]),
                reverse("commitment_list") + f"?report={world.internal_report.pk}"):
        assert_written(body(su, url), "突破5.53万亿元", "615亿斤左右", "100亿斤")
    assert_written(body(su, reverse("lagging")), "615亿斤左右", "100亿斤")


def test_commitment_page_shows_target_progress_and_plan_as_written(world, big):
    _, grain, _ = big
    page = body(world.client(world.su), reverse("commitment_detail", args=[grain.pk]))
    facts = page.split('<h2>', 1)[0]
    timeline = page.split('id="progress"', 1)[1].split("</ol>", 1)[0]
    assert_written(facts, "615亿斤左右")
    assert_written(timeline, "累计 100亿斤")


def test_my_tasks_show_progress_as_written(world, big):
    assert_written(body(world.client(world.nick), reverse("my_tasks")), "100亿斤")


def test_public_pages_show_figures_as_written(world, big):
    _, _, pub = big
    anon = Client()
    page = body(anon, reverse("public_region_year", args=[world.hunan.pk, 2024]))
    assert_written(page, "615亿斤左右", "608亿斤")
    assert_written(body(anon, reverse("public_commitment", args=[pub.pk])), "615亿斤左右", "608亿斤")


def test_printable_bulletin_shows_figures_as_written(world, big):
    ProgressReport.objects.filter(assignment__commitment=big[1]).update(verified=True)  # the bulletin reads verified only
    page = body(world.client(world.su), reverse("bulletin", args=[world.hunan.pk, 2024, 6]))
    lagging = page.split('id="table-lagging"', 1)[1].split("</figure>", 1)[0]
    assert "粮食总产量" in lagging
    assert_written(lagging, "615亿斤左右", "100亿斤")


def test_history_is_in_plain_words(world):
    w = world
    c = w.c_unassigned
    commitment_update(user=w.su, commitment=c, reason="按统计口径修正", value=Decimal("180000"))
    assignment_set(user=w.su, commitment=c, lead_unit=w.unit_a, deadline=date(2024, 12, 31))
    assignment_set(user=w.su, commitment=c, lead_unit=w.unit_b, deadline=date(2024, 10, 31), supporting_units=[w.unit_a],
                   frequency="quarterly", reason="调整牵头单位")
    page = body(w.client(w.su), reverse("commitment_detail", args=[c.pk]))
    history = page.split('id="history"', 1)[1].split("</ol>", 1)[0]
    text = visible_text(history)
    for internal in ("{'", "'orgunit'", "180000.000000", "180000", "[]"):
        assert internal not in history, (internal, text)
    assert "目标值：10所 → 18万所" in text
    assert f"配合单位：— → {w.unit_a.name}" in text
    assert f"牵头单位：{w.unit_a.name} → {w.unit_b.name}" in text
    assert "完成时限：2024-12-31 → 2024-10-31" in text
    assert "报送频次：每月 → 每季度" in text


def test_the_language_switch_names_each_language_in_itself(world):
    for lang in ("zh-hans", "en"):
        page = body(Client(HTTP_ACCEPT_LANGUAGE=lang), reverse("public_index"))
        switch = page.split('name="language"', 1)[1].split("</select>", 1)[0]
        assert ">English<" in switch and ">简体中文<" in switch and "英语" not in switch, switch


def test_empty_choices_are_in_the_readers_language(world):
    c = world.client(world.su)
    zh = body(c, reverse("commitment_detail", args=[world.c_a.pk]))
    assert "Select an option" not in zh and "— 请选择 —" in zh
    c.cookies["django_language"] = "en"
    en = body(c, reverse("commitment_detail", args=[world.c_a.pk]))
    assert "— Select an option —" in en and "请选择" not in en


def test_display_doctests():
    import doctest

    from luoshi_web import display

    assert doctest.testmod(display).failed == 0
