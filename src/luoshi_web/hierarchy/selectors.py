"""Reads of the cascade: do the quotas cover the parent's target, which sub-region commitment
answers each quota, and how far the sub-regions have come (roll-up).

:func:`load_rollups` is the one loader every rating path uses (lists, the commitment page, the
dashboard, the bulletin, the public pages) to rate a parent on its sub-regions' progress by the
rule of :mod:`luoshi_web.hierarchy.rollup`: a fixed number of queries whatever the rows — one for
the linked quotas of the scope (and one more per level below, province → city → county) and one
for the linked commitments' newest progress — never a query per row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber

from luoshi.reconcile import load_catalogue
from luoshi.reconcile.matching import resolve
from luoshi.reconcile.units import unit_info
from luoshi_web.hierarchy import rollup
from luoshi_web.hierarchy.models import Quota
from luoshi_web.org.models import Region
from luoshi_web.tracking.models import Commitment, ProgressReport
from luoshi_web.tracking.status import Progress

MAX_DEPTH = 6  # region levels below a parent (nation → province → city → county → town): a guard, not a limit met


def additive(commitment: Commitment) -> bool:
    """A level that sums over regions (人, 亿元, 个); a rate or a rank does not."""
    return rollup.additive(commitment.unit)


@dataclass(frozen=True, slots=True)
class Link:
    """A quota whose sub-region commitment is confirmed: what rolls up into ``parent_id``."""

    quota_id: int
    parent_id: int
    region_id: int
    linked_id: int
    scale: Decimal | None  # one of the linked commitment's units in the parent's unit; None: not comparable
    target: Decimal | None  # the linked commitment's own target (reads a percent report)


@dataclass(frozen=True, slots=True)
class PartReading:
    """One linked sub-region's effective progress (its own, or its own roll-up) and its value in
    the parent's unit (None: not reported, or a unit that does not compare)."""

    link: Link
    progress: Progress | None
    value: Decimal | None


History = list[tuple[date, Progress]]


@dataclass
class Rollups:
    """The linked quotas under a set of parents and the progress of every linked commitment,
    loaded once; answers the roll-up of any of them on any day (see :mod:`~luoshi_web.hierarchy.rollup`)."""

    links: dict[int, list[Link]] = field(default_factory=dict)  # parent id -> its linked quotas
    additive: dict[int, bool] = field(default_factory=dict)  # parent id -> sums?
    own: dict[tuple[int, bool], History] = field(default_factory=dict)  # (linked id, verified only) -> ascending

    def applies(self, parent_id: int) -> bool:
        """Rated on the roll-up: an additive parent with at least one linked sub-region (then it
        counts as assigned: the sub-regions carry it out)."""
        return bool(self.additive.get(parent_id) and self.links.get(parent_id))

    def parts(self, parent_id: int, *, verified: bool, day: date | None = None) -> list[PartReading]:
        out = []
        for link in self.links.get(parent_id, ()):
            progress = self.effective(link.linked_id, verified=verified, day=day)
            value = rollup.part_value(rollup.Part(progress, link.scale, link.target))
            out.append(PartReading(link, progress, value))
        return out

    def rolled(self, parent_id: int, *, verified: bool, day: date | None = None, _depth: int = 0) -> Progress | None:
        """The sum of the linked sub-regions' progress, or None (not additive, nothing counts)."""
        if not self.applies(parent_id) or _depth > MAX_DEPTH:
            return None
        return rollup.summed(
            rollup.Part(self.effective(link.linked_id, verified=verified, day=day, _depth=_depth + 1), link.scale,
                        link.target)
            for link in self.links[parent_id])

    def effective(self, commitment_id: int, *, verified: bool, day: date | None = None,
                  _depth: int = 0) -> Progress | None:
        """A linked commitment's progress as it rates: its own, combined with its own roll-up."""
        own = rollup.latest_on(self.own.get((commitment_id, verified), []), day)
        return rollup.combined(own, self.rolled(commitment_id, verified=verified, day=day, _depth=_depth))

    def rate_with(self, parent_id: int, own: Progress | None, *, verified: bool, day: date | None = None) -> Progress | None:
        """The progress that rates ``parent_id``, given its own newest (as the caller read it)."""
        if not self.applies(parent_id):
            return own
        return rollup.combined(own, self.rolled(parent_id, verified=verified, day=day))

    def history(self, parent_id: int, own: History, *, verified: bool = False) -> History:
        """The parent's progress as it rated on each day anything under it was reported (ascending),
        for the month-by-month trend; needs :func:`load_rollups` with ``history=True``."""
        if not self.applies(parent_id):
            return own
        days = sorted({d for d, _ in own} | set(self._event_days(parent_id, verified)))
        out = []
        for d in days:
            p = self.rate_with(parent_id, rollup.latest_on(own, d), verified=verified, day=d)
            if p is not None:
                out.append((d, p))
        return out

    def _event_days(self, parent_id: int, verified: bool, depth: int = 0) -> Iterable[date]:
        if depth > MAX_DEPTH:
            return
        for link in self.links.get(parent_id, ()):
            yield from (d for d, _ in self.own.get((link.linked_id, verified), ()))
            yield from self._event_days(link.linked_id, verified, depth + 1)


def split_flag() -> Exists:
    """An annotation for a list's commitments query: is any sub-region linked under this one? A
    list then loads the roll-ups of the flagged rows only, and costs no query more when none is."""
    return Exists(Quota.objects.filter(parent_id=OuterRef("pk"), linked__isnull=False))


def load_rollups(parents: QuerySet | Iterable[int], *, day: date | None = None, history: bool = False) -> Rollups:
    """The roll-up data under ``parents`` (ids, or a queryset of commitments), progress dated on
    or before ``day`` (None: all); ``history`` loads every report instead of the newest (the trend).

    Queries: none for an empty list of ids, one when no parent has a linked quota, else one per
    level below plus one for the progress. Lists pass the ids :func:`split_flag` marked.
    """
    out = Rollups()
    level: QuerySet | list[int] = parents.values("pk") if isinstance(parents, QuerySet) else list(parents)
    if isinstance(level, list) and not level:
        return out
    for _ in range(MAX_DEPTH):
        rows = list(Quota.objects.filter(parent_id__in=level, linked__isnull=False, linked__deleted_at__isnull=True,
                                         linked__report__deleted_at__isnull=True)
                    .values_list("pk", "parent_id", "parent__unit", "region_id", "linked_id", "linked__unit",
                                 "linked__value").order_by("parent_id", "region__name", "pk"))
        fresh = []
        for pk, parent_id, parent_unit, region_id, linked_id, linked_unit, linked_value in rows:
            if parent_id not in out.additive:
                out.additive[parent_id] = rollup.additive(parent_unit)
            out.links.setdefault(parent_id, []).append(
                Link(pk, parent_id, region_id, linked_id, rollup.scale(linked_unit, parent_unit), linked_value))
            if linked_id not in out.links:
                fresh.append(linked_id)
        if not fresh:
            break
        level = fresh
    linked = {link.linked_id for links in out.links.values() for link in links}
    if linked:
        _load_progress(out, linked, day=day, history=history)
    return out


def _load_progress(out: Rollups, linked: set[int], *, day: date | None, history: bool) -> None:
    """Each linked commitment's counted progress (its live assignment's), all and verified apart."""
    progress = ProgressReport.objects.filter(assignment__commitment_id__in=linked, assignment__deleted_at__isnull=True)
    if day is not None:
        progress = progress.filter(as_of__lte=day)
    columns = ("assignment__commitment_id", "as_of", "created_at", "id", "value", "percent_done", "verified")
    if history:
        rows = progress.order_by("assignment__commitment_id", "as_of", "created_at", "id").values_list(*columns)
    else:  # the newest of each commitment × verified: the newer of the two is the newest overall
        rows = progress.order_by().annotate(rank=Window(
            RowNumber(), partition_by=[F("assignment_id"), F("verified")],
            order_by=[F("as_of").desc(), F("created_at").desc(), F("id").desc()])).filter(rank=1).values_list(*columns)
        rows = sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3]))
    for cid, as_of, _created, _pk, value, percent, verified in rows:
        p = Progress(as_of, value, percent)
        reported = out.own.setdefault((cid, False), [])
        if not history:  # ascending: the last row of a commitment is its newest
            reported.clear()
        reported.append((as_of, p))
        if verified:
            out.own.setdefault((cid, True), []).append((as_of, p))


@dataclass
class QuotaLine:
    region: Region
    quota: Quota | None
    suggestions: list[Commitment] = field(default_factory=list)
    reported: Decimal | None = None  # the sub-region's latest progress (self-reported or verified), in the parent's unit
    verified: Decimal | None = None  # its latest verified progress, in the parent's unit
    comparable: bool = True  # False: the linked commitment's unit does not convert to the parent's


@dataclass
class Cascade:
    parent: Commitment
    additive: bool
    lines: list[QuotaLine]
    total: Decimal | None  # sum of the quotas (additive only)
    shortfall: Decimal | None  # parent target minus the sum, when the quotas do not cover it
    missing: list[Region]  # sub-regions with no quota
    rolled_reported: Decimal | None
    rolled_verified: Decimal | None
    spread: tuple[Decimal, Decimal] | None  # lowest and highest latest value of a rate


def _indicator_id(c: Commitment) -> str | None:
    return resolve(c.indicator, unit_info(c.unit or None), load_catalogue()).id


def suggestions_for(parent: Commitment, region: Region) -> list[Commitment]:
    """The sub-region's own targets of the parent's year that name the same indicator."""
    wanted = _indicator_id(parent)
    rows = Commitment.objects.filter(report__region=region, report__deleted_at__isnull=True, kind="target",
                                     year=parent.year).select_related("report").order_by("position")[:500]
    out = []
    for c in rows:
        same = (_indicator_id(c) == wanted) if wanted else c.indicator == parent.indicator
        if same:
            out.append(c)
    return out[:5]


def cascade(parent: Commitment) -> Cascade:
    children = list(Region.objects.filter(parent_id=parent.report.region_id).order_by("name"))
    quotas = {q.region_id: q for q in Quota.objects.filter(parent=parent).select_related("region", "linked")}
    adds = additive(parent)
    ups = load_rollups([parent.pk])
    readings = {r.link.quota_id: r for r in ups.parts(parent.pk, verified=False)}
    checked = {r.link.quota_id: r for r in ups.parts(parent.pk, verified=True)}
    lines = []
    for region in children:
        q = quotas.get(region.pk)
        line = QuotaLine(region, q)
        if q is not None and q.linked is None:
            line.suggestions = suggestions_for(parent, region)
        if q is not None and q.pk in readings:
            line.reported, line.verified = readings[q.pk].value, checked[q.pk].value
            line.comparable = readings[q.pk].link.scale is not None
        lines.append(line)
    values = [q.value for q in quotas.values() if q.value is not None]
    total = sum(values, Decimal(0)) if adds and values else None
    shortfall = None
    if adds and total is not None and parent.value is not None and total < parent.value:
        shortfall = parent.value - total
    rolled_r = rolled_v = spread = None
    if adds:
        reported, verified = ups.rolled(parent.pk, verified=False), ups.rolled(parent.pk, verified=True)
        rolled_r = reported.value if reported else None
        rolled_v = verified.value if verified else None
    else:
        latest = [line.reported for line in lines if line.reported is not None]
        spread = (min(latest), max(latest)) if latest else None
    return Cascade(parent, adds, lines, total, shortfall, [r for r in children if r.pk not in quotas],
                   rolled_r, rolled_v, spread)


@dataclass
class RollupLine:
    region: Region
    linked: Commitment
    reported: Decimal | None  # in the parent's unit; None: not reported, or not comparable
    verified: Decimal | None
    comparable: bool


@dataclass
class RollupView:
    """What a commitment page shows of a parent split over sub-regions: each linked sub-region's
    progress in the parent's unit, the sum (additive) or the spread (a rate), and whether the sum
    is what rates the parent now (see :mod:`luoshi_web.hierarchy.rollup`)."""

    additive: bool
    lines: list[RollupLine]
    reported: Progress | None  # the sum of the self-reported progress (additive only)
    verified: Progress | None  # the sum of the verified progress (additive only)
    spread: tuple[Decimal, Decimal] | None  # a rate: lowest and highest sub-region reading shown
    rates: bool  # the roll-up is the progress that rates the parent now


def rollup_view(commitment: Commitment, rollups: Rollups, *, internal: bool,
                rating_progress: Progress | None = None) -> RollupView | None:
    """The roll-up of ``commitment`` for its page, or None when no sub-region is linked; the public
    (``internal`` False) is shown verified progress only. One query (the regions and linked items)."""
    links = rollups.links.get(commitment.pk)
    if not links:
        return None
    reported = {r.link.quota_id: r for r in rollups.parts(commitment.pk, verified=False)}
    checked = {r.link.quota_id: r for r in rollups.parts(commitment.pk, verified=True)}
    quotas = Quota.objects.filter(pk__in=[link.quota_id for link in links]).select_related("region", "linked")
    lines = [RollupLine(q.region, q.linked, reported[q.pk].value if internal else None, checked[q.pk].value,
                        reported[q.pk].link.scale is not None)
             for q in sorted(quotas, key=lambda q: (q.region.name, q.pk))]
    adds = rollups.applies(commitment.pk)
    shown = [line.reported if internal else line.verified for line in lines]
    shown = [v for v in shown if v is not None]
    rolled = rollups.rolled(commitment.pk, verified=not internal)
    return RollupView(
        additive=adds, lines=lines,
        reported=rollups.rolled(commitment.pk, verified=False) if adds and internal else None,
        verified=rollups.rolled(commitment.pk, verified=True) if adds else None,
        spread=(min(shown), max(shown)) if not adds and shown else None,
        rates=rolled is not None and rating_progress == rolled,
    )
