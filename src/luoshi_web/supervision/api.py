"""催办 in the read-only API: the reminders to the caller's units (or, ``box=sent``, those of the
regions they supervise), with the unread count the header shows."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Router, Schema

from luoshi_web.org.access import actor_for
from luoshi_web.supervision import selectors

router = Router(tags=["reminders"])
LIMIT = 200


class ReminderOut(Schema):
    id: int
    kind: str
    kind_label: str
    unit: str
    commitment_id: int
    indicator: str
    deadline: date | None
    reason: str
    sent_by: str | None
    created_at: datetime
    read_at: datetime | None


class InboxOut(Schema):
    unread: int
    reminders: list[ReminderOut]


@router.get("", response=InboxOut, summary="催办: to my units, or sent in my regions")
def reminders(request, box: str = "mine", unread: bool = False):
    actor = actor_for(request.user)
    rows = selectors.supervised(actor, unread_only=unread) if box == "sent" else selectors.inbox(actor, unread_only=unread)
    return {
        "unread": selectors.unread_count(actor) or 0,
        "reminders": [ReminderOut(
            id=r.pk, kind=r.kind, kind_label=str(r.get_kind_display()), unit=r.unit.name, commitment_id=r.commitment_id,
            indicator=r.commitment.indicator, deadline=r.assignment.deadline if r.assignment else None, reason=r.reason,
            sent_by=r.sent_by.get_username() if r.sent_by else None, created_at=r.created_at, read_at=r.read_at,
        ) for r in rows[:LIMIT]],
    }
