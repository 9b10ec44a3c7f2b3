"""``luoshi worker``: run the archive-import queue (django-tasks-db's ``db_worker``).

A worker takes queued jobs from the database, one at a time, until stopped (Ctrl-C or SIGTERM
finish the current job first); start as many as there are cores to spare, on this machine or on
any other with the same ``DATABASE_URL``, the same settings and the same media directory (the
drafts' copies of the files). ``--batch`` processes what is queued and exits (for cron or a test).
With ``LUOSHI_TASKS=immediate`` there is nothing to run: jobs run as they are queued.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from luoshi_web.commands import web_extra_missing


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "worker", help="运行批量导入队列 / run the archive-import job queue",
        description="Run queued archive-import jobs from the database (django-tasks-db db_worker). "
                    "Run several, on this or other machines sharing DATABASE_URL and the media directory.",
    )
    p.add_argument("--batch", action="store_true", help="process what is queued, then exit")
    p.add_argument("--max-tasks", type=int, default=None, help="exit after this many jobs")
    p.add_argument("--interval", type=float, default=1.0, help="seconds between looks at an empty queue (default 1)")
    p.add_argument("--worker-id", default=None, help="a name unique among the workers (default: random)")
    p.add_argument("--data-dir", default=None, help="the data directory luoshi serve uses (default $LUOSHI_DATA_DIR or ./data)")
    p.add_argument("--verbosity", type=int, default=1, choices=(0, 1, 2, 3))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if web_extra_missing("worker"):
        return 2
    os.environ.setdefault("LUOSHI_TASKS", "database")  # a worker is for the database queue
    from luoshi_web.commands.serve import django_setup

    django_setup(args.data_dir)
    from django.conf import settings
    from django.core.management import call_command

    if settings.LUOSHI_TASKS != "database":
        print(f"LUOSHI_TASKS={settings.LUOSHI_TASKS}: 导入任务在排队时即已运行，无需 worker。 "
              "jobs run as they are queued; no worker is needed (set LUOSHI_TASKS=database for a queue)",
              file=sys.stderr)
        return 2
    # The worker loop closes "old" connections after every task; with the web app's setting (a new
    # connection per request) that is a new PostgreSQL connection per job. A worker keeps its own.
    for db in settings.DATABASES.values():
        db["CONN_MAX_AGE"] = 600
        db["CONN_HEALTH_CHECKS"] = True
        if "sqlite" in db["ENGINE"]:  # one writer at a time: wait for the other workers' jobs, not 5 s
            db.setdefault("OPTIONS", {})["timeout"] = 60
    options: dict = {"interval": args.interval, "batch": args.batch, "reload": False, "verbosity": args.verbosity}
    if args.max_tasks:
        options["max_tasks"] = args.max_tasks
    if args.worker_id:
        options["worker_id"] = args.worker_id
    from django.db import OperationalError

    # Jobs a killed worker left running would wait forever: queue them again first.
    call_command("import_reclaim", verbosity=args.verbosity)

    # On SQLite a worker can find the database locked by another writer (the web app or another
    # worker) when it starts its claim transaction; django-tasks-db stops there. The job it was
    # about to claim is still queued: start the loop again instead of leaving the queue unserved.
    while True:
        try:
            call_command("db_worker", **options)
            return 0
        except OperationalError as e:
            if "locked" not in str(e):
                raise
            print(f"数据库被占用，1 秒后继续 database locked, going on in 1 s: {e}", file=sys.stderr)
            time.sleep(1)
