"""Back up, restore and export everything: the database and the uploaded files, on SQLite or PostgreSQL.

A backup is one ``.tar.gz`` (mode 0600) holding ``manifest.json`` (when, which database engine,
the migrations applied, rows per table), ``data.json`` (Django's ``dumpdata`` of every table but
the ones Django rebuilds itself: content types, permissions, sessions, login attempts) and
``media/`` (reports, drafts, evidence, 分工表 files). The same file restores into SQLite or
PostgreSQL, whichever the target is, because the data is Django's portable serialisation, not an
engine's dump. Restoring migrates the target, refuses a backup made by a newer luoshi (migrations
the target does not have) and a target that already holds data (unless told to replace it), then
loads everything in one transaction and puts the files back.

``export_all`` writes everything readable by other tools: one JSON file and one CSV per table,
with soft-deleted rows (``deleted_at`` set) and history tables included, password hashes left out,
and every CSV text field passed through :func:`luoshi.csvtext.safe_row` (no formula reaches a
spreadsheet).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings
from django.utils import timezone

from luoshi.csvtext import safe_row

FORMAT = 1
# Rebuilt by ``migrate`` (content types, permissions) or not worth keeping (sessions, login attempts).
EXCLUDE = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why and what to do."""


def private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def _private_file(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)


def _applied() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _counts() -> dict[str, int]:
    out = {}
    for model in apps.get_models():
        if model._meta.app_label in {"contenttypes", "sessions", "axes"} or model._meta.label_lower == "auth.permission":
            continue
        manager = getattr(model, "all_objects", model._base_manager)
        out[model._meta.label_lower] = manager.count()
    return out


def backup_create(output: Path | None = None) -> Path:
    """Write a backup of the database and media to ``output`` (default: the data directory's
    ``backups/luoshi-backup-<time>.tar.gz``); returns its path."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    if output is None:
        output = private_dir(Path(settings.DATA_DIR) / "backups") / f"luoshi-backup-{stamp}.tar.gz"
    output = Path(output)
    if output.is_dir():
        output = output / f"luoshi-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        # One transaction, so that the tables are read at one moment (PostgreSQL: one snapshot).
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, use_base_manager=True,  # soft-deleted rows too
                         output=str(data), verbosity=0)
            manifest = {"format": FORMAT, "created": timezone.now().isoformat(), "engine": connection.vendor,
                        "migrations": _applied(), "rows": _counts()}
        fd = _private_file(output)
        with os.fdopen(fd, "wb") as fh, tarfile.open(fileobj=fh, mode="w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
            tar.add(data, arcname="data.json")
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                tar.add(media, arcname="media")
    return output


def _add_bytes(tar: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(payload), 0o600, int(datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(payload))


def read_manifest(path: Path) -> dict:
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            manifest = json.loads(member.read()) if member else None
    except (OSError, tarfile.TarError, KeyError, ValueError) as e:
        raise BackupError(f"{path} is not a luoshi backup ({e}); pass a file made by 'luoshi backup'") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a luoshi backup of a known format; pass a file made by 'luoshi backup'")
    return manifest


def backup_restore(path: Path, *, replace: bool = False) -> dict:
    """Restore ``path`` into the configured database and media folder; returns its manifest.

    Refuses (BackupError, nothing changed) a file that is not a backup, one made by a newer luoshi,
    and a database that holds data unless ``replace`` (which empties it first, in the same
    transaction as the load).
    """
    path = Path(path)
    manifest = read_manifest(path)
    call_command("migrate", interactive=False, verbosity=0)
    missing = {tuple(m) for m in manifest["migrations"]} - {tuple(m) for m in _applied()}
    if missing:
        names = ", ".join(f"{a}.{n}" for a, n in sorted(missing)[:5])
        raise BackupError(f"the backup was made by a newer luoshi (migrations {names} are unknown here); "
                          "upgrade luoshi, then restore")
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if user_model._base_manager.exists() and not replace:
        raise BackupError("the database already holds data; restore into an empty database, "
                          "or pass --replace to delete what it holds first")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(path, "r:gz") as tar:
            members = [m for m in tar.getmembers() if _safe_member(m)]
            tar.extractall(tmp, members=members, filter="data")
        # The history tables are restored as they were: no new history for the rows being loaded
        # (simple-history would record the many-to-many sets loaddata makes).
        with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
            if replace:
                call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(Path(tmp) / "data.json"), verbosity=0)
        source = Path(tmp) / "media"
        if source.is_dir():
            _copy_tree(source, private_dir(Path(settings.MEDIA_ROOT)))
    return manifest


def _safe_member(member: tarfile.TarInfo) -> bool:
    """Only the backup's own names: no absolute paths, no .., no links or devices."""
    name = PurePosixPath(member.name)
    if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
        return False
    return name.parts[0] in {"manifest.json", "data.json", "media"}


def _copy_tree(source: Path, target: Path) -> None:
    for item in sorted(source.rglob("*")):
        dest = target / item.relative_to(source)
        if item.is_dir():
            private_dir(dest)
        else:
            private_dir(dest.parent)
            fd = _private_file(dest)
            with os.fdopen(fd, "wb") as out, item.open("rb") as src:
                while chunk := src.read(1 << 20):
                    out.write(chunk)


# --- export of everything -----------------------------------------------------------------------

_USER_FIELDS = ("id", "username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser",
                "date_joined", "last_login")
_SECRET_FIELDS = {"password", "history_change_reason_ip"}


def _export_models() -> list:
    user_label = settings.AUTH_USER_MODEL.lower()
    return [m for m in apps.get_models()
            if m.__module__.startswith("luoshi_web.") or m._meta.label_lower in {user_label, "auth.group"}]


def _rows(model) -> tuple[list[str], list[dict]]:
    fields = [f for f in model._meta.concrete_fields if f.name not in _SECRET_FIELDS]
    if model._meta.label_lower == settings.AUTH_USER_MODEL.lower():
        fields = [f for f in fields if f.name in _USER_FIELDS]
    names = [f.attname for f in fields]
    manager = getattr(model, "all_objects", model._base_manager)
    return names, list(manager.order_by("pk").values(*names))


def export_all(output: Path, *, formats: tuple[str, ...] = ("json", "csv")) -> Path:
    """Write every table (as above) into the directory ``output`` (0700; files 0600)."""
    output = private_dir(Path(output))
    everything = {}
    for model in _export_models():
        names, rows = _rows(model)
        label = model._meta.label_lower
        everything[label] = rows
        if "csv" in formats:
            fd = _private_file(private_dir(output / "csv") / f"{label}.csv")
            with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=names)
                writer.writeheader()
                for row in rows:
                    writer.writerow(safe_row({k: _cell(v) for k, v in row.items()}))
    if "json" in formats:
        fd = _private_file(output / "luoshi-export.json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"exported": timezone.now().isoformat(), "tables": everything}, fh, cls=DjangoJSONEncoder,
                      ensure_ascii=False, indent=1)
    return output


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if isinstance(value, datetime):
        return value.isoformat()
    return value
