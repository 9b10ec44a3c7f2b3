from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

import luoshi_web.converters  # noqa: F401 - registers {id:...}
from luoshi_web.org.access import actor_for
from luoshi_web.reports import selectors

router = Router(tags=["reports"])


class ReportOut(Schema):
    id: int
    region: str
    year: int
    title: str
    published: bool
    imported_at: datetime
    n_items: int = 0


def _out(r) -> ReportOut:
    return ReportOut(id=r.pk, region=r.region.name, year=r.year, title=r.title, published=r.published,
                     imported_at=r.imported_at, n_items=getattr(r, "n_items", 0))


@router.get("/", response=list[ReportOut])
def list_reports(request):
    return [_out(r) for r in selectors.report_list(actor=actor_for(request.user))]


@router.get("/{id:report_id}", response=ReportOut)
def get_report(request, report_id: int):
    report = selectors.report_get(actor=actor_for(request.user), pk=report_id)
    return _out(report)
