"""The public's four plain words for the seven internal statuses.

Residents do not need 超进度 versus 达进度, or 欠进度 versus 严重滞后: they need to know whether a
promise was kept, is under way, is falling behind, or was missed. The mapping:

    已完成  ← 已完成
    推进中  ← 超进度, 达进度, 未启动 (nothing is expected yet)
    滞后    ← 欠进度, 严重滞后
    未完成  ← 逾期未完成 (the deadline passed with the target not met)
    无法评估 ← 无法评估 (figures that cannot be rated; not one of the four, not counted in them)
    待分工  ← 待分工 (nobody assigned yet; not one of the four, not counted in them)

>>> from luoshi_web.tracking.status import Status
>>> [plain_for(s).code for s in (Status.DONE, Status.NOT_STARTED, Status.SEVERELY_BEHIND, Status.OVERDUE)]
['done', 'progressing', 'lagging', 'missed']
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from luoshi_web.tracking.status import Status


@dataclass(frozen=True)
class Plain:
    code: str
    label: Promise | str
    colour: str


DONE = Plain("done", _("已完成"), "green")
PROGRESSING = Plain("progressing", _("推进中"), "blue")
LAGGING = Plain("lagging", _("滞后"), "yellow")
MISSED = Plain("missed", _("未完成"), "red")
RECORD = Plain("record", _("上年成效"), "none")  # a result reported, not a promise: not rated
UNRATABLE = Plain("unratable", _("无法评估"), "none")
UNASSIGNED = Plain("unassigned", _("待分工"), "none")  # nobody assigned yet: not rated, not one of the four
PLAINS = (DONE, PROGRESSING, LAGGING, MISSED)

_BY_STATUS = {
    Status.DONE: DONE, Status.AHEAD: PROGRESSING, Status.ON_TRACK: PROGRESSING, Status.NOT_STARTED: PROGRESSING,
    Status.BEHIND: LAGGING, Status.SEVERELY_BEHIND: LAGGING, Status.OVERDUE: MISSED, Status.UNRATABLE: UNRATABLE,
    Status.UNASSIGNED: UNASSIGNED,
}


def plain_for(status: Status | None) -> Plain:
    return RECORD if status is None else _BY_STATUS[status]


def from_code(code: str) -> Plain | None:
    return next((p for p in (*PLAINS, RECORD, UNASSIGNED) if p.code == code), None)
