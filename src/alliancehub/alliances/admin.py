from django.contrib import admin

from ..common.admin import ReadOnlyModelAdmin
from .models import Alliance, Membership, MembershipApplication


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "region", "status", "founded_on")
    prepopulated_fields = {"slug": ("name_en",)}
    raw_id_fields = ("region", "supervising_body")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyModelAdmin):
    """Periods change through the membership decisions, which keep the history."""

    list_display = ("organization", "alliance", "tier", "valid_from", "valid_to")
    list_filter = ("alliance", "tier")


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(ReadOnlyModelAdmin):
    list_display = ("organization", "alliance", "tier", "status", "created_at")
    list_filter = ("alliance", "status")
