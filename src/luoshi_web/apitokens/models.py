"""An API token belongs to one unit and acts as that unit's reporter; only its hash is stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from luoshi_web.org.models import OrgUnit


class ApiToken(models.Model):
    """A secret ``lsk_<prefix>_<secret>`` given once to a unit's own system.

    ``prefix`` finds the row; ``secret_hash`` (sha256 of the whole token) proves it, so a copy of the
    database does not give anyone a working token. ``user`` is the account the token acts as: the
    author of what it files and the user in every history row, named after the unit and the token,
    with no password and no membership (its role is computed from ``unit`` alone, see ``auth``).
    """

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("单位"))
    name = models.CharField(_("名称"), max_length=100)
    prefix = models.CharField(_("前缀"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token",
                                editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("吊销人"))

    # every use would otherwise add a history row: the history records creation and revocation
    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
