"""Undo of the last 分工表 import (issue 10, finding 9): every assignment and category as before,
the created assignment removed, history kept; refused when later work would be lost."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse

from luoshi_web.exports.models import SheetImport
from luoshi_web.tracking.models import Assignment, Commitment
from luoshi_web.tracking.services import assignment_set

from .test_excel import col, export, rows_by_id, sheet, snapshot, upload

pytestmark = pytest.mark.django_db


def _import(w):
    wb = export(w)
    ws = wb[sheet.SHEET]
    ids = rows_by_id(ws)
    new = ids[w.c_unassigned.pk]
    ws.cell(new, col("牵头单位")).value = "省农业农村厅"
    ws.cell(new, col("配合单位")).value = "省人力资源和社会保障厅"
    ws.cell(new, col("完成时限")).value = "2024年9月30日"
    ws.cell(new, col("类别")).value = "民生实事"
    moved = ids[w.c_b.pk]
    ws.cell(moved, col("牵头单位")).value = "省人力资源和社会保障厅"
    ws.cell(moved, col("完成时限")).value = datetime(2024, 11, 30)
    assert upload(w, wb).status_code == 302
    si = SheetImport.objects.latest("pk")
    assert w.client(w.su).post(reverse("sheet_apply", args=[si.pk])).status_code == 302
    return SheetImport.objects.get(pk=si.pk)


def test_undo_puts_every_assignment_and_category_back(world):
    w = world
    before = snapshot(w.internal_report)
    si = _import(w)
    assert snapshot(w.internal_report) != before
    page = w.client(w.su).get(si.get_absolute_url()).content.decode()
    assert "sheet-undo" in page
    response = w.client(w.su).post(reverse("sheet_undo", args=[si.pk]), follow=True)
    assert "已撤销" in response.content.decode()
    assert snapshot(w.internal_report) == before
    assert Assignment.all_objects.filter(commitment=w.c_unassigned, deleted_at__isnull=False).exists()  # in 回收站
    b = Assignment.objects.get(commitment=w.c_b)
    assert b.pk == w.a_b.pk and b.history.latest().history_change_reason.startswith(f"撤销分工表导入 #{si.pk}")
    again = w.client(w.su).post(reverse("sheet_undo", args=[si.pk]), follow=True).content.decode()
    assert "已经撤销过" in again and snapshot(w.internal_report) == before


def test_undo_is_refused_when_a_row_changed_after_the_import(world):
    w = world
    si = _import(w)
    b = Assignment.objects.get(commitment=w.c_b)
    assignment_set(user=w.su, commitment=Commitment.objects.get(pk=w.c_b.pk), lead_unit=w.unit_b,
                   deadline=date(2024, 10, 31), reason="手工调整")
    after = snapshot(w.internal_report)
    page = w.client(w.su).post(reverse("sheet_undo", args=[si.pk]), follow=True).content.decode()
    assert "导入后又被修改过" in page and snapshot(w.internal_report) == after
    assert Assignment.objects.get(pk=b.pk).lead_unit == w.unit_b


def test_only_a_supervisor_of_the_region_may_undo(world):
    si = _import(world)
    before = snapshot(world.internal_report)
    assert world.client(world.hu).post(reverse("sheet_undo", args=[si.pk])).status_code == 404
    assert world.client(world.rita).post(reverse("sheet_undo", args=[si.pk])).status_code in {403, 404}
    assert snapshot(world.internal_report) == before
