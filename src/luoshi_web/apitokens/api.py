"""The API's writing half: a unit's system (token) or a logged-in user files progress, uploads its
evidence and writes 批示/回复, under the same rules as the pages (``tracking.services`` decides).

Every operation needs a caller (401 otherwise); records outside the caller's remit are 404 (a
unit learns nothing of another unit's work), refused actions 403, state conflicts 409, files over a
size limit 413, other refusals 400; errors are ``{"detail": ..., "field": ...}``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import field_validator

import luoshi_web.converters  # noqa: F401 - registers {id:...}
from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking import services as tracking
from luoshi_web.tracking.models import Assignment, Comment, Commitment, ProgressReport
from luoshi_web.tracking.permissions import Access, commitment_access, internal_commitments_q
from luoshi_web.validators import MAX_ID, parse_decimal

from .auth import TokenOrSession
from .services import StateConflict, progress_evidence_add

router = Router(auth=TokenOrSession(), tags=["units"])

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    detail: str
    field: str | None = None


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _plain_text(value: str) -> str:
    """Text the database can store: no NUL (PostgreSQL refuses it) and valid UTF-8 (no lone surrogate)."""
    if "\x00" in value:
        raise ValueError("不能包含 NUL 字符 / must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("不是有效的 UTF-8 文本 / not valid UTF-8 text") from None
    return value


# --- who am I ------------------------------------------------------------------------------------

class MeOut(Schema):
    username: str
    via: str  # "token" or "session"
    unit_id: int | None = None
    unit: str | None = None
    region: str | None = None
    token_name: str | None = None
    unit_ids: list[int]
    supervised_region_ids: list[int]


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="The caller: its unit (token) or roles (session)")
def me(request):
    actor = actor_for(request.user)
    token = getattr(request, "api_token", None)
    return MeOut(
        username=request.user.get_username(), via="token" if token else "session",
        unit_id=token.unit_id if token else None, unit=token.unit.name if token else None,
        region=token.unit.region.name if token else None, token_name=token.name if token else None,
        unit_ids=sorted(actor.unit_ids), supervised_region_ids=sorted(actor.region_ids),
    )


# --- assignments ---------------------------------------------------------------------------------

class AssignmentOut(Schema):
    id: int
    commitment_id: int
    report_id: int
    year: int
    indicator: str
    target_value: Decimal | None
    target_unit: str
    lead_unit_id: int
    lead_unit: str
    supporting_unit_ids: list[int]
    role: str  # lead / supporting / supervisor
    deadline: date
    frequency: str
    closed: bool


def _assignments(actor):
    """The live assignments the caller sees from inside: a unit's own (lead or supporting), a
    supervisor's region's."""
    return (Assignment.objects.filter(commitment__in=Commitment.objects.filter(internal_commitments_q(actor)),
                                      commitment__report__deleted_at__isnull=True)
            .select_related("commitment__report", "lead_unit").prefetch_related("supporting_units"))


def _assignment_out(a: Assignment, actor) -> AssignmentOut:
    c = a.commitment
    supporting = [u.pk for u in a.supporting_units.all()]
    role = ("lead" if a.lead_unit_id in actor.unit_ids else
            "supporting" if set(supporting) & actor.unit_ids else "supervisor")
    return AssignmentOut(
        id=a.pk, commitment_id=c.pk, report_id=c.report_id, year=c.target_year, indicator=c.indicator,
        target_value=c.value, target_unit=c.unit, lead_unit_id=a.lead_unit_id, lead_unit=a.lead_unit.name,
        supporting_unit_ids=supporting, role=role, deadline=a.deadline, frequency=a.frequency,
        closed=a.closed_at is not None,
    )


@router.get("/assignments/", response={200: list[AssignmentOut], **ERRORS},
            summary="Assignments the caller's unit leads or supports")
def list_assignments(request, report: int | None = Query(None, ge=1, le=MAX_ID), limit: int = Query(200, ge=1, le=1000),
                     offset: int = Query(0, ge=0, le=MAX_ID)):
    actor = actor_for(request.user)
    qs = _assignments(actor).order_by("commitment__report_id", "commitment__position", "pk")
    if report is not None:
        qs = qs.filter(commitment__report_id=report)
    return [_assignment_out(a, actor) for a in qs[offset:offset + limit]]


# --- progress reports ----------------------------------------------------------------------------

class EvidenceOut(Schema):
    id: int
    name: str
    size: int
    url: str


class ProgressOut(Schema):
    id: int
    assignment_id: int
    commitment_id: int
    as_of: date
    value: Decimal | None
    percent_done: Decimal | None
    narrative: str
    links: str
    state: str
    state_label: str
    verified: bool
    unit_id: int | None
    is_part: bool
    author: str
    created_at: datetime
    submitted_at: datetime
    return_reason: str
    evidence: list[EvidenceOut]


class ProgressIn(Schema):
    assignment_id: Id
    as_of: date
    narrative: str = Field(..., max_length=20000, description="进展情况 / what was done")
    value: Decimal | None = Field(None, allow_inf_nan=False, description="累计完成值 / cumulative value")
    percent_done: Decimal | None = Field(None, allow_inf_nan=False, description="完成进度 0–100")
    links: str = Field("", max_length=5000, description="佐证链接, one http(s) URL a line")
    client_token: UUID | None = Field(None, description="the same token sent again returns the same report")

    @field_validator("narrative", "links")
    @classmethod
    def _text(cls, value: str) -> str:
        return _plain_text(value)


def _progress_out(p: ProgressReport) -> ProgressOut:
    return ProgressOut(
        id=p.pk, assignment_id=p.assignment_id, commitment_id=p.assignment.commitment_id, as_of=p.as_of,
        value=p.value, percent_done=p.percent_done, narrative=p.narrative, links=p.links, state=p.state,
        state_label=str(ProgressReport.State(p.state).label), verified=p.verified, unit_id=p.unit_id,
        is_part=p.is_part, author=p.author.get_username(), created_at=p.created_at, submitted_at=p.submitted_at,
        return_reason=p.return_reason,
        evidence=[EvidenceOut(id=e.pk, name=e.name, size=e.size, url=reverse("evidence_download", args=[e.pk]))
                  for e in p.evidence.all()],
    )


def _progress(actor):
    """Live reports (any state) the caller sees: its units' own and those on assignments it leads;
    a supervisor's region's; everything for an administrator."""
    qs = ProgressReport.filed.select_related("assignment", "author").prefetch_related("evidence")
    qs = qs.filter(assignment__deleted_at__isnull=True, assignment__commitment__report__deleted_at__isnull=True)
    if actor.is_admin:
        return qs
    q = Q(unit_id__in=actor.unit_ids) | Q(assignment__lead_unit_id__in=actor.unit_ids)
    if actor.region_ids:
        q |= Q(assignment__commitment__report__region_id__in=actor.region_ids)
    return qs.filter(q)


def _not_found_progress() -> Http404:
    return Http404(_("没有这条进展报告，或不属于您的单位。 / No such progress report, or not your unit's."))


@router.get("/progress/", response={200: list[ProgressOut], **ERRORS}, summary="The caller's progress reports")
def list_progress(request, assignment: int | None = Query(None, ge=1, le=MAX_ID),
                  state: ProgressReport.State | None = None,
                  limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_ID)):
    qs = _progress(actor_for(request.user)).order_by("-submitted_at", "-pk")
    if assignment is not None:
        qs = qs.filter(assignment_id=assignment)
    if state is not None:
        qs = qs.filter(state=state)
    return [_progress_out(p) for p in qs[offset:offset + limit]]


@router.get("/progress/{id:progress_id}", response={200: ProgressOut, **ERRORS}, summary="One progress report")
def get_progress(request, progress_id: int):
    p = _progress(actor_for(request.user)).filter(pk=progress_id).first()
    if p is None:
        raise _not_found_progress()
    return _progress_out(p)


def _visible_assignment(actor, pk: int) -> Assignment:
    """The assignment, or 404 when the caller may not know it exists; one of a published report is
    known to all, and the service then refuses (403) whoever is not its lead or supporting unit."""
    a = (Assignment.objects.select_related("commitment__report", "lead_unit").prefetch_related("supporting_units")
         .filter(pk=pk).first())
    if a is None or commitment_access(actor, a.commitment, a) is None:
        raise Http404(_("没有这项分工，或不属于您的单位。 / No such assignment, or not your unit's."))
    return a


@router.post("/progress/", response={201: ProgressOut, 200: ProgressOut, 409: ErrorOut, **ERRORS},
             summary="File a progress report (待核实 until the office verifies it)")
def create_progress(request, payload: ProgressIn):
    """201 with the new report; 200 with the earlier one when ``client_token`` was sent before."""
    actor = actor_for(request.user)
    assignment = _visible_assignment(actor, payload.assignment_id)
    if payload.percent_done is not None:
        try:
            parse_decimal(payload.percent_done, max_digits=5, decimal_places=2)
        except ValueError as e:
            raise DomainError(_("完成进度%(reason)s。") % {"reason": e}, field="percent_done") from None
    try:
        report = tracking.progress_report_create(
            user=request.user, assignment=assignment, as_of=payload.as_of, narrative=payload.narrative,
            value=payload.value, percent_done=payload.percent_done, links=payload.links,
            client_token=payload.client_token)
    except DomainError as e:
        if assignment.closed_at is not None and not isinstance(e, StateConflict):
            raise StateConflict(e.message, field=e.field) from None  # 已办结: a state, not a bad request
        raise
    fresh = _progress(actor).get(pk=report.pk)
    return Status(200 if report.replayed else 201, _progress_out(fresh))


@router.post("/progress/{id:progress_id}/evidence",
             response={201: list[EvidenceOut], 409: ErrorOut, 413: ErrorOut, **ERRORS},
             summary="Upload evidence files to a progress report not yet verified (multipart, field: files)")
def add_evidence(request, progress_id: int, files: File[list[UploadedFile]]):
    actor = actor_for(request.user)
    p = _progress(actor).filter(pk=progress_id).first()
    if p is None:
        raise _not_found_progress()
    added = progress_evidence_add(user=request.user, progress=p, files=files)
    return Status(201, [EvidenceOut(id=e.pk, name=e.name, size=e.size, url=reverse("evidence_download", args=[e.pk]))
                 for e in added])


# --- 批示 / 回复 -----------------------------------------------------------------------------------

class CommentOut(Schema):
    id: int
    commitment_id: int
    kind: str
    kind_label: str
    body: str
    author: str
    unit_id: int | None
    mention_unit_ids: list[int]
    created_at: datetime


class CommentIn(Schema):
    commitment_id: Id
    body: str = Field(..., max_length=tracking.COMMENT_MAX_CHARS * 2)
    mention_unit_ids: list[Id] = Field(default_factory=list, max_length=50)

    @field_validator("body")
    @classmethod
    def _text(cls, value: str) -> str:
        return _plain_text(value)


def _comment_out(m: Comment) -> CommentOut:
    return CommentOut(id=m.pk, commitment_id=m.commitment_id, kind=m.kind, kind_label=str(m.get_kind_display()),
                      body=m.body, author=m.author.get_username(), unit_id=m.unit_id,
                      mention_unit_ids=sorted(u.pk for u in m.mentions.all()), created_at=m.created_at)


def _commitment_inside(actor, pk: int) -> Commitment:
    """A commitment the caller sees from inside (a unit carrying it out, its supervisor): 404 when
    it may not know it exists, 403 when it sees it only as the public does."""
    c = Commitment.objects.select_related("report").filter(pk=pk).first()
    a = Assignment.objects.filter(commitment=c).prefetch_related("supporting_units").first() if c else None
    access = commitment_access(actor, c, a) if c else None
    if access is None:
        raise Http404(_("没有这项任务，或不属于您的单位。 / No such commitment, or not your unit's."))
    if access < Access.UNIT:
        raise AccessDenied(_("批示和回复只有督查室和承办单位能看到。 / Only the office and the units carrying it out see comments."))
    return c


@router.get("/comments/", response={200: list[CommentOut], **ERRORS}, summary="批示/回复 on a commitment")
def list_comments(request, commitment: int = Query(..., ge=1, le=MAX_ID)):
    c = _commitment_inside(actor_for(request.user), commitment)
    rows = c.comments.select_related("author").prefetch_related("mentions").order_by("created_at", "pk")
    return [_comment_out(m) for m in rows]


@router.post("/comments/", response={201: CommentOut, **ERRORS}, summary="Write a 回复 (unit) or 批示 (office)")
def create_comment(request, payload: CommentIn):
    actor = actor_for(request.user)
    c = _commitment_inside(actor, payload.commitment_id)
    ids = set(payload.mention_unit_ids)
    units = list(OrgUnit.objects.filter(pk__in=ids))
    missing = ids - {u.pk for u in units}
    if missing:
        raise DomainError(_("没有这些单位：%(ids)s。 / No such units.") % {"ids": ", ".join(map(str, sorted(missing)))},
                          field="mention_unit_ids")
    comment = tracking.comment_add(user=request.user, commitment=c, body=payload.body, mentions=units)
    return Status(201, _comment_out(comment))
