"""Import pairs of reports (e.g. the corpus's 湖南省-2025.txt and 湖南省-2026.txt) for the 兑现对照 pages.

    python -m luoshi_web.manage compare_import --user admin --publish ../shared/corpus/province/湖南省-202[56].txt

Each file goes through the same services an upload does (read, extract, draft, confirm), so what
the pages show is what a supervisor importing the file would get, minus the review. Region and
year come from the file name as the corpus writes it (REGION-YEAR.ext; YEAR.ext is national), or
from --region/--year. A file already imported for its region is skipped.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from luoshi.reconcile.sources import parse_report_name
from luoshi_web.errors import DomainError
from luoshi_web.org.models import Region
from luoshi_web.reports import services


class Command(BaseCommand):
    help = "Import report files through the reports services, for the 兑现对照 pages."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="report files named REGION-YEAR.ext (or YEAR.ext for national)")
        parser.add_argument("--user", required=True, help="the importing account: an administrator or the region's supervisor")
        parser.add_argument("--region", help="region name for every file (default: from the file name)")
        parser.add_argument("--year", type=int, help="report year for every file (default: from the file name)")
        parser.add_argument("--publish", action="store_true", help="publish the reports (the pages show published ones only)")
        parser.add_argument("--create-regions", action="store_true",
                            help="create a missing region as a province under the national region")

    def handle(self, *args, files: list[str], user: str, region: str | None, year: int | None, publish: bool,
               create_regions: bool, **options) -> None:
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"no account named {user!r}; create it first (createsuperuser) or pass another --user")
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            found_region, found_year = parse_report_name(path)
            place = self._region(region or found_region, create=create_regions)
            report_year = year or found_year
            if report_year is None:
                raise CommandError(f"{path}: no year in the file name; pass --year")
            upload = SimpleUploadedFile(path.name, path.read_bytes())
            try:
                draft = services.import_draft_create(user=account, region=place, upload=upload, year=report_year,
                                                     title=f"{place.name}{report_year}年政府工作报告")
                report = services.import_draft_confirm(user=account, draft=draft, published=publish)
            except DomainError as e:
                self.stdout.write(f"skip {path}: {e.message}")
                continue
            self.stdout.write(f"{path} -> {report.title} (#{report.pk}, {report.commitments.count()} items"
                              f"{', published' if publish else ''})")

    def _region(self, name: str | None, *, create: bool) -> Region:
        nation = Region.objects.filter(level=Region.Level.NATION, parent__isnull=True).first()
        if name is None or name in ("全国", "中国"):
            if nation is None:
                if not create:
                    raise CommandError("no national region; create one or pass --create-regions")
                nation = Region.objects.create(name="全国", level=Region.Level.NATION)
            return nation
        found = Region.objects.filter(name=name).order_by("pk").first()
        if found is not None:
            return found
        if not create:
            raise CommandError(f"no region named {name!r}; create it in the admin or pass --create-regions")
        if nation is None:
            nation = Region.objects.create(name="全国", level=Region.Level.NATION)
        return Region.objects.create(name=name, level=Region.Level.PROVINCE, parent=nation)
