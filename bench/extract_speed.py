"""Benchmark: extract every report of ../shared/corpus, in one process and through the CLI.

Prints characters per second and peak memory (run by hand; never asserted in tests).

    .venv/bin/python bench/extract_speed.py [CORPUS_DIR] [--readers] [--no-cli] [--repeat K] [--jobs N,...]

1. ``extract_text`` over every ``*.txt`` of the corpus in this process (tables loaded first):
   the extractor's own speed, no reading, no output.
2. The CLI as a user runs it, ``luoshi extract CORPUS --format jsonl --jobs N > /dev/null``,
   for ``--jobs 1`` and the default (all cores) unless ``--jobs`` lists others: wall time from
   process start to exit (start-up, reading, output and the process pool included), characters
   per second of wall time, and the peak over the run of the memory of the CLI and all its
   worker processes together, sampled from /proc every 20 ms: summed RSS (counts the pages
   forked workers share with the parent once per process, so it overstates) and summed PSS
   (shared pages split between their sharers: the memory the run really takes). ``--repeat K``
   runs each K times and prints every run and the best.

With ``--readers`` it also runs ``bench/readers_speed.py``: seconds per MB for DOCX and PDF files
built from the corpus, read back through ``luoshi.readers``.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

from luoshi import extract_text
from luoshi.commands.extract import default_jobs, iter_files


def main(argv: list[str]) -> int:
    readers = "--readers" in argv
    cli = "--no-cli" not in argv
    repeat, jobs = 1, [1, None]
    rest: list[str] = []
    args = iter(argv)
    for a in args:
        if a == "--repeat":
            repeat = int(next(args))
        elif a == "--jobs":
            jobs = [int(j) for j in next(args).split(",")]
        elif a not in ("--readers", "--no-cli"):
            rest.append(a)
    corpus = Path(rest[0]) if rest else Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    files = sorted(corpus.rglob("*.txt"))
    if not files:
        print(f"no .txt files under {corpus}", file=sys.stderr)
        return 2
    texts = [f.read_text(encoding="utf-8") for f in files]
    chars = sum(len(t) for t in texts)
    extract_text("今年城镇新增就业70万人。", year=2024)  # load tables and compile patterns once
    t0 = time.perf_counter()
    items = sum(len(extract_text(t).items) for t in texts)
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    for t in texts[:20]:
        extract_text(t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print("== extract_text in this process (.txt files)")
    print(f"files: {len(files)}  characters: {chars:,}  items: {items:,}")
    print(f"time: {seconds:.2f} s  speed: {chars / seconds:,.0f} chars/s")
    print(f"peak RSS of the process: {rss_mb:.0f} MB  (Python heap peak over 20 reports: {peak / 2**20:.1f} MB)")
    if cli:
        bench_cli(corpus, jobs, repeat)
    if readers:
        import runpy

        print("\n== readers")
        runpy.run_path(str(Path(__file__).with_name("readers_speed.py")))["main"](10)
    return 0


def bench_cli(corpus: Path, jobs: list[int | None], repeat: int) -> None:
    """Time ``luoshi extract CORPUS --format jsonl [--jobs N] > /dev/null`` and sample its memory."""
    every = list(iter_files([str(corpus)]))
    chars = sum(len(f.read_text(encoding="utf-8", errors="replace")) for f in every)
    print(f"\n== luoshi extract {corpus} --format jsonl > /dev/null  ({len(every)} files, {chars:,} characters,"
          f" {default_jobs()} cores)")
    for n in jobs:
        label = f"--jobs {n}" if n else f"default (--jobs {default_jobs()})"
        runs = [run_cli(corpus, n) for _ in range(repeat)]
        for wall, rss, pss, summary, _ok in runs:
            print(f"{label:22s} wall {wall:5.2f} s  {chars / wall:>11,.0f} chars/s  "
                  f"peak RSS sum {rss / 1024:5.0f} MB  PSS sum {pss / 1024:5.0f} MB   {summary}")
        good = [r[0] for r in runs if r[4]]
        if repeat > 1 and good:
            best = min(good)
            print(f"{'':22s} best {best:5.2f} s  {chars / best:>11,.0f} chars/s  (of {len(good)} runs that exited 0)")


def run_cli(corpus: Path, jobs: int | None) -> tuple[float, int, int, str, bool]:
    """(wall seconds, peak summed RSS KB, peak summed PSS KB, the CLI's summary line, exit 0)."""
    cmd = [sys.executable, "-m", "luoshi.cli", "extract", str(corpus), "--format", "jsonl"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = tree_memory(proc.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    summary = next((line for line in reversed(err.splitlines()) if line.startswith("读取")), err.strip()[-200:])
    summary = summary.split("(", 1)[-1].rstrip(")") if "(" in summary else summary
    if proc.returncode:
        summary += f"  [exit {proc.returncode}]"
    return wall, peak[0], peak[1], summary, proc.returncode == 0


def tree_memory(root: int) -> tuple[int, int]:
    """Summed RSS and PSS (KB) of ``root`` and its descendants, from /proc (Linux; zeros elsewhere)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(b")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, ppid in parents.items() if ppid in tree} - tree
        tree |= more
        grew = bool(more)
    rss = pss = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return rss, pss


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
