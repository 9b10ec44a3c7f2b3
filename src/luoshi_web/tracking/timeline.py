"""A commitment's history: every change to it, its assignment, milestones and progress, in order.

Records come from django-simple-history; consecutive records of one object are diffed here
against each other (no query per record), so the page costs a fixed handful of queries.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from luoshi_web.tracking.models import Assignment, Commitment, Milestone, ProgressReport

ACTIONS = {"+": pgettext_lazy("history", "创建"), "~": pgettext_lazy("history", "修改"), "-": pgettext_lazy("history", "删除")}
SKIP_FIELDS = {"updated_at", "created_at"}


def _entries(records, what: str, fields_label) -> list[dict]:
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
                    changes.append({"field": fields_label(ch.field), "old": ch.old, "new": ch.new})
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
            })
            previous = r
    return out


def _labeller(model):
    def label(name: str) -> str:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except Exception:  # m2m or removed field
            return name
    return label


def commitment_timeline(commitment: Commitment) -> list[dict]:
    assignment_ids = list(Assignment.all_objects.filter(commitment=commitment).values_list("pk", flat=True))
    entries = _entries(commitment.history.select_related("history_user"), _("任务"), _labeller(Commitment))
    entries += _entries(
        Assignment.history.filter(commitment_id=commitment.pk).select_related("history_user"), _("分工"), _labeller(Assignment)
    )
    entries += _entries(
        Milestone.history.filter(assignment_id__in=assignment_ids).select_related("history_user"), _("节点"), _labeller(Milestone)
    )
    entries += _entries(
        ProgressReport.history.filter(assignment_id__in=assignment_ids).select_related("history_user"),
        _("进展"), _labeller(ProgressReport),
    )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries
