from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditLogEntry


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """An admin page to look at records that change only through domain functions (which audit
    them) or shipped data files: nothing can be added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyModelAdmin):
    """The audit log: the history of deleted objects can be read here."""

    list_display = ("timestamp", "actor", "action", "source", "content_type", "object_repr")
    list_filter = ("action", "source", "content_type")
    search_fields = ("object_repr", "object_id")
    date_hierarchy = "timestamp"
