"""Nothing lost (issue 10, finding 9): a backup restores the database and files exactly, on the
database the suite runs on and through the CLI on SQLite; export-all writes everything without
formulas or password hashes; the data directory's files are the owner's alone."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from luoshi_web.backup import BackupError, backup_create, backup_restore, export_all
from luoshi_web.reports.models import Report
from luoshi_web.tracking.models import Commitment

from .conftest import make_commitment


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "LUOSHI_SECRET_KEY"}}
    env.update(extra)
    return env


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_file(world, settings, tmp_path):
    report = world.internal_report
    report.source_file.save("report.txt", ContentFile("原文 2024".encode()), save=True)
    Commitment.objects.filter(pk=world.c_b.pk).update(deleted_at="2024-05-01T00:00:00Z")  # soft-deleted rows too
    before = {m: m.all_objects.count() if hasattr(m, "all_objects") else m.objects.count()
              for m in (Report, Commitment, get_user_model(), Report.history.model)}
    texts = sorted(Commitment.all_objects.values_list("pk", "indicator", "value", "deleted_at"))
    archive = backup_create(tmp_path / "b.tar.gz")
    assert _mode(archive) == 0o600

    with pytest.raises(BackupError, match="already holds data"):
        backup_restore(archive)  # nothing changed
    assert Report.objects.count() == before[Report]

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    Commitment.objects.all().update(indicator="changed after the backup")
    manifest = backup_restore(archive, replace=True)
    assert manifest["rows"]["tracking.commitment"] == before[Commitment]
    after = {m: m.all_objects.count() if hasattr(m, "all_objects") else m.objects.count() for m in before}
    assert after == before
    assert sorted(Commitment.all_objects.values_list("pk", "indicator", "value", "deleted_at")) == texts
    restored = Report.objects.get(pk=report.pk)
    path = Path(settings.MEDIA_ROOT) / restored.source_file.name
    assert path.read_bytes() == "原文 2024".encode() and _mode(path) == 0o600 and _mode(path.parent) == 0o700


def test_restore_refuses_what_is_not_a_backup(tmp_path, db):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not a tar")
    with pytest.raises(BackupError, match="not a luoshi backup"):
        backup_restore(bogus)


def test_cli_backup_and_restore_round_trip_on_sqlite(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run = lambda *args: subprocess.run([sys.executable, "-m", "luoshi.cli", *args], capture_output=True, text=True,  # noqa: E731
                                       env=_env(), timeout=300)
    assert run("serve", "--demo", "--no-server", "--data-dir", str(a)).returncode == 0
    out = run("backup", "--data-dir", str(a), "-o", str(tmp_path / "a.tar.gz"))
    assert out.returncode == 0, out.stderr
    out = run("restore", str(tmp_path / "a.tar.gz"), "--data-dir", str(b))
    assert out.returncode == 0, out.stderr

    def rows(d: Path) -> dict:
        with sqlite3.connect(d / "luoshi.sqlite3") as db:
            tables = [t for (t,) in db.execute("select name from sqlite_master where type='table'")
                      if t.startswith(("reports_", "tracking_", "org_", "auth_user"))]
            return {t: db.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}

    assert rows(a) == rows(b) and rows(b)["tracking_commitment"] > 10
    files_a = sorted(p.relative_to(a / "media") for p in (a / "media").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b / "media") for p in (b / "media").rglob("*") if p.is_file())
    assert files_a == files_b and files_a
    assert _mode(b / "luoshi.sqlite3") == 0o600
    again = run("restore", str(tmp_path / "a.tar.gz"), "--data-dir", str(b))
    assert again.returncode == 2 and "--replace" in again.stderr


@pytest.mark.django_db
def test_export_all_writes_every_table_without_formulas_or_password_hashes(world, tmp_path):
    make_commitment(world.internal_report, 90, "=HYPERLINK(\"http://x\",\"点击\")", 1)
    Commitment.objects.filter(pk=world.c_b.pk).update(deleted_at="2024-05-01T00:00:00Z")
    out = export_all(tmp_path / "export")
    assert _mode(out) == 0o700
    data = json.loads((out / "luoshi-export.json").read_text(encoding="utf-8"))["tables"]
    assert len(data["tracking.commitment"]) == Commitment.all_objects.count()  # soft-deleted included
    assert any(r["indicator"].startswith("=HYPERLINK") for r in data["tracking.commitment"])  # JSON keeps the text
    assert "auth.user" in data and all("password" not in r for r in data["auth.user"])
    sheet = out / "csv" / "tracking.commitment.csv"
    assert _mode(sheet) == 0o600
    with sheet.open(encoding="utf-8-sig", newline="") as fh:
        indicators = [r["indicator"] for r in csv.DictReader(fh)]
    assert "'=HYPERLINK(\"http://x\",\"点击\")" in indicators and not any(i.startswith("=") for i in indicators)
    assert (out / "csv" / "tracking.historicalcommitment.csv").is_file()


def test_a_new_data_directory_is_private(tmp_path):
    data = tmp_path / "fresh"
    out = subprocess.run([sys.executable, "-c", "import luoshi_web.settings"], capture_output=True, text=True,
                         env=_env(LUOSHI_DATA_DIR=str(data)))
    assert out.returncode == 0, out.stderr
    assert _mode(data) == 0o700 and _mode(data / "secret_key") == 0o600
    assert _mode(data / "luoshi.sqlite3") == 0o600 and _mode(data / "media") == 0o700


def test_a_loose_sqlite_file_is_made_private(tmp_path):
    data = tmp_path / "old"
    data.mkdir()
    (data / "luoshi.sqlite3").touch(mode=0o644)
    os.chmod(data / "luoshi.sqlite3", 0o644)
    subprocess.run([sys.executable, "-c", "import luoshi_web.settings"], env=_env(LUOSHI_DATA_DIR=str(data)), check=True)
    assert _mode(data / "luoshi.sqlite3") == 0o600


@pytest.mark.django_db
def test_uploaded_files_are_private(world, settings):
    f = SimpleUploadedFile("r.txt", "2024年湖南省政府工作报告\n\n地区生产总值增长6%左右。\n".encode())
    world.client(world.su).post(reverse("import_upload"), {"region": world.hunan.pk, "file": f, "year": "2024"})
    from luoshi_web.reports.models import ImportDraft

    path = Path(ImportDraft.objects.latest("created_at").source_file.path)
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
