"""Reads for the 兑现对照 pages: published reports only, their items in one query, the match memory.

Every page here is public, so every read starts from published, live reports — for every viewer,
supervisors included: a figure on these pages is one the public can check against the report.
A region may hold more than one published report for a year (a news version and the full text);
the most recently imported one stands for that year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from luoshi.model import Commitment as Item
from luoshi.reconcile import NO_REPORT, WORDED, MatchMemory, ReportPair, Row, compare, load_catalogue, reconcile
from luoshi_web.compare.adapter import FIELDS, item_from_fields, meta
from luoshi_web.compare.models import IndicatorMatch
from luoshi_web.org.models import Region
from luoshi_web.reports.models import Report
from luoshi_web.tracking.models import Commitment

LEVEL_ORDER = [code for code, _ in Region.Level.choices]
DEFAULT_INDICATOR = "gdp_growth"


def _region_order(region: Region) -> tuple[int, str]:
    """The nation first, then provinces, cities, counties; by name within a level."""
    return (LEVEL_ORDER.index(region.level) if region.level in LEVEL_ORDER else len(LEVEL_ORDER), region.name)


def published_reports() -> QuerySet:
    return Report.objects.filter(published=True).select_related("region")


def report_get(pk: int) -> Report:
    report = published_reports().filter(pk=pk).first()
    if report is None:
        raise Http404(gettext("没有这份公开的报告。 / No such published report."))
    return report


def region_get(pk: int) -> Region:
    region = Region.objects.filter(pk=pk, reports__published=True, reports__deleted_at__isnull=True).distinct().first()
    if region is None:
        raise Http404(gettext("该地区没有公开的报告。 / This region has no published report."))
    return region


def _one_per_year(reports: Iterable[Report]) -> dict[tuple[int, int], Report]:
    """(region id, year) -> the report that stands for it: the latest imported."""
    chosen: dict[tuple[int, int], Report] = {}
    for r in reports:
        key = (r.region_id, r.year)
        if key not in chosen or (r.imported_at, r.pk) > (chosen[key].imported_at, chosen[key].pk):
            chosen[key] = r
    return chosen


def _neighbour(report: Report, year: int, *, with_text: bool) -> Report | None:
    qs = published_reports().filter(region_id=report.region_id, year=year).order_by("-imported_at", "-pk")
    return (qs if with_text else qs.defer("text")).first()


def items_by_report(reports: Sequence[Report]) -> dict[int, list[Item]]:
    """Every quantified target and result of ``reports``, as library items, in one query."""
    names = {r.pk: r.region.name for r in reports}
    out: dict[int, list[Item]] = {pk: [] for pk in names}
    # a target stated in words (国际收支基本平衡) has no value but is reconciled all the same
    rows = (Commitment.objects.filter(report_id__in=names, kind__in=("target", "result"))
            .filter(Q(value__isnull=False) | Q(kind="target", rule=WORDED))
            .order_by("report_id", "position", "pk").values(*FIELDS))
    for row in rows:
        out[row["report_id"]].append(item_from_fields(row, region=names[row["report_id"]]))
    return out


def match_entries(region_ids: Iterable[int]) -> list[IndicatorMatch]:
    """Live matches that apply to these regions: every region's own, and those for all regions."""
    return list(IndicatorMatch.objects.filter(Q(region__isnull=True) | Q(region_id__in=list(region_ids)))
                .select_related("user", "region").order_by("key", "pk"))


def entries_for(entries: Iterable[IndicatorMatch], region_id: int | None) -> dict[str, IndicatorMatch]:
    """key -> the entry in force for ``region_id``: the region's own over the one for all regions."""
    found: dict[str, IndicatorMatch] = {}
    for e in entries:
        if e.region_id is None and e.key not in found:
            found[e.key] = e
    for e in entries:
        if e.region_id is not None and e.region_id == region_id:
            found[e.key] = e
    return found


def memory_for(entries: Iterable[IndicatorMatch], region_id: int | None) -> MatchMemory:
    """The library's match memory for one region, from the database instead of a file."""
    return MatchMemory(matches={k: e.indicator_id for k, e in entries_for(entries, region_id).items()})


@dataclass
class Reconciliation:
    """Report N's targets against report N+1's results, with what the page shows around them."""

    report: Report
    next_report: Report | None
    previous_report: Report | None
    rows: list[Row]
    unmatched_results: list[Item]
    entries: dict[str, IndicatorMatch]
    history: dict[int, list] = field(default_factory=dict)

    @property
    def documents(self) -> dict[str, str]:
        """report pk (as the adapter's meta carries it) -> full text, for the source sentences."""
        docs = {str(self.report.pk): self.report.text}
        if self.next_report is not None:
            docs[str(self.next_report.pk)] = self.next_report.text
        return docs


def report_reconciliation(report: Report) -> Reconciliation:
    """The 兑现对照 of one published report: every target of its year against the next report.

    Without a published next report the targets are listed with 无下年报告, not judged 沉默: the
    next report's silence is a finding only when there is a next report.
    """
    nxt = _neighbour(report, report.year + 1, with_text=True)
    prev = _neighbour(report, report.year - 1, with_text=False)
    items = items_by_report([report] + ([nxt] if nxt else []))
    entries = match_entries([report.region_id])
    memory = memory_for(entries, report.region_id)
    rows = reconcile(items[report.pk], items[nxt.pk] if nxt else [], year=report.year, region=report.region.name,
                     memory=memory, target_source=report.title, result_source=nxt.title if nxt else "",
                     targets_text=report.text, results_text=nxt.text if nxt else None)
    unmatched: list[Item] = []
    if nxt is None:
        rows = [replace(r, verdict=NO_REPORT, note="") for r in rows]
    else:
        used = {meta(r.result, "pk") for r in rows if r.result is not None}
        unmatched = [it for it in items[nxt.pk]
                     if it.kind == "result" and (it.year or report.year) == report.year and meta(it, "pk") not in used]
    in_force = entries_for(entries, report.region_id)
    return Reconciliation(report, nxt, prev, rows, unmatched, in_force, match_history(in_force.values()))


def match_history(entries: Iterable[IndicatorMatch]) -> dict[int, list]:
    """entry pk -> its history records, newest first (one query for all entries)."""
    ids = [e.pk for e in entries]
    out: dict[int, list] = defaultdict(list)
    if ids:
        for h in IndicatorMatch.history.filter(id__in=ids).select_related("history_user").order_by("-history_date"):
            out[h.id].append(h)
    return dict(out)


def _region_rows(region: Region, indicator_id: str, by_year: dict[int, Report], items: dict[int, list[Item]],
                 memory: MatchMemory, years: Iterable[int]) -> list[Row]:
    catalogue = load_catalogue()
    pairs = []
    for y in years:
        this, nxt = by_year.get(y), by_year.get(y + 1)
        pairs.append(ReportPair(
            region.name, y, items[this.pk] if this else None, items[nxt.pk] if nxt else None,
            target_source=this.title if this else "", result_source=nxt.title if nxt else ""))
    rows = compare(pairs, indicator_id, catalogue=catalogue, memory=memory)
    # A year before the first report is shown only for the result the first report gives for it.
    return [r for r in rows if r.year in by_year or r.result is not None]


@dataclass
class Series:
    region: Region
    indicator_id: str
    rows: list[Row]
    reports: dict[int, Report]  # year -> report N of that row (for links)


def region_series(region: Region, indicator_id: str) -> Series:
    """One indicator's target and result for every year a region's published reports cover."""
    reports = list(published_reports().filter(region=region).defer("text"))
    by_year = {y: r for (_, y), r in _one_per_year(reports).items()}
    items = items_by_report(list(by_year.values()))
    memory = memory_for(match_entries([region.pk]), region.pk)
    years = sorted(set(by_year) | {y - 1 for y in by_year})
    return Series(region, indicator_id, _region_rows(region, indicator_id, by_year, items, memory, years), by_year)


@dataclass
class Across:
    indicator_id: str
    year: int
    rows: list[Row]
    regions: dict[str, Region]  # region name -> region (for links)
    reports: dict[str, Report]  # region name -> report N


def across_regions(indicator_id: str, year: int) -> Across:
    """One indicator's target for ``year`` and its result, for every region with a published report
    of that year or the next; each region judged with its own match memory."""
    reports = list(published_reports().filter(year__in=(year, year + 1)).defer("text"))
    chosen = _one_per_year(reports)
    items = items_by_report(list(chosen.values()))
    regions = sorted({r.region_id: r.region for r in chosen.values()}.values(), key=_region_order)
    entries = match_entries([g.pk for g in regions])
    rows: list[Row] = []
    for g in regions:
        by_year = {y: r for (rid, y), r in chosen.items() if rid == g.pk}
        rows += _region_rows(g, indicator_id, by_year, items, memory_for(entries, g.pk), [year])
    return Across(indicator_id, year, rows, {g.name: g for g in regions},
                  {g.name: chosen[(g.pk, year)] for g in regions if (g.pk, year) in chosen})


def index_data() -> dict:
    """What the 兑现对照 start page offers: published reports (with whether the next one is out),
    regions and years."""
    reports = list(published_reports().defer("text").order_by("-year", "region__name", "-imported_at"))
    chosen = _one_per_year(reports)
    shown = sorted(chosen.values(), key=lambda r: (-r.year, _region_order(r.region)))
    listed = [(r, (r.region_id, r.year + 1) in chosen) for r in shown]
    regions = sorted({r.region_id: r.region for r in shown}.values(), key=_region_order)
    years = sorted({r.year for r in shown}, reverse=True)
    return {"reports": listed, "regions": regions, "years": years}


def index_years() -> list[int]:
    """Years with a published report, newest first."""
    return sorted(set(published_reports().values_list("year", flat=True)), reverse=True)


def default_year() -> int:
    """The latest year some region can be reconciled for (its report and the next are published),
    else the latest year with a published report, else this year."""
    pairs = set(published_reports().values_list("region_id", "year"))
    ready = [y for (rid, y) in pairs if (rid, y + 1) in pairs]
    if ready:
        return max(ready)
    if pairs:
        return max(y for _, y in pairs)
    from django.utils import timezone

    return timezone.localdate().year - 1


def indicator_choices() -> list[tuple[str, str]]:
    """(id, name) of every catalogue indicator, for the pickers."""
    return [(i.id, i.name) for i in load_catalogue().indicators]


def known_indicator(raw: str | None) -> str | None:
    """A catalogue id from an id or any of its names; None when the catalogue does not know it."""
    if not raw:
        return DEFAULT_INDICATOR
    found = load_catalogue().find(raw)
    return found.id if found else None

