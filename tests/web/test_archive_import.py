"""Archive import on the job queue (issue 11): a zip or a folder of reports queues one job per
report; a worker turns each into a review draft; failures keep their reason and can be retried;
nothing is half-imported; only supervisors of the region import or see a batch.

The queue is the real one: django-tasks-db's database backend, run by its own ``db_worker`` loop
(``--batch``: what is queued, then exit), or the in-process immediate backend of the SQLite default.
"""

from __future__ import annotations

import io
import zipfile
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from luoshi_web.imports.models import ImportBatch, ImportJob
from luoshi_web.reports.models import ImportDraft, Report
from luoshi_web.tracking.models import Commitment

pytestmark = pytest.mark.django_db

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def report_text(city: str, year: int = 2024) -> str:
    return (f"{year}年{city}政府工作报告\n\n各位代表：\n\n现在，我代表{city}人民政府，向大会报告政府工作，请予审议。\n\n"
            f"{year}年主要预期目标是：地区生产总值增长6%左右；城镇新增就业5万人；城镇调查失业率5.5%以内。\n")


def make_zip(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data.encode() if isinstance(data, str) else data)
    return buf.getvalue()


@pytest.fixture
def cities(world):
    from luoshi_web.org.models import Region

    return {name: Region.objects.create(name=name, level=Region.Level.CITY, parent=world.hunan)
            for name in ("长沙市", "株洲市", "湘潭市")}


@pytest.fixture
def queue(settings, monkeypatch):
    """The database queue; its worker run inside the test's transaction (the worker's
    close_old_connections would otherwise drop the test's connection)."""
    settings.TASKS = DATABASE
    import django_tasks_db.management.commands.db_worker as db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run_worker() -> None:
        call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)

    return run_worker


def upload_zip(client, region, data: bytes, **fields):
    f = SimpleUploadedFile("reports.zip", data, content_type="application/zip")
    return client.post(reverse("imports:batch_list"), {"region": region.pk, "files": f, **fields})


def three_cities_zip(bad: bool = False) -> bytes:
    members: dict[str, bytes | str] = {f"年报/{c}-2024.txt": report_text(c) for c in ("长沙市", "株洲市", "湘潭市")}
    members["__MACOSX/._x.txt"] = "junk"
    members["说明.xlsx"] = b"PK not a report"
    if bad:
        members["年报/损坏.pdf"] = b"%PDF-1.4 this is not really a pdf"
    return make_zip(members)


def test_zip_upload_queues_one_job_per_report_and_a_worker_makes_drafts(world, cities, queue):
    from django_tasks_db.models import DBTaskResult

    reports, commitments, drafts = Report.objects.count(), Commitment.objects.count(), ImportDraft.objects.count()
    response = upload_zip(world.client(world.su), world.hunan, three_cities_zip(), region_from_text="on")
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.get()
    assert batch.source == ImportBatch.Source.ZIP and batch.region_from_text
    jobs = list(batch.jobs.order_by("file_name"))
    assert [j.file_name for j in jobs] == ["年报/株洲市-2024.txt", "年报/湘潭市-2024.txt", "年报/长沙市-2024.txt"]
    assert {j.state for j in jobs} == {ImportJob.State.QUEUED}
    assert DBTaskResult.objects.count() == 3 and ImportDraft.objects.count() == drafts  # queued, not run

    queue()

    jobs = list(batch.jobs.select_related("region", "draft").order_by("file_name"))
    assert [(j.state, j.region.name, j.year, j.attempts) for j in jobs] == [
        ("done", "株洲市", 2024, 1), ("done", "湘潭市", 2024, 1), ("done", "长沙市", 2024, 1)]
    for j in jobs:
        assert j.draft.state == ImportDraft.State.OPEN and j.draft.region == j.region and j.draft.items
        assert bytes(j.content) == b""  # the draft keeps the file now
    # review drafts only: nothing is tracked before a person confirms
    assert Report.objects.count() == reports and Commitment.objects.count() == commitments
    page = world.client(world.su).get(batch.get_absolute_url()).content.decode()
    assert page.count('data-state="done"') == 3 and reverse("import_review", args=[jobs[0].draft.pk]) in page


def test_a_bad_file_fails_with_its_reason_and_the_others_complete(world, cities, settings, django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE  # the SQLite default: jobs run in-process once the upload is saved
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_zip(world.client(world.su), world.hunan, three_cities_zip(bad=True), region_from_text="on")
    assert response.status_code == 302
    jobs = {j.file_name: j for j in ImportJob.objects.all()}
    assert len(jobs) == 4
    bad = jobs.pop("年报/损坏.pdf")
    assert bad.state == ImportJob.State.FAILED and bad.draft is None
    assert "无法读取文件" in bad.reason and "/tmp" not in bad.reason and "media" not in bad.reason
    assert {j.state for j in jobs.values()} == {ImportJob.State.DONE}
    assert ImportDraft.objects.filter(source_name="损坏.pdf").count() == 0
    page = world.client(world.su).get(bad.batch.get_absolute_url()).content.decode()
    assert bad.reason in page.replace("&ldquo;", "“").replace("&rdquo;", "”") or "无法读取文件" in page
    assert reverse("imports:job_retry", args=[bad.pk]) in page


def test_a_region_not_in_the_database_fails_that_job_and_retry_succeeds_once_it_is_added(world, cities, queue):
    from luoshi_web.org.models import Region

    data = make_zip({"衡阳市.txt": report_text("衡阳市"), "长沙市.txt": report_text("长沙市")})
    assert upload_zip(world.client(world.su), world.hunan, data, region_from_text="on").status_code == 302
    queue()
    failed = ImportJob.objects.get(file_name="衡阳市.txt")
    assert failed.state == ImportJob.State.FAILED and "衡阳市" in failed.reason and "不在系统的地区列表中" in failed.reason
    assert ImportJob.objects.get(file_name="长沙市.txt").state == ImportJob.State.DONE

    # a job that is not failed cannot be retried
    done = ImportJob.objects.get(file_name="长沙市.txt")
    world.client(world.su).post(reverse("imports:job_retry", args=[done.pk]))
    done.refresh_from_db()
    assert done.state == ImportJob.State.DONE and done.attempts == 1

    Region.objects.create(name="衡阳市", level=Region.Level.CITY, parent=world.hunan)
    response = world.client(world.su).post(reverse("imports:job_retry", args=[failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.state == ImportJob.State.QUEUED and failed.reason == ""
    queue()
    failed.refresh_from_db()
    assert failed.state == ImportJob.State.DONE and failed.attempts == 2 and failed.region.name == "衡阳市"
    assert failed.draft.region.name == "衡阳市"


def test_nothing_is_half_imported_when_a_job_fails_after_its_draft_was_made(world, cities, settings,
                                                                             django_capture_on_commit_callbacks):
    settings.TASKS = IMMEDIATE
    drafts = ImportDraft.objects.count()
    real_save = ImportJob.save

    def failing_save(self, *args, **kwargs):
        if self.state == ImportJob.State.DONE:
            raise RuntimeError("disk full")
        return real_save(self, *args, **kwargs)

    with mock.patch.object(ImportJob, "save", failing_save), django_capture_on_commit_callbacks(execute=True):
        upload_zip(world.client(world.su), world.hunan, make_zip({"长沙市.txt": report_text("长沙市")}))
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED and "RuntimeError: disk full" in job.reason
    assert ImportDraft.objects.count() == drafts  # the draft made before the failure was rolled back
    media = settings.MEDIA_ROOT / "drafts"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))  # and its file removed


def test_luoshi_import_dir_queues_and_a_worker_run_completes(world, cities, queue, tmp_path, monkeypatch, capsys):
    from luoshi.cli import main

    folder = tmp_path / "archive"
    (folder / "sub").mkdir(parents=True)
    (folder / "长沙市-2024.txt").write_text(report_text("长沙市"), encoding="utf-8")
    (folder / "sub" / "株洲市-2024.txt").write_text(report_text("株洲市"), encoding="utf-8")
    (folder / "readme.xyz").write_text("not a report", encoding="utf-8")
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path / "data"))

    assert main(["import", str(folder), "--region-from-text", "--user", "su"]) == 0
    out = capsys.readouterr()
    assert "2 份报告 reports queued" in out.out and "readme.xyz" in out.err
    batch = ImportBatch.objects.get()
    assert batch.source == ImportBatch.Source.FOLDER and batch.region is None and batch.created_by == world.su
    assert sorted(batch.jobs.values_list("file_name", "state")) == [("sub/株洲市-2024.txt", "queued"),
                                                                    ("长沙市-2024.txt", "queued")]
    queue()
    assert sorted(batch.jobs.values_list("region__name", "state")) == [("株洲市", "done"), ("长沙市", "done")]
    # the batch (no region: read from the text) is its importer's; another region's supervisor cannot see it
    assert world.client(world.su).get(batch.get_absolute_url()).status_code == 200
    assert world.client(world.hu).get(batch.get_absolute_url()).status_code == 404


def test_luoshi_import_with_a_region_and_its_refusals(world, cities, queue, tmp_path, monkeypatch, capsys):
    from luoshi.cli import main

    (tmp_path / "r.txt").write_text(report_text("长沙市"), encoding="utf-8")
    monkeypatch.setenv("LUOSHI_DATA_DIR", str(tmp_path / "data"))
    assert main(["import", str(tmp_path / "r.txt"), "--region", "不存在市", "--user", "su"]) == 2
    assert "不存在市" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "r.txt"), "--region", "长沙市", "--user", "hu"]) == 2  # not hu's region
    assert "督查员" in capsys.readouterr().err
    assert not ImportBatch.objects.exists()
    assert main(["import", str(tmp_path / "r.txt"), "--region", "长沙市", "--user", "su", "--year", "2024"]) == 0
    queue()
    job = ImportJob.objects.get()
    assert (job.state, job.region.name, job.year) == ("done", "长沙市", 2024)


def test_only_supervisors_of_the_region_import_see_and_retry(world, cities, queue):
    # a reporter may not open the page
    assert world.client(world.rita).get(reverse("imports:batch_list")).status_code == 403
    # another province's supervisor cannot choose Hunan (not among their regions): nothing queued
    response = upload_zip(world.client(world.hu), world.hunan, three_cities_zip())
    assert response.status_code == 400 and not ImportBatch.objects.exists()
    # nor does a report naming a region outside the importer's remit get imported
    from luoshi_web.org.models import Region

    Region.objects.create(name="武汉市", level=Region.Level.CITY, parent=world.hubei)
    upload_zip(world.client(world.su), world.hunan, make_zip({"武汉市.txt": report_text("武汉市")}), region_from_text="on")
    queue()
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED and "不在您督查的范围内" in job.reason and job.draft is None
    # Hubei's supervisor neither sees Hunan's batch nor retries its job
    hu = world.client(world.hu)
    assert hu.get(job.batch.get_absolute_url()).status_code == 404
    assert hu.post(reverse("imports:job_retry", args=[job.pk])).status_code == 404
    assert "武汉市.txt" not in hu.get(reverse("imports:batch_list")).content.decode()
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED


@pytest.mark.parametrize(("members", "says"), [
    ({"../../etc/evil.txt": "x", "ok.txt": "x"}, "指向压缩包以外"),
    ({"/abs/evil.txt": "x"}, "指向压缩包以外"),
    ({"C:/evil.txt": "x"}, "指向压缩包以外"),
    ({f"r{i}.txt": "x" for i in range(6)}, "超过上限 5 个"),
    ({"big.txt": "零" * 400_000}, "解压后共"),
])
def test_a_zip_is_checked_before_extraction_and_nothing_is_queued(world, queue, settings, monkeypatch, members, says):
    settings.LUOSHI_IMPORT_MAX_FILES = 5
    monkeypatch.setenv("LUOSHI_MAX_UNPACKED_MB", "1")
    response = upload_zip(world.client(world.su), world.hunan, make_zip(members))
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not ImportBatch.objects.exists() and not ImportJob.objects.exists()


def test_not_a_zip_and_no_reports_are_refused_with_what_to_do(world, queue):
    response = upload_zip(world.client(world.su), world.hunan, b"this is not a zip")
    assert response.status_code == 400 and "不是有效的 zip 压缩包" in response.content.decode()
    response = upload_zip(world.client(world.su), world.hunan, make_zip({"a.xlsx": "x"}))
    assert response.status_code == 400 and "没有可导入的报告文件" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_several_files_upload_queues_each_with_the_chosen_region(world, queue):
    files = [SimpleUploadedFile(f"{n}.txt", (report_text("湖南省") + f"\n（{n}）").encode()) for n in ("a", "b")]
    files.append(SimpleUploadedFile("a的副本.txt", (report_text("湖南省") + "\n（a）").encode()))
    response = world.client(world.su).post(reverse("imports:batch_list"), {"region": world.hunan.pk, "files": files,
                                                                           "year": "2024"})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.source == ImportBatch.Source.FILES and batch.jobs.count() == 3
    queue()
    jobs = {j.file_name: j for j in batch.jobs.select_related("region")}
    assert {(j.state, j.region.name, j.year) for n, j in jobs.items() if n != "a的副本.txt"} == {("done", "湖南省", 2024)}
    copy = jobs["a的副本.txt"]  # the same bytes as a.txt: one draft, the copy says where it is
    assert copy.state == "failed" and "已在审核中" in copy.reason and f"草稿编号 {jobs['a.txt'].draft_id}" in copy.reason


def test_a_gbk_named_zip_member_keeps_its_chinese_name():
    from luoshi_web.imports.archive import read_zip

    gbk = "长沙市.txt".encode("gbk")  # as Windows zip tools write it: GBK bytes, no UTF-8 flag
    placeholder = b"x" * (len(gbk) - 4) + b".txt"
    raw = make_zip({placeholder.decode(): "x"}).replace(placeholder, gbk)
    assert [name for name, _ in read_zip(raw).files] == ["长沙市.txt"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_batch_import_in_the_browser(live_server, world, cities, browser, settings, tmp_path):
    """A supervisor uploads a zip on the page; the progress page lists each report's state and the
    failure's reason; retry is one click; in English too (screenshots in test-artifacts/web)."""
    from .chromium import open_page, shot

    settings.TASKS = IMMEDIATE  # the SQLite default: the upload's jobs run once it is saved
    archive = tmp_path / "报告.zip"
    archive.write_bytes(make_zip({**{f"{c}-2024.txt": report_text(c) for c in ("长沙市", "株洲市")},
                                  "衡阳市-2024.txt": report_text("衡阳市")}))
    page = open_page(browser, live_server.url, "su")
    page.goto(f"{live_server.url}{reverse('import_upload')}")
    page.click("nav >> text=批量导入")
    page.select_option("select[name=region]", label="湖南省")
    page.check("input[name=region_from_text]")
    page.set_input_files("input[name=files]", str(archive))
    page.click("#batch-submit")
    page.wait_for_selector("#jobs")
    assert page.locator("#jobs tr[data-state=done]").count() == 2
    failed = page.locator("#jobs tr[data-state=failed]")
    assert failed.count() == 1 and "衡阳市" in failed.inner_text() and "不在系统的地区列表中" in failed.inner_text()
    shot(page, "archive-import-progress")

    from luoshi_web.org.models import Region

    Region.objects.create(name="衡阳市", level=Region.Level.CITY, parent=world.hunan)
    failed.locator("button", has_text="重试").click()
    page.wait_for_load_state()
    assert page.locator("#jobs tr[data-state=done]").count() == 3
    from .chromium import PHONE

    phone = open_page(browser, live_server.url, "su", viewport=PHONE)
    phone.goto(page.url)
    shot(phone, "archive-import-progress-phone")
    page.locator("#jobs tr[data-state=done] a", has_text="审核草稿").first.click()
    page.wait_for_load_state()
    assert "/import/" in page.url

    en = open_page(browser, live_server.url, "su", locale="en")
    en.goto(f"{live_server.url}{reverse('imports:batch_list')}")
    with en.expect_navigation():
        en.select_option("select[name=language]", "en")
    assert "Batch import" in en.content() and "Upload and queue" in en.content()
    shot(en, "archive-import-list-en")


def test_a_busy_database_queues_the_job_again_instead_of_failing_it(world, cities, queue):
    from django.db import OperationalError

    from luoshi_web.reports import services as report_services

    real = report_services.import_draft_create
    calls = []

    def busy_once(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real(**kwargs)

    upload_zip(world.client(world.su), world.hunan, make_zip({"长沙市.txt": report_text("长沙市")}))
    with mock.patch.object(report_services, "import_draft_create", busy_once):
        queue()
    job = ImportJob.objects.get()
    assert (job.state, job.attempts, job.reason) == ("done", 2, "") and len(calls) == 2


def test_a_region_read_from_the_text_must_be_the_chosen_region_or_below(world, cities, queue):
    from django.contrib.auth import get_user_model

    from luoshi_web.org.models import Region

    Region.objects.create(name="武汉市", level=Region.Level.CITY, parent=world.hubei)
    admin = get_user_model().objects.create_superuser("boss", password="pw-boss-123456")  # supervises everything
    upload_zip(world.client(admin), world.hunan, make_zip({"武汉市.txt": report_text("武汉市"),
                                                           "长沙市.txt": report_text("长沙市")}), region_from_text="on")
    queue()
    wuhan, changsha = (ImportJob.objects.get(file_name=f"{c}.txt") for c in ("武汉市", "长沙市"))
    assert wuhan.state == "failed" and "不是所选地区“湖南省”或其下级地区" in wuhan.reason
    assert changsha.state == "done" and changsha.region.name == "长沙市"
