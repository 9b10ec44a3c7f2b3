"""Latency of the dashboard and list pages for a generated province, on PostgreSQL, over real HTTP.

Run by hand; it prints figures and never asserts (the issue's goal is p95 < 150 ms):

    .venv/bin/python bench/dashboard.py                       # PostgreSQL at 127.0.0.1:5432, db luoshi_bench
    .venv/bin/python bench/dashboard.py --requests 50 --port 8765
    .venv/bin/python bench/dashboard.py --database-url postgres://postgres@127.0.0.1:5432/luoshi_bench --reuse

What it does:

1. (re)creates the database named in ``--database-url`` (refusing the test database ``test``), migrates it;
2. generates one province: ``--units`` lead units (100), ``--commitments`` commitments (2,000) in one
   published report of last year, each assigned (one to three supporting units, a quarter with
   milestones) and each with ``--reports-per`` monthly progress reports (12, so 24,000), 70% verified;
3. starts the application as a user would (``luoshi serve``, Django's threaded server, DEBUG off)
   on a loopback port, logs in through the login form like a browser (stdlib ``http.client``);
4. requests each page ``--requests`` times after ``--warmup`` untimed requests, a new connection each
   time, and prints p50 / p95 / max per page plus the very first (cold) request;
5. stops the server it started (and drops the database unless ``--keep``).

The dashboard caches its month-by-month trend per data version (see ``dashboard/asof.py``); the
"cold" column is the first request after start, which computes it.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import platform
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATEGORIES = ("民生实事", "十大产业项目", "科技创新", "乡村振兴", "生态环保", "对外开放", "社会事业", "营商环境")
INDICATORS = ("新增就业", "新建学校", "改造老旧小区", "高标准农田", "新能源汽车产量", "研发投入", "外贸进出口",
              "森林覆盖率", "城镇调查失业率", "粮食产量", "新建5G基站", "养老床位")
UNITS_OF = {"新增就业": "万人", "新建学校": "所", "改造老旧小区": "个", "高标准农田": "万亩", "新能源汽车产量": "万辆",
            "研发投入": "亿元", "外贸进出口": "亿元", "森林覆盖率": "%", "城镇调查失业率": "%", "粮食产量": "亿斤",
            "新建5G基站": "个", "养老床位": "张"}
PASSWORD = "bench-" + secrets.token_hex(6)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/luoshi_bench")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--units", type=int, default=100)
    p.add_argument("--commitments", type=int, default=2000)
    p.add_argument("--reports-per", type=int, default=12, help="progress reports per commitment (monthly)")
    p.add_argument("--requests", type=int, default=40, help="timed requests per page (at most 500)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--reuse", action="store_true", help="keep an existing generated database instead of recreating it")
    p.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    args = p.parse_args()
    args.requests = max(1, min(args.requests, 500))
    return args


# --- database ----------------------------------------------------------------------------------

def recreate_database(url: str, reuse: bool) -> bool:
    """Create the bench database (dropping an old one unless ``reuse``); True when it was created."""
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    if name in {"test", "postgres", "template0", "template1"}:
        sys.exit(f"refusing to use the database {name!r} for the benchmark; name another one")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and reuse:
            return False
        if exists:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return True


def drop_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def generate(args: argparse.Namespace, year: int) -> dict:
    """One province, written with bulk inserts (history is not needed for reading)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from luoshi_web.org.models import Membership, OrgUnit, Region
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.models import Assignment, Commitment, Milestone, ProgressReport

    rnd = random.Random(args.seed)
    User = get_user_model()
    with transaction.atomic():
        province = Region.objects.create(name="基准省", level=Region.Level.PROVINCE)
        office = OrgUnit.objects.create(name="基准省政府督查室", region=province, is_supervision_office=True)
        units = OrgUnit.objects.bulk_create(
            [OrgUnit(name=f"基准省第{i:03d}厅局", region=province) for i in range(1, args.units + 1)])
        su = User.objects.create_user("bench_su", password=PASSWORD)
        reporter = User.objects.create_user("bench_reporter", password=PASSWORD)
        Membership.objects.create(user=su, unit=office, role=Membership.Role.SUPERVISOR)
        Membership.objects.create(user=reporter, unit=units[0], role=Membership.Role.REPORTER)

        specs, pieces, offset = [], [], 0
        for i in range(args.commitments):
            name = INDICATORS[i % len(INDICATORS)]
            kind = "task" if i % 10 in (7, 8) else ("project" if i % 10 == 9 else "target")
            level = name in ("森林覆盖率", "城镇调查失业率")
            value = None if kind != "target" else Decimal(rnd.choice((5, 10, 50, 70, 100, 615, 1000, 3000)))
            comparator = "max" if name == "城镇调查失业率" else ("approx" if level or i % 7 == 0 else "min")
            text = f"{name}（第{i + 1}项）{value if value is not None else ''}{UNITS_OF[name]}。"
            specs.append((i, name, kind, value, comparator, level, text, offset))
            pieces.append(text)
            offset += len(text)
        report = Report.objects.create(region=province, year=year, title=f"基准省{year}年政府工作报告",
                                       text="".join(pieces), sha256=secrets.token_hex(32), imported_by=su, published=True)
        commitments = Commitment.objects.bulk_create([
            Commitment(report=report, position=i + 1, kind=kind, indicator=f"{name}{i + 1}", value=value,
                       unit=UNITS_OF[name], comparator=comparator if value is not None else "", year=year, text=text,
                       start=start, end=start + len(text), category=CATEGORIES[i % len(CATEGORIES)],
                       measure="level" if level else "cumulative")
            for i, name, kind, value, comparator, level, text, start in specs
        ], batch_size=1000)
        leads = [(i * 7 + rnd.randrange(3)) % len(units) for i in range(len(commitments))]
        assignments = Assignment.objects.bulk_create([
            Assignment(commitment=c, lead_unit=units[leads[i]],
                       deadline=date(year, 12, 31) if i % 5 else month_end(year, rnd.choice((3, 6, 9))),
                       frequency="quarterly" if i % 5 == 1 else "monthly", created_by=su, note="内部备注")
            for i, c in enumerate(commitments)
        ], batch_size=1000)
        through = Assignment.supporting_units.through
        links = []
        for i, a in enumerate(assignments):  # one to three supporting units, never the lead unit
            for k in range(1, 2 + i % 3):
                other = (leads[i] + k * 13) % len(units)
                if other != leads[i]:
                    links.append(through(assignment_id=a.pk, orgunit_id=units[other].pk))
        through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
        milestones = []
        for i, (a, c) in enumerate(zip(assignments, commitments, strict=True)):
            if i % 4 == 0 and c.value is not None and c.measure == "cumulative" and a.deadline.month == 12:
                milestones += [Milestone(assignment=a, due=date(year, 6, 30), planned_value=c.value / 2),
                               Milestone(assignment=a, due=date(year, 9, 30), planned_value=c.value * 3 / 4)]
        Milestone.objects.bulk_create(milestones, batch_size=2000)
        now = timezone.now()
        progress = []
        for a, c in zip(assignments, commitments, strict=True):
            pace = Decimal(str(rnd.uniform(0.3, 1.3)))
            for k in range(args.reports_per):  # spread evenly over the year: month-ends when 12
                as_of = date(year, 1, 1) + timedelta(days=round((k + 1) * 365 / args.reports_per) - 1)
                month = as_of.month
                share = min(Decimal(1), pace * Decimal(month) / 12)
                verified = rnd.random() < 0.7
                if c.value is None:
                    value, percent = None, (share * 100).quantize(Decimal("0.01"))
                elif c.measure == "level":
                    value, percent = (c.value * Decimal(str(rnd.uniform(0.85, 1.1)))).quantize(Decimal("0.01")), None
                else:
                    value, percent = (c.value * share).quantize(Decimal("0.01")), None
                progress.append(ProgressReport(
                    assignment=a, as_of=as_of, value=value, percent_done=percent, narrative=f"{month}月进展：按计划推进。",
                    author=su, verified=verified, verified_by=su if verified else None,
                    verified_at=now if verified else None, verifier_note="内部核实意见" if verified else ""))
        ProgressReport.objects.bulk_create(progress, batch_size=4000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"region": province.pk, "report": report.pk, "commitment": commitments[len(commitments) // 2].pk}


def dataset(year: int) -> dict:
    from luoshi_web.org.models import OrgUnit
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.models import Assignment, Commitment, Milestone, ProgressReport

    report = Report.objects.get(year=year, region__name="基准省")
    return {
        "region": report.region_id, "report": report.pk, "year": year,
        "commitment": Commitment.objects.filter(report=report).order_by("pk")[Commitment.objects.count() // 2].pk,
        "units": OrgUnit.objects.filter(region_id=report.region_id, is_supervision_office=False).count(),
        "commitments": Commitment.objects.filter(report=report).count(),
        "assignments": Assignment.objects.filter(commitment__report=report).count(),
        "milestones": Milestone.objects.filter(assignment__commitment__report=report).count(),
        "progress": ProgressReport.objects.filter(assignment__commitment__report=report).count(),
    }


# --- HTTP ----------------------------------------------------------------------------------------

class Browser:
    """Just enough of a browser: cookies, the login form's CSRF token, one new connection per request."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes, float]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Language": "zh-hans"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        start = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - start
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, data, elapsed

    def login(self, username: str, password: str) -> None:
        _, page, _ = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        status, _, _ = self.request("POST", "/login/", body)
        if status != 302 or "sessionid" not in self.cookies:
            sys.exit(f"login as {username} failed (HTTP {status})")


def wait_for(port: int, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with code {server.returncode}")
        try:
            status, _, _ = Browser(port).request("GET", "/login/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("the server did not answer within 90 s")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def bench_environment(database_url: str, prefix: str) -> Path:
    """The settings a benchmark's server and its own Django setup share: the bench database, DEBUG
    off, a fresh secret and a temporary data directory (returned)."""
    os.environ.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="luoshi_web.settings", LUOSHI_DEBUG="0")
    os.environ.setdefault("LUOSHI_SECRET_KEY", secrets.token_urlsafe(40))
    data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["LUOSHI_DATA_DIR"] = str(data_dir)
    return data_dir


def stop(server: subprocess.Popen, timeout: float = 10) -> None:
    """SIGTERM to the server's process group (gunicorn and its workers), SIGKILL if it lingers."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def main() -> int:
    args = parse_args()
    data_dir = bench_environment(args.database_url, "luoshi-bench-")
    sys.path.insert(0, str(ROOT / "src"))
    year = date.today().year - 1

    created = recreate_database(args.database_url, args.reuse)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if created or not get_user_model().objects.filter(username="bench_su").exists():
        generate(args, year)
    else:
        for name in ("bench_su", "bench_reporter"):
            user = get_user_model().objects.get(username=name)
            user.set_password(PASSWORD)
            user.save()
    info = dataset(year)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
    connections.close_all()
    print(f"data set: 1 province, {info['units']} units, {info['commitments']} commitments, "
          f"{info['assignments']} assignments, {info['milestones']} milestones, {info['progress']} progress reports "
          f"(report year {year}); prepared in {time.perf_counter() - started:.1f} s")
    print(f"PostgreSQL {pg_version}; Python {platform.python_version()}; Django {django.get_version()}; "
          f"{os.cpu_count()} CPU; server: luoshi serve (Django threaded server, DEBUG off) on 127.0.0.1:{args.port}")

    server = subprocess.Popen(
        [sys.executable, "-m", "luoshi.cli", "serve", "--port", str(args.port), "--data-dir", str(data_dir)],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        wait_for(args.port, server)
        supervisor, reporter, public = Browser(args.port), Browser(args.port), Browser(args.port)
        supervisor.login("bench_su", PASSWORD)
        reporter.login("bench_reporter", PASSWORD)
        r, y, c = info["region"], year, info["commitment"]
        pages = [
            ("dashboard (today)", supervisor, f"/dashboard/{r}/{y}/"),
            ("dashboard (as of 30 June)", supervisor, f"/dashboard/{r}/{y}/?as_of={y}-06-30"),
            ("dashboard chase list CSV", supervisor, f"/dashboard/{r}/{y}/?table=chase&format=csv"),
            ("bulletin, June", supervisor, f"/bulletin/{r}/{y}/6/"),
            ("public region-year", public, f"/public/{r}/{y}/"),
            ("public commitment", public, f"/public/commitments/{c}/"),
            ("commitment list (supervisor)", supervisor, "/commitments/"),
            ("lagging list (supervisor)", supervisor, "/lagging/"),
            ("commitment list (public)", public, "/commitments/"),
            ("my tasks (reporter)", reporter, "/my/"),
        ]
        print(f"\n{args.requests} timed requests per page after {args.warmup} untimed; milliseconds\n")
        print(f"{'page':32s} {'cold':>7s} {'p50':>7s} {'p95':>7s} {'max':>7s} {'KiB':>6s}  status")
        for name, client, path in pages:
            status, body, cold = client.request("GET", path)
            for _ in range(max(0, args.warmup - 1)):
                client.request("GET", path)
            times, statuses = [], set()
            for _ in range(args.requests):
                status, body, elapsed = client.request("GET", path)
                times.append(elapsed * 1000)
                statuses.add(status)
            print(f"{name:32s} {cold * 1000:7.1f} {percentile(times, 50):7.1f} {percentile(times, 95):7.1f} "
                  f"{max(times):7.1f} {len(body) / 1024:6.0f}  {','.join(map(str, sorted(statuses)))}")
    finally:
        stop(server)
        if not args.keep:
            drop_database(args.database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
