"""Writes: a supervisor confirms or corrects which catalogue indicator a report's name means."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi.reconcile import load_catalogue
from luoshi_web.compare.models import IndicatorMatch
from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, actor_for
from luoshi_web.org.models import Region

NO_MATCH = "-"  # what a form sends for "never match this name" (the library's null)


def _require(user, region: Region | None, action: str) -> None:
    actor = actor_for(user)
    if region is None:
        if not actor.is_admin:
            raise AccessDenied(_("只有管理员可以%(action)s（适用于所有地区）。 / Only an administrator may do this for all regions.")
                               % {"action": _(action)})
        return
    actor.require_supervisor(region.pk, action=action)


@transaction.atomic
def indicator_match_set(*, user, region: Region | None, text: str, indicator_id: str | None,
                        reason: str = "") -> IndicatorMatch:
    """Remember that ``text`` means ``indicator_id`` (None: never match it) in ``region`` (None: everywhere).

    The entry is keyed by the catalogue's normalised name, the key ``luoshi.reconcile`` looks up, so
    the answer holds for every spelling that normalises the same. A later answer replaces the entry;
    the history keeps the earlier one, with who and why.
    """
    _require(user, region, gettext_noop("确认或更正指标匹配"))
    catalogue = load_catalogue()
    text = (text or "").strip()[:300]
    key = catalogue.normalise(text)
    if not key:
        raise DomainError(_("指标名称为空，无法记住匹配。 / The indicator name is empty."), field="text")
    if indicator_id is not None and catalogue.get(indicator_id) is None:
        raise DomainError(_("指标目录中没有“%(id)s”。请从列表中选择。 / Unknown indicator id.") % {"id": indicator_id},
                          field="indicator")
    entry = IndicatorMatch.objects.select_for_update().filter(region=region, key=key).first()
    if entry is not None and entry.indicator_id == indicator_id and entry.text == text:
        return entry  # confirming what is already remembered changes nothing
    if entry is None:
        entry = IndicatorMatch(region=region, key=key)
    entry.text, entry.indicator_id, entry.user = text, indicator_id, user
    entry._history_user = user
    entry._change_reason = reason.strip()[:100] or ("标为不匹配" if indicator_id is None else "确认指标匹配")
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise DomainError(_("刚刚已有人更正了这个指标，请刷新页面后再试。 / Someone just changed this match; reload.")) from None
    return entry


@transaction.atomic
def indicator_match_clear(*, user, entry: IndicatorMatch, reason: str = "") -> None:
    """Forget a match (soft: the row and its history stay); the automatic matching applies again."""
    entry = IndicatorMatch.objects.select_for_update().get(pk=entry.pk)  # no join: PostgreSQL locks no outer join
    _require(user, entry.region, gettext_noop("撤销指标匹配"))
    entry.mark_deleted(user=user)
    entry._history_user = user
    entry._change_reason = reason.strip()[:100] or "撤销匹配"
    entry.save()
