"""A province's whole hierarchy in one instance, on PostgreSQL over real HTTP: latency as it grows.

Run by hand; it prints figures and never asserts (issue 11's goal: p95 < 150 ms for each page at one
province of 14 cities and 120 counties, ~40,000 commitments and ~480,000 progress reports):

    .venv/bin/python bench/hierarchy.py                        # one province
    .venv/bin/python bench/hierarchy.py --sizes 1 3 6 --keep   # the growth curve: 1, then 3, then 6 provinces
    .venv/bin/python bench/hierarchy.py --sizes 6 --reuse      # measure again on the kept database

What it does:

1. (re)creates the database of ``--database-url`` (never ``test``) and migrates it;
2. generates provinces until there are as many as the next of ``--sizes``: each a province, 14 cities,
   120 counties (``--cities``, ``--counties``), every region with its own published report of
   ``--per-region`` commitments (296: 135 regions give 39,960), each assigned to one of the region's
   units, with ``--reports-per`` monthly progress reports (12), 70% verified, written with COPY; the
   province's first additive targets are split into quotas for its cities, linked to the cities' own
   commitments, and the cities' into their counties' (the cascade whose progress rolls up);
3. starts ``luoshi serve`` (gunicorn, pooled connections, DEBUG off), logs in the province's
   supervisor (who sees the whole hierarchy) through the login form, and requests each page
   ``--requests`` times after one cold request and ``--warmup`` untimed ones (the slowest shown): the province dashboard (with its
   sub-region drill-down table), a city's dashboard (the drill-down's next level), the lagging list
   (every lagging item of 40,000), the public province page, the API list of the province's report,
   the cascade page of a split commitment;
4. prints cold / p50 / p95 / max per page, then grows the data to the next size and measures again.

The pages are read with the rating cache of ``luoshi_web.tracking.dataversion``; "cold" is the first
request after the data changed (or the server started), which rates everything it shows.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import dashboard as bench  # noqa: E402  (database, HTTP client and percentile helpers)

ADDITIVE = ("新增就业", "新建学校", "改造老旧小区", "高标准农田", "养老床位", "新建5G基站")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/luoshi_hierarchy")
    p.add_argument("--port", type=int, default=8767)
    p.add_argument("--sizes", type=int, nargs="+", default=[1], metavar="PROVINCES",
                   help="numbers of provinces to measure at, ascending (each grows the data)")
    p.add_argument("--cities", type=int, default=14)
    p.add_argument("--counties", type=int, default=120)
    p.add_argument("--per-region", type=int, default=296, help="commitments in each region's report")
    p.add_argument("--reports-per", type=int, default=12)
    p.add_argument("--quotas", type=int, default=20, help="commitments of each province and city split downwards")
    p.add_argument("--requests", type=int, default=30)
    p.add_argument("--warmup", type=int, default=6,
                   help="untimed requests per page after the cold one: each server process keeps its own "
                        "rating cache, so each computes a page once (3 processes on 2 cores)")
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--reuse", action="store_true", help="keep an existing generated database")
    p.add_argument("--keep", action="store_true", help="do not drop the database afterwards")
    return p.parse_args()


def _region_tree(n: int, args) -> list:
    """Province ``n`` with its cities and counties (counties spread over the cities)."""
    from luoshi_web.org.models import Region

    nation = Region.objects.get_or_create(name="中国", parent=None, defaults={"level": Region.Level.NATION})[0]
    province = Region.objects.create(name=f"基准省{n:02d}", level=Region.Level.PROVINCE, parent=nation)
    cities = Region.objects.bulk_create([Region(name=f"基准省{n:02d}第{i:02d}市", level=Region.Level.CITY, parent=province)
                                         for i in range(1, args.cities + 1)])
    counties = Region.objects.bulk_create([
        Region(name=f"{cities[i % len(cities)].name}第{i:03d}县", level=Region.Level.COUNTY, parent=cities[i % len(cities)])
        for i in range(1, args.counties + 1)])
    return [province, *cities, *counties]


def generate_province(n: int, args, year: int, su, rnd: random.Random) -> dict:
    """One province's hierarchy; progress reports by COPY (history is not needed for reading)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from luoshi_web.hierarchy.models import Quota
    from luoshi_web.org.models import Membership, OrgUnit
    from luoshi_web.reports.models import Report
    from luoshi_web.tracking.models import Assignment, Commitment

    with transaction.atomic():
        regions = _region_tree(n, args)
        province = regions[0]
        office = OrgUnit.objects.create(name=f"{province.name}政府督查室", region=province, is_supervision_office=True)
        if n == 1:
            Membership.objects.create(user=su, unit=office, role=Membership.Role.SUPERVISOR)
        units = {}
        for region in regions:
            count = 40 if region is province else (20 if region.level == "city" else 10)
            units[region.pk] = OrgUnit.objects.bulk_create(
                [OrgUnit(name=f"{region.name}第{i:02d}部门", region=region) for i in range(1, count + 1)])
        reports = Report.objects.bulk_create([
            Report(region=r, year=year, title=f"{r.name}{year}年政府工作报告", text="（基准数据）",
                   sha256=secrets.token_hex(32), imported_by=su, published=True) for r in regions])
        rows = []
        for report in reports:
            for i in range(args.per_region):
                name = bench.INDICATORS[i % len(bench.INDICATORS)]
                kind = "task" if i % 10 in (7, 8) else ("project" if i % 10 == 9 else "target")
                level = name in ("森林覆盖率", "城镇调查失业率")
                value = None if kind != "target" else Decimal(rnd.choice((5, 10, 50, 70, 100, 615, 1000, 3000)))
                comparator = "max" if name == "城镇调查失业率" else ("approx" if level or i % 7 == 0 else "min")
                text = f"{name}{value if value is not None else ''}{bench.UNITS_OF[name]}。"
                rows.append(Commitment(report=report, position=i + 1, kind=kind, indicator=name, value=value,
                                       unit=bench.UNITS_OF[name], comparator=comparator if value is not None else "",
                                       year=year, text=text, start=0, end=len(text),
                                       category=bench.CATEGORIES[i % len(bench.CATEGORIES)],
                                       measure="level" if level else "cumulative"))
        commitments = Commitment.objects.bulk_create(rows, batch_size=2000)
        by_region = {r.pk: commitments[k * args.per_region:(k + 1) * args.per_region] for k, r in enumerate(regions)}
        assignments = Assignment.objects.bulk_create([
            Assignment(commitment=c, lead_unit=rnd.choice(units[region.pk]),
                       deadline=date(year, 12, 31) if c.position % 5 else bench.month_end(year, rnd.choice((3, 6, 9))),
                       frequency="monthly", created_by=su)
            for region in regions for c in by_region[region.pk]], batch_size=2000)
        now = timezone.now()
        connection.ensure_connection()
        with connection.connection.cursor() as raw:  # psycopg's own cursor: COPY, in this transaction
            columns = ("assignment_id, as_of, value, percent_done, narrative, links, author_id, created_at, is_part, "
                       "state, submitted_at, verified, verified_by_id, verified_at, verifier_note, return_reason")
            with raw.copy(f"COPY tracking_progressreport ({columns}) FROM STDIN") as copy:
                for a, c in zip(assignments, [c for r in regions for c in by_region[r.pk]], strict=True):
                    pace = rnd.uniform(0.3, 1.3)
                    for k in range(args.reports_per):
                        as_of = date(year, 1, 1) + timedelta(days=round((k + 1) * 365 / args.reports_per) - 1)
                        share = min(1.0, pace * as_of.month / 12)
                        verified = rnd.random() < 0.7
                        if c.value is None:
                            value, percent = None, round(share * 100, 2)
                        elif c.measure == "level":
                            value, percent = round(float(c.value) * rnd.uniform(0.85, 1.1), 2), None
                        else:
                            value, percent = round(float(c.value) * share, 2), None
                        copy.write_row((a.pk, as_of, value, percent, f"{as_of.month}月进展：按计划推进。", "", su.pk, now,
                                        False, "verified" if verified else "submitted", now, verified,
                                        su.pk if verified else None, now if verified else None, "", ""))
        quotas = []
        for parent_region in [province, *regions[1:1 + args.cities]]:  # province -> cities, each city -> its counties
            children = [r for r in regions if r.parent_id == parent_region.pk]
            split = [c for c in by_region[parent_region.pk] if c.indicator in ADDITIVE and c.value is not None]
            for parent in split[:args.quotas]:
                for child in children:
                    own = next(c for c in by_region[child.pk] if c.position == parent.position)
                    quotas.append(Quota(parent=parent, region=child, value=parent.value / len(children), linked=own,
                                        created_by=su))
        Quota.objects.bulk_create(quotas, batch_size=2000)
    return {"province": province, "city": regions[1], "report": reports[0],
            "split": next(q.parent for q in quotas if q.parent.report_id == reports[0].pk)}


def counts() -> dict:
    from luoshi_web.hierarchy.models import Quota
    from luoshi_web.org.models import Region
    from luoshi_web.tracking.models import Commitment, ProgressReport

    return {"regions": Region.objects.count(), "commitments": Commitment.objects.count(),
            "progress": ProgressReport.all_objects.count(), "quotas": Quota.objects.count()}


def measure(args, info: dict, year: int, data_dir: Path) -> None:
    env = {**os.environ, "LUOSHI_DEBUG": "0"}
    server = subprocess.Popen([sys.executable, "-m", "luoshi.cli", "serve", "--port", str(args.port),
                               "--data-dir", str(data_dir)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, start_new_session=True)
    try:
        bench.wait_for(args.port, server)
        su, public = bench.Browser(args.port), bench.Browser(args.port)
        su.login("bench_su", bench.PASSWORD)
        p, c = info["province"].pk, info["city"].pk
        pages = [
            ("province dashboard + drill-down", su, f"/dashboard/{p}/{year}/"),
            ("city dashboard (drill-down)", su, f"/dashboard/{c}/{year}/"),
            ("lagging list (whole hierarchy)", su, "/lagging/"),
            ("public province page", public, f"/public/{p}/{year}/"),
            ("API list, province report", su, f"/api/commitments/?report={info['report'].pk}"),
            ("cascade page (roll-up)", su, f"/hierarchy/cascade/{info['split'].pk}/"),
        ]
        print(f"{args.requests} timed requests per page after the cold one and {args.warmup} untimed; milliseconds")
        print(f"{'page':34s} {'cold':>7s} {'warmup':>7s} {'p50':>7s} {'p95':>7s} {'max':>7s} {'KiB':>6s}  status")
        for name, client, path in pages:
            status, body, cold = client.request("GET", path)
            slowest_warmup = max([client.request("GET", path)[2] for _ in range(args.warmup)], default=0.0)
            times, statuses = [], {status}
            for _ in range(args.requests):
                status, body, elapsed = client.request("GET", path)
                times.append(elapsed * 1000)
                statuses.add(status)
            print(f"{name:34s} {cold * 1000:7.0f} {slowest_warmup * 1000:7.0f} {bench.percentile(times, 50):7.1f} {bench.percentile(times, 95):7.1f} "
                  f"{max(times):7.1f} {len(body) / 1024:6.0f}  {','.join(map(str, sorted(statuses)))}", flush=True)
    finally:
        bench.stop(server, timeout=15)


def main() -> int:
    args = parse_args()
    data_dir = bench.bench_environment(args.database_url, "luoshi-hierarchy-")
    year = date.today().year - 1
    bench.recreate_database(args.database_url, args.reuse)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections

    from luoshi_web.hierarchy.models import Quota
    from luoshi_web.org.models import Region
    from luoshi_web.reports.models import Report

    call_command("migrate", interactive=False, verbosity=0)
    User = get_user_model()
    su = User.objects.filter(username="bench_su").first() or User.objects.create_user("bench_su")
    su.set_password(bench.PASSWORD)
    su.save()
    rnd = random.Random(args.seed)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        print(f"PostgreSQL {cursor.fetchone()[0]}; Python {platform.python_version()}; Django {django.get_version()}; "
              f"{os.cpu_count()} CPU; load average {os.getloadavg()[0]:.1f}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    try:
        for size in args.sizes:
            have = Region.objects.filter(level=Region.Level.PROVINCE, name__startswith="基准省").count()
            started = time.perf_counter()
            for n in range(have + 1, size + 1):
                generate_province(n, args, year, su, rnd)
                print(f"  generated province {n} ({time.perf_counter() - started:.0f} s so far)", flush=True)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
                cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
                size_text = cursor.fetchone()[0]
            first = Region.objects.get(name="基准省01")
            city = Region.objects.filter(parent=first).order_by("pk").first()
            report = Report.objects.get(region=first, year=year)
            split = Quota.objects.filter(parent__report=report).order_by("pk").first().parent
            n = counts()
            print(f"\n== {size} province(s): {n['regions']} regions, {n['commitments']:,} commitments, "
                  f"{n['progress']:,} progress reports, {n['quotas']:,} quotas; database {size_text}", flush=True)
            connections.close_all()
            measure(args, {"province": first, "city": city, "report": report, "split": split}, year, data_dir)
    finally:
        connections.close_all()
        if not args.keep:
            bench.drop_database(args.database_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
