"""``luoshi export-all DIR``: every table as JSON and CSV, for other tools and for keeping."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from luoshi_web.commands.backup import setup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export-all", help="导出全部数据（JSON/CSV）/ export everything as JSON and CSV",
                       description="Write every table (soft-deleted rows and history included, password hashes "
                                   "left out) as one JSON file and one CSV per table into DIR (mode 0700).")
    p.add_argument("output", help="directory to write")
    p.add_argument("--format", choices=["json", "csv", "both"], default="both")
    p.add_argument("--data-dir", default=None, help="the data directory luoshi serve uses (default $LUOSHI_DATA_DIR or ./data)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not setup(args.data_dir):
        return 2
    from luoshi_web.backup import export_all

    formats = ("json", "csv") if args.format == "both" else (args.format,)
    try:
        path = export_all(Path(args.output), formats=formats)
    except OSError as e:
        print(f"导出失败 export failed: {e}", file=sys.stderr)
        return 2
    print(f"已导出 exported to {path}")
    return 0
