"""Reports stored in the tracking database as inputs of ``luoshi reconcile --db``.

The command line compares files by default; with ``--db`` it takes a region and a year and reads
the two reports (year N and N+1) that were imported and reviewed in the web application, so that
corrections made in review count. The region's remembered indicator matches apply too.
"""

from __future__ import annotations

from dataclasses import dataclass

from luoshi.model import Commitment as Item
from luoshi.reconcile import MatchMemory
from luoshi_web.compare.selectors import items_by_report, match_entries, memory_for
from luoshi_web.org.models import Region
from luoshi_web.reports.models import Report


class NotInDatabase(LookupError):
    """The region or a report is not in the database; the message says which and what to do."""


@dataclass(frozen=True)
class StoredPair:
    region: str
    year: int
    targets: list[Item]
    results: list[Item] | None
    target_title: str
    result_title: str
    memory: MatchMemory
    target_text: str = ""  # the reports' texts: where targets and results stated in words are read
    result_text: str = ""


def stored_pair(region_name: str, year: int) -> StoredPair:
    """Items of the newest live report of ``region_name`` for ``year`` and for ``year + 1``."""
    region = Region.objects.filter(name=region_name).first()
    if region is None:
        known = "、".join(Region.objects.order_by("name").values_list("name", flat=True)[:20])
        raise NotInDatabase(f"地区“{region_name}”不在数据库中 (region not in the database); 已有 known: {known or '无 none'}")
    by_year = {}
    for y in (year, year + 1):
        by_year[y] = Report.objects.filter(region=region, year=y).order_by("-imported_at", "-pk").first()
    if by_year[year] is None:
        raise NotInDatabase(f"{region_name} 没有 {year} 年的报告 (no {year} report); "
                            "先在网站导入 (import it in the web app first)")
    reports = [r for r in by_year.values() if r is not None]
    items = items_by_report(reports)
    first, second = by_year[year], by_year[year + 1]
    return StoredPair(region_name, year, items[first.pk], items[second.pk] if second else None,
                      first.title, second.title if second else "", memory_for(match_entries([region.pk]), region.pk),
                      first.text, second.text if second else "")
