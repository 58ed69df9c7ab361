from django import forms
from django.contrib import admin

from ..common.admin import ReadOnlyModelAdmin
from ..common.domain.audit import Source
from .domain import registry
from .models import ImportJob, Industry, Organization, Region
from .validators import normalize_credit_code


class OrganizationAdminForm(forms.ModelForm):
    """Shows the registry's duplicate rule as a form error; raised in ``save_model`` it is a 500."""

    def clean_credit_code(self) -> str | None:
        return normalize_credit_code(self.cleaned_data.get("credit_code"))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("name"):
            found = registry.find_duplicate(
                name=cleaned_data["name"],
                credit_code=cleaned_data.get("credit_code"),
                exclude_pk=self.instance.pk,
            )
            if found:
                raise registry.duplicate_error(*found)
        return cleaned_data


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Changes made here go through ``domain.registry`` like every other channel.

    Contacts are edited on the organisation's page, where their changes are audited too.
    """

    form = OrganizationAdminForm
    list_display = ("name", "name_en", "kind", "region", "credit_code")
    list_filter = ("kind",)
    search_fields = ("name", "name_en", "credit_code")
    raw_id_fields = ("region", "industry")

    def save_model(self, request, obj, form, change):
        data = {
            field: form.cleaned_data[field]
            for field in form.changed_data
            if field in registry.EDITABLE_FIELDS
        }
        if change:
            fresh = Organization.objects.get(pk=obj.pk)
            registry.update_organization(fresh, data, actor=request.user, source=Source.ADMIN)
            obj.refresh_from_db()
        else:
            data = {
                f: form.cleaned_data.get(f)
                for f in registry.EDITABLE_FIELDS
                if f in form.cleaned_data
            }
            created = registry.create_organization(data, actor=request.user, source=Source.ADMIN)
            obj.pk = created.pk
            obj.refresh_from_db()

    def delete_model(self, request, obj):
        registry.delete_organization(obj, actor=request.user, source=Source.ADMIN)

    def delete_queryset(self, request, queryset):
        for organization in queryset:
            registry.delete_organization(organization, actor=request.user, source=Source.ADMIN)


@admin.register(Region)
class RegionAdmin(ReadOnlyModelAdmin):
    """Shipped reference data: it changes with the data files, not by hand."""

    list_display = ("code", "name", "name_en", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name", "name_en")


@admin.register(Industry)
class IndustryAdmin(ReadOnlyModelAdmin):
    list_display = ("code", "section", "name", "name_en")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = (
        "original_name",
        "created_by",
        "status",
        "created_count",
        "rejected_count",
        "created_at",
    )
    # The upload itself (``content``) can be megabytes: never put it on a page.
    fields = readonly_fields = (
        "original_name", "created_by", "language", "status", "total_rows", "processed_rows",
        "created_count", "rejected_count", "error_message", "created_at", "finished_at",
    )  # fmt: skip

    def has_add_permission(self, request):
        return False
