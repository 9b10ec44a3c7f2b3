"""Writes to tracked records. Each checks the actor's role first, runs in one transaction, and
records who and why in the history; a refused request raises before anything changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for, units_assignable_by
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking.models import (
    Assignment,
    Closure,
    Comment,
    Commitment,
    Evidence,
    Milestone,
    ProgressReport,
)
from luoshi_web.tracking.permissions import Access, commitment_access, supporting_unit_ids
from luoshi_web.validators import DATE_MAX, DATE_MIN, date_ok, parse_decimal

EDITABLE_FIELDS = (
    "kind", "indicator", "value", "value_max", "unit", "comparator", "qualifier", "year",
    "category", "binding", "measure",
)
EVIDENCE_SUFFIXES = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".txt", ".jpg", ".jpeg", ".png", ".zip", ".ofd"}


def _stamp(obj, user, reason: str) -> None:
    """Tell django-simple-history who made this change and why."""
    obj._history_user = user
    obj._change_reason = (reason or "")[:100]  # simple-history's reason column: 100 characters (the full text is on the record)


def _require_manage(user, commitment: Commitment, action: str) -> None:
    actor = actor_for(user)
    actor.require_supervisor(commitment.report.region_id, action=action)


def _live_assignment(commitment: Commitment) -> Assignment | None:
    return Assignment.objects.filter(commitment=commitment).prefetch_related("supporting_units").first()


class ConflictError(DomainError):
    """此记录已被他人修改: the record changed since the form was shown. Nothing was saved; the view
    shows the other's change beside what this user typed, so nothing is lost."""

    def __init__(self, record) -> None:
        who, when = _last_change(record)
        super().__init__(_("此记录已被他人修改（%(who)s，%(when)s），您的修改尚未保存。下面列出对方保存的内容；"
                           "您填写的内容仍在表单中，核对后再保存即可。") % {"who": who, "when": when})
        self.record = record


def _last_change(record) -> tuple[str, str]:
    if record is None:
        return _("他人"), "—"
    last = record.history.select_related("history_user").first()
    who = last.history_user.get_username() if last is not None and last.history_user else _("他人")
    when = timezone.localtime(last.history_date).strftime("%Y-%m-%d %H:%M:%S") if last is not None else "—"
    return who, when


def version_of(record) -> str:
    """The token an edit form carries: the record's last save (``updated_at``); empty for no record."""
    return record.updated_at.isoformat() if record is not None and record.updated_at else ""


def _claim(model, record, expected: str) -> None:
    """Take the record for this write only if it is still as the form showed it: one conditional
    UPDATE, atomic on SQLite and PostgreSQL alike, so of two writers exactly one goes ahead."""
    try:
        seen = datetime.fromisoformat(expected)
    except ValueError:
        raise ConflictError(record) from None
    if not model.objects.filter(pk=record.pk, updated_at=seen).update(updated_at=timezone.now()):
        raise ConflictError(model.objects.filter(pk=record.pk).first())


@transaction.atomic
def commitment_update(*, user, commitment: Commitment, reason: str = "", expected_version: str | None = None,
                      **fields) -> Commitment:
    """Change a commitment's fields. ``expected_version`` (:func:`version_of` when the form was shown)
    refuses a write over someone else's newer one with :class:`ConflictError`; ``None`` does not check."""
    _require_manage(user, commitment, gettext_noop("修改任务"))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("不能修改这些字段：%(fields)s。") % {"fields": ", ".join(sorted(unknown))})
    if expected_version is not None:
        _claim(Commitment, commitment, expected_version)
    if "indicator" in fields and not str(fields["indicator"] or "").strip():
        raise DomainError(_("指标/任务名称不能为空，请填写。"), field="indicator")
    for name, value in fields.items():
        setattr(commitment, name, "" if value is None and name not in {"value", "value_max", "year"} else value)
    _check_fields(commitment, fields)
    if commitment.value is not None and commitment.value_max is not None and commitment.value_max < commitment.value:
        raise DomainError(_("目标上限小于目标值，请检查两个数值。"), field="value_max")
    _stamp(commitment, user, reason or "修改任务")
    commitment.save()
    return commitment


def _check_fields(commitment: Commitment, fields) -> None:
    """The model's own bounds (year 1949…2100, digits of a value, lengths, choices) for the fields
    being changed, whoever calls: a form, the 分工表 import, a script."""
    try:
        commitment.clean_fields(exclude=[f.name for f in Commitment._meta.fields if f.name not in fields])
    except ValidationError as e:
        name, messages = next(iter(e.message_dict.items()))
        label = Commitment._meta.get_field(name).verbose_name
        raise DomainError(f"{label}：{' '.join(messages)}", field=name) from None


@transaction.atomic
def commitment_delete(*, user, commitment: Commitment, reason: str) -> None:
    """Hide a commitment (soft delete); it stays in history and can be restored by an administrator."""
    _require_manage(user, commitment, gettext_noop("删除任务"))
    if not reason.strip():
        raise DomainError(_("请说明删除的原因。"), field="reason")
    if commitment.subtasks.exists():
        raise DomainError(_("该任务还有子任务，请先删除子任务。"))
    commitment.mark_deleted(user=user)
    _stamp(commitment, user, reason)
    commitment.save()


@transaction.atomic
def commitment_add_subtask(*, user, parent: Commitment, indicator: str, reason: str = "") -> Commitment:
    """Split a commitment into sub-tasks, each of which can be assigned on its own."""
    _require_manage(user, parent, gettext_noop("拆分子任务"))
    if not indicator.strip():
        raise DomainError(_("请填写子任务名称。"), field="indicator")
    child = Commitment(
        report=parent.report, position=parent.position, parent=parent, kind=Commitment.Kind.TASK,
        indicator=indicator.strip(), text=parent.text, start=parent.start, end=parent.end, section=parent.section,
        year=parent.year, category=parent.category, measure=Commitment.Measure.CUMULATIVE,
    )
    _stamp(child, user, reason or "拆分子任务")
    child.save()
    return child


@dataclass(frozen=True)
class MilestoneInput:
    due: date
    planned_value: Decimal | None
    description: str = ""


@transaction.atomic
def assignment_set(
    *,
    user,
    commitment: Commitment,
    lead_unit: OrgUnit,
    deadline: date,
    supporting_units: Iterable[OrgUnit] = (),
    result_form: str = "",
    frequency: str = Assignment.Frequency.MONTHLY,
    note: str = "",
    milestones: Sequence[MilestoneInput] | None = None,
    reason: str = "",
    expected_version: str | None = None,
) -> Assignment:
    """Give a commitment to a lead unit (create, or change the live assignment).

    ``expected_version`` is :func:`version_of` the assignment as the form showed it (``""``: there was
    none): a write over a newer change, or a second first assignment, raises :class:`ConflictError`.
    ``None`` does not check (the 分工表 import, bulk assignment: whole-table operations)."""
    _require_manage(user, commitment, gettext_noop("分配任务"))
    actor = actor_for(user)
    allowed = set(units_assignable_by(actor, commitment.report.region_id).values_list("pk", flat=True))
    supporting = list(supporting_units)
    bad = [u.name for u in [lead_unit, *supporting] if u.pk not in allowed]
    if bad:
        raise DomainError(_("单位不在本报告地区内或已停用：%(units)s。请选择本地区的单位。") % {"units": _("、").join(bad)},
                          field="lead_unit")
    if lead_unit.pk in {u.pk for u in supporting}:
        raise DomainError(_("牵头单位不能同时是配合单位，请从配合单位中去掉它。"), field="supporting_units")
    year = commitment.target_year
    if not date_ok(deadline):
        raise DomainError(_("完成时限 %(deadline)s 不在 %(min)s 到 %(max)s 之间。") % {
            "deadline": deadline, "min": DATE_MIN, "max": DATE_MAX}, field="deadline")
    if deadline.year < year:
        raise DomainError(_("完成时限 %(deadline)s 早于报告年度 %(year)s 年，请改为 %(year)s 年内或之后的日期。") % {
            "deadline": deadline, "year": year}, field="deadline")
    if milestones:
        for m in milestones:
            if not date_ok(m.due):
                raise DomainError(_("节点日期 %(due)s 不在 %(min)s 到 %(max)s 之间。") % {
                    "due": m.due, "min": DATE_MIN, "max": DATE_MAX}, field="milestones")
            try:
                parse_decimal(m.planned_value)
            except ValueError as e:
                raise DomainError(_("节点 %(due)s 的计划值%(reason)s。") % {"due": m.due, "reason": e},
                                  field="milestones") from None
            if m.due > deadline:
                raise DomainError(_("节点日期 %(due)s 晚于完成时限 %(deadline)s，请调整。") % {"due": m.due, "deadline": deadline},
                                  field="milestones")
    assignment = _live_assignment(commitment)
    created = assignment is None
    if expected_version is not None:
        if created and expected_version:  # the assignment the form showed is gone
            raise ConflictError(None)
        if not created:
            if not expected_version:  # someone assigned it while this form was open
                raise ConflictError(assignment)
            _claim(Assignment, assignment, expected_version)
    if created:
        assignment = Assignment(commitment=commitment, created_by=user)
    assignment.lead_unit = lead_unit
    assignment.deadline = deadline
    assignment.result_form = result_form
    assignment.frequency = frequency
    assignment.note = note
    _stamp(assignment, user, reason or ("分配任务" if created else "调整分工"))
    try:
        with transaction.atomic():  # two first assignments at once: the database keeps one, the other is told
            assignment.save()
    except IntegrityError:
        if not created:
            raise
        raise ConflictError(_live_assignment(commitment)) from None
    assignment.supporting_units.set(supporting)
    if milestones is not None:
        for old in assignment.milestones.all():
            _stamp(old, user, reason or "调整节点")
            old.delete()  # part of the plan, replaced as a whole; history keeps the old rows
        for m in milestones:
            ms = Milestone(assignment=assignment, due=m.due, planned_value=m.planned_value, description=m.description)
            _stamp(ms, user, reason or "设置节点")
            ms.save()
    return assignment


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97/Excel 97/WPS: an OLE compound file
ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # OOXML (docx/xlsx), OFD and zip are zip archives
# What the first bytes of a file of each allowed type must be: an .exe renamed .pdf is refused.
EVIDENCE_MAGIC: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".doc": (OLE,), ".xls": (OLE,),
    ".wps": (OLE, *ZIP), ".et": (OLE, *ZIP),  # WPS Office writes both
    ".docx": ZIP, ".xlsx": ZIP, ".zip": ZIP, ".ofd": ZIP,
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
EXECUTABLE = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")


def _head(f: UploadedFile, n: int = 8192) -> bytes:
    f.seek(0)
    head = f.read(n)
    f.seek(0)
    return head


def _content_matches(suffix: str, head: bytes) -> bool:
    """The file's first bytes are those of its extension's type (a text file: no NUL byte, no program)."""
    if suffix == ".txt":
        return b"\x00" not in head and not head.startswith(EXECUTABLE)
    return head.startswith(EVIDENCE_MAGIC[suffix])


def _check_evidence(files: Sequence[UploadedFile], already: Sequence[Evidence] = ()) -> None:
    """Every file of an allowed type whose content is what its name says, within the per-file size,
    and with the files already attached within the count and total size per report (settings
    ``LUOSHI_EVIDENCE_MAX_FILES`` / ``LUOSHI_EVIDENCE_MAX_TOTAL_MB``): checked before anything is saved."""
    limit = settings.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024
    max_files = getattr(settings, "LUOSHI_EVIDENCE_MAX_FILES", 10)
    max_total_mb = getattr(settings, "LUOSHI_EVIDENCE_MAX_TOTAL_MB", 50)
    if len(files) + len(already) > max_files:
        raise DomainError(_("每份报送最多 %(n)s 个佐证材料（已有 %(had)s 个，这次 %(new)s 个），请合并或精简后上传。") % {
            "n": max_files, "had": len(already), "new": len(files)}, field="files")
    total = sum(f.size for f in files) + sum(e.size for e in already)
    if total > max_total_mb * 1024 * 1024:
        raise DomainError(_("佐证材料合计 %(mb).1f MB，超过每份报送 %(max)s MB 的上限，请压缩后上传。") % {
            "mb": total / 1024 / 1024, "max": max_total_mb}, field="files")
    for f in files:
        suffix = Path(f.name).suffix.lower()
        if suffix not in EVIDENCE_SUFFIXES:
            raise DomainError(
                _("不支持的佐证材料类型：%(name)s。请上传 %(types)s 文件。") % {
                    "name": f.name, "types": _("、").join(sorted(EVIDENCE_SUFFIXES))}, field="files"
            )
        if f.size > limit:
            raise DomainError(_("文件 %(name)s 超过 %(mb)s MB，请压缩或拆分后上传。") % {
                "name": f.name, "mb": settings.LUOSHI_MAX_UPLOAD_MB}, field="files")
        if not _content_matches(suffix, _head(f)):
            raise DomainError(_("文件 %(name)s 的内容不是 %(type)s 文件（可能改过扩展名），请上传原始文件。") % {
                "name": f.name, "type": suffix.lstrip(".").upper()}, field="files")


@transaction.atomic
def progress_report_create(
    *,
    user,
    assignment: Assignment,
    as_of: date,
    narrative: str,
    value: Decimal | None = None,
    percent_done: Decimal | None = None,
    links: str = "",
    files: Sequence[UploadedFile] = (),
    client_token: UUID | None = None,
) -> ProgressReport:
    """A lead unit's report of where it stands (the supervisor may also file one on its behalf), or a
    supporting unit's report on its own part (配合单位分项): the lead unit and the office see it, but
    only the lead unit's reports rate the commitment."""
    actor = actor_for(user)
    access = commitment_access(actor, assignment.commitment, assignment)
    supporting = supporting_unit_ids(actor, assignment) if access == Access.UNIT else []
    if access is None or (access < Access.REPORT and not supporting):
        raise AccessDenied(_("只有牵头单位或配合单位的填报员可以报送进展。 / Only the lead or a supporting unit's reporter may report progress."))
    if client_token is not None:  # the same form sent again: the report it made, once
        existing = ProgressReport.all_objects.filter(author=user, client_token=client_token).first()
        if existing is not None:
            existing.replayed = True
            return existing
    if assignment.closed_at is not None:
        raise DomainError(_("该任务已办结，无需再报送进展；如需继续推进，请督查室先撤销办结。"))
    _check_progress_fields(as_of=as_of, narrative=narrative, value=value, percent_done=percent_done, links=links)
    _check_evidence(files)
    report = ProgressReport(
        assignment=assignment, as_of=as_of, value=value, percent_done=percent_done,
        narrative=narrative.strip(), links=links.strip(), author=user, state=ProgressReport.State.SUBMITTED,
        unit_id=supporting[0] if supporting else assignment.lead_unit_id, is_part=bool(supporting),
        client_token=client_token,
    )
    _stamp(report, user, "报送配合进展" if supporting else "报送进展")
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # the same token, sent twice at once: the other request saved it
        existing = ProgressReport.all_objects.filter(author=user, client_token=client_token).first()
        if client_token is None or existing is None:
            raise
        existing.replayed = True
        return existing
    report.replayed = False
    _save_evidence(report, files)
    return report


def _save_evidence(record: ProgressReport | Closure, files: Sequence[UploadedFile]) -> None:
    owner = {"closure": record} if isinstance(record, Closure) else {"progress": record}
    for f in files:
        Evidence.objects.create(**owner, file=f, name=Path(f.name).name[:255], size=f.size)


def _check_progress_fields(*, as_of: date, narrative: str, value: Decimal | None, percent_done: Decimal | None,
                           links: str) -> None:
    """What a progress report must say, whether first filed or corrected after a return."""
    if not narrative.strip():
        raise DomainError(_("请填写进展情况。"), field="narrative")
    if as_of > timezone.localdate():
        raise DomainError(_("截至日期 %(date)s 在今天之后，请填写已到的日期。") % {"date": as_of}, field="as_of")
    if not date_ok(as_of):
        raise DomainError(_("截至日期 %(date)s 早于 %(min)s。") % {"date": as_of, "min": DATE_MIN}, field="as_of")
    try:
        parse_decimal(value)
    except ValueError as e:
        raise DomainError(_("累计完成值%(reason)s。") % {"reason": e}, field="value") from None
    if value is None and percent_done is None:
        raise DomainError(_("请填写累计完成值或完成进度（%）。"), field="value")
    if percent_done is not None and not (0 <= percent_done <= 100):
        raise DomainError(_("完成进度应在 0 到 100 之间。"), field="percent_done")
    for line in links.splitlines():
        if line.strip() and not line.strip().startswith(("http://", "https://")):
            raise DomainError(_("链接应以 http:// 或 https:// 开头：%(link)s") % {"link": line.strip()}, field="links")


def _locked(progress: ProgressReport) -> ProgressReport:
    """The report as stored now, row-locked (PostgreSQL) for this transaction: a decision is taken
    on the state another supervisor may just have changed, never on the copy the page was built from."""
    fresh = ProgressReport.all_objects.select_for_update().filter(pk=progress.pk).first()
    if fresh is None:
        raise DomainError(_("这条进展报告已不存在。"))
    return fresh


def _state_label(state: str) -> str:
    return str(ProgressReport.State(state).label)


@transaction.atomic
def progress_report_verify(*, user, progress: ProgressReport, verified: bool = True, note: str = "") -> ProgressReport:
    """The supervisor's check of a self-report (核实), or taking a verification back (取消核实, with a
    note: the report is then awaiting verification again). The note is internal, never public."""
    commitment = progress.assignment.commitment
    _require_manage(user, commitment, gettext_noop("核实进展"))
    current = _locked(progress)
    if not verified and not note.strip():
        raise DomainError(_("退回或取消核实时请写明意见，便于填报单位改正。"), field="note")
    allowed = {ProgressReport.State.SUBMITTED} if verified else {ProgressReport.State.VERIFIED}
    if current.state not in allowed:
        raise DomainError(_("这条进展现在是“%(state)s”，不能%(action)s；请刷新页面查看最新情况。") % {
            "state": _state_label(current.state), "action": _("核实") if verified else _("取消核实")})
    progress.refresh_from_db()
    progress.state = ProgressReport.State.VERIFIED if verified else ProgressReport.State.SUBMITTED
    progress.verified = verified
    progress.verified_by = user if verified else None
    progress.verified_at = timezone.now() if verified else None
    progress.verifier_note = note.strip()
    _stamp(progress, user, "核实进展" if verified else f"取消核实：{note.strip()}")
    progress.save()
    return progress


@transaction.atomic
def progress_report_return(*, user, progress: ProgressReport, reason: str) -> ProgressReport:
    """退回: the supervisor sends a report back to its unit with the reason; until corrected and
    resubmitted it is not progress (no status counts it) and the unit sees it on 我的任务."""
    commitment = progress.assignment.commitment
    _require_manage(user, commitment, gettext_noop("退回进展"))
    if not reason.strip():
        raise DomainError(_("请写明退回原因，填报单位要据此改正。"), field="reason")
    current = _locked(progress)
    if current.state not in {ProgressReport.State.SUBMITTED, ProgressReport.State.VERIFIED}:
        raise DomainError(_("这条进展现在是“%(state)s”，不能退回；请刷新页面查看最新情况。") % {
            "state": _state_label(current.state)})
    progress.refresh_from_db()
    progress.state = ProgressReport.State.RETURNED
    progress.verified, progress.verified_by, progress.verified_at = False, None, None
    progress.returned_by, progress.returned_at, progress.return_reason = user, timezone.now(), reason.strip()
    _stamp(progress, user, f"退回：{reason.strip()}")
    progress.save()
    return progress


def _may_correct(actor, progress: ProgressReport) -> bool:
    """The unit that filed a report (any of its reporters) may correct it; a supervisor may too."""
    a = progress.assignment
    if actor.supervises(a.commitment.report.region_id):
        return True
    if progress.is_part:  # a supporting unit's part is its own to correct
        return progress.unit_id in actor.unit_ids
    return a.lead_unit_id in actor.unit_ids


@transaction.atomic
def progress_report_resubmit(
    *,
    user,
    progress: ProgressReport,
    as_of: date,
    narrative: str,
    value: Decimal | None = None,
    percent_done: Decimal | None = None,
    links: str = "",
    files: Sequence[UploadedFile] = (),
) -> ProgressReport:
    """The unit corrects a returned report and sends it again: the same record (its history shows
    what was returned, why, and what changed), awaiting verification again."""
    actor = actor_for(user)
    if not _may_correct(actor, progress):
        raise AccessDenied(_("只有报送这条进展的单位可以改正后重新报送。"))
    current = _locked(progress)
    if current.state != ProgressReport.State.RETURNED:
        raise DomainError(_("只有被退回的进展可以重新报送；这条现在是“%(state)s”。") % {
            "state": _state_label(current.state)})
    _check_progress_fields(as_of=as_of, narrative=narrative, value=value, percent_done=percent_done, links=links)
    _check_evidence(files, already=list(progress.evidence.all()))
    progress.refresh_from_db()
    progress.as_of, progress.value, progress.percent_done = as_of, value, percent_done
    progress.narrative, progress.links = narrative.strip(), links.strip()
    progress.state = ProgressReport.State.SUBMITTED
    progress.submitted_at = timezone.now()
    _stamp(progress, user, "改正后重新报送")
    progress.save()
    _save_evidence(progress, files)
    return progress


@transaction.atomic
def progress_report_withdraw(*, user, progress: ProgressReport, reason: str) -> None:
    """撤回: its author takes back a report before it is verified (filed in error, or returned and
    not worth correcting); a supervisor may withdraw any. Kept in history, hidden everywhere else."""
    actor = actor_for(user)
    commitment = progress.assignment.commitment
    current = _locked(progress)
    is_author = current.author_id == user.pk and current.state in {ProgressReport.State.SUBMITTED,
                                                                   ProgressReport.State.RETURNED}
    if not (is_author or actor.supervises(commitment.report.region_id)):
        if current.author_id == user.pk:
            raise AccessDenied(_("这条进展已核实，不能再撤回；如有错误请联系督查室。"))
        raise AccessDenied(_("只有填报人（核实前）或督查员可以撤回进展报告。"))
    if current.state == ProgressReport.State.WITHDRAWN:
        raise DomainError(_("这条进展已经撤回。"))
    if not reason.strip():
        raise DomainError(_("请说明撤回原因。"), field="reason")
    progress.refresh_from_db()
    progress.state = ProgressReport.State.WITHDRAWN
    progress.verified = False
    progress.mark_deleted(user=user)
    _stamp(progress, user, f"撤回：{reason.strip()}")
    progress.save()


# --- 办结: closing a commitment ----------------------------------------------------------------

def _locked_assignment(assignment: Assignment) -> Assignment:
    fresh = Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
    if fresh is None:
        raise DomainError(_("这项分工已不存在，请刷新页面。"))
    return fresh


@transaction.atomic
def closure_apply(*, user, assignment: Assignment, summary: str, files: Sequence[UploadedFile] = ()) -> Closure:
    """The lead unit asks to close its commitment (申请办结), saying what was achieved, with evidence."""
    actor = actor_for(user)
    access = commitment_access(actor, assignment.commitment, assignment)
    if access is None or access < Access.REPORT:
        raise AccessDenied(_("只有牵头单位可以申请办结。"))
    current = _locked_assignment(assignment)
    if current.closed_at is not None:
        raise DomainError(_("该任务已办结。"))
    if Closure.objects.filter(assignment=current, state=Closure.State.PENDING).exists():
        raise DomainError(_("已有一份办结申请在等待审批，请等督查室审批后再申请。"))
    if not summary.strip():
        raise DomainError(_("请写明办结说明：完成了什么、成果形式和佐证材料。"), field="summary")
    _check_evidence(files)
    closure = Closure(assignment=current, summary=summary.strip(), applied_by=user)
    _stamp(closure, user, "申请办结")
    closure.save()
    _save_evidence(closure, files)
    return closure


@transaction.atomic
def closure_decide(*, user, closure: Closure, approve: bool, note: str = "") -> Closure:
    """The supervisor approves (the commitment is then 已办结, a stored state every status respects)
    or rejects a closure application; a rejection needs a reason the unit can act on."""
    assignment = closure.assignment
    _require_manage(user, assignment.commitment, gettext_noop("审批办结"))
    fresh = Closure.objects.select_for_update().filter(pk=closure.pk).first()
    if fresh is None or fresh.state != Closure.State.PENDING:
        raise DomainError(_("这份办结申请已审批过，请刷新页面查看结果。"))
    if not approve and not note.strip():
        raise DomainError(_("不同意办结时请写明原因，便于牵头单位补充。"), field="note")
    closure.refresh_from_db()
    closure.state = Closure.State.APPROVED if approve else Closure.State.REJECTED
    closure.decided_by, closure.decided_at, closure.decision_note = user, timezone.now(), note.strip()
    _stamp(closure, user, ("同意办结" if approve else "不同意办结") + (f"：{note.strip()}" if note.strip() else ""))
    closure.save()
    if approve:
        current = _locked_assignment(assignment)
        current.closed_at, current.closed_by = closure.decided_at, user
        _stamp(current, user, "办结")
        current.save()
        assignment.closed_at, assignment.closed_by = current.closed_at, user
    return closure


@transaction.atomic
def closure_reopen(*, user, assignment: Assignment, reason: str) -> Assignment:
    """撤销办结: the supervisor reopens a closed commitment (found not done after all), with the reason."""
    _require_manage(user, assignment.commitment, gettext_noop("撤销办结"))
    if not reason.strip():
        raise DomainError(_("请写明撤销办结的原因。"), field="reason")
    current = _locked_assignment(assignment)
    if current.closed_at is None:
        raise DomainError(_("该任务没有办结，无需撤销。"))
    current.closed_at, current.closed_by = None, None
    _stamp(current, user, f"撤销办结：{reason.strip()}")
    current.save()
    return current


# --- 批示 / 回复 -----------------------------------------------------------------------------------

COMMENT_MAX_CHARS = 2000


def _involved_units(assignment: Assignment | None) -> list[OrgUnit]:
    """The units a comment may mention: those carrying the commitment out (lead, then supporting)."""
    if assignment is None:
        return []
    return [assignment.lead_unit, *assignment.supporting_units.order_by("name")]


@transaction.atomic
def comment_add(*, user, commitment: Commitment, body: str, mentions: Iterable[OrgUnit] = (),
                client_token: UUID | None = None) -> Comment:
    """A supervisor's 批示 or a unit's 回复 on a commitment. A unit may be mentioned by ticking it or by
    writing ``@单位名`` in the text, but only a unit carrying the commitment out: a mention never shows
    the thread to anyone who could not already see it. The same form sent twice (``client_token``: a
    double click, a retry after a network failure) gives the comment it made, once."""
    if client_token is not None:
        existing = Comment.objects.filter(author=user, client_token=client_token).first()
        if existing is not None:
            return existing
    actor = actor_for(user)
    assignment = _live_assignment(commitment)
    access = commitment_access(actor, commitment, assignment)
    if access is None or access < Access.UNIT:
        raise AccessDenied(_("只有督查室和承办此任务的单位可以批示或回复。"))
    text = body.strip()
    if not text:
        raise DomainError(_("请填写批示或回复的内容。"), field="body")
    if len(text) > COMMENT_MAX_CHARS:
        raise DomainError(_("内容超过 %(n)s 字，请精简或分几条发送。") % {"n": COMMENT_MAX_CHARS}, field="body")
    involved = _involved_units(assignment)
    allowed = {u.pk for u in involved}
    chosen = list(mentions)
    outside = [u.name for u in chosen if u.pk not in allowed]
    if outside:
        raise DomainError(_("只能提及承办此任务的单位；%(units)s 不在其中。") % {"units": _("、").join(outside)},
                          field="mentions")
    chosen += [u for u in involved if f"@{u.name}" in text and u.pk not in {c.pk for c in chosen}]
    own = [u for u in involved if u.pk in actor.unit_ids]
    comment = Comment(commitment=commitment, body=text, author=user,
                      kind=Comment.Kind.INSTRUCTION if access >= Access.MANAGE else Comment.Kind.REPLY,
                      unit=own[0] if own and access < Access.MANAGE else None, client_token=client_token)
    label = "批示" if comment.kind == Comment.Kind.INSTRUCTION else "回复"
    _stamp(comment, user, f"{label}：{text}")
    try:
        with transaction.atomic():
            comment.save()
            comment.mentions.set(chosen)
    except IntegrityError:  # the same token, sent twice at once: the other request saved it
        existing = Comment.objects.filter(author=user, client_token=client_token).first()
        if client_token is None or existing is None:
            raise
        return existing
    return comment
