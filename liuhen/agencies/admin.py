from django.contrib import admin

from liuhen.accounts.admin import ReadOnlyAdmin
from liuhen.agencies.models import Agency, Officer, Supervision


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("name", "kind", "level", "system", "profile", "parent")
    list_filter = ("kind", "level", "profile")
    search_fields = ("name", "credit_code")


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ("name", "certificate_number", "agency", "status")
    list_filter = ("status",)
    search_fields = ("name", "certificate_number")


@admin.register(Supervision)
class SupervisionAdmin(ReadOnlyAdmin):
    list_display = ("supervisor", "supervised", "basis", "started_at", "ended_at")
    list_filter = ("basis",)
