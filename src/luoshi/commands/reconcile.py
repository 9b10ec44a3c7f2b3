"""``luoshi reconcile REPORT_N REPORT_N+1``: every target of year N beside its result (兑现对照).

Thin: parse arguments, load the two reports (documents are extracted, JSONL items read as they
are), call ``luoshi.reconcile.reconcile`` and write the rows. The options shared with
``luoshi compare`` (tolerance, catalogue, match memory) are defined here once.
"""

from __future__ import annotations

import argparse
import os
import sys
from decimal import Decimal, InvalidOperation

FORMATS = ("table", "csv", "jsonl")
MEMORY_ENV = "LUOSHI_MATCH_MEMORY"


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def add_common_options(p: argparse.ArgumentParser) -> None:
    """Options ``reconcile`` and ``compare`` share."""
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, jsonl otherwise)")
    p.add_argument("--tolerance-points", type=_decimal, default=Decimal("0.5"), metavar="PP",
                   help="leeway of a 左右 target in %% or 个百分点, in percentage points either side (default 0.5)")
    p.add_argument("--tolerance-relative", type=_decimal, default=Decimal("0.05"), metavar="SHARE",
                   help="leeway of a 左右 target for levels, as a share of the target (default 0.05 = 5%%)")
    p.add_argument("--surplus-points", type=_decimal, default=Decimal(1), metavar="PP",
                   help="how far past a rate target a result must be to be 超额, in percentage points (default 1)")
    p.add_argument("--surplus-relative", type=_decimal, default=Decimal("0.10"), metavar="SHARE",
                   help="how far past a level target a result must be to be 超额, as a share of the target "
                        "(default 0.10 = 10%%)")
    p.add_argument("--scale-limit", type=_decimal, default=Decimal(3), metavar="TIMES",
                   help="a quantity result more than TIMES its target (or under 1/TIMES) is taken for a "
                        "multi-year total and judged 无法判断 (default 3)")
    p.add_argument("--catalogue", default=None, metavar="YAML",
                   help="indicator catalogue to use instead of the packaged data/zh/indicators.yaml")
    p.add_argument("--memory", default=os.environ.get(MEMORY_ENV), metavar="FILE",
                   help=f"match memory (JSON or YAML) of confirmed indicator matches (default: ${MEMORY_ENV})")
    p.add_argument("--remember", action="append", default=[], metavar="TEXT=ID",
                   help="confirm or correct a match before running: indicator text = catalogue id, "
                        "your own id, or - for 'never match'; saved to --memory (repeatable)")


def setup(args: argparse.Namespace):
    """(catalogue, memory, tolerance) from the shared options; applies and saves ``--remember``."""
    from luoshi.reconcile import MatchMemory, Tolerance, load_catalogue

    catalogue = load_catalogue(args.catalogue)
    memory = MatchMemory.load(args.memory)
    for spec in args.remember:
        text, sep, ident = spec.rpartition("=")
        if not sep or not text.strip() or not ident.strip():
            raise SystemExit(f"--remember wants TEXT=ID, got {spec!r}")
        ident = ident.strip()
        target = None if ident in ("-", "none", "null") else ident
        key = memory.remember(text.strip(), target, catalogue)
        if target and not catalogue.get(target):
            print(f"注意 note: {target!r} is not a catalogue id; it pairs only names mapped to it", file=sys.stderr)
        print(f"已记住 remembered: {key} -> {target or '不匹配 (never match)'}", file=sys.stderr)
    if args.remember:
        if memory.path is None:
            raise SystemExit(f"--remember needs --memory FILE (or ${MEMORY_ENV}) to save to")
        memory.save()
    for name in ("tolerance_points", "tolerance_relative", "surplus_points", "surplus_relative"):
        if getattr(args, name) < 0:
            raise SystemExit(f"--{name.replace('_', '-')} must not be negative")
    tolerance = Tolerance(points=args.tolerance_points, relative=args.tolerance_relative,
                          surplus_points=args.surplus_points, surplus_relative=args.surplus_relative,
                          scale=args.scale_limit)
    return catalogue, memory, tolerance


def output_format(args: argparse.Namespace) -> str:
    return args.format or ("table" if sys.stdout.isatty() else "jsonl")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reconcile", help="兑现对照: 上年目标 vs 本年报告的完成情况 / targets of year N vs results",
                       description="Put every target of report N beside the result report N+1 gives for it, "
                                   "with a verdict (达成/未达成/超额/无法判断) and the targets never mentioned "
                                   "again (沉默). Reports are documents (extracted) or JSONL files of items.")
    p.add_argument("report", metavar="REPORT_N", nargs="?", help="the report that set the targets (document or JSONL)")
    p.add_argument("next_report", metavar="REPORT_N+1", nargs="?",
                   help="the next year's report, which gives the results")
    p.add_argument("--db", action="store_true",
                   help="read the two reports of --region for --year and the next year from the tracking database "
                        "(DATABASE_URL or LUOSHI_DATA_DIR, as for luoshi serve) instead of files")
    p.add_argument("--year", type=int, default=None,
                   help="year N of the targets (default: from the gold header, the file name, the text, "
                        "or REPORT_N+1's year minus one)")
    p.add_argument("--region", default=None, help="region of both reports, e.g. 湖南省 (default: from the file name)")
    p.add_argument("--indicator", default=None, metavar="ID",
                   help="only this indicator (catalogue id or name, e.g. gdp_growth or 城镇新增就业)")
    p.add_argument("--matched", action="store_true", help="leave out targets with no result (沉默)")
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from luoshi.reconcile import SILENT, reconcile
    from luoshi.reconcile.render import write_rows
    from luoshi.reconcile.sources import SourceError, load_pair

    catalogue, memory, tolerance = setup(args)
    if args.db:
        return _run_db(args, catalogue, memory, tolerance)
    if not args.report or not args.next_report:
        print("错误 error: give REPORT_N and REPORT_N+1, or --db --region R --year N", file=sys.stderr)
        return 2
    try:
        first, second, year = load_pair(args.report, args.next_report, year=args.year, region=args.region)
    except SourceError as e:
        print(f"错误 error: {e}", file=sys.stderr)
        return 2
    for report in (first, second):
        for w in report.warnings:
            print(f"{report.path}: {w}", file=sys.stderr)
    if year is None:
        print("错误 error: cannot tell the year of REPORT_N from its name, its text or REPORT_N+1; pass --year",
              file=sys.stderr)
        return 2
    plan = bool(args.year is None and first.year and second.year and 1 < second.year - first.year <= 5)
    if plan:
        # a five-year plan: report N set goals for the plan's last year, report N+k reviews the plan
        year = second.year - 1
        print(f"注意 note: 五年规划对照：{first.year}年报告为{year}年设定的目标 vs {second.year}年报告的回顾 "
              f"(five-year plan: the {first.year} report's goals for {year} against the {second.year} review)",
              file=sys.stderr)
    elif second.year and second.year != year + 1:
        print(f"注意 note: {second.path} looks like the {second.year} report, not {year + 1}", file=sys.stderr)
    indicator_id = None
    if args.indicator:
        ind = catalogue.find(args.indicator)
        if ind is None:
            print(f"错误 error: unknown indicator {args.indicator!r}", file=sys.stderr)
            return 2
        indicator_id = ind.id
    rows = reconcile(first.items, second.items, year=year, region=first.region or second.region,
                     catalogue=catalogue, memory=memory, tolerance=tolerance,
                     target_source=first.path, result_source=second.path, targets_text=first.text or None,
                     results_text=second.text or None, plan=plan)
    if indicator_id:
        rows = [r for r in rows if r.indicator_id == indicator_id]
    if args.matched:
        rows = [r for r in rows if r.verdict != SILENT]
    region = first.region or second.region or ""
    title = f"{region} {year}年目标 vs {year + 1}年报告 ({first.path} → {second.path})".strip()
    write_rows(rows, sys.stdout, output_format(args), title=title)
    if not first.items or not second.items:
        empty = first.path if not first.items else second.path
        print(f"注意 note: no items in {empty} (is the extractor returning items?)", file=sys.stderr)
    return 0


def _run_db(args: argparse.Namespace, catalogue, memory, tolerance) -> int:
    """Reconcile two reports stored in the tracking database (imported and reviewed on the web)."""
    from luoshi.reconcile import SILENT, reconcile
    from luoshi.reconcile.render import write_rows

    if not args.region or not args.year:
        print("错误 error: --db needs --region and --year (e.g. --db --region 湖南省 --year 2025)", file=sys.stderr)
        return 2
    from importlib.metadata import entry_points

    # The database is the web application's: it provides the reader through an entry point
    # (``luoshi.stored_reports``), so this library never imports it.
    providers = [ep for ep in entry_points(group="luoshi.stored_reports") if ep.name == "database"]
    try:
        stored_pair = providers[0].load() if providers else None
        if stored_pair is None:
            raise ImportError("no provider")
        pair = stored_pair(args.region, args.year)
    except ImportError:
        print("错误 error: --db needs the web extra: pip install 'luoshi[web]'", file=sys.stderr)
        return 2
    except LookupError as e:  # the region or the year's report is not in the database
        print(f"错误 error: {e}", file=sys.stderr)
        return 2
    if pair.results is None:
        print(f"注意 note: no {args.year + 1} report of {args.region} in the database; every target is 沉默",
              file=sys.stderr)
    if memory.path is None:
        memory = pair.memory  # the region's confirmed matches from the web app
    rows = reconcile(pair.targets, pair.results or [], year=args.year, region=args.region, catalogue=catalogue,
                     memory=memory, tolerance=tolerance, target_source=pair.target_title,
                     result_source=pair.result_title, targets_text=pair.target_text or None,
                     results_text=pair.result_text or None)
    if args.indicator:
        ind = catalogue.find(args.indicator)
        if ind is None:
            print(f"错误 error: unknown indicator {args.indicator!r}", file=sys.stderr)
            return 2
        rows = [r for r in rows if r.indicator_id == ind.id]
    if args.matched:
        rows = [r for r in rows if r.verdict != SILENT]
    write_rows(rows, sys.stdout, output_format(args), title=f"{args.region} {args.year} → {args.year + 1}")
    return 0
