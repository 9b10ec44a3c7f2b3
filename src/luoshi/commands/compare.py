"""``luoshi compare --indicator ID FOLDER...``: one indicator's target vs result across regions or years.

Reports are found by file name (REGION-YEAR.txt, national YEAR.txt, gold ``…__REGION-YEAR.jsonl``);
report N of a region is paired with report N+1 of the same region. ``--year 2025`` gives every
region's 2025 target against its 2025 result; ``--region 全国 --from 1998 --to 2025`` a run of years.

``luoshi compare --cross-level PARENT_REPORT CHILD...`` (上下级目标对照) puts every target the parent
region's report sets beside its sub-regions' own targets of the same year (CHILD: their reports, or
folders of REGION-YEAR files): for an additive indicator whether they add up to the parent's, for a
rate which sub-regions aim lower. The rule is ``luoshi.reconcile.crosslevel``, the web page's too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from luoshi.commands.reconcile import add_common_options, output_format, setup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="跨地区/跨年份对照一个指标；上下级目标对照 / one indicator across regions or "
                                       "years; a parent's targets against its sub-regions'",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="One indicator's target (report N) against its result (report N+1) for every\n"
                                   "region and year found in the folders.\n\n"
                                   "With --cross-level (上下级目标对照): every target of the first report (the parent\n"
                                   "region's) beside the sub-regions' own targets of the same year, from the reports\n"
                                   "or folders that follow: do additive targets add up to the parent's, is any\n"
                                   "sub-region's rate target below it.",
                       epilog="examples:\n"
                              "  luoshi compare --indicator gdp_growth --year 2025 corpus/province\n"
                              "  luoshi compare --cross-level 湖南省-2024.txt 长沙市-2024.txt 株洲市-2024.txt\n"
                              "  luoshi compare --cross-level 湖南省-2024.txt cities/ --indicator urban_new_jobs")
    p.add_argument("folders", nargs="+", metavar="PATH",
                   help="folders of reports or JSONL item files; with --cross-level the parent's report file "
                        "first, then the sub-regions' report files or folders")
    p.add_argument("--indicator", default=None, metavar="ID",
                   help="catalogue id or name, e.g. gdp_growth, cpi, urban_new_jobs, 粮食产量 (required, "
                        "except with --cross-level, where it keeps only this indicator)")
    p.add_argument("--cross-level", action="store_true",
                   help="上下级目标对照: the first PATH is the parent region's report, the others its "
                        "sub-regions' reports (files, or folders of REGION-YEAR files of the same year)")
    p.add_argument("--year", type=int, default=None,
                   help="only targets of this year (all regions); with --cross-level the year of the targets "
                        "compared (default: the parent report's year)")
    p.add_argument("--region", default=None,
                   help="only this region (national files count as 全国); with --cross-level the parent "
                        "region's name (default: from its file name or text)")
    p.add_argument("--from", dest="first", type=int, default=None, metavar="YEAR", help="first target year")
    p.add_argument("--to", dest="last", type=int, default=None, metavar="YEAR", help="last target year")
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from luoshi.reconcile import ReportCache, ReportPair, compare, discover, iter_pairs
    from luoshi.reconcile.render import COMPARE_COLUMNS, write_rows
    from luoshi.reconcile.sources import SourceError

    catalogue, memory, tolerance = setup(args)
    if args.cross_level:
        return run_cross_level(args, catalogue, memory)
    if not args.indicator:
        print("错误 error: --indicator ID is required (or --cross-level PARENT CHILD... for a parent's targets "
              "against its sub-regions')", file=sys.stderr)
        return 2
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


RELATION_TEXT = {"below": "低于上级 below", "equal": "持平 equal", "above": "高于上级 above",
                 "missing": "无目标 no target", "incomparable": "单位不可比 units differ"}


def _children(paths: list[str], year: int, parent_region: str, parent_path: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """(region, file) of every sub-region report named or found in a folder; a folder gives each
    region's report of ``year``. Also the notes to print (a region given twice)."""
    from luoshi.reconcile import discover
    from luoshi.reconcile.sources import parse_report_name

    found: dict[str, Path] = {}
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pairs = [(region, years[year]) for region, years in discover(path).items() if year in years]
        else:
            pairs = [(parse_report_name(path)[0] or path.stem, path)]
        for region, f in pairs:
            if region == parent_region or f.resolve() == parent_path.resolve():
                continue  # a folder holding the parent's own report too
            if region in found and found[region] != f:
                notes.append(f"注意 note: {region} 有两份报告 (two reports), using {found[region]}, not {f}")
                continue
            found.setdefault(region, f)
    return list(found.items()), notes


def run_cross_level(args: argparse.Namespace, catalogue, memory) -> int:
    """``--cross-level PARENT CHILD...``: the parent's targets against its sub-regions' own."""
    from luoshi.reconcile import ReportCache
    from luoshi.reconcile.crosslevel import cross_level
    from luoshi.reconcile.sources import SourceError

    ind = None
    if args.indicator:
        ind = catalogue.find(args.indicator)
        if ind is None:
            known = ", ".join(i.id for i in catalogue.indicators)
            print(f"错误 error: unknown indicator {args.indicator!r}; known: {known}", file=sys.stderr)
            return 2
    parent_path, *rest = (Path(p) for p in args.folders)
    if parent_path.is_dir() or not rest:
        print("错误 error: --cross-level wants the parent region's report FILE first, then its sub-regions' "
              "reports or folders, e.g. luoshi compare --cross-level 湖南省-2024.txt 长沙市-2024.txt cities/",
              file=sys.stderr)
        return 2
    cache = ReportCache()
    try:
        parent = cache.get(parent_path)
    except SourceError as e:
        print(f"错误 error: {e}", file=sys.stderr)
        return 2
    year = args.year or parent.year
    if year is None:
        print(f"错误 error: cannot tell the year of {parent_path}; give --year", file=sys.stderr)
        return 2
    parent_region = args.region or parent.region or parent_path.stem
    files, notes = _children([str(p) for p in rest], year, parent_region, parent_path)
    if not files:
        print(f"错误 error: no sub-region report of {year} among {', '.join(map(str, rest))} "
              "(folders are searched for REGION-YEAR files)", file=sys.stderr)
        return 2
    children, failed = [], []
    for region, f in files:
        try:
            report = cache.get(f)
        except SourceError as e:
            failed.append(str(e))
            continue
        if report.year and report.year != year:
            notes.append(f"注意 note: {f} 是{report.year}年报告 (is the {report.year} report); its {year} targets are used")
        children.append((region, report.items))
    checks = cross_level(parent.items, children, year=year, parent_region=parent_region, catalogue=catalogue,
                         memory=memory, indicator=ind.id if ind else None)
    title = f"上下级目标对照 {parent_region} {year}年 (cross-level consistency): {len(children)} 个下级地区 sub-regions"
    write_checks(checks, sys.stdout, output_format(args), title=title)
    for msg in notes:
        print(msg, file=sys.stderr)
    for msg in failed:
        print(f"错误 error: {msg}", file=sys.stderr)
    return 2 if failed else 0


CROSS_COLUMNS = (("地区", 14), ("目标", 16), ("折为上级单位", 14), ("对比", 18), ("原文", 40))


def _check_dict(c) -> dict:
    from luoshi.model import plain_number
    from luoshi.reconcile.crosslevel import VERDICT_TEXT, describe
    from luoshi.reconcile.render import format_quantity

    return {"indicator_id": c.indicator_id, "indicator": c.indicator, "year": c.year, "parent_region": c.parent_region,
            "parent_target": format_quantity(c.parent), "parent_value": plain_number(c.parent.value),
            "unit": c.parent.unit, "parent_text": c.parent.text, "additive": c.additive, "better": c.better,
            "verdict": c.verdict, "verdict_text": VERDICT_TEXT[c.verdict], "finding": describe(c),
            "total": plain_number(c.total), "difference": plain_number(c.difference),
            "missing": list(c.missing), "weaker": list(c.weaker), "incomparable": list(c.incomparable)}


def _line_dict(c, x) -> dict:
    from luoshi.model import plain_number
    from luoshi.reconcile.crosslevel import share
    from luoshi.reconcile.render import format_quantity

    return {"region": x.region, "target": format_quantity(x.target), "value_in_parent_unit": plain_number(x.value),
            "share_of_parent_percent": plain_number(share(c, x)), "relation": x.relation, "weaker": x.weaker,
            "text": x.target.text if x.target else None}


def write_checks(checks, out, fmt: str, *, title: str = "") -> None:
    """The checks as a table per indicator, JSONL (one record per indicator, sub-regions nested) or
    CSV (one row per sub-region, the indicator's fields repeated)."""
    import csv

    from luoshi.csvtext import safe_row

    if fmt == "jsonl":
        for c in checks:
            out.write(json.dumps({**_check_dict(c), "children": [_line_dict(c, x) for x in c.lines]}, ensure_ascii=False)
                      + "\n")
        return
    if fmt == "csv":
        rows = []
        for c in checks:
            head = {k: (" ".join(v) if isinstance(v, list) else v) for k, v in _check_dict(c).items()}
            rows += [{**head, **{f"child_{k}": v for k, v in _line_dict(c, x).items()}} for x in c.lines]
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(safe_row(r) for r in rows)
        return
    from luoshi.reconcile.crosslevel import describe, in_unit, share
    from luoshi.reconcile.render import format_quantity
    from luoshi.textwidth import fit

    if title:
        out.write(f"# {title}\n")
    for c in checks:
        kind = "可加总 additive" if c.additive else "不可加总 rate"
        ident = f" [{c.indicator_id}]" if c.indicator_id else ""
        out.write(f"\n## {c.indicator}{ident} · {c.parent_region} {format_quantity(c.parent)} · {kind}\n")
        out.write("  ".join(fit(h, w) for h, w in CROSS_COLUMNS).rstrip() + "\n")
        for x in c.lines:
            part = share(c, x)
            relation = f"占上级 {part}% share" if part is not None else RELATION_TEXT[x.relation] + (" ⚠" if x.weaker else "")
            cells = (x.region, format_quantity(x.target) or "—", format_quantity(in_unit(c, x.value)) or "—", relation,
                     (x.target.text if x.target else "").replace("\n", " "))
            out.write("  ".join(fit(v, w) for v, (_, w) in zip(cells, CROSS_COLUMNS, strict=True)).rstrip() + "\n")
        out.write(("→ " if not c.flagged else "⚠ ") + describe(c) + "\n")
    flagged = sum(1 for c in checks if c.flagged)
    out.write(f"\n共 {len(checks)} 项指标，需关注 {flagged} 项 / {len(checks)} indicators, {flagged} to look at\n")
