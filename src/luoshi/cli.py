"""The ``luoshi`` command: a thin dispatcher over the subcommands in ``luoshi.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> module that has ``register(subparsers)``; imported lazily so ``luoshi extract`` never
# pays for (or needs) Django.
COMMANDS: dict[str, str] = {
    "extract": "luoshi.commands.extract",
    "reconcile": "luoshi.commands.reconcile",
    "compare": "luoshi.commands.compare",
    "serve": "luoshi.commands.serve",
    "remind": "luoshi.commands.remind",
    "backup": "luoshi.commands.backup",
    "restore": "luoshi.commands.restore",
    "export-all": "luoshi.commands.export_all",
    "import": "luoshi.commands.importdir",
    "worker": "luoshi.commands.worker",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luoshi", description="落实: 政府工作报告 → 可跟踪的任务清单")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only and name != only:
            sub.add_parser(name, help=f"see: luoshi {name} --help")
            continue
        try:
            importlib.import_module(module).register(sub)
        except ModuleNotFoundError as e:
            if e.name and module.startswith(e.name):
                continue  # command not built yet
            raise
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
