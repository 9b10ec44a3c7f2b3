"""Who is who: regions, organisational units and the people in them with their role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Region(models.Model):
    class Level(models.TextChoices):
        NATION = "nation", _("国家")
        PROVINCE = "province", _("省")
        CITY = "city", _("市")
        COUNTY = "county", _("县")

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("上级地区"))

    history = HistoricalRecords()  # who created, renamed or moved it: the office runs without Django admin

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent")]

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    """A government body (department, bureau, county government) that can lead or support work."""

    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="units", verbose_name=_("地区"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级单位")
    )
    is_supervision_office = models.BooleanField(_("督查机构"), default=False)
    active = models.BooleanField(_("启用"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["region__name", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="orgunit_unique_name_in_region")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in a unit; a supervisor supervises the unit's region and everything below it."""

    class Role(models.TextChoices):
        SUPERVISOR = "supervisor", _("督查员")
        REPORTER = "reporter", _("填报员")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("单位"))
    role = models.CharField(_("角色"), max_length=12, choices=Role.choices)

    history = HistoricalRecords()  # who gave or took a role, and when

    class Meta:
        verbose_name = _("成员")
        verbose_name_plural = _("成员")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit} ({self.get_role_display()})"
