"""``luoshi restore FILE``: put a ``luoshi backup`` back into the configured database and data directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from luoshi_web.commands.backup import setup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help="从备份恢复 / restore a backup",
                       description="Restore a file made by 'luoshi backup' into the database (SQLite in the data "
                                   "directory, or DATABASE_URL) and the data directory's uploaded files.")
    p.add_argument("file", help="the .tar.gz made by luoshi backup")
    p.add_argument("--data-dir", default=None, help="the data directory to restore into (default $LUOSHI_DATA_DIR or ./data)")
    p.add_argument("--replace", action="store_true",
                   help="delete what the database holds first (otherwise a database with data is refused)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not setup(args.data_dir):
        return 2
    from luoshi_web.backup import BackupError, backup_restore

    try:
        manifest = backup_restore(Path(args.file), replace=args.replace)
    except (BackupError, OSError) as e:
        print(f"恢复失败，数据未改动 restore failed, nothing changed: {e}", file=sys.stderr)
        return 2
    rows = sum(manifest.get("rows", {}).values())
    print(f"已恢复 restored {args.file} ({manifest['created']}, {manifest['engine']}, {rows} rows)")
    return 0
