"""Word (.docx) exports of the 督查通报 and of the 分工方案 (issue 13): opened with python-docx, their
title, date, tables, repeated header row and East Asian fonts checked; text from reports is written
as is (no spreadsheet quoting, no HTML escaping), only XML's forbidden control characters dropped."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from luoshi_web.exports import word
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking.models import Commitment, ProgressReport
from luoshi_web.tracking.services import assignment_set

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def fetch(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == DOCX
    assert ".docx" in response["Content-Disposition"]
    return Document(io.BytesIO(b"".join(response.streaming_content)))


def rows(table) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in table.rows]


def header_repeats(table) -> bool:
    trpr = table.rows[0]._tr.trPr
    el = None if trpr is None else trpr.find(qn("w:tblHeader"))
    return el is not None and el.get(qn("w:val")) in ("true", "1", None)


def east_asian_fonts(doc) -> set[str]:
    fonts = set()
    for el in doc.element.body.iter(qn("w:rFonts")):
        if el.get(qn("w:eastAsia")):
            fonts.add(el.get(qn("w:eastAsia")))
    normal = doc.styles["Normal"].element.rPr.rFonts
    return fonts | {normal.get(qn("w:eastAsia"))}


@pytest.fixture(autouse=True)
def _verified(province):
    ProgressReport.objects.exclude(assignment__commitment=province.done).update(verified=True)


def test_the_bulletin_is_a_word_document_with_title_date_and_tables(province):
    w = province.world
    doc = fetch(w.client(w.su), reverse("bulletin_docx", args=[w.hunan.pk, 2024, 6]))
    texts = [p.text for p in doc.paragraphs]
    assert "湖南省2024年政府工作报告重点任务推进情况通报（6月）" in texts
    assert "数据截至 2024年6月30日" in texts
    assert any(t.startswith("截至6月30日，纳入督查的") for t in texts)
    summary, units, lagging = doc.tables
    assert rows(summary)[0] == ["状态", "任务数", "占比"]
    assert rows(units)[0][:2] == ["牵头单位", "任务数"] and rows(units)[1][0] == w.unit_b.name
    lag = rows(lagging)
    assert lag[0] == ["序号", "指标/任务", "牵头单位", "目标", "最新完成值", "报送日期", "完成时限", "状态"]
    assert [r[1] for r in lag[1:]] == ["园区标准厂房", "粮食产量", "改造老旧小区", "高标准农田"]
    first = lag[1]
    assert first[3] == "10栋以上" and first[4] == "5栋" and first[7] == "逾期未完成"
    assert all(header_repeats(t) for t in doc.tables)
    assert {"仿宋", "黑体", "宋体"} <= east_asian_fonts(doc)


def test_the_bulletin_page_links_its_word_version(province):
    w = province.world
    page = w.client(w.su).get(reverse("bulletin", args=[w.hunan.pk, 2024, 6])).content.decode()
    assert reverse("bulletin_docx", args=[w.hunan.pk, 2024, 6]) in page


def test_the_plan_lists_each_task_with_its_units_and_deadline(world):
    w = world
    assignment_set(user=w.su, commitment=w.c_a, lead_unit=w.unit_a, deadline=date(2024, 10, 31), supporting_units=[w.unit_b])
    doc = fetch(w.client(w.su), reverse("plan_docx", args=[w.internal_report.pk]))
    texts = [p.text for p in doc.paragraphs]
    assert f"{w.internal_report.title}重点任务分工方案" in texts
    (table,) = doc.tables
    got = rows(table)
    assert got[0] == ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
    by_task = {r[1]: r for r in got[1:]}
    assert [r[0] for r in got[1:]] == [str(n) for n in range(1, len(got))]
    row = by_task[w.c_a.text]
    assert row[2:] == [w.unit_a.name, w.unit_b.name, "2024年10月31日"]
    assert by_task[w.c_unassigned.text][2:] == ["", "", ""]
    assert header_repeats(table) and "宋体" in east_asian_fonts(doc)


def test_the_plan_page_links_and_others_may_not_download(world):
    w = world
    page = w.client(w.su).get(reverse("sheet_upload", args=[w.internal_report.pk])).content.decode()
    assert reverse("plan_docx", args=[w.internal_report.pk]) in page
    assert w.client(w.nick).get(reverse("plan_docx", args=[w.internal_report.pk])).status_code in (403, 404)


def test_report_text_is_written_as_is(world):
    w = world
    tricky = "=HYPERLINK(\"http://evil.example\") & <b>粗体</b>\x0b 第二行"
    Commitment.objects.filter(pk=w.c_a.pk).update(text=tricky)
    OrgUnit.objects.filter(pk=w.unit_a.pk).update(name="-1+1 省<厅>&")
    assignment_set(user=w.su, commitment=Commitment.objects.get(pk=w.c_a.pk), lead_unit=OrgUnit.objects.get(pk=w.unit_a.pk),
                   deadline=date(2024, 12, 31))
    doc = fetch(w.client(w.su), reverse("plan_docx", args=[w.internal_report.pk]))
    got = rows(doc.tables[0])
    row = next(r for r in got if "HYPERLINK" in r[1])
    assert row[1] == "=HYPERLINK(\"http://evil.example\") & <b>粗体</b> 第二行"  # no quote, no &amp;, no \x0b
    assert row[2] == "-1+1 省<厅>&"


def test_clean_drops_only_forbidden_control_characters():
    assert word.clean("a\x00b\x07c\td\ne&<>\"'") == "abc\td\ne&<>\"'"


def test_a_long_plan_keeps_every_row_in_order_with_its_fonts():
    plan = [(str(n), f"任务{n}", "省农业农村厅" if n % 2 else "", "", "2026年12月31日") for n in range(1, 601)]
    doc = Document(io.BytesIO(word.plan_document(title="湖南省2026年政府工作报告重点任务分工方案", day=date(2026, 3, 1), rows=plan)))
    (table,) = doc.tables
    got = rows(table)
    assert len(got) == 601 and got[1:] == [list(r) for r in plan]
    assert header_repeats(table)
    assert sum(1 for r in table.rows if r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None) == 1
    assert "2026年3月1日" in [p.text for p in doc.paragraphs]
