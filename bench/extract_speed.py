"""Benchmark: extract every report of ../shared/corpus in one process.

Prints characters per second and peak memory (run by hand; never asserted in tests).

    .venv/bin/python bench/extract_speed.py [CORPUS_DIR] [--readers]

With ``--readers`` it also runs ``bench/readers_speed.py``: seconds per MB for DOCX and PDF files
built from the corpus, read back through ``luoshi.readers``.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from pathlib import Path

from luoshi import extract_text


def main(argv: list[str]) -> int:
    readers = "--readers" in argv
    argv = [a for a in argv if a != "--readers"]
    corpus = Path(argv[0]) if argv else Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
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
    print(f"files: {len(files)}  characters: {chars:,}  items: {items:,}")
    print(f"time: {seconds:.2f} s  speed: {chars / seconds:,.0f} chars/s")
    print(f"peak RSS of the process: {rss_mb:.0f} MB  (Python heap peak over 20 reports: {peak / 2**20:.1f} MB)")
    if readers:
        import runpy

        print("\n== readers")
        runpy.run_path(str(Path(__file__).with_name("readers_speed.py")))["main"](10)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
