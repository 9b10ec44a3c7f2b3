"""兑现对照 pages: the library's verdicts on the page, public access to published pairs only, a
supervisor's match correction remembered, downloads, bounded queries, English.

Fixture: short 2025 and 2026 reports of 湖南省 and 湖北省, imported through the reports services
(upload -> draft -> confirm, published), plus an unpublished 湖南省 2027 report that must never show.
"""

from __future__ import annotations

import csv
import doctest
import io
import itertools
import json
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi import extract_text
from luoshi.reconcile import Row, reconcile
from luoshi_web.compare import adapter, services
from luoshi_web.compare.models import IndicatorMatch
from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied
from luoshi_web.reports import services as report_services

from .conftest import make_commitment

pytestmark = pytest.mark.django_db

HUNAN_2025 = """湖南省2025年政府工作报告
一、2024年工作回顾
过去一年，全省地区生产总值增长4.8%，城镇调查失业率5.2%。
二、2025年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇调查失业率5.5%以内，城镇新增就业70万人以上，城乡居民收入增长6%。
"""
HUNAN_2026 = """湖南省2026年政府工作报告
一、2025年工作回顾
过去一年，全省地区生产总值增长4.6%，城镇调查失业率5.1%，居民人均可支配收入增长5.2%。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇调查失业率5.5%以内。
"""
HUNAN_2027_UNPUBLISHED = """湖南省2027年政府工作报告
一、2026年工作回顾
过去一年，全省地区生产总值增长9.9%。
二、2027年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长8%左右。
"""
HUBEI_2025 = """湖北省2025年政府工作报告
一、2024年工作回顾
过去一年，全省地区生产总值增长5.8%。
二、2025年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇调查失业率5.5%左右。
"""
HUBEI_2026 = """湖北省2026年政府工作报告
一、2025年工作回顾
过去一年，全省地区生产总值增长7.3%。
二、2026年工作安排
今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。
"""

ROW = re.compile(r'<tr id="row-\d+" data-verdict="([^"]*)" data-indicator="([^"]*)"')


def add_result(report, position: int, indicator: str, value, *, unit: str):
    """A result of last year (report year - 1), as a report states it."""
    from luoshi_web.tracking.models import Commitment

    text = f"{indicator}{value}{unit}"
    return Commitment.objects.create(report=report, position=position, kind="result", indicator=indicator,
                                     value=Decimal(str(value)), unit=unit, comparator="exact", year=report.year - 1,
                                     text=text, start=0, end=len(text))


def import_report(user, region, year: int, text: str, *, published: bool = True):
    """A report through the same services an upload uses: read, extract, draft, confirm."""
    upload = SimpleUploadedFile(f"{region.name}-{year}.txt", text.encode("utf-8"), content_type="text/plain")
    draft = report_services.import_draft_create(user=user, region=region, upload=upload, year=year,
                                                title=f"{region.name}{year}年政府工作报告")
    return report_services.import_draft_confirm(user=user, draft=draft, published=published)


@dataclass
class Pairs:
    world: object
    hunan_2025: object
    hunan_2026: object
    hunan_2027: object  # unpublished
    hubei_2025: object
    hubei_2026: object


@pytest.fixture
def pairs(world) -> Pairs:
    return Pairs(
        world,
        import_report(world.su, world.hunan, 2025, HUNAN_2025),
        import_report(world.su, world.hunan, 2026, HUNAN_2026),
        import_report(world.su, world.hunan, 2027, HUNAN_2027_UNPUBLISHED, published=False),
        import_report(world.hu, world.hubei, 2025, HUBEI_2025),
        import_report(world.hu, world.hubei, 2026, HUBEI_2026),
    )


def page(client, name: str, *args, **query) -> str:
    url = reverse(f"compare:{name}", args=args)
    response = client.get(url, query)
    assert response.status_code == 200, response.content.decode()[:3000]
    return response.content.decode()


def verdicts(html: str) -> list[tuple[str, str]]:
    """(verdict, indicator id) of every row of the reconciliation table, in order."""
    return ROW.findall(html)


def chart(html: str) -> dict:
    block = re.search(r'<script id="compare-chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert block, "the page has no chart data block"
    return json.loads(block.group(1))


# --- the report's 兑现对照 page -------------------------------------------------------------------

def test_report_page_shows_the_verdicts_the_library_gives(client, pairs):
    html = page(client, "report", pairs.hunan_2025.pk)
    library = reconcile(extract_text(HUNAN_2025, year=2025).items, extract_text(HUNAN_2026, year=2026).items,
                        year=2025)
    assert [v for v, _ in verdicts(html)] == [r.verdict for r in library]
    assert verdicts(html) == [("未达成", "gdp_growth"), ("达成", "surveyed_unemployment"),
                              ("沉默", "urban_new_jobs"), ("沉默", "")]


def test_target_about_six_percent_against_four_point_six_is_missed(client, pairs):
    rows = {r.row.indicator_id: r for r in client.get(reverse("compare:report", args=[pairs.hunan_2025.pk])).context["rows"]}
    gdp, jobless = rows["gdp_growth"], rows["surveyed_unemployment"]
    assert (gdp.target_label, gdp.result_label, gdp.row.verdict, gdp.delta) == ("6%左右", "4.6%", "未达成", "-1.4个百分点")
    assert (jobless.target_label, jobless.result_label, jobless.row.verdict) == ("5.5%以内", "5.1%", "达成")
    assert rows["urban_new_jobs"].row.verdict == "沉默" and rows["urban_new_jobs"].row.result is None


def test_report_page_shows_the_source_sentence_on_both_sides(client, pairs):
    html = page(client, "report", pairs.hunan_2025.pk)
    assert "<mark>地区生产总值增长6%左右</mark>" in html
    assert "过去一年，全省<mark>地区生产总值增长4.6%</mark>" in html
    text = pairs.hunan_2026.text
    start = text.index("地区生产总值增长4.6%")
    assert f"[{start},{start + len('地区生产总值增长4.6%')})" in html


def test_report_page_lists_next_year_results_no_target_took(client, pairs):
    html = page(client, "report", pairs.hunan_2025.pk)
    unmatched = html[html.index('id="unmatched"'):]
    assert "居民人均可支配收入增长" in unmatched and "5.2%" in unmatched


def test_without_a_published_next_report_targets_are_not_judged_silent(client, pairs):
    html = page(client, "report", pairs.hunan_2026.pk)
    assert 'id="no-next-report"' in html
    assert {v for v, _ in verdicts(html)} == {"无下年报告"}
    assert pairs.hunan_2027.title not in html and "9.9%" not in html


# --- public access ---------------------------------------------------------------------------

@pytest.mark.parametrize("persona", [None, "su", "rita", "hu"])
def test_everyone_sees_a_published_pair(client, pairs, persona):
    web = pairs.world.client(getattr(pairs.world, persona)) if persona else client
    assert "未达成" in page(web, "report", pairs.hunan_2025.pk)


@pytest.mark.parametrize("persona", [None, "su", "rita"])
def test_an_unpublished_report_has_no_compare_page_for_anyone(client, pairs, persona):
    web = pairs.world.client(getattr(pairs.world, persona)) if persona else client
    for report in (pairs.hunan_2027, pairs.world.internal_report):
        assert web.get(reverse("compare:report", args=[report.pk])).status_code == 404
        assert web.get(reverse("compare:report_download", args=[report.pk, "json"])).status_code == 404


def test_a_deleted_report_has_no_compare_page(client, pairs):
    report_services.report_delete(user=pairs.world.su, report=pairs.hunan_2025, reason="重新导入")
    assert client.get(reverse("compare:report", args=[pairs.hunan_2025.pk])).status_code == 404


def test_unpublished_reports_stay_out_of_the_region_and_cross_region_pages(client, pairs):
    html = page(client, "region", pairs.world.hunan.pk, indicator="gdp_growth")
    assert "2027" not in chart(html)["categories"] and "9.9" not in html
    across = page(client, "across", indicator="gdp_growth", year=2026)
    assert "9.9%" not in across and 'data-verdict="无下年报告"' in across


def test_a_region_without_published_reports_has_no_page(client, pairs):
    china = pairs.world.hunan.parent
    assert client.get(reverse("compare:region", args=[china.pk])).status_code == 404


def test_the_navigation_links_the_compare_pages(client, pairs):
    assert reverse("compare:index") in client.get(reverse("home"), follow=True).content.decode()
    html = page(client, "index")
    assert reverse("compare:report", args=[pairs.hunan_2025.pk]) in html
    assert reverse("compare:report", args=[pairs.hunan_2027.pk]) not in html


# --- confirming and correcting a match ------------------------------------------------------

def correct(web, report, text: str, indicator: str, **extra):
    return web.post(reverse("compare:match_set", args=[report.pk]), {"text": text, "indicator": indicator, **extra})


def test_supervisor_correction_is_stored_and_pairs_the_target(pairs):
    su = pairs.world.client(pairs.world.su)
    assert ("沉默", "") in verdicts(page(su, "report", pairs.hunan_2025.pk))
    response = correct(su, pairs.hunan_2025, "城乡居民收入增长", "income_growth", reason="即居民人均可支配收入")
    assert response.status_code == 302
    entry = IndicatorMatch.objects.get()
    assert (entry.region, entry.key, entry.indicator_id, entry.user) == (
        pairs.world.hunan, "城乡居民收入增长", "income_growth", pairs.world.su)
    assert entry.history.get().history_change_reason == "即居民人均可支配收入"
    html = page(su, "report", pairs.hunan_2025.pk)
    assert verdicts(html)[-1] == ("未达成", "income_growth")
    assert 'data-remembered="income_growth"' in html and "人工确认" in html
    assert "城乡居民收入增长" in html[html.index('id="memory"'):]


def test_no_match_turns_a_paired_target_silent_and_can_be_withdrawn(pairs):
    su = pairs.world.client(pairs.world.su)
    correct(su, pairs.hunan_2025, "城镇调查失业率", "-")
    assert verdicts(page(su, "report", pairs.hunan_2025.pk))[1] == ("沉默", "")
    entry = IndicatorMatch.objects.get(key="城镇调查失业率")
    assert entry.indicator_id is None
    su.post(reverse("compare:match_clear", args=[entry.pk]), {"report": pairs.hunan_2025.pk})
    assert verdicts(page(su, "report", pairs.hunan_2025.pk))[1] == ("达成", "surveyed_unemployment")
    assert IndicatorMatch.all_objects.get(pk=entry.pk).deleted_at is not None
    assert entry.history.count() == 2


def test_a_later_correction_replaces_the_entry_and_keeps_its_history(pairs):
    su = pairs.world.client(pairs.world.su)
    correct(su, pairs.hunan_2025, "城乡居民收入增长", "income_growth")
    correct(su, pairs.hunan_2025, "城乡居民收入增长", "urban_income_growth")
    entry = IndicatorMatch.objects.get()
    assert entry.indicator_id == "urban_income_growth"
    assert [h.indicator_id for h in entry.history.order_by("history_date")] == ["income_growth", "urban_income_growth"]
    # the next report gives all residents' income only: the whole does not settle the urban target
    assert verdicts(page(su, "report", pairs.hunan_2025.pk))[-1] == ("无法判断", "urban_income_growth")


def test_the_correction_is_remembered_on_the_region_page(client, pairs):
    correct(pairs.world.client(pairs.world.su), pairs.hunan_2025, "城乡居民收入增长", "income_growth")
    data = chart(page(client, "region", pairs.world.hunan.pk, indicator="income_growth"))
    assert data["categories"] == ["2024", "2025", "2026"]
    assert data["target"] == [None, 6.0, None] and data["result"] == [None, 5.2, None]
    assert data["verdict"] == ["无目标", "未达成", "无目标"]


def test_a_regions_correction_does_not_change_another_region(pairs):
    correct(pairs.world.client(pairs.world.su), pairs.hunan_2025, "地区生产总值增长", "-")
    assert verdicts(page(pairs.world.client(pairs.world.su), "report", pairs.hunan_2025.pk))[0] == ("沉默", "")
    assert verdicts(page(pairs.world.client(pairs.world.hu), "report", pairs.hubei_2025.pk))[0] == ("超额", "gdp_growth")


@pytest.mark.parametrize("persona", ["rita", "nick", "hu"])
def test_reporters_and_other_regions_supervisors_cannot_correct(pairs, persona):
    web = pairs.world.client(getattr(pairs.world, persona))
    assert correct(web, pairs.hunan_2025, "城乡居民收入增长", "income_growth").status_code == 403
    assert not IndicatorMatch.all_objects.exists()
    assert 'class="match-form"' not in page(web, "report", pairs.hunan_2025.pk)


def test_the_anonymous_visitor_cannot_correct(client, pairs):
    response = correct(client, pairs.hunan_2025, "城乡居民收入增长", "income_growth")
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert not IndicatorMatch.all_objects.exists()
    assert 'class="match-form"' not in page(client, "report", pairs.hunan_2025.pk)


def test_only_an_administrator_corrects_for_all_regions(pairs):
    assert correct(pairs.world.client(pairs.world.su), pairs.hunan_2025, "地区生产总值增长", "-",
                   everywhere="on").status_code == 403
    admin = get_user_model().objects.create_superuser("root", password="pw-root-123456")
    correct(pairs.world.client(admin), pairs.hunan_2025, "地区生产总值增长", "-", everywhere="on")
    assert IndicatorMatch.objects.get().region is None
    assert verdicts(page(pairs.world.client(pairs.world.hu), "report", pairs.hubei_2025.pk))[0] == ("沉默", "")


def test_a_correction_to_an_unknown_indicator_is_refused(pairs):
    with pytest.raises(DomainError):
        services.indicator_match_set(user=pairs.world.su, region=pairs.world.hunan, text="城乡居民收入增长",
                                     indicator_id="no_such_indicator")
    su = pairs.world.client(pairs.world.su)
    correct(su, pairs.hunan_2025, "城乡居民收入增长", "no_such_indicator")
    assert not IndicatorMatch.objects.exists()


def test_the_service_refuses_a_reporter(pairs):
    with pytest.raises(AccessDenied):
        services.indicator_match_set(user=pairs.world.rita, region=pairs.world.hunan, text="城乡居民收入增长",
                                     indicator_id="income_growth")


# --- region and cross-region pages ---------------------------------------------------------

def test_region_page_charts_target_and_result_by_year(client, pairs):
    html = page(client, "region", pairs.world.hunan.pk, indicator="gdp_growth")
    data = chart(html)
    assert data["categories"] == ["2024", "2025", "2026"]
    assert data["target"] == [None, 6.0, 5.0] and data["result"] == [4.8, 4.6, None]
    assert data["verdict"] == ["无目标", "未达成", "无下年报告"] and data["unit"] == "%"
    for year in ("2024", "2025", "2026"):
        assert f'data-year="{year}"' in html


def test_region_page_takes_an_indicator_by_name_and_refuses_an_unknown_one(client, pairs):
    assert chart(page(client, "region", pairs.world.hunan.pk, indicator="城镇调查失业率"))["verdict"] == ["达成", "达成", "无下年报告"]
    url = reverse("compare:region", args=[pairs.world.hunan.pk])
    assert client.get(url, {"indicator": "没有这个指标"}).status_code == 404


def test_region_chart_puts_large_quantities_in_one_readable_unit(client, pairs):
    make_commitment(pairs.hunan_2025, 90, "粮食产量", 61600000000, unit="斤", comparator="approx", qualifier="左右")
    add_result(pairs.hunan_2026, 90, "粮食产量", 30900000, unit="吨")
    data = chart(page(client, "region", pairs.world.hunan.pk, indicator="grain_output"))
    assert data["unit"] == "亿斤" and data["target"] == [None, 616.0, None] and data["result"] == [None, 618.0, None]


def test_cross_region_table_and_chart_for_one_indicator_and_year(client, pairs):
    html = page(client, "across", indicator="gdp_growth", year=2025)
    data = chart(html)
    assert data["categories"] == ["湖北省", "湖南省"]
    assert data["target"] == [6.0, 6.0] and data["result"] == [7.3, 4.6]
    assert data["verdict"] == ["超额", "未达成"]
    assert 'data-region="湖北省" data-verdict="超额"' in html and 'data-region="湖南省" data-verdict="未达成"' in html


def test_the_region_picker_leads_to_the_region_page(client, pairs):
    response = client.get(reverse("compare:region_pick"), {"region": pairs.world.hubei.pk, "indicator": "gdp_growth"})
    assert response.status_code == 302
    assert response["Location"] == reverse("compare:region", args=[pairs.world.hubei.pk]) + "?indicator=gdp_growth"


# --- downloads ------------------------------------------------------------------------------

CSV_HEADER = list(Row(None, None, None, "", None, None, "").to_dict())


def read_csv(response) -> list[dict]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "no byte-order mark: spreadsheet programs misread the Chinese"
    reader = csv.DictReader(io.StringIO(text[1:]))
    assert reader.fieldnames == CSV_HEADER, "not the record luoshi reconcile --format csv writes"
    return list(reader)


def test_report_downloads_as_csv_and_json_with_the_page_verdicts(client, pairs):
    url = lambda fmt: reverse("compare:report_download", args=[pairs.hunan_2025.pk, fmt])  # noqa: E731
    rows = read_csv(client.get(url("csv")))
    assert [r["verdict"] for r in rows] == ["未达成", "达成", "沉默", "沉默"]
    assert rows[0]["target_text"] == "地区生产总值增长6%左右" and rows[0]["result_value"] == "4.6"
    data = json.loads(client.get(url("json")).content)
    assert data["next_report"]["id"] == pairs.hunan_2026.pk
    assert data["summary"] == {"未达成": 1, "达成": 1, "沉默": 2}
    assert data["rows"][0]["result_start"] == pairs.hunan_2026.text.index("地区生产总值增长4.6%")
    assert client.get(url("xlsx")).status_code == 404


def test_region_and_cross_region_download(client, pairs):
    region = reverse("compare:region_download", args=[pairs.world.hunan.pk, "csv"])
    assert [r["year"] for r in read_csv(client.get(region, {"indicator": "gdp_growth"}))] == ["2024", "2025", "2026"]
    across = reverse("compare:across_download", args=["json"])
    data = json.loads(client.get(across, {"indicator": "gdp_growth", "year": 2025}).content)
    assert [(r["region"], r["verdict"]) for r in data["rows"]] == [("湖北省", "超额"), ("湖南省", "未达成")]
    assert read_csv(client.get(reverse("compare:across_download", args=["csv"]), {"indicator": "gdp_growth", "year": 2025}))


# --- queries, language, helpers -------------------------------------------------------------

MAX_QUERIES = 12
SERIAL = itertools.count(1)


def grow(pairs, n: int) -> None:
    """More items, more remembered matches, more years and more regions."""
    from luoshi_web.org.models import Region
    from luoshi_web.reports.models import Report

    def sha() -> str:
        return uuid.uuid4().hex * 2

    for _ in range(n):
        i = next(SERIAL)
        make_commitment(pairs.hunan_2025, 200 + i, f"新建项目{i}", 10 + i, unit="个")
        add_result(pairs.hunan_2026, 200 + i, f"新建项目{i}", 9 + i, unit="个")
        services.indicator_match_set(user=pairs.world.su, region=pairs.world.hunan, text=f"新建项目{i}",
                                     indicator_id="gdp_growth" if i % 2 else None)
    for _ in range(n // 3):
        i = next(SERIAL)
        old = Report.objects.create(region=pairs.world.hunan, year=1950 + i % 70, title=f"旧报告{i}", text="", sha256=sha(),
                                    imported_by=pairs.world.su, published=True)
        make_commitment(old, 1, "地区生产总值增长", "7.5", unit="%", comparator="approx")
        region = Region.objects.create(name=f"测试省{i}", level=Region.Level.PROVINCE, parent=pairs.world.hunan.parent)
        for year in (2025, 2026):
            r = Report.objects.create(region=region, year=year, title=f"测试省{i}-{year}", text="", sha256=sha(),
                                      imported_by=pairs.world.su, published=True)
            if year == 2025:
                make_commitment(r, 1, "地区生产总值增长", Decimal("5.5") + i, unit="%", comparator="approx")
            else:
                add_result(r, 1, "地区生产总值增长", Decimal("5.1") + i, unit="%")


@pytest.mark.parametrize("persona", [None, "su"])
@pytest.mark.parametrize(("name", "args", "query"), [
    ("report", "hunan_2025", {}), ("region", "hunan", {"indicator": "gdp_growth"}),
    ("across", None, {"indicator": "gdp_growth", "year": 2025}), ("index", None, {}),
    ("report_download", "hunan_2025:csv", {}),
])
def test_compare_pages_do_a_bounded_number_of_queries(client, pairs, django_assert_max_num_queries, persona, name,
                                                       args, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    web = pairs.world.client(pairs.world.su) if persona else client
    parts = (args or "").split(":")
    pk = getattr(pairs, parts[0], None) or getattr(pairs.world, parts[0], None) if args else None
    url = reverse(f"compare:{name}", args=[pk.pk, *parts[1:]] if pk is not None else [])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert web.get(url, query).status_code == 200
        return len(ctx.captured_queries)

    grow(pairs, 3)
    small = count()
    grow(pairs, 30)
    with django_assert_max_num_queries(MAX_QUERIES):
        large = count()
    assert large == small, f"{name} grew from {small} to {large} queries with more rows"


def test_pages_speak_english_when_asked(client, pairs):
    html = client.get(reverse("compare:report", args=[pairs.hunan_2025.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Missed" in html and "Achieved" in html and "Silent" in html and "Targets vs results" in html
    data = chart(client.get(reverse("compare:region", args=[pairs.world.hunan.pk]), HTTP_ACCEPT_LANGUAGE="en")
                 .content.decode())
    assert data["locale"] == "EN" and data["names"]["result"] == "Result" and data["verdict"][1] == "未达成"


def test_adapter_keeps_every_field_the_library_reads(pairs):
    row = pairs.hunan_2025.commitments.get(indicator="城镇调查失业率", kind="target")
    item = adapter.item_from_row(row, region="湖南省")
    assert (item.kind, item.value, item.unit, item.comparator, item.year) == ("target", Decimal("5.5"), "%", "max", 2025)
    assert pairs.hunan_2025.text[item.start:item.end] == item.text
    assert adapter.meta(item, "pk") == str(row.pk) and adapter.meta(item, "report") == str(pairs.hunan_2025.pk)


def test_a_span_whose_offsets_do_not_fit_is_shown_without_context():
    item = extract_text("过去一年，地区生产总值增长4.6%。", year=2026).items[0]
    span = adapter.sentence_around("另一份文字", item)
    assert (span.before, span.span, span.after) == ("", item.text, "")


def test_adapter_doctests():
    assert doctest.testmod(adapter).failed == 0


def test_compare_import_loads_a_pair_of_report_files_for_the_pages(client, world, tmp_path):
    from django.core.management import call_command

    from luoshi_web.reports.models import Report

    for year, text in ((2025, HUBEI_2025), (2026, HUBEI_2026)):
        (tmp_path / f"湖北省-{year}.txt").write_text(text, encoding="utf-8")
    files = sorted(str(p) for p in tmp_path.glob("*.txt"))
    out = io.StringIO()
    call_command("compare_import", *files, user="hu", publish=True, stdout=out)
    assert Report.objects.filter(region=world.hubei, published=True).count() == 2
    again = io.StringIO()
    call_command("compare_import", *files, user="hu", publish=True, stdout=again)
    assert again.getvalue().count("skip") == 2 and Report.objects.filter(region=world.hubei).count() == 2
    report = Report.objects.get(region=world.hubei, year=2025)
    assert verdicts(page(client, "report", report.pk)) == [("超额", "gdp_growth"), ("沉默", "surveyed_unemployment")]


@pytest.mark.parametrize("indicator_id", ["gdp_growth", "surveyed_unemployment", "urban_new_jobs", "income_growth",
                                          "grain_output", "gdp", "cpi"])
def test_the_one_indicator_prefilter_gives_the_rows_compare_gives_on_every_item(pairs, indicator_id):
    from luoshi.reconcile import MatchMemory, ReportPair, compare
    extra = [("GDP增速", "5.2", "%"), ("生产总值增幅", "5.1", "%"), ("地区生产总值", "5300000000000", "元"),
             ("经济总量增速", "5", "%"), ("城镇新增就业人数", "720000", "人"), ("粮食总产量", "30900000", "吨"),
             ("居民消费价格涨幅", "0.1", "%"), ("城乡居民收入增长", "5.9", "%")]
    for n, (name, value, unit) in enumerate(extra):
        add_result(pairs.hunan_2026, 300 + n, name, value, unit=unit)
    items = {r.pk: [adapter.item_from_row(c, region="湖南省") for c in r.commitments.exclude(value=None)]
             for r in (pairs.hunan_2025, pairs.hunan_2026)}
    for memory in (MatchMemory(), MatchMemory(matches={"城乡居民收入增长": "income_growth", "生产总值增幅": None})):
        pair = [ReportPair("湖南省", 2025, items[pairs.hunan_2025.pk], items[pairs.hunan_2026.pk])]
        whole = compare(pair, indicator_id, memory=memory, prefilter=False)
        reduced = compare(pair, indicator_id, memory=memory)
        assert [r.to_dict() for r in reduced] == [r.to_dict() for r in whole]


def test_a_published_reports_page_links_to_its_reconciliation_and_an_unpublished_one_does_not(pairs):
    client = pairs.world.client(pairs.world.su)
    link = reverse("compare:report", args=[pairs.hunan_2025.pk])
    assert link in client.get(reverse("report_detail", args=[pairs.hunan_2025.pk])).content.decode()
    unpublished = pairs.hunan_2027
    page_html = client.get(reverse("report_detail", args=[unpublished.pk])).content.decode()
    assert reverse("compare:report", args=[unpublished.pk]) not in page_html


def test_the_cli_reconciles_two_reports_from_the_database(pairs, capsys, monkeypatch, tmp_path):
    from luoshi.cli import main

    for var in ("LUOSHI_DATA_DIR", "LUOSHI_DEBUG", "LUOSHI_ALLOWED_HOSTS", "LUOSHI_SECRET_KEY"):
        monkeypatch.setenv(var, str(tmp_path) if var == "LUOSHI_DATA_DIR" else "x")
    assert main(["reconcile", "--db", "--region", "湖南省", "--year", "2025", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    page_rows = json.loads(pairs.world.client(pairs.world.su).get(
        reverse("compare:report_download", args=[pairs.hunan_2025.pk, "json"])).content)["rows"]
    assert [(r["indicator_id"], r["verdict"]) for r in rows] == [(r["indicator_id"], r["verdict"]) for r in page_rows]
    assert ("gdp_growth", "未达成") in [(r["indicator_id"], r["verdict"]) for r in rows]


def test_the_cli_says_what_is_missing_from_the_database(pairs, capsys, monkeypatch, tmp_path):
    from luoshi.cli import main

    for var in ("LUOSHI_DATA_DIR", "LUOSHI_DEBUG", "LUOSHI_ALLOWED_HOSTS", "LUOSHI_SECRET_KEY"):
        monkeypatch.setenv(var, str(tmp_path) if var == "LUOSHI_DATA_DIR" else "x")
    assert main(["reconcile", "--db", "--region", "西藏自治区", "--year", "2025"]) == 2
    assert "不在数据库中" in capsys.readouterr().err
    assert main(["reconcile", "--db", "--region", "湖南省", "--year", "2019"]) == 2
    assert "no 2019 report" in capsys.readouterr().err
