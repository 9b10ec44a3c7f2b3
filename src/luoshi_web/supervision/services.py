"""Writes of 催办: a supervisor's reminder, a unit reading it, and the scheduled job's reminders.

Each write checks the actor first and changes nothing when refused. The e-mail copy is sent after
the record is committed (:mod:`luoshi_web.supervision.mail`), so a mail server that is down never
loses a reminder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.org.models import OrgUnit
from luoshi_web.supervision import mail, schedule
from luoshi_web.supervision.models import Reminder
from luoshi_web.tracking.models import Assignment, Commitment, ProgressReport

REASON_MAX = 1000


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("请写明催办事由（例如：请于本周五前报送上月进展）。"), field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(_("催办事由最多 %(n)s 字，请精简。") % {"n": REASON_MAX}, field="reason")
    return reason


def _target(user, commitment: Commitment, unit: OrgUnit | None) -> tuple[Assignment, OrgUnit]:
    """The assignment and the unit a supervisor may remind about ``commitment``."""
    actor_for(user).require_supervisor(commitment.report.region_id, action=gettext_noop("催办"))
    assignment = Assignment.objects.filter(commitment=commitment).select_related("lead_unit").first()
    if assignment is None:
        raise DomainError(_("“%(indicator)s”还没有分工，无法催办。请先分配牵头单位。") % {"indicator": commitment.indicator},
                          field="commitments")
    if unit is None:
        return assignment, assignment.lead_unit
    allowed = {assignment.lead_unit_id, *assignment.supporting_units.values_list("pk", flat=True)}
    if unit.pk not in allowed:
        raise DomainError(_("%(unit)s 不是“%(indicator)s”的牵头或配合单位，请选择承办单位。") % {
            "unit": unit.name, "indicator": commitment.indicator}, field="unit")
    return assignment, unit


def reminder_send(*, user, commitment: Commitment, reason: str, unit: OrgUnit | None = None) -> Reminder:
    """A supervisor's 催办 to the lead unit (or a supporting unit) of one commitment."""
    return reminders_send(user=user, commitments=[commitment], reason=reason, unit=unit)[0]


def reminders_send(*, user, commitments: Sequence[Commitment], reason: str,
                   unit: OrgUnit | None = None) -> list[Reminder]:
    """催办 on several commitments at once (from the task list): all are checked before any is sent."""
    reason = _check_reason(reason)
    if not commitments:
        raise DomainError(_("请先勾选要催办的任务。"), field="commitments")
    with transaction.atomic():
        targets = [(c, *_target(user, c, unit)) for c in commitments]
        created = [Reminder.objects.create(unit=u, commitment=c, assignment=a, kind=Reminder.Kind.MANUAL,
                                           reason=reason, sent_by=user) for c, a, u in targets]
    for r in created:
        mail.deliver(r)
    return created


@transaction.atomic
def reminder_mark_read(*, user, reminder: Reminder) -> bool:
    """A member of the reminded unit has opened it; ``True`` when this was the first reading."""
    actor = actor_for(user)
    if reminder.unit_id not in actor.unit_ids | actor.supervisor_unit_ids:
        raise AccessDenied(_("只有被催办单位的成员可以签收催办。"))
    updated = Reminder.objects.filter(pk=reminder.pk, read_at__isnull=True).update(read_at=timezone.now(), read_by=user)
    if updated:
        reminder.refresh_from_db(fields=["read_at", "read_by"])
    return bool(updated)


@dataclass
class RemindRun:
    """What one run of the scheduled job did."""

    created: list[Reminder] = field(default_factory=list)
    emailed: int = 0
    failed: int = 0


def _open_assignments():
    """Live assignments of live commitments that are promises (not results) and not closed (办结)."""
    return (Assignment.objects.filter(commitment__deleted_at__isnull=True, commitment__report__deleted_at__isnull=True,
                                      closed_at__isnull=True)
            .exclude(commitment__kind=Commitment.Kind.RESULT)
            .select_related("commitment", "commitment__report", "lead_unit"))


def _done(ids: set[int], today: date) -> set[int]:
    """Those of ``ids`` already complete on their latest report (nobody is reminded about finished
    work), rated as the pages rate them, in a fixed number of queries however many there are."""
    from luoshi_web.hierarchy.selectors import load_rollups
    from luoshi_web.tracking.selectors import assignments_with_latest, rating_for
    from luoshi_web.tracking.status import Status

    if not ids:
        return set()
    rows = list(assignments_with_latest().filter(pk__in=ids).select_related("commitment", "commitment__report"))
    rollups = load_rollups([a.commitment_id for a in rows])  # a parent done on its sub-regions' sum is done
    return {a.pk for a in rows
            if (rating := rating_for(a.commitment, a, internal=True, today=today, rollups=rollups)[0]) is not None
            and rating.status == Status.DONE}


def _create_once(key: str, existing: set[str], **fields) -> Reminder | None:
    """Create the reminder with this key unless it exists (another run, even a concurrent one)."""
    if key in existing:
        return None
    try:
        with transaction.atomic():
            return Reminder.objects.create(key=key, **fields)
    except IntegrityError:  # a concurrent run created it first
        return None


def reminders_generate(*, today: date, days: int = 7, grace: int = 5) -> list[Reminder]:
    """The automatic reminders due ``today``, each created once (see :mod:`.schedule`)."""
    if days < 0 or grace < 0:
        raise DomainError(_("提前天数和宽限天数不能为负数。"))
    created: list[Reminder] = []
    assignments = list(_open_assignments())
    periods = {}
    for a in assignments:
        period = schedule.missing_period(a.frequency, today, grace, assigned_on=timezone.localdate(a.created_at),
                                         deadline=a.deadline)
        if period is not None:
            periods[a.pk] = period
    filed: dict[int, list[date]] = {}
    if periods:
        earliest = min(p[0] for p in periods.values())
        for aid, as_of in ProgressReport.objects.filter(assignment_id__in=periods, as_of__gte=earliest) \
                .values_list("assignment_id", "as_of"):
            filed.setdefault(aid, []).append(as_of)
    due: dict[int, tuple[bool, bool]] = {}
    for a in assignments:
        period = periods.get(a.pk)
        missing = period is not None and not any(schedule.report_covers(d, period, grace) for d in filed.get(a.pk, ()))
        if schedule.due_soon(a.deadline, today, days) or missing:
            due[a.pk] = (schedule.due_soon(a.deadline, today, days), missing)
    finished = _done(set(due), today)
    existing = set(Reminder.objects.filter(assignment_id__in=due).exclude(key=None).values_list("key", flat=True))
    for a in assignments:
        if a.pk not in due or a.pk in finished:
            continue
        soon, missing = due[a.pk]
        period = periods.get(a.pk)
        common = {"unit": a.lead_unit, "commitment": a.commitment, "assignment": a}
        if soon:
            left = (a.deadline - today).days
            reason = _("“%(indicator)s”将于 %(deadline)s 到期（还有 %(days)s 天），请抓紧推进并及时报送进展。") % {
                "indicator": a.commitment.indicator, "deadline": a.deadline.isoformat(), "days": left}
            r = _create_once(f"due_soon:{a.pk}:{a.deadline.isoformat()}", existing,
                             kind=Reminder.Kind.DUE_SOON, reason=reason, **common)
            if r:
                created.append(r)
        if missing:
            reason = _("“%(indicator)s”%(start)s 至 %(end)s 的进展（%(frequency)s报送）尚未报送，请尽快报送。") % {
                "indicator": a.commitment.indicator, "start": period[0].isoformat(), "end": period[1].isoformat(),
                "frequency": a.get_frequency_display()}
            r = _create_once(f"missing_report:{a.pk}:{period[0].isoformat()}", existing,
                             kind=Reminder.Kind.MISSING_REPORT, reason=reason, **common)
            if r:
                created.append(r)
    return created


def remind_run(*, today: date | None = None, days: int = 7, grace: int = 5) -> RemindRun:
    """One run of the scheduled job: create what is due, then e-mail every reminder not yet e-mailed."""
    today = today or timezone.localdate()
    run = RemindRun(created=reminders_generate(today=today, days=days, grace=grace))
    pending = Reminder.objects.filter(emailed_at__isnull=True).select_related(
        "unit", "commitment__report", "assignment", "sent_by").order_by("id")
    for r in pending:
        if mail.deliver(r):
            run.emailed += 1
        elif r.emailed_at is None and Reminder.objects.filter(pk=r.pk, emailed_at__isnull=True).exists():
            run.failed += 1
    return run
