"""What a filled-in 分工表 would change, row by row, and the one code path that changes it.

:func:`run` checks each row (task known, unit names known in the report's region, dates that are
dates), then calls the tracking services that a supervisor's form would call, each row inside its
own savepoint so a refusal is pinned to its row. For the preview the whole block is rolled back;
for the import it is kept only if *no* row failed. The preview therefore shows exactly what the
import will do, and a file with one bad row changes nothing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from luoshi_web.errors import DomainError
from luoshi_web.exports.sheet import SheetRow, cell_text, normalise, parse_deadline, split_units
from luoshi_web.org.access import AccessDenied, actor_for, units_assignable_by
from luoshi_web.org.models import OrgUnit
from luoshi_web.reports.models import Report
from luoshi_web.tracking import services
from luoshi_web.tracking.models import Assignment, Commitment
from luoshi_web.validators import DATE_MAX, DATE_MIN, date_ok


@dataclass
class RowPlan:
    """One data row: what it would do (create / update / unchanged / skip) and why not, if not."""

    row: int
    commitment_id: int | None = None
    indicator: str = ""
    action: str = "skip"
    changes: list[dict] = field(default_factory=list)  # {"field", "old", "new"}
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    target: dict = field(default_factory=dict)  # the values to set, as JSON-ready data

    def to_dict(self) -> dict:
        return {"row": self.row, "commitment_id": self.commitment_id, "indicator": self.indicator,
                "action": self.action, "changes": self.changes, "errors": self.errors, "warnings": self.warnings,
                "target": self.target}


class _Rollback(Exception):
    """Raised inside the savepoint of a row whose services refused, to undo that row alone."""


def _unit_resolver(actor, region_id: int):
    units = list(units_assignable_by(actor, region_id))
    by_name = {normalise(u.name): u for u in units}
    names = [u.name for u in units]

    def resolve(name: str) -> tuple[OrgUnit | None, str]:
        unit = by_name.get(normalise(name))
        if unit is not None:
            return unit, ""
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.5)
        if close:
            return None, _("本地区没有名为“%(name)s”的单位，是不是“%(close)s”？") % {"name": name, "close": close[0]}
        return None, _("本地区没有名为“%(name)s”的单位。请照“单位清单”工作表中的名称填写。") % {"name": name}

    return resolve


def _check_row(sr: SheetRow, plan: RowPlan, commitment: Commitment, a: Assignment | None, resolve,
               columns: set[str]) -> None:
    """Fill ``plan`` from the row's cells: errors, the changes, and the target values."""
    year = commitment.target_year
    lead_name = cell_text(sr.get("lead"))
    support_names = split_units(sr.get("supporting"))
    try:
        deadline = parse_deadline(sr.get("deadline"), year=year)
    except (ValueError, OverflowError) as e:
        plan.errors.append(_("完成时限%(problem)s：请写成 %(year)s-12-31 这样的日期。") % {"problem": e, "year": year})
        deadline = None
    if deadline is not None and not date_ok(deadline):
        plan.errors.append(_("完成时限 %(deadline)s 不在 %(min)s 到 %(max)s 之间。") % {
            "deadline": deadline, "min": DATE_MIN, "max": DATE_MAX})
        deadline = None

    if "category" in columns:
        category = cell_text(sr.get("category"))
        limit = Commitment._meta.get_field("category").max_length
        if len(category) > limit:
            plan.errors.append(_("类别超过 %(n)s 个字，请缩短。") % {"n": limit})
        elif category != commitment.category:
            plan.changes.append({"field": _("类别"), "old": commitment.category, "new": category})
            plan.target["category"] = category

    if not lead_name:
        if a is not None:
            plan.errors.append(_("牵头单位为空：已分工的任务不能通过分工表取消分工，请在任务页面调整。"))
        elif support_names or deadline:
            plan.errors.append(_("填写了配合单位或完成时限，但没有填写牵头单位。"))
        plan.action = "update" if plan.target and not plan.errors else "skip"
        return

    lead, problem = resolve(lead_name)
    if problem:
        plan.errors.append(_("牵头单位：%(problem)s") % {"problem": problem})
    supporting = []
    for name in dict.fromkeys(support_names):
        unit, problem = resolve(name)
        if problem:
            plan.errors.append(_("配合单位：%(problem)s") % {"problem": problem})
        elif unit is not None:
            supporting.append(unit)
    if lead is not None and lead.pk in {u.pk for u in supporting}:
        plan.errors.append(_("“%(unit)s”既是牵头单位又是配合单位，请从配合单位中去掉它。") % {"unit": lead.name})
    if deadline is None and not plan.errors:
        deadline = a.deadline if a is not None else date(year, 12, 31)
        if a is None:
            plan.warnings.append(_("未填完成时限，按 %(deadline)s 计。") % {"deadline": deadline})
    if a is not None and deadline is not None:
        late = [m.due for m in a.milestones.all() if m.due > deadline]
        if late:
            plan.errors.append(_("完成时限 %(deadline)s 早于已定的节点日期 %(due)s，请改完成时限或先在任务页面调整节点。")
                               % {"deadline": deadline, "due": late[0]})
    if plan.errors or lead is None or deadline is None:
        return

    old_support = sorted(u.name for u in a.supporting_units.all()) if a else []
    new_support = sorted(u.name for u in supporting)
    assignment_changes = []
    if a is None or a.lead_unit_id != lead.pk:
        assignment_changes.append({"field": _("牵头单位"), "old": a.lead_unit.name if a else "", "new": lead.name})
    if old_support != new_support:
        assignment_changes.append({"field": _("配合单位"), "old": "、".join(old_support), "new": "、".join(new_support)})
    if a is None or a.deadline != deadline:
        assignment_changes.append({"field": _("完成时限"), "old": a.deadline.isoformat() if a else "",
                                   "new": deadline.isoformat()})
    if assignment_changes:
        plan.changes += assignment_changes
        plan.target.update(lead=lead.pk, supporting=[u.pk for u in supporting], deadline=deadline.isoformat())
    plan.action = "create" if a is None else ("update" if plan.changes else "unchanged")


def _apply(user, commitment: Commitment, a: Assignment | None, plan: RowPlan, reason: str) -> None:
    t = plan.target
    if "category" in t:
        services.commitment_update(user=user, commitment=commitment, category=t["category"], reason=reason)
    if "lead" in t:
        units = OrgUnit.objects.in_bulk([t["lead"], *t["supporting"]])
        services.assignment_set(
            user=user, commitment=commitment, lead_unit=units[t["lead"]], deadline=date.fromisoformat(t["deadline"]),
            supporting_units=[units[pk] for pk in t["supporting"]],
            result_form=a.result_form if a else "", frequency=a.frequency if a else Assignment.Frequency.MONTHLY,
            note=a.note if a else "", milestones=None, reason=reason,
        )


def run(*, user, report: Report, rows: list[SheetRow], columns: set[str], source_name: str,
        commit: bool) -> list[RowPlan]:
    """Plan every row, applying each through the services; keep the changes only if ``commit`` and
    no row failed. Raises :class:`DomainError` naming the failing rows when ``commit`` is refused."""
    actor = actor_for(user)
    actor.require_supervisor(report.region_id, action=gettext_noop("导入分工表"))
    commitments = {c.pk: c for c in Commitment.objects.filter(report=report).select_related("report")}
    by_indicator: dict[str, list[Commitment]] = {}
    for c in commitments.values():
        by_indicator.setdefault(normalise(c.indicator), []).append(c)
    assignments = {
        a.commitment_id: a
        for a in Assignment.objects.filter(commitment__report=report).select_related("lead_unit")
        .prefetch_related("supporting_units", "milestones")
    }
    resolve = _unit_resolver(actor, report.region_id)
    plans: list[RowPlan] = []
    seen: dict[int, int] = {}
    with transaction.atomic():
        for sr in rows:
            plan = RowPlan(sr.row)
            plans.append(plan)
            commitment = _find(sr, plan, commitments, by_indicator)
            if commitment is None:
                continue
            if commitment.pk in seen:
                plan.errors.append(_("与第 %(row)s 行是同一项任务（任务编号 %(id)s），请只保留一行。")
                                   % {"row": seen[commitment.pk], "id": commitment.pk})
                continue
            seen[commitment.pk] = sr.row
            a = assignments.get(commitment.pk)
            _check_row(sr, plan, commitment, a, resolve, columns)
            if plan.errors or plan.action not in ("create", "update"):
                continue
            try:
                with transaction.atomic():
                    _apply(user, commitment, a, plan, f"分工表导入：{source_name} 第{sr.row}行")
                    if not commit:
                        raise _Rollback
            except _Rollback:
                pass
            except (DomainError, AccessDenied) as e:
                plan.errors.append(str(getattr(e, "message", e)))
        failed = [p for p in plans if p.errors]
        if not commit or failed:
            transaction.set_rollback(True)
    if commit and failed:
        rows = _("；").join(_("第 %(row)s 行：%(error)s") % {"row": p.row, "error": p.errors[0]} for p in failed[:5])
        raise DomainError(_("没有导入任何内容：%(rows)s") % {"rows": rows + ("……" if len(failed) > 5 else "")})
    return plans


def _find(sr: SheetRow, plan: RowPlan, commitments: dict[int, Commitment],
          by_indicator: dict[str, list[Commitment]]) -> Commitment | None:
    """The task a row is about: by its 任务编号, or else by its exact 指标/任务 when that is unique."""
    raw_id = cell_text(sr.get("id"))
    indicator = cell_text(sr.get("indicator"))
    plan.indicator = indicator
    if raw_id:
        try:
            commitment = commitments.get(int(float(raw_id)))
        except (ValueError, OverflowError):  # "nan", "1e400"
            commitment = None
        if commitment is None:
            plan.errors.append(_("任务编号“%(id)s”不是本报告的任务：请勿修改任务编号列，或重新导出分工表。") % {"id": raw_id})
            return None
        if indicator and normalise(indicator) != normalise(commitment.indicator):
            plan.warnings.append(_("指标/任务与系统中不同（系统中为“%(indicator)s”），按任务编号导入。")
                                 % {"indicator": commitment.indicator})
    else:
        matches = by_indicator.get(normalise(indicator), []) if indicator else []
        if len(matches) != 1:
            n = len(matches)
            why = _("没有这项任务") if not matches else ngettext("有 %(n)s 项同名任务", "有 %(n)s 项同名任务", n) % {"n": n}
            plan.errors.append(_("缺少任务编号，且按指标/任务“%(indicator)s”找不到唯一的任务（%(why)s）。")
                               % {"indicator": indicator, "why": why})
            return None
        commitment = matches[0]
    plan.commitment_id = commitment.pk
    plan.indicator = commitment.indicator
    return commitment
