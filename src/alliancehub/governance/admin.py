from django.contrib import admin

from ..common.admin import ReadOnlyModelAdmin
from .models import CharterVersion, Meeting, Motion, Office, Resolution, Term, VotingRule


@admin.register(Term)
class TermAdmin(ReadOnlyModelAdmin):
    list_display = ("alliance", "number", "starts_on", "ends_on")
    list_filter = ("alliance",)


@admin.register(Office)
class OfficeAdmin(ReadOnlyModelAdmin):
    list_display = ("alliance", "kind", "organization", "person", "valid_from", "valid_to")
    list_filter = ("alliance", "kind")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyModelAdmin):
    list_display = ("__str__", "alliance", "held_on", "status")
    list_filter = ("alliance", "kind")


@admin.register(Motion)
class MotionAdmin(ReadOnlyModelAdmin):
    """Motions change only through the voting rules (open, vote, close)."""

    list_display = ("title", "alliance", "kind", "status")
    list_filter = ("alliance", "kind", "status")


@admin.register(Resolution)
class ResolutionAdmin(ReadOnlyModelAdmin):
    list_display = ("number", "title", "alliance", "adopted_on")


@admin.register(CharterVersion)
class CharterVersionAdmin(ReadOnlyModelAdmin):
    list_display = ("title", "number", "alliance", "status", "adopted_on")


@admin.register(VotingRule)
class VotingRuleAdmin(admin.ModelAdmin):
    list_display = ("alliance", "motion_kind", "quorum_numerator", "quorum_denominator")
