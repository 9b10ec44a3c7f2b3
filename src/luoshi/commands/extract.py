"""``luoshi extract PATH...``: items of one or many reports as a table, JSONL or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from luoshi.model import Extraction
from luoshi.textwidth import fit

FORMATS = ("table", "jsonl", "csv")
CSV_FIELDS = ("file", "kind", "indicator", "value", "value_max", "unit", "comparator", "qualifier", "year",
              "raw_value", "section", "start", "end", "text", "place")
TABLE_COLUMNS = (("类型", "kind"), ("指标", "indicator"), ("数值", "raw_value"), ("单位", "unit"),
                 ("限定", "qualifier"), ("年份", "year"), ("位置", "place"), ("原文", "text"))
KIND_ZH = {"target": "目标", "result": "成效", "project": "项目", "task": "任务"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="抽取报告中的量化目标、成效和项目 / extract commitments from reports",
                       description="Extract quantified targets, results and named projects from work reports.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories (searched recursively)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, jsonl otherwise)")
    p.add_argument("--year", type=int, default=None, help="report year; inferred from the text when absent")
    p.add_argument("--region", default=None, help="region the report is for, e.g. 湖南省")
    p.add_argument("--tasks", action="store_true", help="also list unquantified tasks (kind=task)")
    p.set_defaults(func=run)


def iter_files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


def run(args: argparse.Namespace) -> int:
    from luoshi.pipeline import extract_document
    from luoshi.readers import ReaderError, read_path

    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    files = list(iter_files(args.paths))
    out = sys.stdout
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore") if fmt == "csv" else None
    if writer:
        writer.writeheader()
    failed: list[str] = []
    n_items = 0
    progress = sys.stderr.isatty() and len(files) > 1
    for i, path in enumerate(files, 1):
        if progress:
            print(f"\r[{i}/{len(files)}] {path.name[:40]:40s}", end="", file=sys.stderr, flush=True)
        try:
            doc = read_path(path)
        except ReaderError as e:
            failed.append(str(e))
            continue
        result = extract_document(doc, year=args.year, region=args.region)
        for note in getattr(doc, "notes", ()) or ():
            print(f"{path}: 注意 note: {note}", file=sys.stderr)
        for w in result.warnings:
            print(f"{path}: {w}", file=sys.stderr)
        rows = [it for it in result.items if args.tasks or it.kind != "task"]
        n_items += len(rows)
        if fmt == "jsonl":
            for it in rows:
                out.write(json.dumps(it.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "csv":
            for it in rows:
                d = it.to_dict()
                d.update(file=str(path), section=" / ".join(d["section"]), place=doc.locate(it.start))
                writer.writerow(d)
        else:
            print_table(path, result, rows, doc)
    if progress:
        print(file=sys.stderr)
    for msg in failed:
        print(f"错误 error: {msg}", file=sys.stderr)
    if len(files) > 1 or failed:
        print(f"读取 {len(files) - len(failed)} 个文件, 抽取 {n_items} 项, 失败 {len(failed)} 个 "
              f"(files read: {len(files) - len(failed)}, items: {n_items}, failed: {len(failed)})", file=sys.stderr)
    return 2 if failed else 0


def print_table(path: Path, result: Extraction, rows, doc) -> None:
    year = result.year if result.year else "未能推断 (unknown; pass --year)"
    print(f"# {path}  年份 {year}  共 {len(rows)} 项")
    widths = (4, 28, 10, 8, 6, 6, 8, 40)
    print("  ".join(fit(h, w) for (h, _), w in zip(TABLE_COLUMNS, widths, strict=True)).rstrip())
    for it in rows:
        d = it.to_dict()
        d["kind"] = KIND_ZH.get(it.kind, it.kind)
        d["place"] = doc.locate(it.start)
        d["text"] = it.text.replace("\n", " ")
        cells = ["" if d[k] is None else str(d[k]) for _, k in TABLE_COLUMNS]
        print("  ".join(fit(c, w) for c, w in zip(cells, widths, strict=True)).rstrip())
    print()
