"""The ``luoshi`` command: a thin dispatcher over the subcommands in ``luoshi.commands``, plus
those other installed packages declare in the ``luoshi.commands`` entry-point group (the web
application's ``serve``, ``worker``, ``import``…: the library never imports it)."""

from __future__ import annotations

import argparse
import importlib
import sys
from importlib.metadata import entry_points

# name -> module that has ``register(subparsers)``; imported lazily so ``luoshi extract`` never
# pays for (or needs) Django.
COMMANDS: dict[str, str] = {
    "extract": "luoshi.commands.extract",
    "reconcile": "luoshi.commands.reconcile",
    "compare": "luoshi.commands.compare",
}
PLUGIN_GROUP = "luoshi.commands"


def commands() -> dict[str, str]:
    """The library's commands, then the installed plugins' (a plugin never replaces a library command)."""
    found = dict(COMMANDS)
    for ep in entry_points(group=PLUGIN_GROUP):
        found.setdefault(ep.name, ep.value)
    return found


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="luoshi", description="落实: 政府工作报告 → 可跟踪的任务清单")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in commands().items():
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
    parser = build_parser(first if first in commands() else None)
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
