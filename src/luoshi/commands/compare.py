"""``luoshi compare --indicator ID FOLDER...``: one indicator's target vs result across regions or years.

Reports are found by file name (REGION-YEAR.txt, national YEAR.txt, gold ``…__REGION-YEAR.jsonl``);
report N of a region is paired with report N+1 of the same region. ``--year 2025`` gives every
region's 2025 target against its 2025 result; ``--region 全国 --from 1998 --to 2025`` a run of years.
"""

from __future__ import annotations

import argparse
import sys

from luoshi.commands.reconcile import add_common_options, output_format, setup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="跨地区/跨年份对照一个指标 / one indicator across regions or years",
                       description="One indicator's target (report N) against its result (report N+1) for every "
                                   "region and year found in the folders.")
    p.add_argument("folders", nargs="+", metavar="FOLDER", help="folders of reports or JSONL item files")
    p.add_argument("--indicator", required=True, metavar="ID",
                   help="catalogue id or name, e.g. gdp_growth, cpi, urban_new_jobs, 粮食产量")
    p.add_argument("--year", type=int, default=None, help="only targets of this year (all regions)")
    p.add_argument("--region", default=None, help="only this region (national files count as 全国)")
    p.add_argument("--from", dest="first", type=int, default=None, metavar="YEAR", help="first target year")
    p.add_argument("--to", dest="last", type=int, default=None, metavar="YEAR", help="last target year")
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from luoshi.reconcile import ReportCache, ReportPair, compare, discover, iter_pairs
    from luoshi.reconcile.render import COMPARE_COLUMNS, write_rows
    from luoshi.reconcile.sources import SourceError

    catalogue, memory, tolerance = setup(args)
    ind = catalogue.find(args.indicator)
    if ind is None:
        known = ", ".join(i.id for i in catalogue.indicators)
        print(f"错误 error: unknown indicator {args.indicator!r}; known: {known}", file=sys.stderr)
        return 2
    selected = []
    for folder in args.folders:
        selected.extend(iter_pairs(discover(folder), region=args.region, year=args.year,
                                   first=args.first, last=args.last))
    if not selected:
        print("错误 error: no report named REGION-YEAR or YEAR matches the selection", file=sys.stderr)
        return 2
    cache = ReportCache()
    pairs, failed = [], []
    progress = sys.stderr.isatty() and len(selected) > 1
    for i, (region, year, path, next_path) in enumerate(selected, 1):
        if progress:
            print(f"\r[{i}/{len(selected)}] {region} {year}      ", end="", file=sys.stderr, flush=True)
        try:
            first = cache.get(path)
            second = cache.get(next_path) if next_path else None
        except SourceError as e:
            failed.append(str(e))
            continue
        pairs.append(ReportPair(region, year, first.items, second.items if second else None,
                                str(path), str(next_path or "")))
    if progress:
        print(file=sys.stderr)
    rows = compare(pairs, ind.id, catalogue=catalogue, memory=memory, tolerance=tolerance)
    scope = args.region or (f"{args.year}年" if args.year else "")
    write_rows(rows, sys.stdout, output_format(args), title=f"{ind.name} ({ind.id}) {scope}".strip(),
               columns=COMPARE_COLUMNS)
    for msg in failed:
        print(f"错误 error: {msg}", file=sys.stderr)
    return 2 if failed else 0
