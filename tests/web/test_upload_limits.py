"""Uploads are limited before work (issue 10, finding 2): a body over the limit is refused from
its Content-Length without being read, an anonymous upload goes to the login page unread, and the
import refuses each bomb with a message before any parser opens it; discarded drafts are purged."""

from __future__ import annotations

import io
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from luoshi_web.limits import AnonymousUploadMiddleware, RequestSizeLimitMiddleware
from luoshi_web.reports import services
from luoshi_web.reports.models import ImportDraft

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "readers"))
import bombs  # noqa: E402

pytestmark = pytest.mark.django_db


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _request(path: str, *, length: str | None, content_type: str = "multipart/form-data; boundary=x", **meta):
    request = RequestFactory().generic("POST", path, b"", content_type=content_type)
    request.META["wsgi.input"] = Untouchable()
    request.META["CONTENT_TYPE"] = content_type
    if length is None:
        request.META.pop("CONTENT_LENGTH", None)
    else:
        request.META["CONTENT_LENGTH"] = length
    request.META.update(meta)
    return request


def _never_called(request):
    raise AssertionError("the view (or a later middleware) ran")


def test_a_body_over_the_limit_is_refused_by_its_length_unread(settings):
    settings.LUOSHI_MAX_REQUEST_MB = 21
    response = RequestSizeLimitMiddleware(_never_called)(_request("/import/", length=str(1 << 30)))
    assert response.status_code == 413
    assert "1024.0 MB" in response.content.decode() and "21 MB" in response.content.decode()


def test_a_body_without_a_length_is_refused(settings):
    request = _request("/import/", length=None, HTTP_TRANSFER_ENCODING="chunked")
    response = RequestSizeLimitMiddleware(_never_called)(request)
    assert response.status_code == 411


def test_nothing_reads_past_the_declared_length(settings):
    settings.LUOSHI_MAX_REQUEST_MB = 1
    request = RequestFactory().post("/", b"x" * 100, content_type="text/plain")
    request.META["wsgi.input"] = io.BytesIO(b"x" * 5000)
    request.META["CONTENT_LENGTH"] = "100"
    seen = []
    RequestSizeLimitMiddleware(lambda r: seen.append(r.META["wsgi.input"].read()) or None)(request)
    assert seen == [b"x" * 100]


def test_the_whole_stack_refuses_a_large_anonymous_upload_before_the_login_redirect(client, settings):
    settings.LUOSHI_MAX_REQUEST_MB = 1
    response = client.generic("POST", reverse("import_upload"), b"x" * (2 << 20),
                              content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413


def test_an_anonymous_upload_goes_to_login_unread(rf):
    from django.contrib.auth.models import AnonymousUser

    request = _request("/import/", length="1000")
    request.user = AnonymousUser()
    response = AnonymousUploadMiddleware(_never_called)(request)
    assert response.status_code == 302 and "/login/" in response["Location"] and "next=/import/" in response["Location"]


def test_a_logged_in_upload_goes_on(world):
    request = _request("/import/", length="1000")
    request.user = world.su
    assert AnonymousUploadMiddleware(lambda r: "went on")(request) == "went on"


def _import(world, path: Path, *, isolated: bool = False):
    """Upload ``path``; in-process by default, so the patches below can tell that no parser opened it
    (a child process would not see them); ``isolated`` reads it as the server does, in a child."""
    with mock.patch.dict("os.environ", {"LUOSHI_EXTRACT_ISOLATION": "process" if isolated else "off"}), \
            mock.patch("docx.Document", side_effect=AssertionError("python-docx opened a bomb")), \
            mock.patch("luoshi.readers.pdf_pdfium.pdfium_read", side_effect=AssertionError("PDFium read a bomb")):
        f = SimpleUploadedFile(path.name, path.read_bytes())
        return world.client(world.su).post(reverse("import_upload"), {"region": world.hunan.pk, "file": f})


@pytest.mark.parametrize("make,words", [
    (bombs.docx_bomb, "LUOSHI_MAX_UNPACKED_MB"),
    (bombs.pdf_stream_bomb, "LUOSHI_MAX_PDF_STREAM_MB"),
    (bombs.pdf_pages_bomb, "LUOSHI_MAX_PDF_PAGES"),
], ids=["docx", "pdf-stream", "pdf-pages"])
def test_the_import_refuses_each_bomb_with_a_message(world, tmp_path, make, words, settings):
    response = _import(world, make(tmp_path))
    page = response.content.decode()
    assert response.status_code == 400 and "无法读取文件" in page and words in page
    assert str(tmp_path) not in page and str(settings.MEDIA_ROOT) not in page
    assert not ImportDraft.objects.exists()


@pytest.mark.parametrize("make,words", [
    (bombs.docx_bomb, "LUOSHI_MAX_UNPACKED_MB"), (bombs.pdf_stream_bomb, "LUOSHI_MAX_PDF_STREAM_MB"),
], ids=["docx", "pdf-stream"])
def test_the_server_reads_uploads_in_a_limited_child_that_refuses_bombs_too(world, tmp_path, make, words, settings):
    response = _import(world, make(tmp_path), isolated=True)
    page = response.content.decode()
    assert response.status_code == 400 and "无法读取文件" in page and words in page
    assert str(tmp_path) not in page and str(settings.MEDIA_ROOT) not in page
    assert not ImportDraft.objects.exists()


def test_an_upload_over_the_extraction_time_is_stopped_and_nothing_kept(world, tmp_path, monkeypatch):
    """A parser that runs away (here: any, given a thousandth of a second) takes down the child only."""
    monkeypatch.setenv("LUOSHI_EXTRACT_SECONDS", "0.001")
    path = tmp_path / "report.txt"
    path.write_text("2024年主要预期目标：地区生产总值增长6%左右，城镇新增就业70万人。\n" * 50, encoding="utf-8")
    response = _import(world, path, isolated=True)
    page = response.content.decode()
    assert response.status_code == 400 and "LUOSHI_EXTRACT_SECONDS" in page
    assert not ImportDraft.objects.exists()
    monkeypatch.delenv("LUOSHI_EXTRACT_SECONDS")
    response = _import(world, path, isolated=True)  # within the limit the same file imports
    assert response.status_code == 302 and ImportDraft.objects.count() == 1


def test_the_import_refuses_19_mb_of_text(world, tmp_path, settings):
    settings.LUOSHI_MAX_UPLOAD_MB = 25  # past the file-size check: the text limit refuses it
    with mock.patch("luoshi.readers.text.decode_text", side_effect=AssertionError("decoded a bomb")):
        response = _import(world, bombs.text_bomb(tmp_path))
    assert response.status_code == 400 and "LUOSHI_MAX_TEXT_CHARS" in response.content.decode()


def test_the_sheet_import_refuses_19_million_cells(world, tmp_path):
    path = bombs.xlsx_bomb(tmp_path)
    with mock.patch("openpyxl.load_workbook", side_effect=AssertionError("openpyxl opened a bomb")):
        response = world.client(world.su).post(reverse("sheet_upload", args=[world.internal_report.pk]),
                                                {"file": SimpleUploadedFile("分工表.xlsx", path.read_bytes())})
    page = response.content.decode()
    assert response.status_code == 400 and "19,001 rows x 1,000 columns" in page and "LUOSHI_MAX_SHEET_CELLS" in page


def _draft(world, state, age_days: float) -> ImportDraft:
    draft = ImportDraft(region=world.hunan, title="t", source_name="r.txt", text="x", sha256="0" * 64,
                        created_by=world.su, state=state)
    draft.source_file.save("draft.txt", io.BytesIO(b"x"), save=False)
    draft.save()
    ImportDraft.objects.filter(pk=draft.pk).update(created_at=timezone.now() - timedelta(days=age_days))
    return draft


def test_discarded_drafts_are_purged_after_the_retention(world, settings):
    settings.LUOSHI_DRAFT_RETENTION_DAYS = 7
    old = _draft(world, ImportDraft.State.DISCARDED, 8)
    recent = _draft(world, ImportDraft.State.DISCARDED, 6)
    still_open = _draft(world, ImportDraft.State.OPEN, 30)
    old_file = Path(old.source_file.path)
    assert old_file.is_file()
    assert services.import_drafts_purge() == 1
    assert set(ImportDraft.objects.values_list("pk", flat=True)) == {recent.pk, still_open.pk}
    assert not old_file.exists()


def test_each_import_purges_stale_discarded_drafts(world, settings):
    old = _draft(world, ImportDraft.State.DISCARDED, 30)
    f = SimpleUploadedFile("report.txt", "2024年湖南省政府工作报告\n\n地区生产总值增长6%左右。\n".encode())
    world.client(world.su).post(reverse("import_upload"), {"region": world.hunan.pk, "file": f, "year": "2024"})
    assert not ImportDraft.objects.filter(pk=old.pk).exists()


def test_the_report_page_is_paged(world):
    """A province's report has 2,000 commitments; its page shows 100 at a time (issue 10, finding 3)."""
    from luoshi_web.reports.views import REPORT_PAGE_SIZE

    from .conftest import make_commitment

    for n in range(REPORT_PAGE_SIZE + 20):
        make_commitment(world.internal_report, 100 + n, f"指标{n:03d}", n + 1)
    client = world.client(world.su)
    url = reverse("report_detail", args=[world.internal_report.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    total = REPORT_PAGE_SIZE + 20 + 3  # and the world's three
    shown_first = sum(f"指标{n:03d}" in first for n in range(REPORT_PAGE_SIZE + 20))
    shown_second = sum(f"指标{n:03d}" in second for n in range(REPORT_PAGE_SIZE + 20))
    assert shown_first + shown_second == REPORT_PAGE_SIZE + 20 and shown_first <= REPORT_PAGE_SIZE
    assert "?page=2" in first and f"2 / {-(-total // REPORT_PAGE_SIZE)}" in second
