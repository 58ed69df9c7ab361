from django.contrib import admin

from .models import Alliance, Membership, MembershipApplication


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "region", "status", "founded_on")
    prepopulated_fields = {"slug": ("name_en",)}
    raw_id_fields = ("region", "supervising_body")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Read-only: periods change through the membership decisions, which keep the history."""

    list_display = ("organization", "alliance", "tier", "valid_from", "valid_to")
    list_filter = ("alliance", "tier")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(MembershipAdmin):
    list_display = ("organization", "alliance", "tier", "status", "created_at")
    list_filter = ("alliance", "status")
