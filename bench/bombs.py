"""Time and peak memory of ``luoshi extract`` on each hostile file of issue 10 (by hand).

Makes the files with ``tests/readers/bombs.py`` in a temporary directory (nothing big is kept),
runs ``luoshi extract FILE`` on each in a child process and prints its exit code, wall seconds,
peak RSS (the child's ``ru_maxrss``) and the first line it printed on stderr. The target (issue 10):
exit 2, a one-line reason, under 10 s and 300 MB each.

Run: ``.venv/bin/python bench/bombs.py``. Prints, never asserts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "readers"))

import bombs  # noqa: E402

MAKERS = {
    "DOCX, 100 MB of document XML": bombs.docx_bomb,
    "XLSX, 19,000 x 1,000 cells": bombs.xlsx_bomb,
    "PDF, one stream inflating to 1 GB": bombs.pdf_stream_bomb,
    "PDF, 50,000 pages": bombs.pdf_pages_bomb,
    "text, 19 MB": bombs.text_bomb,
}


_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run([sys.executable, "-m", "luoshi.cli", "extract", sys.argv[1], "--format", "jsonl"],
                      capture_output=True, text=True)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps([proc.returncode, wall, peak, (proc.stderr.strip().splitlines() or [""])[0]]))
"""


def run_extract(path: Path) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak RSS (MB) and first stderr line of ``luoshi extract path``,
    measured from a fresh interpreter so that the peak is this run's alone."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, env=os.environ)
    return tuple(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for name, make in MAKERS.items():
            d = Path(tmp) / name.split(",")[0].replace(" ", "")
            d.mkdir(exist_ok=True)
            path = make(d)
            rows.append((name, path.stat().st_size / (1 << 20), path))
        print(f"{'file':36} {'size':>8} {'exit':>4} {'wall s':>7} {'RSS MB':>7}  first line")
        for name, size, path in rows:
            code, wall, rss, first = run_extract(path)
            print(f"{name:36} {size:7.2f}M {code:4} {wall:7.2f} {rss:7.0f}  {first[:150]}")


if __name__ == "__main__":
    main()
