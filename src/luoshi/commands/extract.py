"""``luoshi extract PATH...``: items of one or many reports as a table, JSONL or CSV.

Many files are spread over a process pool (``--jobs``). Each file's output is rendered to text by
``extract_one`` in whichever process read it and written by the parent in the sorted file order,
so the bytes are the same for any ``--jobs``. A single file stays in this process.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from luoshi.csvtext import safe_row
from luoshi.model import Extraction
from luoshi.textwidth import fit

FORMATS = ("table", "jsonl", "csv")
CSV_FIELDS = ("doc", "kind", "indicator", "value", "value_max", "unit", "comparator", "qualifier", "year",
              "raw_value", "section", "start", "end", "text", "place")
TABLE_COLUMNS = (("类型", "kind"), ("指标", "indicator"), ("数值", "raw_value"), ("单位", "unit"),
                 ("限定", "qualifier"), ("年份", "year"), ("位置", "place"), ("原文", "text"))
CLEAR_LINE = "\r\033[K"  # back to the start of the terminal line and erase it (progress only on a terminal)
KIND_ZH = {"target": "目标", "result": "成效", "project": "项目", "task": "任务"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="抽取报告中的量化目标、成效和项目 / extract commitments from reports",
                       description="Extract quantified targets, results and named projects from work reports.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories (searched recursively)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, jsonl otherwise)")
    p.add_argument("--year", type=int, default=None, help="report year; inferred from the text when absent")
    p.add_argument("--region", default="auto",
                   help="region the report is for, e.g. 湖南省; default auto: read from the text, with a warning when it cannot be")
    p.add_argument("--tasks", action="store_true", help="also list unquantified tasks (kind=task)")
    p.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="processes for many files (default: all cores; 1 = in this process)")
    p.set_defaults(func=run)


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def default_jobs() -> int:
    """The cores this process may use (``os.process_cpu_count`` honours affinity; Python 3.13+)."""
    count = getattr(os, "process_cpu_count", os.cpu_count)
    return count() or 1


def iter_files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        else:
            yield p


@dataclass(frozen=True, slots=True)
class Options:
    """What every file is extracted and rendered with; small and picklable for the workers."""

    fmt: str
    year: int | None = None
    region: str | None = None
    tasks: bool = False


@dataclass(frozen=True, slots=True)
class FileOutput:
    """One file's share of the run: its rendered rows, its stderr lines, or why it failed."""

    text: str = ""
    messages: tuple[str, ...] = ()
    items: int = 0
    error: str | None = None


def extract_one(path: Path, opts: Options) -> FileOutput:
    """Read, extract and render one file; a ``ReaderError`` becomes ``FileOutput.error``."""
    from luoshi.pipeline import extract_document
    from luoshi.readers import ReaderError, read_path

    try:
        doc = read_path(path)
    except ReaderError as e:
        return FileOutput(error=str(e))
    result = extract_document(doc, year=opts.year, region=opts.region)
    messages = [f"{path}: 注意 note: {note}" for note in getattr(doc, "notes", ()) or ()]
    messages += [f"{path}: {w}" for w in result.warnings]
    rows = [it for it in result.items if opts.tasks or it.kind != "task"]
    name = str(path)
    if opts.fmt == "jsonl":
        text = "".join(json.dumps({"doc": name, **it.to_dict()}, ensure_ascii=False) + "\n" for it in rows)
    elif opts.fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
        for it in rows:
            d = it.to_dict()
            d.update(doc=name, section=" / ".join(d["section"]), place=doc.locate(it.start))
            writer.writerow(safe_row(d))  # no indicator or quoted text reaches a spreadsheet as a formula
        text = buf.getvalue()
    else:
        text = render_table(path, result, rows, doc)
    return FileOutput(text=text, messages=tuple(messages), items=len(rows))


def run(args: argparse.Namespace) -> int:
    opts = Options(fmt=args.format or ("table" if sys.stdout.isatty() else "jsonl"),
                   year=args.year, region=args.region, tasks=args.tasks)
    files = list(iter_files(args.paths))
    jobs = min(args.jobs or default_jobs(), len(files))
    out, err = sys.stdout, sys.stderr
    failed: list[str] = []
    n_items = 0
    progress = err.isatty() and len(files) > 1
    shared_screen = progress and out.isatty()  # table output to the same terminal: clear the line first
    if opts.fmt == "csv":
        csv.DictWriter(out, fieldnames=CSV_FIELDS).writeheader()
    with _outputs(files, opts, jobs) as outputs:
        for i, (path, res) in enumerate(zip(files, outputs, strict=True), 1):
            if res.error is not None:
                failed.append(res.error)
            else:
                if progress and (res.messages or shared_screen):
                    err.write(CLEAR_LINE)
                    err.flush()
                out.write(res.text)
                if shared_screen:
                    out.flush()
                for msg in res.messages:
                    print(msg, file=err)
                n_items += res.items
            if progress:
                print(f"{CLEAR_LINE}[{i}/{len(files)}] {fit(path.name, 40).rstrip()}", end="", file=err, flush=True)
    if progress:
        print(file=err)
    for msg in failed:
        print(f"错误 error: {msg}", file=err)
    if len(files) > 1 or failed:
        print(f"读取 {len(files) - len(failed)} 个文件, 抽取 {n_items} 项, 失败 {len(failed)} 个 "
              f"(files read: {len(files) - len(failed)}, items: {n_items}, failed: {len(failed)})", file=err)
    return 2 if failed else 0


@contextmanager
def _outputs(files: list[Path], opts: Options, jobs: int) -> Iterator[Iterator[FileOutput]]:
    """Each file's ``FileOutput`` in the order of ``files``.

    One job (or one file): extracted here, lazily, one at a time. More: a process pool; results
    are taken in order, so only the outputs of files finished ahead of the next one wait in memory.
    """
    if jobs <= 1:
        yield (extract_one(p, opts) for p in files)
        return
    outputs = _pooled(files, opts, jobs)
    try:
        yield outputs
    finally:
        outputs.close()  # on an error or Ctrl-C: queued files are cancelled, running ones end


def _pooled(files: list[Path], opts: Options, jobs: int, work=None) -> Iterator[FileOutput]:
    """``extract_one`` over ``files`` in ``jobs`` worker processes, yielded in the order of ``files``.

    A worker that dies (a crash in a native library, the OOM killer) breaks the whole pool
    (``BrokenProcessPool``; ``multiprocessing.Pool`` would wait forever instead). Outputs already
    finished are kept; the first file without one is read again alone in a fresh process, and is
    reported as failed if that process dies too; then a new pool takes the rest. Each break so
    settles at least one file, so the run always ends. ``work`` stands in for the worker function
    in tests.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    work = work or _extract_in_worker
    sys.stdout.flush()  # a forked child must not inherit (and later flush) unwritten output
    sys.stderr.flush()
    ctx = _context()
    warm = ctx.get_start_method() != "fork"  # a forked child is as warm as this process
    done = 0
    while done < len(files):
        pool = ProcessPoolExecutor(min(jobs, len(files) - done), mp_context=ctx, initializer=_init_worker,
                                   initargs=(opts, warm))
        finished = False
        try:
            futures = deque(pool.submit(work, f) for f in files[done:])
            while futures:
                try:
                    res = futures[0].result()
                except BrokenProcessPool:
                    break
                futures.popleft()  # let each output go once written, not hold the whole run's
                yield res
                done += 1
            finished = True
        finally:
            pool.shutdown(wait=finished, cancel_futures=True)
        if done < len(files):
            yield _alone(files[done], opts, ctx, warm, work)
            done += 1


def _alone(path: Path, opts: Options, ctx, warm: bool, work) -> FileOutput:
    """``path`` read in a process of its own, after a pool broke while it was undone."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(1, mp_context=ctx, initializer=_init_worker, initargs=(opts, warm)) as one:
        try:
            return one.submit(work, path).result()
        except BrokenProcessPool:
            return FileOutput(error=f"{path}: 读取这个文件的进程意外退出 the process reading this file died "
                                    "(crashed or was killed); check the file, or run it alone with --jobs 1")


def _context():
    """The cheapest safe way to start workers.

    On Linux ``fork``: the children share this process's imported modules and loaded tables (no
    re-import, no second warm-up, pages shared copy-on-write). It is safe here because the CLI
    has started no threads; Python 3.12+ warns about forking a threaded process and 3.14 made
    ``forkserver`` the default for that reason, so with threads about (or off Linux, where
    ``fork`` is unsafe or absent) it is ``forkserver`` when the platform has it, else ``spawn``.
    """
    import multiprocessing as mp
    import threading

    methods = mp.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        _warm_up()  # once, here, so every forked child starts warm
        return mp.get_context("fork")
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload([__name__])
        return ctx
    return mp.get_context("spawn")


def _warm_up() -> None:
    """Import the extractor and readers and load their tables, as the first file would."""
    import gc

    from luoshi.pipeline import extract_text
    from luoshi.readers import ReaderError, read_path

    with suppress(ReaderError):  # the first read imports every reader (without the example: the first file will)
        read_path(Path(__file__).resolve().parent.parent / "examples" / "hunan-2024-sample.txt")
    extract_text("今年城镇新增就业70万人。", year=2024)
    gc.collect()
    gc.freeze()  # long-lived tables out of the collector's passes (and untouched by it after fork)


_OPTS: Options | None = None


def _init_worker(opts: Options, warm: bool) -> None:
    global _OPTS
    _OPTS = opts
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops the pool
    if warm:
        _warm_up()


def _extract_in_worker(path: Path) -> FileOutput:
    assert _OPTS is not None
    return extract_one(path, _OPTS)


def render_table(path: Path, result: Extraction, rows, doc) -> str:
    year = result.year if result.year else "未能推断 (unknown; pass --year)"
    widths = (4, 28, 10, 8, 6, 6, 8, 40)
    lines = [f"# {path}  年份 {year}  共 {len(rows)} 项",
             "  ".join(fit(h, w) for (h, _), w in zip(TABLE_COLUMNS, widths, strict=True)).rstrip()]
    for it in rows:
        d = it.to_dict()
        d["kind"] = KIND_ZH.get(it.kind, it.kind)
        d["place"] = doc.locate(it.start)
        d["text"] = it.text.replace("\n", " ")
        cells = ["" if d[k] is None else str(d[k]) for _, k in TABLE_COLUMNS]
        lines.append("  ".join(fit(c, w) for c, w in zip(cells, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n\n"
