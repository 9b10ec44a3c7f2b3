"""Evidence files (issues 13 and 10): the content must be what the extension says (an .exe renamed
.pdf is refused), a report holds a limited number and total size of files, and the evidence of a
removed commitment never downloads."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.errors import DomainError
from luoshi_web.tracking import services
from luoshi_web.tracking.models import Evidence, ProgressReport

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run in DOS mode."


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def post(w, *files):
    data = {"as_of": "2024-06-30", "value": "30", "narrative": "上半年新增就业30万人", "files": list(files)}
    return w.client(w.rita).post(reverse("progress_create", args=[w.c_a.pk]), data)


@pytest.mark.parametrize("name, data", [
    ("统计台账.pdf", EXE),  # the finding: a program renamed .pdf
    ("说明.txt", EXE),
    ("照片.jpg", b"%PDF-1.4 not a photo"),
    ("表格.xlsx", b"%PDF-1.4 not a workbook"),
    ("公文.doc", b"PK\x03\x04 a zip, not a Word 97 file"),
    ("图.png", b"\xff\xd8\xff\xe0 a jpeg, not a png"),
])
def test_a_file_whose_content_is_not_its_type_is_refused_and_nothing_is_saved(world, name, data):
    r = post(world, upload(name, data))
    assert r.status_code == 400
    page = r.content.decode()
    assert name in page and "可能改过扩展名" in page
    assert not ProgressReport.all_objects.exists() and not Evidence.objects.exists()


@pytest.mark.parametrize("name, data", [
    ("台账.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
    ("说明.txt", "上半年新增就业30万人。".encode()),
    ("照片.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
    ("图.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("报告.docx", docx_bytes()),
    ("公文.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32),
    ("公文.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32),
])
def test_real_files_of_each_type_are_accepted(world, name, data):
    assert post(world, upload(name, data)).status_code == 302
    assert [e.name for e in Evidence.objects.all()] == [name]


def test_count_and_total_size_per_report_are_limited_by_settings(world, settings):
    settings.LUOSHI_EVIDENCE_MAX_FILES = 2
    settings.LUOSHI_EVIDENCE_MAX_TOTAL_MB = 1
    pdf = b"%PDF-1.4\n"
    r = post(world, *(upload(f"{i}.pdf", pdf) for i in range(3)))
    assert r.status_code == 400 and "最多 2 个佐证材料" in r.content.decode()
    big = pdf + b"0" * 600_000
    r = post(world, upload("a.pdf", big), upload("b.pdf", big))
    assert r.status_code == 400 and "超过每份报送 1 MB" in r.content.decode()
    assert not ProgressReport.all_objects.exists()
    assert post(world, upload("a.pdf", big), upload("b.pdf", pdf)).status_code == 302
    # a correction counts the files already attached
    p = ProgressReport.objects.get()
    services.progress_report_return(user=world.su, progress=p, reason="补材料")
    with pytest.raises(DomainError, match="已有 2 个"):
        services.progress_report_resubmit(user=world.rita, progress=p, as_of=date(2024, 6, 30), narrative="补",
                                          value=Decimal(30), files=[upload("c.pdf", pdf)])
    assert Evidence.objects.count() == 2


def test_closure_evidence_is_checked_the_same_way(world):
    with pytest.raises(DomainError, match="可能改过扩展名"):
        services.closure_apply(user=world.rita, assignment=world.a_a, summary="完成", files=[upload("验收.pdf", EXE)])
    assert not world.a_a.closures.exists()


def test_evidence_of_a_removed_commitment_does_not_download(world):
    post(world, upload("台账.pdf", b"%PDF-1.4\n"))
    url = reverse("evidence_download", args=[Evidence.objects.get().pk])
    assert world.client(world.su).get(url).status_code == 200
    services.commitment_delete(user=world.su, commitment=world.c_a, reason="重复条目")
    for user in (world.su, world.rita):
        assert world.client(user).get(url).status_code == 404
