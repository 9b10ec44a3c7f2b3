"""Excel downloads hold numbers as number cells with a number format (issue 13), never the text of a
number, and still never run a name as a formula."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from luoshi_web.exports import sheet
from luoshi_web.exports.models import SheetImport

from .conftest import make_commitment

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# indicator, value, value_max, unit, comparator, qualifier -> cell value, number format, 单位 column
TARGETS = [
    ("地区生产总值总量", "5001285000000", None, "元", "min", "突破", 5.001285, '"突破"0', "万亿元"),
    ("粮食总产量", "61500000000", None, "斤", "approx", "左右", 615, '0"左右"', "亿斤"),
    ("经济增长", "5", "5.5", "%", "approx", "左右", 5, '0"–5.5左右"', "%"),
    ("新建学校", "608", None, "所", "exact", "", 608, "0", "所"),
    ("居民收入增长", "5.25", None, "%", "exact", "", 5.25, "0.00", "%"),
]


@pytest.fixture
def figures(world):
    return {t[0]: make_commitment(world.internal_report, 10 + n, t[0], t[1], unit=t[3], comparator=t[4],
                                  qualifier=t[5], value_max=Decimal(t[2]) if t[2] else None)
            for n, t in enumerate(TARGETS)}


def sheet_rows(world):
    response = world.client(world.su).get(reverse("sheet_export", args=[world.internal_report.pk]))
    data = b"".join(response.streaming_content)
    ws = load_workbook(io.BytesIO(data))[sheet.SHEET]
    col = {h: i + 1 for i, h in enumerate(sheet.HEADERS)}
    rows = {ws.cell(r, col["指标/任务"]).value: r for r in range(4, ws.max_row + 1)}
    return data, ws, col, rows


@pytest.mark.parametrize("case", TARGETS, ids=[t[0] for t in TARGETS])
def test_the_assignment_sheet_target_is_a_number_cell(world, figures, case):
    indicator, *_, value, number_format, unit = case
    _, ws, col, rows = sheet_rows(world)
    target = ws.cell(rows[indicator], col["目标值"])
    assert target.data_type == "n" and target.value == pytest.approx(value)
    assert target.number_format == number_format
    assert ws.cell(rows[indicator], col["单位"]).value == unit


def test_number_cells_do_not_change_what_an_unchanged_sheet_imports(world, figures):
    data, *_ = sheet_rows(world)
    f = SimpleUploadedFile("分工表.xlsx", data, content_type=XLSX)
    response = world.client(world.su).post(reverse("sheet_upload", args=[world.internal_report.pk]), {"file": f})
    assert response.status_code == 302
    si = SheetImport.objects.get()
    assert si.n_errors == 0 and si.n_changes == 0, si.rows


def test_the_bulletin_workbook_has_no_number_written_as_text(province):
    w = province.world
    response = w.client(w.su).get(reverse("bulletin_xlsx", args=[w.hunan.pk, 2024, 6]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, str):
                    assert not cell.value.replace(".", "", 1).isdigit(), (ws.title, cell.coordinate, cell.value)
    lagging = wb["滞后任务清单"]
    header = [c.value for c in lagging[2]]
    target = lagging.cell(row=3, column=header.index("目标") + 1)
    assert target.data_type == "n" and target.value == 10 and target.number_format == '0"栋以上"'
    summary = wb["总体情况"]
    assert {summary.cell(row=r, column=3).number_format for r in range(3, summary.max_row + 1)
            if summary.cell(row=r, column=3).value is not None} == {"0.0%"}
