"""Writes for API tokens, the token check, and the one evidence hook the API needs.

Rules about progress and evidence stay in ``luoshi_web.tracking.services``: the hook below only
calls them, so a file refused on the page is refused through the API with the same message.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, Actor, actor_for
from luoshi_web.org.models import OrgUnit
from luoshi_web.tracking import services as tracking
from luoshi_web.tracking.models import Evidence, ProgressReport

from .models import ApiToken

TOKEN_PREFIX = "lsk_"
LAST_USED_EVERY = timedelta(minutes=1)  # a busy token writes its last use at most once a minute


class StateConflict(DomainError):
    """The record is in a state that refuses this (verified, withdrawn, closed): HTTP 409."""


class PayloadTooLarge(DomainError):
    """The files are over a size limit: HTTP 413."""


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _stamp(obj, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason[:100]


def _require_supervisor_of(user, unit: OrgUnit, action: str) -> Actor:
    actor = actor_for(user)
    actor.require_supervisor(unit.region_id, action=action)
    return actor


@transaction.atomic
def token_create(*, user, unit: OrgUnit, name: str) -> NewToken:
    """A supervisor of the unit's region gives the unit's own system a token; the secret is returned
    here once and only its hash is kept (lost: revoke it and create another)."""
    _require_supervisor_of(user, unit, gettext_noop("创建 API 令牌"))
    name = (name or "").strip()
    if not name:
        raise DomainError(_("请填写令牌名称（如“市人社局业务系统”），便于日后辨认和吊销。"), field="name")
    if len(name) > 100:
        raise DomainError(_("令牌名称不能超过 100 字。"), field="name")
    if not unit.active:
        raise DomainError(_("单位 %(unit)s 已停用，不能为它创建令牌。") % {"unit": unit.name}, field="unit")
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    User = get_user_model()
    account = User(username=f"API·{unit.name}·{prefix}"[:150], first_name=name[:150], is_active=True)
    account.set_unusable_password()  # never logs in to the pages
    account.save()
    token = ApiToken(unit=unit, name=name, prefix=prefix, secret_hash=_hash(secret), user=account, created_by=user)
    _stamp(token, user, f"创建 API 令牌：{name}")
    token.save()
    return NewToken(token, secret)


@transaction.atomic
def token_revoke(*, user, token: ApiToken) -> ApiToken:
    """Revoke at once: the next request with it is refused (401). Kept, with its history."""
    _require_supervisor_of(user, token.unit, gettext_noop("吊销 API 令牌"))
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is not None:
        raise StateConflict(_("这个令牌已于 %(when)s 吊销。") % {
            "when": timezone.localtime(current.revoked_at).strftime("%Y-%m-%d %H:%M")})
    current.revoked_at, current.revoked_by = timezone.now(), user
    _stamp(current, user, f"吊销 API 令牌：{current.name}")
    current.save()
    current.user.is_active = False
    current.user.save(update_fields=["is_active"])
    return current


def token_authenticate(raw: str) -> ApiToken | None:
    """The live token ``raw`` is, or ``None`` (unknown, malformed, revoked, or its unit stopped).

    On success the token's account carries its role: a reporter of the token's unit and nothing
    else (``actor_for`` returns it), whatever memberships exist."""
    raw = (raw or "").strip()
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    prefix, _sep, rest = raw[len(TOKEN_PREFIX):].partition("_")
    if not prefix or not rest:
        return None
    token = ApiToken.objects.select_related("unit", "user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(raw)):
        return None
    if token.revoked_at is not None or not token.unit.active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    token.user._luoshi_actor = Actor(user_id=token.user_id, username=token.user.get_username(),
                                     unit_ids=frozenset({token.unit_id}))
    return token


def _over_size(files: Sequence[UploadedFile], already: Sequence[Evidence]) -> bool:
    per_file = settings.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024
    total = getattr(settings, "LUOSHI_EVIDENCE_MAX_TOTAL_MB", 50) * 1024 * 1024
    return (any(f.size > per_file for f in files)
            or sum(f.size for f in files) + sum(e.size for e in already) > total)


@transaction.atomic
def progress_evidence_add(*, user, progress: ProgressReport, files: Sequence[UploadedFile]) -> list[Evidence]:
    """Attach files to a report not yet verified (a system files the figures first and uploads
    the scans after). Who may: the unit that filed it (as for correcting it) or a supervisor;
    which files: the tracking rules (type, content, size, count), checked before anything is saved."""
    actor = actor_for(user)
    if not tracking._may_correct(actor, progress):
        raise AccessDenied(_("只有报送这条进展的单位或督查员可以补充佐证材料。 / "
                             "Only the unit that filed this report or a supervisor may add evidence."))
    current = tracking._locked(progress)
    if current.state not in {ProgressReport.State.SUBMITTED, ProgressReport.State.RETURNED}:
        raise StateConflict(_("这条进展现在是“%(state)s”，不能再补充佐证材料；核实后的内容不再改动。 / "
                              "This report is %(state)s: evidence can be added only before verification.") % {
            "state": ProgressReport.State(current.state).label})
    if not files:
        raise DomainError(_("请选择要上传的文件（表单字段 files）。 / Choose a file to upload (form field: files)."),
                          field="files")
    already = list(current.evidence.all())
    try:
        tracking._check_evidence(files, already=already)
    except DomainError as e:
        if _over_size(files, already):
            raise PayloadTooLarge(e.message, field=e.field) from None
        raise
    _stamp(current, user, "补充佐证材料")
    current.save()
    tracking._save_evidence(current, files)
    return list(current.evidence.order_by("pk"))[len(already):]
