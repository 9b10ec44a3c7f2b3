"""Issue 10, finding 1: no number can take a region's pages down.

Every boundary where a number or a year comes in (the commitment form, the assignment form and its
milestones, the progress form, the import review and its confirmation, the 分工表 upload, the API,
the admin) refuses what is out of bounds: a year within 1949…2100, decimals finite, six places at
most and below 10²¹ (the fields' 28 digits, less what SQLite's floats cannot give back), dates
within those years. The database refuses them too (check constraints), and a
row that cannot be rated all the same is shown as 无法评估, never as a 500. Ids too large for the
database are 404.

After each hostile value every main page is opened as every persona: no 500.
"""

from __future__ import annotations

import decimal
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from luoshi_web.exports import sheet
from luoshi_web.exports.models import SheetImport
from luoshi_web.reports.models import ImportDraft, Report
from luoshi_web.tracking import status as status_module
from luoshi_web.tracking.models import Assignment, Commitment, Milestone, ProgressReport

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
LIMIT = Decimal(10) ** 21  # the fields hold 28 digits, 6 after the point; SQLite, as floats, 10²¹ safely
HOSTILE_NUMBERS = ["1e30", "-1e30", "1e999999", "-1e999999", "1e-999999", "inf", "-Infinity", "NaN", "sNaN",
                   "1e22", "-1e22", "1e21", "1000000000000000000000", "9" * 22, "0.0000001", "1" * 40, "1e",
                   "Infinity%"]
HOSTILE_YEARS = ["10000", "99999", "32767", "32768", "1948", "0", "-1", "2101", HUGE, "1e3", "2e3"]
HOSTILE_DATES = ["9999-12-31", "0001-01-01", "1900-01-01", "2101-01-01", "1948-12-31"]
TODAY_ISO = date.today().isoformat()


# --- who opens what -----------------------------------------------------------------------------

@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("root", password="pw-root-123456")


@pytest.fixture
def draft(world):
    text = "今年城镇新增就业70万人。"
    item = {"kind": "target", "indicator": "城镇新增就业", "value": "700000", "value_max": None, "unit": "人",
            "comparator": "exact", "qualifier": None, "year": 2025, "text": "城镇新增就业70万人", "start": 2,
            "end": 11, "section": [], "raw_value": "70万", "region": None, "rule": "arabic", "category": "",
            "binding": "", "measure": "cumulative"}
    # 2025: a year without a report of the region, so confirming needs no choice about duplicates
    return ImportDraft.objects.create(region=world.hunan, year=2025, title="草稿", source_file="drafts/x.txt",
                                      source_name="x.txt", text=text, sha256="d" * 64, items=[item],
                                      created_by=world.su)


def main_urls(w, draft=None) -> list[str]:
    urls = [
        "/", reverse("report_list"), reverse("commitment_list"), reverse("my_tasks"), reverse("lagging"),
        reverse("dashboard_home"), reverse("bulletin_home"), reverse("public_index"),
        reverse("public_region_year", args=[w.hunan.pk, 2024]),
        reverse("public_region_year", args=[w.hunan.pk, 2024]) + "?format=csv",
        reverse("public_commitment", args=[w.c_pub.pk]),
        reverse("report_detail", args=[w.internal_report.pk]), reverse("report_detail", args=[w.public_report.pk]),
        reverse("commitment_detail", args=[w.c_a.pk]), reverse("commitment_detail", args=[w.c_pub.pk]),
        reverse("dashboard", args=[w.hunan.pk, 2024]), reverse("dashboard", args=[w.hunan.pk, 2024]) + "?format=json",
        reverse("bulletin", args=[w.hunan.pk, 2024, 6]), reverse("bulletin_xlsx", args=[w.hunan.pk, 2024, 6]),
        reverse("sheet_export", args=[w.internal_report.pk]),
        "/api/commitments/", f"/api/commitments/?report={w.internal_report.pk}", f"/api/commitments/{w.c_a.pk}",
        f"/api/commitments/{w.c_pub.pk}", "/api/reports/",
        reverse("compare:index"), reverse("compare:report", args=[w.public_report.pk]),
        "/admin/tracking/commitment/", f"/admin/tracking/commitment/{w.c_a.pk}/change/",
        f"/admin/tracking/assignment/{w.a_a.pk}/change/", "/admin/tracking/progressreport/",
        "/admin/reports/report/", f"/admin/reports/report/{w.internal_report.pk}/change/",
    ]
    if draft is not None:
        urls.append(reverse("import_review", args=[draft.pk]))
    return urls


def assert_no_server_error(w, admin, draft=None) -> None:
    failures = []
    for user in (None, w.su, w.rita, w.nick, w.hu, admin):
        c = Client(raise_request_exception=False)
        if user is not None:
            c.force_login(user)
        for url in main_urls(w, draft):
            response = c.get(url)
            if response.status_code >= 500:
                failures.append((getattr(user, "username", "anonymous"), url, response.status_code))
    assert not failures, f"server errors: {failures}"


def stored_values_in_bounds() -> None:
    """Every number and year in the tracked tables is within bounds (reading them must not fail)."""
    for year, value, value_max in Commitment.all_objects.values_list("year", "value", "value_max"):
        assert year is None or 1949 <= year <= 2100
        for v in (value, value_max):
            assert v is None or (v.is_finite() and abs(v) < LIMIT)
    for (v,) in Milestone.objects.values_list("planned_value"):
        assert v is None or (v.is_finite() and abs(v) < LIMIT)
    for v, pct, as_of in ProgressReport.all_objects.values_list("value", "percent_done", "as_of"):
        assert v is None or (v.is_finite() and abs(v) < LIMIT)
        assert pct is None or 0 <= pct <= 100
        assert 1949 <= as_of.year <= 2100
    for (deadline,) in Assignment.all_objects.values_list("deadline"):
        assert 1949 <= deadline.year <= 2100
    for (year,) in Report.all_objects.values_list("year"):
        assert 1949 <= year <= 2100


# --- the boundaries, one by one ----------------------------------------------------------------

def edit(w, c, **fields):
    data = {"kind": c.kind, "indicator": c.indicator, "value": c.value or "", "value_max": c.value_max or "",
            "unit": c.unit, "comparator": c.comparator, "qualifier": c.qualifier, "year": c.year or "",
            "category": c.category, "binding": c.binding, "measure": c.measure, "reason": "测试"}
    data.update(fields)
    return w.client(w.su).post(reverse("commitment_edit", args=[c.pk]), data)


def assign(w, c, milestones: str = "", deadline: str = "2024-12-31"):
    return w.client(w.su).post(reverse("assignment_set", args=[c.pk]), {
        "lead_unit": w.unit_a.pk, "deadline": deadline, "frequency": "monthly", "milestones": milestones,
        "reason": "测试"})


def progress(w, c, **fields):
    data = {"as_of": TODAY_ISO, "value": "1", "narrative": "进展", **fields}
    return w.client(w.rita).post(reverse("progress_create", args=[c.pk]), data)


def review_edit(w, draft, **fields):
    data = {"index": 0, "kind": "target", "indicator": "城镇新增就业", "measure": "cumulative", **fields}
    return w.client(w.su).post(reverse("import_review_action", args=[draft.pk, "edit"]), data)


def test_model_fields_refuse_out_of_range_years_numbers_and_dates(world):
    w = world
    c = Commitment(report=w.internal_report, kind="target", indicator="x", text="x", year=10000)
    with pytest.raises(ValidationError) as e:
        c.full_clean()
    assert "year" in e.value.message_dict
    for year in (1948, 2101):
        c.year = year
        with pytest.raises(ValidationError):
            c.full_clean()
    c.year = 2100
    c.full_clean()
    r = Report(region=w.hunan, year=2101, title="t", text="t", sha256="e" * 64, imported_by=w.su)
    with pytest.raises(ValidationError) as e:
        r.full_clean()
    assert "year" in e.value.message_dict
    m = Milestone(assignment=w.a_a, due=date(9999, 12, 31), planned_value=Decimal("1"))
    with pytest.raises(ValidationError) as e:
        m.full_clean()
    assert "due" in e.value.message_dict
    p = ProgressReport(assignment=w.a_a, as_of=date(2024, 1, 1), percent_done=Decimal("101"), narrative="n",
                       author=w.rita)
    with pytest.raises(ValidationError) as e:
        p.full_clean()
    assert "percent_done" in e.value.message_dict


STORED = [
    ("commitment", "year", 10000), ("commitment", "year", 1000), ("commitment", "year", 32767),
    ("commitment", "value", Decimal("1e22")), ("commitment", "value_max", Decimal("-1e22")),
    ("report", "year", 10000), ("report", "year", 1900),
    ("milestone", "planned_value", Decimal("1e22")), ("milestone", "due", date(9999, 12, 31)),
    ("assignment", "deadline", date(9999, 12, 31)), ("assignment", "deadline", date(1900, 1, 1)),
    ("progress", "value", Decimal("1e22")), ("progress", "percent_done", Decimal("150")),
    ("progress", "percent_done", Decimal("-1")), ("progress", "as_of", date(1, 1, 1)),
]


@pytest.mark.parametrize(("table", "field", "value"), STORED, ids=[f"{t}.{f}={v}" for t, f, v in STORED])
def test_the_database_refuses_hostile_values_or_the_pages_survive_them(world, admin, table, field, value):
    w = world
    ms = Milestone.objects.create(assignment=w.a_pub, due=date(2024, 6, 30), planned_value=Decimal("5.4"))
    pr = ProgressReport.objects.create(assignment=w.a_pub, as_of=date(2024, 5, 31), value=Decimal("5.1"),
                                       narrative="n", author=w.rita, verified=True)
    qs = {"commitment": Commitment.objects.filter(pk=w.c_pub.pk),
          "report": Report.objects.filter(pk=w.public_report.pk),
          "milestone": Milestone.objects.filter(pk=ms.pk), "assignment": Assignment.objects.filter(pk=w.a_pub.pk),
          "progress": ProgressReport.objects.filter(pk=pr.pk)}[table]
    try:
        with transaction.atomic():
            qs.update(**{field: value})
    except (IntegrityError, DataError):
        return  # the database itself refuses it
    assert_no_server_error(w, admin)


def test_the_commitment_form_refuses_hostile_numbers_and_years(world, admin):
    w = world
    before = Commitment.objects.values_list("value", "value_max", "year").get(pk=w.c_a.pk)
    for raw in HOSTILE_NUMBERS:
        for field in ("value", "value_max"):
            assert edit(w, w.c_a, **{field: raw}).status_code == 400, (field, raw)
    for raw in HOSTILE_YEARS:
        assert edit(w, w.c_a, year=raw).status_code == 400, raw
    assert Commitment.objects.values_list("value", "value_max", "year").get(pk=w.c_a.pk) == before
    assert edit(w, w.c_a, year="2100", value="99999999999999999999.999999").status_code == 302
    assert edit(w, w.c_a, year="1949", value="-70.5").status_code == 302
    stored_values_in_bounds()
    assert_no_server_error(w, admin)


def test_the_assignment_form_refuses_hostile_milestones_and_deadlines(world, admin):
    w = world
    assert assign(w, w.c_a, milestones="2024-06-30 35 过半").status_code == 302
    before = list(Milestone.objects.filter(assignment=w.a_a).values_list("due", "planned_value"))
    for raw in HOSTILE_NUMBERS:
        assert assign(w, w.c_a, milestones=f"2024-06-30 {raw} 过半").status_code == 400, raw
    for raw in HOSTILE_DATES:
        assert assign(w, w.c_a, milestones=f"{raw} 35").status_code == 400, raw
        assert assign(w, w.c_a, deadline=raw).status_code == 400, raw
    assert list(Milestone.objects.filter(assignment=w.a_a).values_list("due", "planned_value")) == before
    assert Assignment.objects.get(pk=w.a_a.pk).deadline == date(2024, 12, 31)
    stored_values_in_bounds()
    assert_no_server_error(w, admin)


def test_the_progress_form_refuses_hostile_values_and_dates(world, admin):
    w = world
    n = ProgressReport.objects.count()
    for raw in HOSTILE_NUMBERS:
        assert progress(w, w.c_a, value=raw).status_code == 400, raw
        assert progress(w, w.c_a, value="", percent_done=raw).status_code == 400, raw
    for raw in HOSTILE_DATES:
        assert progress(w, w.c_a, as_of=raw).status_code == 400, raw
    assert ProgressReport.objects.count() == n
    stored_values_in_bounds()
    assert_no_server_error(w, admin)


def test_the_import_review_refuses_infinite_and_huge_values(world, admin, draft):
    w = world
    for raw in HOSTILE_NUMBERS:
        for field in ("value", "value_max"):
            review_edit(w, draft, **{field: raw})
            draft.refresh_from_db()
            assert draft.items[0]["value"] == "700000" and draft.items[0]["value_max"] is None, (field, raw)
    for raw in HOSTILE_YEARS:
        review_edit(w, draft, value="700000", year=raw)
        draft.refresh_from_db()
        assert draft.items[0]["year"] == 2025, raw
    review_edit(w, draft, value="1e3", year="2030")
    draft.refresh_from_db()
    assert draft.items[0]["value"] == "1000" and draft.items[0]["year"] == 2030
    assert_no_server_error(w, admin, draft)


@pytest.mark.parametrize(("field", "value"), [
    ("value", "1E+999999"), ("value", "Infinity"), ("value", "NaN"), ("value", "1e30"), ("value_max", "-1e22"),
    ("value", "not a number"), ("year", 99999), ("year", 10000), ("year", "2024x"),
])
def test_confirming_a_draft_that_holds_a_hostile_item_is_refused(world, draft, field, value):
    w = world
    draft.source_file.save("x.txt", ContentFile(draft.text.encode("utf-8")))
    items = list(draft.items)
    items[0] = {**items[0], field: value}
    ImportDraft.objects.filter(pk=draft.pk).update(items=items)
    response = w.client(w.su).post(reverse("import_confirm", args=[draft.pk]), {"year": "2025", "title": "t"})
    assert response.status_code == 302
    assert not Report.objects.filter(sha256=draft.sha256).exists()
    draft.refresh_from_db()
    assert draft.state == ImportDraft.State.OPEN
    stored_values_in_bounds()
    assert w.client(w.su).get(reverse("import_review", args=[draft.pk])).status_code < 500


def test_confirming_with_a_hostile_year_is_refused(world, draft):
    draft.source_file.save("x.txt", ContentFile(draft.text.encode("utf-8")))
    for raw in HOSTILE_YEARS:
        world.client(world.su).post(reverse("import_confirm", args=[draft.pk]), {"year": raw, "title": "t"})
    assert not Report.objects.filter(sha256=draft.sha256).exists()
    try:
        with transaction.atomic():
            ImportDraft.objects.filter(pk=draft.pk).update(year=99999)  # a draft from before the bounds
    except (IntegrityError, DataError):
        return  # the database refuses it
    world.client(world.su).post(reverse("import_confirm", args=[draft.pk]), {"year": "", "title": "t"})
    assert not Report.objects.filter(sha256=draft.sha256).exists()


def test_the_sheet_import_refuses_hostile_cells(world, admin):
    w = world
    su = w.client(w.su)
    response = su.get(reverse("sheet_export", args=[w.internal_report.pk]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb[sheet.SHEET]
    col = {key: sheet.KEYS.index(key) + 1 for key in sheet.KEYS}
    rows = {ws.cell(r, col["id"]).value: r for r in range(4, ws.max_row + 1)}
    ws.cell(rows[w.c_a.pk], col["deadline"]).value = "9999-12-31"
    ws.cell(rows[w.c_b.pk], col["deadline"]).value = datetime(2200, 1, 1)
    ws.cell(rows[w.c_unassigned.pk], col["category"]).value = "类" * 300
    ws.cell(rows[w.c_unassigned.pk], col["lead"]).value = w.unit_a.name
    ws.append([9, "", "", None, "", w.unit_a.name, "", "2024-12-31", "1e400"])
    ws.append([10, "", "", None, "", w.unit_a.name, "", "2024-12-31", HUGE])
    ws.append([11, "", "", None, "", w.unit_a.name, "", "2024-12-31", "nan"])
    out = io.BytesIO()
    wb.save(out)
    before = list(Assignment.objects.order_by("pk").values_list("commitment_id", "deadline"))
    upload = SimpleUploadedFile("分工表.xlsx", out.getvalue())
    response = su.post(reverse("sheet_upload", args=[w.internal_report.pk]), {"file": upload})
    assert response.status_code in (302, 400), response.status_code
    si = SheetImport.objects.get()
    assert si.n_errors == 6, si.rows
    assert su.get(reverse("sheet_preview", args=[si.pk])).status_code == 200
    su.post(reverse("sheet_apply", args=[si.pk]))
    assert list(Assignment.objects.order_by("pk").values_list("commitment_id", "deadline")) == before
    assert len(Commitment.objects.get(pk=w.c_unassigned.pk).category) <= 100
    stored_values_in_bounds()
    assert_no_server_error(w, admin)


def test_the_admin_refuses_hostile_values(world, admin):
    w = world
    web = w.client(admin)
    url = f"/admin/tracking/commitment/{w.c_a.pk}/change/"
    page = web.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if not isinstance(v, list | dict)}
    data.update(report=w.internal_report.pk, section="[]", parent="", deleted_by="")
    for field, raw in (("year", "10000"), ("year", "1948"), ("value", "1e21"), ("value", "NaN"), ("value", "1e30")):
        response = web.post(url, {**data, field: raw})
        assert response.status_code == 200, (field, raw)  # the form again, with the error
        assert field in response.context["adminform"].form.errors, (field, raw)
    assert Commitment.objects.values_list("year", "value").get(pk=w.c_a.pk) == (2024, Decimal(70))


def test_the_upload_form_refuses_hostile_years(world):
    for raw in HOSTILE_YEARS:
        upload = SimpleUploadedFile("r.txt", "2024年政府工作报告。城镇新增就业70万人。".encode(), content_type="text/plain")
        response = world.client(world.su).post(reverse("import_upload"), {"region": world.hunan.pk, "file": upload,
                                                                          "year": raw})
        assert response.status_code == 400, raw
    assert not ImportDraft.objects.exists()


def test_the_api_answers_hostile_ids_and_filters_with_client_errors(world):
    w = world
    c = w.client(w.su)
    for url in (f"/api/commitments/?report={HUGE}", f"/api/commitments/{HUGE}", f"/api/reports/{HUGE}",
                "/api/commitments/?report=-5", "/api/commitments/?report=0"):
        assert c.get(url).status_code == 404, url
    for url in ("/api/commitments/?report=1e400", "/api/commitments/?report=NaN", "/api/commitments/?report=x"):
        assert 400 <= c.get(url).status_code < 500, url


def test_ids_too_large_for_the_database_are_not_found(client, world):
    w = world
    su = w.client(w.su)
    for web in (client, su):
        for url in (f"/public/{HUGE}/2024/", f"/public/{w.hunan.pk}/{HUGE}/", f"/public/{w.hunan.pk}/99999/",
                    f"/public/commitments/{HUGE}/", f"/commitments/{HUGE}/", f"/reports/{HUGE}/",
                    f"/compare/reports/{HUGE}/", f"/compare/regions/{HUGE}/", f"/commitments/?report={HUGE}",
                    f"/commitments/?unit={HUGE}", "/commitments/?report=-1"):
            assert web.get(url).status_code == 404, url
    for url in (f"/dashboard/{w.hunan.pk}/99999/", f"/bulletin/{w.hunan.pk}/99999/1/", f"/dashboard/{HUGE}/2024/",
                f"/bulletin/{HUGE}/2024/1/", f"/sheets/reports/{HUGE}/export/", f"/import/{HUGE}/"):
        assert su.get(url).status_code == 404, url
    for url in (f"/dashboard/{w.hunan.pk}/2024/?as_of=9999-12-31", f"/dashboard/{w.hunan.pk}/2024/?as_of=0001-01-01",
                f"/compare/regions/?region={HUGE}", f"/compare/across/?year={HUGE}", f"/commitments/?page={HUGE}",
                f"/import/{HUGE}/?edit={HUGE}"):
        assert su.get(url).status_code < 500, url


# --- a row that cannot be rated is shown, not a 500 ---------------------------------------------

def test_the_rule_never_raises_on_hostile_numbers():
    from luoshi_web.tracking.status import Plan, Status, Target, rate, year_plan

    plan = Plan(date(2024, 1, 1), date(2024, 12, 31), ((date(2024, 6, 30), Decimal("NaN")),))
    assert rate(Target(Decimal(70)), plan, None, today=date(2024, 7, 1)).status is Status.UNRATABLE
    assert year_plan(10000, None) is None and year_plan(None, None) is None
    assert year_plan(2024, None) == Plan(date(2024, 1, 1), date(2024, 12, 31))
    assert rate(Target(Decimal(1)), None, None, today=date(2024, 7, 1)).status is Status.UNRATABLE
    assert Status.UNRATABLE.label == "无法评估"


numbers = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.builds(lambda m, e: Decimal(f"{m}E{e}"), st.integers(-10**6, 10**6), st.integers(-10**6, 10**6)),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(value=numbers, value_max=numbers, actual=numbers, percent=numbers, milestone=numbers,
       comparator=st.sampled_from([None, "approx", "min", "max", "exact"]), cumulative=st.booleans(),
       year=st.integers(-10**6, 10**6), today=st.dates())
def test_rating_any_numbers_gives_a_status_and_never_raises(value, value_max, actual, percent, milestone, comparator,
                                                            cumulative, year, today):
    from luoshi_web.tracking.status import Progress, Status, Target, rate, year_plan

    plan = year_plan(year, None, [(date(2024, 6, 30), milestone)] if milestone is not None else ())
    latest = Progress(today, actual, percent)
    with decimal.localcontext() as ctx:  # whatever context a request runs in
        ctx.traps[decimal.InvalidOperation] = True
        rating = rate(Target(value, comparator, value_max, cumulative), plan, latest, today=today)
    assert isinstance(rating.status, Status)


def test_a_row_the_rule_cannot_rate_shows_as_unratable_on_every_page(world, admin, monkeypatch):
    def broken(*args, **kwargs):
        raise decimal.Overflow("a figure out of any range")

    monkeypatch.setattr(status_module, "elapsed_fraction", broken)
    w = world
    assert_no_server_error(w, admin)
    page = w.client(w.su).get(reverse("commitment_list")).content.decode()
    assert 'data-status="unratable"' in page and "无法评估" in page
    rows = {r["indicator"]: r for r in w.client(w.su).get("/api/commitments/").json()}
    assert rows["城镇新增就业"]["status"] == "unratable" and rows["城镇新增就业"]["status_label"] == "无法评估"


# --- every boundary at once, with hypothesis's values --------------------------------------------

hostile_numbers = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**40, 10**40).map(str),
    st.builds(lambda m, e: f"{m}e{e}", st.integers(-99, 99), st.integers(-10**6, 10**6)),
)
hostile_years = st.one_of(st.sampled_from(HOSTILE_YEARS), st.integers(-10**25, 10**25).map(str))
hostile_days = st.one_of(st.sampled_from(HOSTILE_DATES), st.dates().map(date.isoformat))


def test_hostile_values_posted_through_every_boundary_never_take_a_page_down(world, admin, draft):
    w = world

    @settings(max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(number=hostile_numbers, year=hostile_years, day=hostile_days)
    def post_everywhere(number, year, day):
        responses = [
            edit(w, w.c_b, value=number, year=year),
            edit(w, w.c_b, value_max=number),
            assign(w, w.c_b, milestones=f"2024-06-30 {number}\n{day} 1"),
            assign(w, w.c_b, deadline=day),
            progress(w, w.c_a, value=number, as_of=day),
            progress(w, w.c_a, value="", percent_done=number),
            review_edit(w, draft, value=number, year=year),
            w.client(w.su).get("/api/commitments/", {"report": year}),
            w.client(w.su).get(f"/api/commitments/{year.lstrip('-') or 0}"),
            w.client(w.su).get(reverse("commitment_list"), {"report": year, "unit": year}),
            w.client(w.su).get(reverse("dashboard", args=[w.hunan.pk, 2024]), {"as_of": day}),
        ]
        assert [r.status_code for r in responses if r.status_code >= 500] == []
        stored_values_in_bounds()

    post_everywhere()
    assert_no_server_error(w, admin, draft)


def test_a_sound_draft_still_confirms(world, draft):
    draft.source_file.save("x.txt", ContentFile(draft.text.encode("utf-8")))
    response = world.client(world.su).post(reverse("import_confirm", args=[draft.pk]), {"year": "2025", "title": "t"})
    assert response.status_code == 302
    report = Report.objects.get(sha256=draft.sha256)
    assert list(report.commitments.values_list("value", "year")) == [(Decimal(700000), 2025)]


# --- a database from before the bounds is repaired by the migration ----------------------------

MIGRATE_AND_BREAK = """
import django, os, sys
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", "reports", "0001", verbosity=0)
call_command("migrate", "tracking", "0002", verbosity=0)
with connection.cursor() as c:
    c.execute("INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, "
              "is_staff, is_active, date_joined) VALUES ('', '2024-01-01', 0, 'u', '', '', '', 0, 1, '2024-01-01')")
    c.execute("INSERT INTO org_region (name, level) VALUES ('湖南省', 'province')")
    c.execute("INSERT INTO org_orgunit (name, region_id, is_supervision_office, active) VALUES ('厅', 1, 0, 1)")
    c.execute("INSERT INTO reports_report (region_id, year, title, source_file, source_name, source_format, text, "
              "sha256, imported_by_id, imported_at, published) VALUES (1, 99999, 't', '', '', '', 't', 'x', 1, "
              "'2024-01-01', 1)")
    c.execute("INSERT INTO tracking_commitment (report_id, position, kind, indicator, value, value_max, unit, "
              "comparator, qualifier, raw_value, year, text, section, rule, category, binding, measure, created_at, "
              "updated_at) VALUES (1, 1, 'target', 'x', '1E+999999', '1e30', '', '', '', '', 10000, 't', '[]', '', "
              "'', '', 'cumulative', '2024-01-01', '2024-01-01')")
    c.execute("INSERT INTO tracking_assignment (commitment_id, lead_unit_id, deadline, result_form, frequency, note, "
              "created_by_id, created_at, updated_at) VALUES (1, 1, '9999-12-31', '', 'monthly', '', 1, "
              "'2024-01-01', '2024-01-01')")
    c.execute("INSERT INTO tracking_milestone (assignment_id, due, planned_value, description) "
              "VALUES (1, '0001-01-01', '1e30', '')")
    c.execute("INSERT INTO tracking_progressreport (assignment_id, as_of, value, percent_done, narrative, links, "
              "author_id, created_at, verified, verifier_note) "
              "VALUES (1, '2024-06-30', '-1e25', 150, 'n', '', 1, '2024-06-30', 0, '')")
call_command("migrate", verbosity=0)
with connection.cursor() as c:
    c.execute("SELECT year FROM reports_report")
    print(c.fetchall())
    c.execute("SELECT value, value_max, year FROM tracking_commitment")
    print(c.fetchall())
    c.execute("SELECT deadline FROM tracking_assignment")
    print(c.fetchall())
    c.execute("SELECT due, planned_value FROM tracking_milestone")
    print(c.fetchall())
    c.execute("SELECT value, percent_done FROM tracking_progressreport")
    print(c.fetchall())
"""


@pytest.mark.skipif(bool(__import__("os").environ.get("DATABASE_URL")), reason="a fresh SQLite file, in its own process")
def test_the_migration_repairs_rows_stored_out_of_bounds(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "LUOSHI_SECRET_KEY"}}
    env.update(LUOSHI_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="luoshi_web.settings")
    out = subprocess.run([sys.executable, "-c", MIGRATE_AND_BREAK], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.strip().splitlines()
    assert lines == ["[(2100,)]", "[(None, None, None)]", "[(datetime.date(2100, 12, 31),)]",
                     "[(datetime.date(1949, 1, 1), None)]", "[(None, None)]"], lines


def test_validators_doctests():
    import doctest

    from luoshi_web import validators
    from luoshi_web.tracking import status

    for module in (validators, status):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


@pytest.mark.parametrize("raw", ["1e1000000", "-1e1000000", "1e-1000000", "0E-1000000", "9" * 30, "1e21"])
def test_numbers_beyond_the_decimal_context_are_refused_not_raised(world, raw):
    from luoshi_web.validators import parse_decimal

    try:
        value = parse_decimal(raw)
    except ValueError:
        value = None
    assert value is None or value == 0
    assert assign(world, world.c_b, milestones=f"2024-06-30 {raw}").status_code in (302, 400)
