"""Writes of the office's own set-up: units, people and their roles, regions; no Django admin needed.

A supervisor manages the units and people of the regions they supervise (their unit's region and
every region below); regions themselves are the administrator's. Each write checks that first,
runs in one transaction, is kept in history (who and why), and changes nothing when refused.
Nobody can lock themselves out: a supervisor cannot deactivate the unit or remove the role that
makes them a supervisor.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from luoshi_web.errors import DomainError
from luoshi_web.org.access import AccessDenied, Actor, actor_for
from luoshi_web.org.models import Membership, OrgUnit, Region

NAME_MAX = 100


def _stamp(obj, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason


def _name(name: str, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("请填写%(what)s名称。") % {"what": what}, field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_("名称最多 %(n)s 字，请缩短。") % {"n": NAME_MAX}, field="name")
    return name


def _require_region(actor: Actor, region: Region) -> None:
    if not actor.supervises(region.pk):
        raise AccessDenied(_("您不是%(region)s的督查员，不能管理该地区的单位和人员。") % {"region": region.name})


def _check_parent_unit(unit: OrgUnit | None, parent: OrgUnit | None, actor: Actor) -> None:
    if parent is None:
        return
    if not actor.supervises(parent.region_id):
        raise DomainError(_("上级单位 %(parent)s 不在您督查的地区内，请另选。") % {"parent": parent.name}, field="parent")
    node = parent
    while node is not None:
        if unit is not None and node.pk == unit.pk:
            raise DomainError(_("不能把 %(unit)s 设为它自己或下级单位的下级，请另选上级单位。") % {"unit": unit.name},
                              field="parent")
        node = node.parent


def _unique_unit(name: str, region: Region, unit: OrgUnit | None = None) -> None:
    clash = OrgUnit.objects.filter(region=region, name=name)
    if unit is not None:
        clash = clash.exclude(pk=unit.pk)
    if clash.exists():
        raise DomainError(_("%(region)s已有名为“%(name)s”的单位，请换一个名称。") % {"region": region.name, "name": name},
                          field="name")


@transaction.atomic
def unit_create(*, user, name: str, region: Region, parent: OrgUnit | None = None,
                is_supervision_office: bool = False) -> OrgUnit:
    actor = actor_for(user)
    _require_region(actor, region)
    name = _name(name, _("单位"))
    _check_parent_unit(None, parent, actor)
    _unique_unit(name, region)
    unit = OrgUnit(name=name, region=region, parent=parent, is_supervision_office=is_supervision_office)
    _stamp(unit, user, "新建单位")
    unit.save()
    return unit


@transaction.atomic
def unit_update(*, user, unit: OrgUnit, name: str, parent: OrgUnit | None, active: bool = True,
                is_supervision_office: bool | None = None, reason: str = "") -> OrgUnit:
    """Rename, move under another unit, deactivate or reactivate a unit."""
    actor = actor_for(user)
    _require_region(actor, unit.region)
    name = _name(name, _("单位"))
    _check_parent_unit(unit, parent, actor)
    _unique_unit(name, unit.region, unit)
    if not active and unit.pk in actor.supervisor_unit_ids and not actor.is_admin:
        raise DomainError(_("不能停用您自己所在的督查单位，否则您将失去督查权限。请由上级督查员或管理员操作。"), field="active")
    unit.name, unit.parent, unit.active = name, parent, active
    if is_supervision_office is not None:
        unit.is_supervision_office = is_supervision_office
    _stamp(unit, user, reason or "修改单位")
    unit.save()
    return unit


def _password(password: str, user=None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as e:
        raise DomainError(_("密码不符合要求：%(why)s") % {"why": " ".join(e.messages)}, field="password") from None


def _role(role: str) -> str:
    if role not in Membership.Role.values:
        raise DomainError(_("角色只能是督查员或填报员。"), field="role")
    return role


@transaction.atomic
def user_create(*, user, username: str, password: str, unit: OrgUnit, role: str, email: str = "",
                full_name: str = ""):
    """A new account with one role in one unit of the supervisor's regions."""
    actor = actor_for(user)
    _require_region(actor, unit.region)
    if not unit.active:
        raise DomainError(_("单位 %(unit)s 已停用，请先启用或另选单位。") % {"unit": unit.name}, field="unit")
    _role(role)
    User = get_user_model()
    username = (username or "").strip()
    if not username:
        raise DomainError(_("请填写用户名。"), field="username")
    try:
        User.username_validator(username)
        User._meta.get_field("username").run_validators(username)
    except ValidationError as e:
        raise DomainError(_("用户名“%(name)s”不可用：%(why)s") % {"name": username, "why": " ".join(e.messages)},
                          field="username") from None
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("用户名“%(name)s”已被使用，请换一个。") % {"name": username}, field="username")
    new = User(username=username, email=(email or "").strip(), first_name=(full_name or "").strip()[:150])
    _password(password, new)
    new.set_password(password)
    new.save()
    m = Membership(user=new, unit=unit, role=role)
    _stamp(m, user, "新建用户")
    m.save()
    return new


def _may_manage_person(actor: Actor, person) -> None:
    """A supervisor manages an account only when every role it has is in their regions."""
    if actor.is_admin:
        return
    if person.is_superuser:
        raise AccessDenied(_("管理员账号只能由管理员修改。"))
    outside = [m.unit.name for m in person.memberships.select_related("unit") if not actor.supervises(m.unit.region_id)]
    if outside:
        raise AccessDenied(_("该用户在您督查范围以外的单位（%(units)s）也有角色，请由那里的督查员或管理员修改。") % {
            "units": "、".join(outside)})


@transaction.atomic
def user_update(*, user, person, email: str, full_name: str = "", is_active: bool = True):
    actor = actor_for(user)
    _may_manage_person(actor, person)
    if not is_active and person.pk == user.pk:
        raise DomainError(_("不能停用您自己的账号。"), field="is_active")
    person.email, person.first_name, person.is_active = (email or "").strip(), (full_name or "").strip()[:150], is_active
    person.save(update_fields=["email", "first_name", "is_active"])
    return person


@transaction.atomic
def user_set_password(*, user, person, password: str) -> None:
    actor = actor_for(user)
    _may_manage_person(actor, person)
    _password(password, person)
    person.set_password(password)
    person.save(update_fields=["password"])


@transaction.atomic
def membership_add(*, user, person, unit: OrgUnit, role: str) -> Membership:
    actor = actor_for(user)
    _require_region(actor, unit.region)
    _role(role)
    if person.is_superuser and not actor.is_admin:
        raise AccessDenied(_("管理员账号只能由管理员修改。"))
    if Membership.objects.filter(user=person, unit=unit, role=role).exists():
        raise DomainError(_("%(user)s 已经是 %(unit)s 的%(role)s。") % {
            "user": person.get_username(), "unit": unit.name, "role": Membership.Role(role).label}, field="role")
    m = Membership(user=person, unit=unit, role=role)
    _stamp(m, user, "授予角色")
    m.save()
    return m


@transaction.atomic
def membership_remove(*, user, membership: Membership, reason: str = "") -> None:
    actor = actor_for(user)
    _require_region(actor, membership.unit.region)
    if membership.user_id == user.pk and membership.role == Membership.Role.SUPERVISOR and not actor.is_admin:
        raise DomainError(_("不能取消您自己的督查员角色，否则您将失去督查权限。请由上级督查员或管理员操作。"))
    _stamp(membership, user, reason or "取消角色")
    membership.delete()


def _require_admin(user) -> None:
    if not actor_for(user).is_admin:
        raise AccessDenied(_("只有管理员可以管理地区。 / Only an administrator may manage regions."))


def _check_parent_region(region: Region | None, parent: Region | None) -> None:
    node = parent
    while node is not None:
        if region is not None and node.pk == region.pk:
            raise DomainError(_("不能把 %(region)s 设为它自己或下级地区的下级，请另选上级地区。") % {"region": region.name},
                              field="parent")
        node = node.parent


def _unique_region(name: str, parent: Region | None, region: Region | None = None) -> None:
    clash = Region.objects.filter(parent=parent, name=name)
    if region is not None:
        clash = clash.exclude(pk=region.pk)
    if clash.exists():
        raise DomainError(_("同一上级下已有名为“%(name)s”的地区，请换一个名称。") % {"name": name}, field="name")


@transaction.atomic
def region_create(*, user, name: str, level: str, parent: Region | None = None) -> Region:
    _require_admin(user)
    name = _name(name, _("地区"))
    if level not in Region.Level.values:
        raise DomainError(_("请选择层级（国家、省、市、县）。"), field="level")
    _unique_region(name, parent)
    region = Region(name=name, level=level, parent=parent)
    _stamp(region, user, "新建地区")
    region.save()
    return region


@transaction.atomic
def region_update(*, user, region: Region, name: str, level: str, parent: Region | None) -> Region:
    _require_admin(user)
    name = _name(name, _("地区"))
    if level not in Region.Level.values:
        raise DomainError(_("请选择层级（国家、省、市、县）。"), field="level")
    _check_parent_region(region, parent)
    _unique_region(name, parent, region)
    region.name, region.level, region.parent = name, level, parent
    _stamp(region, user, "修改地区")
    region.save()
    return region


