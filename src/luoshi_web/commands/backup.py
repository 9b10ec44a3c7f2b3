"""``luoshi backup``: the database and the uploaded files in one private (0600) ``.tar.gz``.

Works on SQLite and PostgreSQL alike (``DATABASE_URL``); see :mod:`luoshi_web.backup`. Restore
with ``luoshi restore FILE``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="备份数据库和上传文件 / back up the database and uploaded files",
                       description="Write the database and the uploaded files into one .tar.gz (mode 0600).")
    p.add_argument("--data-dir", default=None, help="the data directory luoshi serve uses (default $LUOSHI_DATA_DIR or ./data)")
    p.add_argument("-o", "--output", default=None,
                   help="file or directory to write (default DATA_DIR/backups/luoshi-backup-TIME.tar.gz)")
    p.set_defaults(func=run)


def setup(data_dir: str | None) -> bool:
    """Django for the data directory (and DATABASE_URL); False, with a message, when it cannot be."""
    try:
        from luoshi_web.commands.serve import django_setup

        django_setup(data_dir)
    except ImportError:
        print("需要网站组件 needs the web extra: pip install 'luoshi[web]'", file=sys.stderr)
        return False
    except Exception as e:  # ImproperlyConfigured and the like: one line, not a traceback
        print(f"配置错误 configuration error: {e}", file=sys.stderr)
        return False
    return True


def run(args: argparse.Namespace) -> int:
    if not setup(args.data_dir):
        return 2
    from luoshi_web.backup import BackupError, backup_create

    try:
        path = backup_create(Path(args.output) if args.output else None)
    except (BackupError, OSError) as e:
        print(f"备份失败 backup failed: {e}", file=sys.stderr)
        return 2
    print(f"已备份 backed up to {path}")
    return 0
