"""Concurrent users against ``luoshi serve`` (gunicorn) on PostgreSQL: errors and p95 (by hand).

Run by hand; it prints figures and never asserts (issue 10's goal: 0 server errors, p95 < 1 s at
50 users and < 3 s at 200 on 2 cores):

    .venv/bin/python bench/load.py                           # 50 then 200 users, 60 s each
    .venv/bin/python bench/load.py --users 50 --duration 30 --reuse --keep
    .venv/bin/python bench/load.py --reuse --think 2 8 --warmup 15   # people reading pages, measured warm

What it does:

1. builds (or with ``--reuse`` keeps) the bench province of ``bench/dashboard.py`` in the database
   named by ``--database-url`` (never ``test``): 100 units, 2,000 commitments, 24,000 progress reports;
2. starts ``luoshi serve`` (gunicorn, ``--workers``/``--threads`` or its defaults, pooled
   PostgreSQL connections, DEBUG off) on a loopback port;
3. logs in a supervisor and a reporter through the login form; every simulated user is one of
   them or anonymous, and requests pages of the mix below one after another (with ``--think MIN MAX``
   seconds between pages, default none: every user always waiting on a request) for ``--duration`` seconds (an asyncio client, httpx, one connection per user kept alive);
4. prints per page and overall: requests, server errors (5xx), timeouts (``--timeout``, 30 s),
   p50 / p95 / max in milliseconds, and requests per second.

The client runs on the same machine as the server and takes CPU from it; on a shared machine
the figures also carry whatever else runs there.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import signal
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import dashboard as province_data  # noqa: E402  (the bench province builder)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/luoshi_bench")
    p.add_argument("--port", type=int, default=8766)
    p.add_argument("--users", type=int, nargs="+", default=[50, 200])
    p.add_argument("--duration", type=float, default=60.0, help="seconds per run")
    p.add_argument("--think", type=float, nargs=2, default=[0.0, 0.0], metavar=("MIN", "MAX"),
                   help="seconds a user waits between pages, uniform in [MIN, MAX] (default 0 0: none)")
    p.add_argument("--timeout", type=float, default=30.0, help="a request slower than this counts as failed")
    p.add_argument("--warmup", type=float, default=0.0, metavar="SECONDS",
                   help="run the mix this long before measuring (reported apart): each server process rates "
                        "each page once per data version, and a run that starts all users at once measures that")
    p.add_argument("--workers", type=int, default=None)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--units", type=int, default=100)
    p.add_argument("--commitments", type=int, default=2000)
    p.add_argument("--reports-per", type=int, default=12)
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--per-page", type=int, default=0, metavar="N",
                   help="instead of the load runs: N requests to each page one after another, and the server CPU "
                        "each costs (what makes the mix expensive)")
    p.add_argument("--reuse", action="store_true", help="keep an existing generated database")
    p.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    return p.parse_args()


def page_mix(info: dict, year: int) -> list[tuple[str, str, str, int]]:
    """(name, who, path, weight): what supervisors, reporters and the public open most."""
    r, c, rep = info["region"], info["commitment"], info["report"]
    return [
        ("dashboard", "su", f"/dashboard/{r}/{year}/", 3),
        ("bulletin", "su", f"/bulletin/{r}/{year}/6/", 1),
        ("commitment list (su)", "su", "/commitments/", 3),
        ("commitment list p5 (su)", "su", "/commitments/?page=5", 1),
        ("lagging (su)", "su", "/lagging/", 2),
        ("report page (su)", "su", f"/reports/{rep}/", 1),
        ("commitment (su)", "su", f"/commitments/{c}/", 2),
        ("my tasks (reporter)", "rep", "/my/", 3),
        ("public region-year", "anon", f"/public/{r}/{year}/", 3),
        ("public commitment", "anon", f"/public/commitments/{c}/", 2),
        ("login page", "anon", "/login/", 1),
        ("static js", "anon", "/static/luoshi/htmx.min.js", 1),
    ]


async def login(client, username: str, password: str) -> None:
    page = (await client.get("/login/")).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = await client.post("/login/", data={"csrfmiddlewaretoken": token, "username": username,
                                                  "password": password}, headers={"Referer": str(client.base_url)})
    if response.status_code != 302:
        sys.exit(f"login as {username} failed (HTTP {response.status_code})")


async def run_load(port: int, users: int, duration: float, timeout: float, mix, password: str,
                   think: tuple[float, float] = (0.0, 0.0), warmup: float = 0.0) -> dict:
    import httpx

    base = f"http://127.0.0.1:{port}"
    cookies = {}
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as c:
        for who, name in (("su", "bench_su"), ("rep", "bench_reporter")):
            c.cookies.clear()
            await login(c, name, password)
            cookies[who] = dict(c.cookies)
    cookies["anon"] = {}
    results: dict[str, list[tuple[int, float]]] = defaultdict(list)
    names = list(mix)
    rng = random.Random(users)
    measure_from = time.monotonic() + warmup
    stop = measure_from + duration
    warm: dict[str, list[tuple[int, float]]] = defaultdict(list)

    async def user(n: int) -> None:
        who = ("su", "rep", "anon")[n % 3]
        pages = [m for m in names if m[1] == who] or names
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=timeout, cookies=cookies[who], limits=limits,
                                     headers={"Accept-Language": "zh-hans"}) as client:
            if think[1] > 0:  # users arrive over a think time, as people do, not all in the same instant
                await asyncio.sleep(rng.uniform(0, think[1]))
            while time.monotonic() < stop:
                name, _, path, _ = rng.choices(pages, [p[3] for p in pages])[0]
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    status = response.status_code
                except httpx.TimeoutException:
                    status = -1
                except httpx.HTTPError:
                    status = -2
                (results if time.monotonic() >= measure_from else warm)[name].append((status, time.perf_counter() - start))
                if think[1] > 0:
                    await asyncio.sleep(rng.uniform(*think))

    started = time.monotonic()
    await asyncio.gather(*(user(n) for n in range(users)))
    return {"results": results, "wall": time.monotonic() - max(started, measure_from), "warm": warm}


async def per_page_cost(port: int, pid: int, mix, n: int, password: str) -> None:
    """Each page ``n`` times in a row (after one untimed request): wall ms and server CPU ms per request."""
    import httpx

    base = f"http://127.0.0.1:{port}"
    clients = {"anon": httpx.AsyncClient(base_url=base, timeout=120)}
    for who, name in (("su", "bench_su"), ("rep", "bench_reporter")):
        clients[who] = httpx.AsyncClient(base_url=base, timeout=120)
        await login(clients[who], name, password)
    print(f"\n{'page':28s} {'wall ms':>8s} {'CPU ms':>7s}")
    for name, who, path, _ in mix:
        client = clients[who]
        await client.get(path)
        cpu, start = server_cpu(pid), time.perf_counter()
        for _ in range(n):
            await client.get(path)
        wall, used = (time.perf_counter() - start) / n, (server_cpu(pid) - cpu) / n
        print(f"{name:28s} {wall * 1000:8.0f} {used * 1000:7.0f}")
    for client in clients.values():
        await client.aclose()


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its workers (Linux /proc): the cost of the
    requests, which other load on a shared machine does not inflate the way it inflates latency."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def percentile(values: list[float], p: float) -> float:
    return province_data.percentile(values, p) if values else float("nan")


def report(users: int, outcome: dict) -> None:
    results, wall = outcome["results"], outcome["wall"]
    every = [x for rows in results.values() for x in rows]
    print(f"\n{users} users, {wall:.0f} s: {len(every)} requests, {len(every) / wall:.1f}/s")
    print(f"{'page':28s} {'n':>6s} {'5xx':>5s} {'t/o':>5s} {'other':>6s} {'p50':>7s} {'p95':>7s} {'max':>7s}")
    for name, rows in sorted(results.items()):
        _line(name, rows)
    _line("ALL", every)
    warm = [x for rows in outcome.get("warm", {}).values() for x in rows]
    if warm:
        _line("(warm-up, not above)", warm)


def _line(name: str, rows: list[tuple[int, float]]) -> None:
    ms = [t * 1000 for s, t in rows if s > 0]
    errors = sum(1 for s, _ in rows if s >= 500)
    timeouts = sum(1 for s, _ in rows if s == -1)
    other = sum(1 for s, _ in rows if s == -2 or 0 < s < 500 and s >= 400)
    print(f"{name:28s} {len(rows):6d} {errors:5d} {timeouts:5d} {other:6d} {percentile(ms, 50):7.0f} "
          f"{percentile(ms, 95):7.0f} {max(ms, default=float('nan')):7.0f}")


def main() -> int:
    args = parse_args()
    data_dir = province_data.bench_environment(args.database_url, "luoshi-load-")
    year = date.today().year - 1
    created = province_data.recreate_database(args.database_url, args.reuse)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections

    call_command("migrate", interactive=False, verbosity=0)
    if created or not get_user_model().objects.filter(username="bench_su").exists():
        province_data.generate(args, year)
    for name in ("bench_su", "bench_reporter"):
        user = get_user_model().objects.get(username=name)
        user.set_password(province_data.PASSWORD)
        user.save()
    info = province_data.dataset(year)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SHOW max_connections")
        max_connections = cursor.fetchone()[0]
    connections.close_all()
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    cmd = [sys.executable, "-m", "luoshi.cli", "serve", "--port", str(args.port), "--data-dir", str(data_dir)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    server = subprocess.Popen(cmd, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, start_new_session=True)
    try:
        province_data.wait_for(args.port, server)
        load = os.getloadavg()
        print(f"data set: {info['units']} units, {info['commitments']} commitments, {info['progress']} progress reports")
        print(f"PostgreSQL {pg_version} (max_connections {max_connections}); Python {platform.python_version()}; "
              f"Django {django.get_version()}; {os.cpu_count()} CPU; load average before {load[0]:.1f}")
        print("server: luoshi " + " ".join(cmd[4:6]) + f"; think time {args.think[0]}-{args.think[1]} s")
        mix = page_mix(info, year)
        if args.per_page:
            asyncio.run(per_page_cost(args.port, server.pid, mix, args.per_page, province_data.PASSWORD))
            return 0
        for users in args.users:
            cpu_before, load_before = server_cpu(server.pid), os.getloadavg()[0]
            outcome = asyncio.run(run_load(args.port, users, args.duration, args.timeout, mix, province_data.PASSWORD,
                                           tuple(args.think), args.warmup))
            report(users, outcome)
            n = sum(len(rows) for rows in outcome["results"].values())
            cpu = server_cpu(server.pid) - cpu_before
            print(f"server CPU {cpu:.1f} s for {n} requests ({1000 * cpu / max(n, 1):.0f} ms each); "
                  f"load average {load_before:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            out, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            out, _ = server.communicate()
        tracebacks = out.count("Traceback")
        print(f"\nserver log: {tracebacks} tracebacks; first lines:\n" + "\n".join(out.splitlines()[:5]))
        if not args.keep:
            province_data.drop_database(args.database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
