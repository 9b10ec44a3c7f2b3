"""``luoshi import DIR``: queue one archive-import job per report file (the web app's 批量导入).

Each job extracts one report into a review draft (nothing is tracked until a person confirms it
on the review page). With ``LUOSHI_TASKS=immediate`` (the default on SQLite) the jobs run in this
process before it exits; with the database queue they wait for ``luoshi worker``.

Django is imported only inside :func:`run`, and the work is the web app's management command
``luoshi_import`` (called by name): the library never imports the web package.
"""

from __future__ import annotations

import argparse
import sys

from luoshi_web.commands import web_extra_missing


def _year(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1949 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year from 1949 to 2100")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="批量导入报告（排队，生成待审核草稿）/ queue reports for import as review drafts",
        description="Queue one import job per report file under DIR (TXT/Markdown, HTML, DOCX, PDF; "
                    "searched recursively). Workers (luoshi worker) extract each into a review draft; "
                    "progress and failures are on the web app's 批量导入 page.",
    )
    p.add_argument("paths", nargs="+", metavar="DIR", help="folders or files of reports")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--region", default="", help="the region (as named in the database) every report is for")
    where.add_argument("--region-from-text", action="store_true",
                       help="read each report's region from its text (我代表××市人民政府); a region not in "
                            "the database fails that report's job with the reason")
    p.add_argument("--year", type=_year, default=None, help="the report year (default: read from each text)")
    p.add_argument("--user", default="",
                   help="the supervisor account the drafts belong to (default $LUOSHI_IMPORT_USER, else the "
                        "only administrator)")
    p.add_argument("--data-dir", default=None, help="the data directory luoshi serve uses (default $LUOSHI_DATA_DIR or ./data)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if web_extra_missing("import"):
        return 2
    from luoshi_web.commands.serve import django_setup

    django_setup(args.data_dir)
    import logging

    logging.getLogger("django.tasks").setLevel(logging.WARNING)  # one line per task started/finished otherwise
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.db import DatabaseError

    options = {"region": args.region, "region_from_text": args.region_from_text, "year": args.year, "user": args.user}
    try:
        call_command("luoshi_import", *args.paths, **options)
    except CommandError as e:
        print(e, file=sys.stderr)
        return 2
    except DatabaseError as e:
        print(f"无法读写数据库 cannot use the database: {e}\n请先运行 luoshi serve --no-server 建库或迁移。 "
              "Run luoshi serve --no-server first to create or migrate it.", file=sys.stderr)
        return 2
    return 0
