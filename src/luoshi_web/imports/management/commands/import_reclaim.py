"""Queue again the import jobs a killed worker left running (``luoshi worker`` runs it at start)."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Queue again (or fail, after repeated kills) import jobs left running by a stopped worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--stale-minutes", type=float, default=None,
                            help="a job running longer than this was left by a dead worker (default "
                                 "$LUOSHI_IMPORT_STALE_MINUTES or 15)")

    def handle(self, *args, stale_minutes, **options) -> None:
        from luoshi_web.imports.services import import_jobs_reclaim

        requeued, failed = import_jobs_reclaim(stale_minutes=stale_minutes)
        if requeued or failed or options["verbosity"] > 1:
            self.stdout.write(f"中断的导入任务 jobs left by a stopped worker: {requeued} 重新排队 queued again, "
                              f"{failed} 失败 failed")
