"""The header's unread 催办 count, for members of a unit (one COUNT query, only for them)."""

from luoshi_web.org.access import actor_for
from luoshi_web.supervision.selectors import unread_count


def reminders(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"reminders_unread": unread_count(actor_for(user))}
