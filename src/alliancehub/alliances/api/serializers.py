from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ...organizations.models import Organization, Region
from ..enums import MembershipTier
from ..models import Alliance, Membership, MembershipApplication


class AllianceSerializer(serializers.ModelSerializer):
    region: serializers.SlugRelatedField[Region] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Alliance
        fields = (
            "slug", "name", "name_en", "region", "founded_on", "focus_chains", "status",
            "description",
        )  # fmt: skip


class MembershipSerializer(serializers.ModelSerializer):
    organization: serializers.PrimaryKeyRelatedField[Organization] = (
        serializers.PrimaryKeyRelatedField(read_only=True)
    )
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Membership
        fields = ("organization", "organization_name", "tier", "valid_from", "valid_to", "basis")


class MembershipPeriodSerializer(MembershipSerializer):
    """One period of a membership, ended ones included (the registry's history)."""

    tier_label = serializers.CharField(source="get_tier_display", read_only=True)

    class Meta:
        model = Membership
        fields = (
            "id", "organization", "organization_name", "tier", "tier_label", "valid_from",
            "valid_to", "basis",
        )  # fmt: skip


class ApplicationSerializer(serializers.ModelSerializer):
    """A membership application and the secretariat's decision on it."""

    organization_name = serializers.CharField(source="organization.name", read_only=True)
    tier_label = serializers.CharField(source="get_tier_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = MembershipApplication
        fields = (
            "id", "organization", "organization_name", "tier", "tier_label", "message", "status",
            "status_label", "reason", "created_at", "decided_at",
        )  # fmt: skip
        read_only_fields = fields


class ApplyInputSerializer(serializers.Serializer):
    """Apply for the organisation the signed-in user represents."""

    tier = serializers.ChoiceField(choices=MembershipTier.choices, default=MembershipTier.MEMBER)
    message = serializers.CharField(allow_blank=True, default="", max_length=4000)


class ApproveInputSerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False, allow_null=True, help_text=_("First day of membership (default: today).")
    )
    basis = serializers.CharField(
        allow_blank=True, default="", max_length=200,
        help_text=_("The resolution or secretariat decision behind the admission."),
    )  # fmt: skip


class RejectInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Shown to the applicant."), max_length=4000)
