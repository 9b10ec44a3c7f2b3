from django.contrib import admin

from luoshi_web.org.models import Membership, OrgUnit, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "parent")
    list_filter = ("level",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "parent", "is_supervision_office", "active")
    list_filter = ("region", "is_supervision_office", "active")
    search_fields = ("name",)
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "unit", "role")
    list_filter = ("role",)
