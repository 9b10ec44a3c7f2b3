"""A commitment's history: every change to it, its assignment, milestones and progress, in order.

Records come from django-simple-history; consecutive records of one object are diffed here
against each other (no query per record), so the page costs a fixed handful of queries.

Each change is written in plain words, as the pages show the same things: units and people by
name, figures as written (18万所, 615亿斤左右), choices by their label (每季度), dates as
2024-12-31, yes/no, and never database internals (ids, ``[{'assignment': 5, 'orgunit': 5}]``,
``180000.000000``).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from luoshi_web import display
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking.models import Assignment, Closure, Comment, Commitment, Milestone, ProgressReport

ACTIONS = {"+": pgettext_lazy("history", "创建"), "~": pgettext_lazy("history", "修改"), "-": pgettext_lazy("history", "删除")}
SKIP_FIELDS = {"updated_at", "created_at", "submitted_at", "client_token"}
EMPTY = "—"
# Figures in the commitment's unit; the record's own unit when it has one (a commitment's history).
AMOUNT_FIELDS = {"value", "value_max", "planned_value"}
# Fields the models leave without a (Chinese) name.
LABELS = {"verified_at": pgettext_lazy("history", "核实时间"), "verified_by": pgettext_lazy("history", "核实人"),
          "deleted_at": pgettext_lazy("history", "删除时间"), "deleted_by": pgettext_lazy("history", "删除人"),
          "created_by": pgettext_lazy("history", "创建人"), "parent": pgettext_lazy("history", "上级任务"),
          "returned_by": pgettext_lazy("history", "退回人"), "returned_at": pgettext_lazy("history", "退回时间"),
          "closed_by": pgettext_lazy("history", "办结人"), "closed_at": pgettext_lazy("history", "办结时间"),
          "decided_by": pgettext_lazy("history", "审批人"), "decided_at": pgettext_lazy("history", "审批时间")}


class _Names:
    """Names of the units and people a history mentions, looked up in one query each."""

    def __init__(self) -> None:
        self.unit_ids: set[int] = set()
        self.user_ids: set[int] = set()
        self.units: dict[int, str] = {}
        self.users: dict[int, str] = {}

    def load(self) -> None:
        if self.unit_ids:
            self.units = dict(OrgUnit.objects.filter(pk__in=self.unit_ids).values_list("pk", "name"))
        if self.user_ids:
            User = get_user_model()
            self.users = {pk: name for pk, name in User.objects.filter(pk__in=self.user_ids)
                          .values_list("pk", User.USERNAME_FIELD)}


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # removed field
        return None


def _m2m_ids(value, target: str) -> list[int]:
    """simple-history's m2m value ``[{'assignment': 5, 'orgunit': 5}]`` -> ``[5]``."""
    out = []
    for row in value or ():
        if isinstance(row, dict) and row.get(target) is not None:
            out.append(row[target])
    return out


def _note_ids(model, name: str, value, names: _Names) -> None:
    field = _field(model, name)
    if field is None:
        return
    if field.many_to_many and field.related_model is OrgUnit:
        names.unit_ids.update(_m2m_ids(value, OrgUnit._meta.model_name))
    elif field.is_relation and value is not None:
        if field.related_model is OrgUnit:
            names.unit_ids.add(value)
        elif field.related_model is get_user_model():
            names.user_ids.add(value)


def _show(model, name: str, value, unit: str, names: _Names) -> str:
    """One value of one field, as a person reads it."""
    field = _field(model, name)
    if field is not None and field.many_to_many:
        if field.related_model is OrgUnit:
            ids = _m2m_ids(value, OrgUnit._meta.model_name)
            return _("、").join(names.units.get(i, str(i)) for i in ids) or EMPTY
        return EMPTY if not value else str(len(value))
    if value is None or value == "" or value == []:
        return EMPTY
    if field is not None and field.is_relation:
        if field.related_model is OrgUnit:
            return names.units.get(value, EMPTY)
        if field.related_model is get_user_model():
            return names.users.get(value, EMPTY)
        return f"#{value}"  # another record (a parent task): never changed by the app, shown by number
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) \
            else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if name == "percent_done":
        return display.percent_text(value)
    if name in AMOUNT_FIELDS or isinstance(field, models.DecimalField) or isinstance(value, Decimal):
        return display.amount(value, unit if name in AMOUNT_FIELDS else "") or EMPTY
    if isinstance(value, list | tuple):
        return " › ".join(str(v) for v in value) or EMPTY
    return str(value)


def _entries(records, what: str, model, unit_of, names: _Names) -> list[dict]:
    """History entries of one model's records; ``unit_of(record)`` is the unit its figures are in."""
    by_object: dict[int, list] = defaultdict(list)
    for r in records:
        by_object[r.id].append(r)
    out = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for r in versions:
            changes = []
            if previous is not None:
                delta = r.diff_against(previous, foreign_keys_are_objs=False)
                for ch in delta.changes:
                    if ch.field in SKIP_FIELDS:
                        continue
                    _note_ids(model, ch.field, ch.old, names)
                    _note_ids(model, ch.field, ch.new, names)
                    changes.append({"name": ch.field, "old_raw": ch.old, "new_raw": ch.new,
                                    "old_unit": unit_of(previous), "new_unit": unit_of(r)})
            action = r.history_type
            if action == "~" and getattr(r, "deleted_at", None) and not getattr(previous, "deleted_at", None):
                action = "-"
            out.append({
                "when": r.history_date,
                "who": r.history_user.get_username() if r.history_user else _("系统"),
                "what": what,
                "action": ACTIONS.get(action, action),
                "reason": r.history_change_reason or "",
                "changes": changes,
                "model": model,
            })
            previous = r
    return out


def _label(model, name: str) -> str:
    if name in LABELS:
        return str(LABELS[name])
    field = _field(model, name)
    return str(field.verbose_name) if field is not None else name


def commitment_timeline(commitment: Commitment) -> list[dict]:
    assignment_ids = list(Assignment.all_objects.filter(commitment=commitment).values_list("pk", flat=True))
    names = _Names()
    unit = commitment.unit or ""
    entries = _entries(commitment.history.select_related("history_user"), _("任务"), Commitment,
                       lambda r: getattr(r, "unit", unit) or "", names)
    entries += _entries(Assignment.history.filter(commitment_id=commitment.pk).select_related("history_user"),
                        _("分工"), Assignment, lambda r: unit, names)
    entries += _entries(Milestone.history.filter(assignment_id__in=assignment_ids).select_related("history_user"),
                        _("节点"), Milestone, lambda r: unit, names)
    entries += _entries(ProgressReport.history.filter(assignment_id__in=assignment_ids).select_related("history_user"),
                        _("进展"), ProgressReport, lambda r: unit, names)
    entries += _entries(Closure.history.filter(assignment_id__in=assignment_ids).select_related("history_user"),
                        _("办结"), Closure, lambda r: unit, names)
    entries += _entries(Comment.history.filter(commitment_id=commitment.pk).select_related("history_user"),
                        _("批示"), Comment, lambda r: unit, names)
    names.load()
    for e in entries:
        model = e.pop("model")
        e["changes"] = [
            {"field": _label(model, ch["name"]),
             "old": _show(model, ch["name"], ch["old_raw"], ch["old_unit"], names),
             "new": _show(model, ch["name"], ch["new_raw"], ch["new_unit"], names)}
            for ch in e["changes"]
        ]
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries
