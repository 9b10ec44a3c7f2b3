"""Benchmark: the archive import of a folder of reports through the job queue, with N workers.

Run by hand (never asserted in tests):

    .venv/bin/python bench/archive_import.py [DIR] [--workers 1,2] [--postgres URL]

For each worker count, on a fresh database (SQLite in a temporary data directory, or with
``--postgres`` a fresh database created beside the one the URL names):

1. ``luoshi serve --no-server`` migrates; an administrator ``bench`` and one region per file name
   (``长沙市-2024.txt`` -> 长沙市) are created, so a failure is the import's own (the region the
   text names is not the file's, a file that cannot be read...), not a missing region.
2. ``luoshi import DIR --region-from-text --user bench`` queues one job per report
   (``LUOSHI_TASKS=database``), timed apart.
3. N ``luoshi worker --batch`` processes are started together and run until the queue is empty;
   the wall time from their start to the last one's exit gives reports per minute (worker start-up
   included), and the jobs' own timestamps give the span from the first job started to the last
   finished, and the workers' own CPU time (user + system, from the kernel) per report: what a
   busy neighbour on a shared machine does not inflate much (the database server's CPU is not in it).

Prints the figures, the failures with their reasons, and the machine's load average before and
after (the machine may be shared: a busy neighbour slows every figure).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LUOSHI = str(Path(sys.executable).with_name("luoshi"))
DEFAULT_DIR = ROOT.parent / "shared" / "corpus" / "city"

SETUP = r"""
import re, sys, django
django.setup()
from django.contrib.auth.models import User
from luoshi_web.org.models import Region
from pathlib import Path
User.objects.create_superuser("bench", "bench@localhost", "bench-pw-123456")
names = sorted({re.sub(r"-\d{4}$", "", p.stem) for p in Path(sys.argv[1]).rglob("*") if p.is_file()})
Region.objects.bulk_create([Region(name=n, level="city") for n in names])
print(len(names))
"""

REPORT = r"""
import django, json
django.setup()
from django.db.models import Max, Min
from luoshi_web.imports.models import ImportJob
jobs = ImportJob.objects.defer("content")
span = jobs.aggregate(a=Min("started_at"), b=Max("finished_at"))
out = {
    "states": {s: jobs.filter(state=s).count() for s in ("queued", "running", "done", "failed")},
    "span": (span["b"] - span["a"]).total_seconds() if span["a"] and span["b"] else None,
    "failed": [[j.file_name, j.reason] for j in jobs.filter(state="failed").order_by("file_name")],
    "wrong_region": [[j.file_name, j.region.name] for j in jobs.filter(state="done").select_related("region")
                     if not j.file_name.startswith(j.region.name)],
}
print(json.dumps(out, ensure_ascii=False))
"""


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_once(folder: Path, workers: int, postgres: str | None) -> dict:
    import json

    data = Path(tempfile.mkdtemp(prefix="luoshi-archive-bench-"))
    env = {**os.environ, "LUOSHI_DATA_DIR": str(data / "data"), "LUOSHI_TASKS": "database",
           "DJANGO_SETTINGS_MODULE": "luoshi_web.settings"}
    env.pop("DATABASE_URL", None)
    if postgres:
        base, _, _ = postgres.rpartition("/")
        name = f"luoshi_archive_bench_{workers}"
        admin = f"{base}/postgres"
        subprocess.run([sys.executable, "-c", (
            "import psycopg,sys; c=psycopg.connect(sys.argv[1], autocommit=True); "
            f"c.execute('DROP DATABASE IF EXISTS {name}'); c.execute('CREATE DATABASE {name}')"), admin], check=True)
        env["DATABASE_URL"] = f"{base}/{name}"
    subprocess.run([LUOSHI, "serve", "--no-server"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-c", SETUP, str(folder)], env=env, check=True, stdout=subprocess.DEVNULL)

    t0 = time.perf_counter()
    queued = subprocess.run([LUOSHI, "import", str(folder), "--region-from-text", "--user", "bench"], env=env,
                            check=True, capture_output=True, text=True)
    t_queue = time.perf_counter() - t0
    n = int(re.search(r"(\d+) 份报告", queued.stdout).group(1))

    load_before = loadavg()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    procs = [subprocess.Popen([LUOSHI, "worker", "--batch", "--interval", "0.2", "--verbosity", "0",
                               "--worker-id", f"bench-{i}"], env=env) for i in range(workers)]
    codes = [p.wait() for p in procs]
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)  # the workers' own CPU
    result = json.loads(subprocess.run([sys.executable, "-c", REPORT], env=env, check=True,
                                       capture_output=True, text=True).stdout)
    result.update(n=n, workers=workers, wall=wall, cpu=cpu, queue_seconds=t_queue, codes=codes,
                  load_before=load_before, load_after=loadavg(),
                  db="PostgreSQL" if postgres else "SQLite")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--workers", default="1,2", help="worker counts to run, e.g. 1,2")
    parser.add_argument("--repeat", type=int, default=1, help="run each worker count this many times, alternating")
    parser.add_argument("--postgres", default=None,
                        help="a PostgreSQL URL (e.g. postgres://postgres@127.0.0.1:5432/test); a fresh database "
                             "luoshi_archive_bench_N is created on that server")
    args = parser.parse_args()
    folder = Path(args.folder)
    print(f"{folder}  cores {os.cpu_count()}  load {loadavg()}")
    counts = [int(w) for w in args.workers.split(",")] * args.repeat
    for workers in counts:
        r = run_once(folder, workers, args.postgres)
        done, failed = r["states"]["done"], r["states"]["failed"]
        per_min = 60 * (done + failed) / r["wall"]
        span = f"{r['span']:.1f}" if r["span"] else "-"
        print(f"{r['db']}  workers {workers}: {r['n']} queued in {r['queue_seconds']:.1f} s; "
              f"done {done}, failed {failed}, left {r['states']['queued'] + r['states']['running']}; "
              f"wall {r['wall']:.1f} s -> {per_min:.0f} reports/min (jobs' own span {span} s); "
              f"workers' CPU {r['cpu']:.1f} s ({1000 * r['cpu'] / max(done + failed, 1):.0f} ms/report); "
              f"exit codes {r['codes']}; load {r['load_before']} -> {r['load_after']}")
        for name, reason in r["failed"]:
            print(f"    failed  {name}: {reason}")
        for name, region in r["wrong_region"]:
            print(f"    region read as {region}: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
