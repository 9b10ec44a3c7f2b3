"""``luoshi remind``: produce the automatic reminders due today and e-mail them; for cron or a systemd timer.

A command, not a daemon: the machine's scheduler already restarts, logs and catches up on missed
runs (``Persistent=true``); every reminder has a key (assignment, kind, period), so a run repeated
or run twice at once produces nothing new, and a run that was missed produces the reminder the next
time. Django is imported only inside :func:`run`, so ``luoshi extract`` never needs the web extra.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from luoshi_web.commands import web_extra_missing


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD, e.g. 2026-07-06") from None


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 366:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days from 0 to 366")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "remind", help="生成并发送到期/缺报提醒 / produce and send the automatic reminders (for cron)",
        description="Produce the reminders due today (deadline approaching; a report due by the reporting "
                    "frequency missing), each once, and e-mail every reminder not yet e-mailed. Run it daily "
                    "from cron or a systemd timer; it reads the same settings as luoshi serve.",
    )
    p.add_argument("--today", type=_day, default=None, help="the date to act as if it were (default: today)")
    p.add_argument("--days", type=_days, default=7, help="remind this many days before a deadline (default 7)")
    p.add_argument("--grace", type=_days, default=5,
                   help="days after a month or quarter ends that its report may still come in (default 5)")
    p.add_argument("--data-dir", default=None, help="the data directory luoshi serve uses (default $LUOSHI_DATA_DIR or ./data)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if web_extra_missing("remind"):
        return 2
    from luoshi_web.commands.serve import django_setup

    django_setup(args.data_dir)
    from django.db import DatabaseError

    from luoshi_web.supervision.services import remind_run

    try:
        done = remind_run(today=args.today, days=args.days, grace=args.grace)
    except DatabaseError as e:
        print(f"无法读写数据库 cannot use the database: {e}\n请先运行 luoshi serve --no-server 建库或迁移。 "
              "Run luoshi serve --no-server first to create or migrate it.", file=sys.stderr)
        return 2
    for r in done.created:
        print(f"{r.get_kind_display()}\t{r.unit.name}\t{r.commitment.indicator}")
    print(f"新提醒 new reminders: {len(done.created)}; 邮件 e-mailed: {done.emailed}; 发送失败 failed: {done.failed}")
    return 1 if done.failed else 0
