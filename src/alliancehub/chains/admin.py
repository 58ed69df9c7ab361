from django.contrib import admin

from .models import Chain, Link, Position, SupplyEdge


class LinkInline(admin.TabularInline):
    model = Link
    fields = ("order", "code", "stage", "name", "name_zh_hant", "name_en", "keywords", "retired")
    extra = 0
    show_change_link = True


class EdgeInline(admin.TabularInline):
    model = SupplyEdge
    fk_name = "chain"
    raw_id_fields = ("source", "target")
    extra = 0


@admin.register(Chain)
class ChainAdmin(admin.ModelAdmin):
    """Platform administrators edit templates here; ``manage.py load_chains`` reloads the files
    (an edit made here is overwritten when the template file changes)."""

    list_display = ("slug", "name", "name_en")
    inlines = [LinkInline, EdgeInline]


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ("code", "chain", "stage", "name", "name_en", "retired")
    list_filter = ("chain", "stage", "retired")
    search_fields = ("code", "name", "name_en")
    raw_id_fields = ("parent",)


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    """Positions change through the chain pages and API, which keep the counts in step."""

    list_display = ("organization", "link", "role", "status", "region_code")
    list_filter = ("status", "link__chain")
    raw_id_fields = ("organization", "link")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
