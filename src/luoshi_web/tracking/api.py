from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from ninja import Query, Router, Schema

import luoshi_web.converters  # noqa: F401 - registers {id:...}
from luoshi_web.org.access import actor_for
from luoshi_web.tracking import selectors

router = Router(tags=["commitments"])


class CommitmentOut(Schema):
    id: int
    report_id: int
    kind: str
    indicator: str
    value: Decimal | None
    value_max: Decimal | None
    unit: str
    comparator: str
    year: int | None
    text: str
    start: int | None
    end: int | None
    category: str
    binding: str
    lead_unit: str | None
    deadline: date | None
    status: str | None
    status_label: str | None
    colour: str | None
    latest_as_of: date | None
    latest_value: Decimal | None


def _out(row: selectors.Row) -> CommitmentOut:
    c, a = row.commitment, row.assignment
    return CommitmentOut(
        id=c.pk, report_id=c.report_id, kind=c.kind, indicator=c.indicator, value=c.value, value_max=c.value_max,
        unit=c.unit, comparator=c.comparator, year=c.year, text=c.text, start=c.start, end=c.end, category=c.category,
        binding=c.binding, lead_unit=a.lead_unit.name if a else None, deadline=a.deadline if a else None,
        status=row.status.code if row.status else None, status_label=row.status.label if row.status else None,
        colour=row.status.colour if row.status else None,
        latest_as_of=row.latest_as_of, latest_value=row.latest_value,
    )


PAGE_MAX = 2000  # rows per response: a province hierarchy is 40,000 commitments, 15 MB of JSON unpaged


@router.get("/", response=list[CommitmentOut])
def list_commitments(request, response: HttpResponse, report: int | None = None, kind: str = "", category: str = "",
                     status: str = "", limit: int = Query(500, ge=1, le=PAGE_MAX),
                     offset: int = Query(0, ge=0, le=10**9)):
    """``report``: a report's id; one no report can have (0, negative, beyond 64 bits) is a 404.

    Paged: ``limit`` rows (default 500, at most 2000) from ``offset``, in list order. The response
    says ``X-Total-Count`` and, when more follow, a ``Link: <…>; rel="next"`` header, so a client
    reads everything by following it."""
    filters = selectors.Filters(report_id=report, kind=kind, category=category, status=status)
    rated = selectors.rated_commitments(actor=actor_for(request.user), filters=filters)
    response["X-Total-Count"] = str(len(rated))
    if offset + limit < len(rated):
        query = request.GET.copy()
        query["offset"], query["limit"] = str(offset + limit), str(limit)
        response["Link"] = f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="next"'
    return [_out(r) for r in selectors.rows_for(rated[offset:offset + limit])]


@router.get("/{id:commitment_id}", response=CommitmentOut)
def get_commitment(request, commitment_id: int):
    actor = actor_for(request.user)
    detail = selectors.commitment_detail(actor=actor, pk=commitment_id)
    row = selectors.Row(detail.commitment, detail.assignment, detail.rating, detail.access >= 2,
                        detail.progress[0].as_of if detail.progress else None,
                        detail.progress[0].value if detail.progress else None)
    return _out(row)
