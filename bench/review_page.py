"""Render time and size of the import review page for a long report (issue 13, finding 8).

Run by hand; it prints figures and never asserts:

    .venv/bin/python bench/review_page.py ../shared/corpus/province/湖南省-2026.txt
    .venv/bin/python bench/review_page.py ../shared/corpus/province/广东省-2026.txt --requests 20

It makes a throw-away data directory (SQLite), migrates it, imports the file as a draft for a
supervisor, and times ``GET /import/<id>/`` in-process (Django's test client, no network) for the
first page of 50 items and, for comparison, with every item on one page, as the page was before it
was paged. Figures: median and max over ``--requests`` requests after one warm-up, and the HTML size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("report", type=Path)
    p.add_argument("--requests", type=int, default=10)
    p.add_argument("--year", type=int, default=2026)
    args = p.parse_args()
    data = tempfile.mkdtemp(prefix="luoshi-bench-review-")
    os.environ["LUOSHI_DATA_DIR"] = data
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "luoshi_web.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from luoshi_web.org.models import OrgUnit, Region
    from luoshi_web.reports import review, services

    setup_test_environment()
    call_command("migrate", verbosity=0)
    region = Region.objects.create(name=args.report.stem.split("-")[0], level=Region.Level.PROVINCE)
    office = OrgUnit.objects.create(name="督查室", region=region, is_supervision_office=True)
    user = get_user_model().objects.create_superuser("bench", password="bench-pw-123456")
    from luoshi_web.org.models import Membership

    Membership.objects.create(user=user, unit=office, role=Membership.Role.SUPERVISOR)
    f = SimpleUploadedFile(args.report.name, args.report.read_bytes(), content_type="text/plain")
    draft = services.import_draft_create(user=user, region=region, upload=f, year=args.year)
    client = Client()
    client.force_login(user)
    url = reverse("import_review", args=[draft.pk])
    print(f"{args.report.name}: {len(draft.items)} items, {len(review.noise_reasons(draft.items))} flagged as likely noise")
    for label, size in (("paged (50 a page)", review.PAGE_SIZE), ("all items on one page", 100_000)):
        review.PAGE_SIZE = size
        review.review_page.__kwdefaults__["size"] = size  # the keyword default was bound at definition
        client.get(url)
        times, length = [], 0
        for _ in range(args.requests):
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            length = len(response.content)
        if os.environ.get("BENCH_PROFILE") and size == review.PAGE_SIZE:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.runcall(client.get, url)
            pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        print(f"  {label:24} median {statistics.median(times):6.0f} ms  max {max(times):6.0f} ms  {length / 1024:6.0f} KB")


if __name__ == "__main__":
    sys.exit(main())
