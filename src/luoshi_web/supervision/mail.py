"""E-mail copies of reminders, through Django's mail backends (console by default, SMTP by settings).

The reminder record is the delivery that counts (the unit sees it in the app); the e-mail is a
copy to the unit's members who have an address. A failed send never undoes the record: the error
is kept on it and ``luoshi remind`` tries again on its next run.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from luoshi_web.supervision.models import Reminder

log = logging.getLogger(__name__)


def recipients(reminder: Reminder) -> list[str]:
    """Addresses of the active users who are members of the reminded unit, in a stable order."""
    users = get_user_model().objects.filter(memberships__unit_id=reminder.unit_id, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def message(reminder: Reminder) -> tuple[str, str]:
    """Subject and body: what, why, by when, and the link to the record."""
    c = reminder.commitment
    subject = _("【%(kind)s】%(indicator)s") % {"kind": reminder.get_kind_display(), "indicator": c.indicator[:60]}
    lines = [
        _("%(unit)s：") % {"unit": reminder.unit.name},
        "",
        reminder.reason,
        "",
        _("任务：%(indicator)s（%(report)s）") % {"indicator": c.indicator, "report": c.report.title},
    ]
    if reminder.assignment is not None:
        lines.append(_("完成时限：%(deadline)s") % {"deadline": reminder.assignment.deadline.isoformat()})
    if reminder.sent_by is not None:
        lines.append(_("催办人：%(user)s") % {"user": reminder.sent_by.get_username()})
    lines += ["", _("请登录查看并处理：%(url)s") % {"url": settings.LUOSHI_SITE_URL + reminder.get_absolute_url()}]
    return subject, "\n".join(lines) + "\n"


def deliver(reminder: Reminder) -> bool:
    """Send the e-mail copy once; ``True`` when a message went out."""
    if reminder.emailed_at is not None:
        return False
    to = recipients(reminder)
    if not to:  # nobody to write to: the record in the app is the delivery
        Reminder.objects.filter(pk=reminder.pk).update(
            emailed_at=timezone.now(), email_recipients="", email_error=_("单位成员没有填写邮箱，仅站内送达。"))
        return False
    subject, body = message(reminder)
    try:
        send_mail(subject, body, None, to)
    except (smtplib.SMTPException, OSError) as e:
        log.warning("reminder %s: e-mail to %s failed: %s", reminder.pk, to, e)
        Reminder.objects.filter(pk=reminder.pk).update(email_error=str(e)[:1000])
        return False
    reminder.emailed_at = timezone.now()
    Reminder.objects.filter(pk=reminder.pk).update(emailed_at=reminder.emailed_at, email_recipients=", ".join(to),
                                                   email_error="")
    return True
