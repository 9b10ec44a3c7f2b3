"""分工表 round trip: export, fill in cells with openpyxl as an office would, import, check the database."""

from __future__ import annotations

import doctest
import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from luoshi_web.errors import DomainError
from luoshi_web.exports import services, sheet, sheet_plan, tables, targets
from luoshi_web.exports.models import SheetImport
from luoshi_web.tracking.models import Assignment, Commitment
from luoshi_web.tracking.services import assignment_set

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 3


def export(w, user=None):
    response = w.client(user or w.su).get(reverse("sheet_export", args=[w.internal_report.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows_by_id(ws) -> dict[int, int]:
    """Excel row number of each task, by the 任务编号 column."""
    col = sheet.HEADERS.index("任务编号（勿改）") + 1
    return {ws.cell(row=r, column=col).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)
            if ws.cell(row=r, column=col).value}


def col(name: str) -> int:
    return sheet.HEADERS.index(name) + 1


def upload(w, wb, name: str = "分工表（已填写）.xlsx", user=None):
    out = io.BytesIO()
    wb.save(out)
    f = SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)
    return w.client(user or w.su).post(reverse("sheet_upload", args=[w.internal_report.pk]), {"file": f})


def snapshot(report) -> list[tuple]:
    """Everything an import could change, to compare before and after."""
    out = []
    for c in Commitment.objects.filter(report=report).order_by("pk"):
        a = Assignment.objects.filter(commitment=c).prefetch_related("supporting_units").first()
        out.append((c.pk, c.category, a.lead_unit_id if a else None, a.deadline if a else None,
                    sorted(u.pk for u in a.supporting_units.all()) if a else None))
    return out


def test_export_is_the_assignment_table_with_the_agreed_columns(world):
    wb = export(world)
    ws = wb[sheet.SHEET]
    assert [c.value for c in ws[HEADER_ROW]] == list(sheet.HEADERS)
    assert list(sheet.HEADERS[:8]) == ["序号", "类别", "指标/任务", "目标值", "单位", "牵头单位", "配合单位", "完成时限"]
    ids = rows_by_id(ws)
    assert set(ids) == {world.c_a.pk, world.c_b.pk, world.c_unassigned.pk}  # this report's tasks only
    r = ids[world.c_a.pk]
    assert ws.cell(r, col("指标/任务")).value == "城镇新增就业"
    target = ws.cell(r, col("目标值"))  # a number cell (issue 13), its qualifier in the number format
    assert (target.value, target.data_type, target.number_format) == (70, "n", '0"以上"')
    assert ws.cell(r, col("单位")).value == "万人"
    assert ws.cell(r, col("牵头单位")).value == world.unit_a.name
    assert ws.cell(r, col("完成时限")).value == datetime(2024, 12, 31)
    assert ws.cell(ids[world.c_unassigned.pk], col("牵头单位")).value is None
    assert [ws.cell(r, 1).value for r in sorted(ids.values())] == [1, 2, 3]
    units = [c.value for c in wb[sheet.UNITS_SHEET]["A"]][1:]
    assert world.unit_a.name in units and "湖北省政府督查室" not in units
    assert ws.data_validations.dataValidation, "the 牵头单位 column offers the unit list"


def test_round_trip_creates_and_updates_assignments_after_a_preview(world):
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ids = rows_by_id(ws)
    # as an office fills it in: a new assignment with a supporting unit and a date typed as text ...
    new = ids[w.c_unassigned.pk]
    ws.cell(new, col("牵头单位")).value = "省农业农村厅"
    ws.cell(new, col("配合单位")).value = "省人力资源和社会保障厅"
    ws.cell(new, col("完成时限")).value = "2024年9月30日"
    ws.cell(new, col("类别")).value = "民生实事"
    # ... a change of lead unit and a date cell ...
    moved = ids[w.c_b.pk]
    ws.cell(moved, col("牵头单位")).value = " 省人力资源和社会保障厅 "
    ws.cell(moved, col("完成时限")).value = datetime(2024, 11, 30)
    before = snapshot(w.internal_report)

    response = upload(w, wb)
    assert response.status_code == 302
    si = SheetImport.objects.get()
    assert (si.n_errors, si.n_changes) == (0, 2)
    assert snapshot(w.internal_report) == before, "nothing may change before the supervisor confirms"
    preview = w.client(w.su).get(si.get_absolute_url()).content.decode()
    assert 'data-changes="2"' in preview and 'data-errors="0"' in preview
    assert "省农业农村厅" in preview and "2024-09-30" in preview and "sheet-apply" in preview

    response = w.client(w.su).post(reverse("sheet_apply", args=[si.pk]))
    assert response.status_code == 302
    a = Assignment.objects.get(commitment=w.c_unassigned)
    assert (a.lead_unit, a.deadline, list(a.supporting_units.all())) == (w.unit_b, date(2024, 9, 30), [w.unit_a])
    assert Commitment.objects.get(pk=w.c_unassigned.pk).category == "民生实事"
    b = Assignment.objects.get(commitment=w.c_b)
    assert (b.lead_unit, b.deadline) == (w.unit_a, date(2024, 11, 30))
    assert b.pk == w.a_b.pk, "an existing assignment is changed, not replaced"
    reason = b.history.latest().history_change_reason
    assert "分工表（已填写）.xlsx" in reason and f"第{moved}行" in reason
    assert b.history.latest().history_user == w.su
    assert SheetImport.objects.get().state == SheetImport.State.APPLIED
    # importing the same file again is refused; re-uploading it shows nothing left to change
    assert w.client(w.su).post(reverse("sheet_apply", args=[si.pk])).status_code == 302
    assert SheetImport.objects.get().state == SheetImport.State.APPLIED
    upload(w, wb)
    assert SheetImport.objects.latest("pk").n_changes == 0


def test_internal_note_result_form_and_frequency_survive_an_import(world):
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ws.cell(rows_by_id(ws)[w.c_a.pk], col("完成时限")).value = "2024-10-31"
    upload(w, wb)
    services.sheet_import_apply(user=w.su, sheet_import=SheetImport.objects.get())
    a = Assignment.objects.get(commitment=w.c_a)
    assert a.deadline == date(2024, 10, 31) and a.note == "内部备注：重点盯办"


def test_a_file_with_bad_rows_changes_nothing_and_names_each_row_and_why(world):
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ids = rows_by_id(ws)
    good, bad_unit, bad_date = ids[w.c_a.pk], ids[w.c_b.pk], ids[w.c_unassigned.pk]
    ws.cell(good, col("完成时限")).value = "2024-08-31"  # a valid change, which must not happen either
    ws.cell(bad_unit, col("牵头单位")).value = "省农业农村局"  # no such unit: it is 厅
    ws.cell(bad_date, col("牵头单位")).value = "省农业农村厅"
    ws.cell(bad_date, col("完成时限")).value = "2024-13-01"
    before = snapshot(w.internal_report)

    upload(w, wb)
    si = SheetImport.objects.get()
    assert si.n_errors == 2
    errors = {r["row"]: r["errors"] for r in si.rows if r["errors"]}
    assert set(errors) == {bad_unit, bad_date}
    assert "省农业农村局" in errors[bad_unit][0] and "是不是“省农业农村厅”" in errors[bad_unit][0]
    assert "2024-13-01" in errors[bad_date][0] and "不是有效的日期" in errors[bad_date][0]
    page = w.client(w.su).get(si.get_absolute_url()).content.decode()
    assert f"第 {bad_unit} 行" in page and f"第 {bad_date} 行" in page and "sheet-apply" not in page

    response = w.client(w.su).post(reverse("sheet_apply", args=[si.pk]))  # forced anyway
    assert response.status_code == 302
    assert snapshot(w.internal_report) == before
    assert SheetImport.objects.get().state == SheetImport.State.OPEN
    with pytest.raises(DomainError, match="2 行错误"):
        services.sheet_import_apply(user=w.su, sheet_import=si)


def test_a_rule_the_service_enforces_is_reported_on_its_row_in_the_preview(world):
    """Lead unit also listed as supporting, and a deadline before the report's year: refused per row."""
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ids = rows_by_id(ws)
    ws.cell(ids[w.c_a.pk], col("配合单位")).value = "省人力资源和社会保障厅、省农业农村厅"
    ws.cell(ids[w.c_b.pk], col("完成时限")).value = "2023-12-31"
    before = snapshot(w.internal_report)
    upload(w, wb)
    rows = {r["row"]: r for r in SheetImport.objects.get().rows}
    assert "既是牵头单位又是配合单位" in rows[ids[w.c_a.pk]]["errors"][0]
    assert "早于报告年度" in rows[ids[w.c_b.pk]]["errors"][0]  # the tracking service's own message
    assert snapshot(w.internal_report) == before


def test_import_is_refused_when_the_data_changed_after_the_preview(world):
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ws.cell(rows_by_id(ws)[w.c_a.pk], col("完成时限")).value = "2024-09-30"
    upload(w, wb)
    assignment_set(user=w.su, commitment=w.c_a, lead_unit=w.unit_a, deadline=date(2024, 9, 30))
    with pytest.raises(DomainError, match="预览之后"):
        services.sheet_import_apply(user=w.su, sheet_import=SheetImport.objects.get())


def test_rows_are_matched_by_task_number_whatever_their_order_or_by_a_unique_name(world):
    w = world
    wb = Workbook()
    ws = wb.active
    ws.append(["指标/任务", "牵头单位", "完成时限"])  # a hand-made table without 任务编号
    ws.append(["新建学校", "省农业农村厅", 45565])  # an Excel date serial that lost its format: 2024-09-30
    ws.append(["不存在的任务", "省农业农村厅", "年底"])
    upload(w, wb, "手工表.xlsx")
    si = SheetImport.objects.get()
    first, second = si.rows
    assert (first["commitment_id"], first["action"], first["target"]["deadline"]) == (w.c_unassigned.pk, "create",
                                                                                      "2024-09-30")
    assert "找不到唯一的任务" in second["errors"][0] and second["row"] == 3


def test_duplicate_rows_and_foreign_task_numbers_are_errors(world):
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ws.append([9, "", "城镇新增就业", "", "", "省人力资源和社会保障厅", "", "2024-12-31", w.c_a.pk])
    ws.append([10, "", "失业率", "", "", "省人力资源和社会保障厅", "", "2024-12-31", w.c_pub.pk])
    upload(w, wb)
    errors = [e for r in SheetImport.objects.get().rows for e in r["errors"]]
    assert any("是同一项任务" in e for e in errors)
    assert any(f"任务编号“{w.c_pub.pk}”不是本报告的任务" in e for e in errors)


def test_clearing_the_lead_unit_of_an_assigned_task_is_an_error_not_a_deletion(world):
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ws.cell(rows_by_id(ws)[w.c_a.pk], col("牵头单位")).value = None
    upload(w, wb)
    assert "不能通过分工表取消分工" in SheetImport.objects.get().rows[0]["errors"][0]
    assert Assignment.objects.filter(commitment=w.c_a).exists()


def test_a_file_that_is_not_a_workbook_is_refused_with_what_to_do(world):
    bad = SimpleUploadedFile("分工表.xlsx", b"not a zip", content_type=XLSX)
    response = world.client(world.su).post(reverse("sheet_upload", args=[world.internal_report.pk]), {"file": bad})
    assert response.status_code == 400 and "另存为" in response.content.decode()
    wps = SimpleUploadedFile("分工表.et", b"...", content_type="application/octet-stream")
    response = world.client(world.su).post(reverse("sheet_upload", args=[world.internal_report.pk]), {"file": wps})
    assert response.status_code == 400 and ".xlsx" in response.content.decode()
    assert not SheetImport.objects.exists()


def test_discarding_an_import_keeps_it_as_a_record_and_changes_nothing(world):
    w = world
    wb = export(w)
    ws = wb[sheet.SHEET]
    ws.cell(rows_by_id(ws)[w.c_a.pk], col("完成时限")).value = "2024-09-30"
    upload(w, wb)
    si = SheetImport.objects.get()
    assert w.client(w.su).post(reverse("sheet_discard", args=[si.pk])).status_code == 302
    assert SheetImport.objects.get().state == SheetImport.State.DISCARDED
    assert Assignment.objects.get(commitment=w.c_a).deadline == date(2024, 12, 31)


# --- roles ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["rita", "nick", "hu"])
def test_only_the_regions_supervisor_may_export_or_import_the_table(world, persona):
    w = world
    user = getattr(w, persona)
    c = w.client(user)
    assert c.get(reverse("sheet_export", args=[w.internal_report.pk])).status_code == 403
    assert c.get(reverse("sheet_upload", args=[w.internal_report.pk])).status_code == 403
    assert c.get(reverse("sheet_index")).status_code == (200 if persona == "hu" else 403)
    wb = export(w)
    response = upload(w, wb, user=user)
    assert response.status_code == 403 and not SheetImport.objects.exists()
    with pytest.raises(Exception, match="督查员"):
        sheet_plan.run(user=user, report=w.internal_report, rows=[], columns=set(), source_name="x", commit=True)


def test_another_regions_supervisor_cannot_see_or_apply_an_import(world):
    w = world
    upload(w, export(w))
    si = SheetImport.objects.get()
    hu = w.client(w.hu)
    assert hu.get(si.get_absolute_url()).status_code == 404
    assert hu.post(reverse("sheet_apply", args=[si.pk])).status_code == 404
    assert w.client(w.rita).get(si.get_absolute_url()).status_code == 404


def test_anonymous_visitor_is_sent_to_login_for_every_sheet_page(world, client):
    upload(world, export(world))
    si = SheetImport.objects.get()
    for url in (reverse("sheet_index"), reverse("sheet_export", args=[world.internal_report.pk]),
                reverse("sheet_upload", args=[world.internal_report.pk]), si.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    assert client.post(reverse("sheet_apply", args=[si.pk])).status_code == 302
    assert SheetImport.objects.get().state == SheetImport.State.OPEN


def test_sheet_index_lists_the_supervisors_reports(world):
    html = world.client(world.su).get(reverse("sheet_index")).content.decode()
    assert "内部报告" in html and reverse("sheet_export", args=[world.internal_report.pk]) in html


def test_preview_downloads_as_csv_and_json(world):
    upload(world, export(world))
    si = SheetImport.objects.get()
    response = world.client(world.su).get(si.get_absolute_url() + "?table=preview&format=json")
    assert response.status_code == 200 and len(response.json()["rows"]) == 3


def test_helpers_doctests():
    for module in (sheet, tables, targets):
        assert doctest.testmod(module).failed == 0, module.__name__
