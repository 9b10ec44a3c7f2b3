"""One formatter for every figure shown or exported (issue 13): pages and files write 5万亿元, not
5001285000000 元 or 5.001285万亿元, and keep the exact value where a machine reads it (``data-value``,
CSV/JSON fields, Excel number cells)."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from luoshi_web.display import Figure, excel_number
from luoshi_web.exports.tables import Column, Table
from luoshi_web.tracking.services import assignment_set, progress_report_create, progress_report_verify

from .conftest import make_commitment

D = Decimal

FIGURES = [
    # figure -> (as written, Excel cell value, Excel number format)
    (Figure(D("5001285000000"), "元", "min", "突破"), "突破5万亿元", 5.001285, '"突破"0"万亿元"'),
    (Figure(D("5530000000000"), "元"), "5.53万亿元", 5.53, '0.00"万亿元"'),
    (Figure(D("61500000000"), "斤", "approx", "左右"), "615亿斤左右", 615, '0"亿斤左右"'),
    (Figure(D("700000"), "人", "min"), "70万人以上", 70, '0"万人以上"'),
    (Figure(D("12000"), "万元"), "1.2亿元", 1.2, '0.0"亿元"'),
    (Figure(D("5.5"), "%", "max"), "5.5%以内", 5.5, '0.0"%以内"'),
    (Figure(D("3.14159"), "%"), "3.14%", 3.14159, '0.00"%"'),
    (Figure(D("6"), "%", "approx", "左右", D("6.5")), "6%–6.5%左右", 6, '0"%–6.5%左右"'),
    (Figure(D("608"), "所"), "608所", 608, '0"所"'),
    (Figure(D("12.5"), ""), "12.5", 12.5, "0.0"),
    (Figure(D("50000000000000"), "元", "min", "迈上"), "迈上50万亿元", 50, '"迈上"0"万亿元"'),
]


@pytest.mark.parametrize(("fig", "text", "value", "number_format"), FIGURES, ids=[f[1] for f in FIGURES])
def test_a_figure_is_written_once_for_pages_and_files(fig, text, value, number_format) -> None:
    assert str(fig) == text
    cell_value, fmt = excel_number(fig)
    assert cell_value == pytest.approx(value) and isinstance(cell_value, int | float)
    assert fmt == number_format


def test_a_quote_in_a_unit_cannot_break_the_number_format() -> None:
    _, fmt = excel_number(Figure(D("5"), 'a"b'))
    assert fmt == '0"ab"'


def test_a_figure_column_downloads_as_written_with_its_exact_value_and_unit() -> None:
    t = Table("t", "t", [Column("name", "指标"), Column("target", "目标", "figure")],
              [{"name": "GDP", "target": Figure(D("5001285000000"), "元", "min", "突破")}, {"name": "x", "target": None}])
    assert t.to_csv().lstrip("\ufeff").splitlines() == [
        "指标,目标,目标（数值）,目标（单位）", "GDP,突破5万亿元,5001285000000,元", "x,,,"]
    assert t.to_dict()["rows"][0] == {"name": "GDP", "target": "突破5万亿元", "target_value": 5001285000000,
                                      "target_unit": "元"}


@pytest.fixture
def lagging_gdp(world):
    """A GDP target in base units, assigned and lagging in June with a verified report."""
    w = world
    gdp = make_commitment(w.internal_report, 8, "地区生产总值总量", "5001285000000", unit="元", comparator="min",
                          qualifier="突破", text="地区生产总值总量突破5万亿元")
    a = assignment_set(user=w.su, commitment=gdp, lead_unit=w.unit_b, deadline=date(2024, 6, 30))
    p = progress_report_create(user=w.su, assignment=a, as_of=date(2024, 6, 30), value=Decimal("1234567890123"),
                               narrative="上半年")
    progress_report_verify(user=w.su, progress=p)
    return gdp


@pytest.mark.django_db
def test_the_bulletin_page_shows_figures_as_written_and_keeps_exact_values(world, lagging_gdp):
    page = world.client(world.su).get(reverse("bulletin", args=[world.hunan.pk, 2024, 6])).content.decode()
    lagging = page.split('id="table-lagging"', 1)[1].split("</figure>", 1)[0]
    assert "突破5万亿元" in lagging and "1.23万亿元" in lagging
    assert "5.001285" not in lagging and "1.234567890123" not in lagging
    assert 'data-value="5001285000000"' in lagging and 'data-value="1234567890123"' in lagging


@pytest.mark.django_db
def test_the_bulletin_downloads_keep_the_exact_figures(world, lagging_gdp):
    su = world.client(world.su)
    url = reverse("bulletin", args=[world.hunan.pk, 2024, 6])
    rows = json.loads(su.get(url + "?format=json&table=lagging").content)["rows"]
    row = next(r for r in rows if r["indicator"] == "地区生产总值总量")
    assert (row["target"], row["target_value"], row["target_unit"]) == ("突破5万亿元", 5001285000000, "元")
    assert (row["latest_value"], row["latest_value_value"]) == ("1.23万亿元", 1234567890123)


@pytest.mark.django_db
def test_the_bulletin_workbook_has_number_cells_showing_figures_as_written(world, lagging_gdp):
    response = world.client(world.su).get(reverse("bulletin_xlsx", args=[world.hunan.pk, 2024, 6]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb["滞后任务清单"]
    header = [c.value for c in ws[2]]
    target_col, latest_col = header.index("目标") + 1, header.index("最新完成值") + 1
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=2).value == "地区生产总值总量")
    target, latest = ws.cell(row=row, column=target_col), ws.cell(row=row, column=latest_col)
    assert target.data_type == "n" and target.value == pytest.approx(5.001285)
    assert target.number_format == '"突破"0"万亿元"'
    assert latest.data_type == "n" and latest.value == pytest.approx(1.234567890123)
    assert latest.number_format == '0.00"万亿元"'
    share = wb["各牵头单位推进情况"]
    good = [c.value for c in share[2]].index("正常率") + 1
    assert share.cell(row=3, column=good).data_type == "n" and share.cell(row=3, column=good).number_format == "0.0%"
