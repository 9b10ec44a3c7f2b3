"""``luoshi import DIR`` (through the ``luoshi`` CLI): queue one import job per report file of a folder."""

from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from luoshi_web.errors import DomainError


class Command(BaseCommand):
    help = "Queue one archive-import job per report file under DIR (recursively)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--region", default="")
        parser.add_argument("--region-from-text", action="store_true")
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--user", default="")

    def handle(self, *args, paths, region, region_from_text, year, user, **options) -> None:
        from django.conf import settings

        from luoshi_web.imports.archive import is_report_name
        from luoshi_web.imports.models import ImportBatch, ImportJob
        from luoshi_web.imports.services import import_batch_create
        from luoshi_web.org.models import Region

        account = _user(user or os.environ.get("LUOSHI_IMPORT_USER", ""))
        target = None
        if region:
            found = list(Region.objects.filter(name=region))
            if not found:
                raise CommandError(f"地区“{region}”不在数据库中；请先在网站的 地区 页面添加。 "
                                   f"region {region!r} is not in the database: add it first")
            if len(found) > 1:
                raise CommandError(f"有 {len(found)} 个地区名为“{region}”；请用 --region-from-text。 "
                                   f"several regions are named {region!r}")
            target = found[0]
        elif not region_from_text:
            raise CommandError("请给出 --region 地区名 或 --region-from-text。 give --region NAME or --region-from-text")
        limit = settings.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024
        files: list[tuple[str, bytes]] = []
        skipped: list[str] = []
        for given in paths:
            root = Path(given)
            if not root.exists():
                raise CommandError(f"找不到 {given}。 no such file or directory: {given}")
            found_files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
            for p in found_files:
                rel = p.relative_to(root).as_posix() if root.is_dir() else p.name
                if not is_report_name(rel):
                    skipped.append(rel)
                elif p.stat().st_size > limit:
                    skipped.append(f"{rel} (> {settings.LUOSHI_MAX_UPLOAD_MB} MB)")
                else:
                    files.append((rel, p.read_bytes()))
        if len(files) > settings.LUOSHI_IMPORT_MAX_FILES:
            raise CommandError(f"{len(files)} 个文件，超过上限 {settings.LUOSHI_IMPORT_MAX_FILES}（LUOSHI_IMPORT_MAX_FILES）。 "
                               "too many files for one batch: import the folder in parts or raise the limit")
        try:
            batch = import_batch_create(user=account, region=target, files=files, source=ImportBatch.Source.FOLDER,
                                        source_name=", ".join(paths), region_from_text=region_from_text, year=year)
        except DomainError as e:
            raise CommandError(e.message) from None
        except PermissionDenied as e:
            raise CommandError(str(e)) from None
        for name in skipped:
            self.stderr.write(f"跳过 skipped: {name}")
        counts = {s: 0 for s in ImportJob.State}
        for state in batch.jobs.values_list("state", flat=True):
            counts[ImportJob.State(state)] += 1
        self.stdout.write(f"批次 batch {batch.pk}: {len(files)} 份报告 reports queued; "
                          + ", ".join(f"{s.label} {s.value} {n}" for s, n in counts.items()))
        for job in batch.jobs.filter(state=ImportJob.State.FAILED).defer("content"):
            self.stdout.write(f"失败 failed\t{job.file_name}\t{job.reason}")
        if counts[ImportJob.State.QUEUED]:
            self.stdout.write("运行 luoshi worker 处理队列 (run luoshi worker to process the queue); "
                              f"进度 progress: {settings.LUOSHI_SITE_URL}{batch.get_absolute_url()}")


def _user(name: str):
    User = get_user_model()
    if name:
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise CommandError(f"没有账号“{name}”。 no active account {name!r}")
        return user
    admins = list(User.objects.filter(is_superuser=True, is_active=True)[:2])
    if len(admins) == 1:
        return admins[0]
    raise CommandError("请用 --user 指定导入人（该地区的督查员）。 give --user: the supervisor the drafts belong to")
