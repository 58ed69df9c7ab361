from rest_framework import serializers

from ...organizations.models import Organization, Region
from ..models import Alliance, Membership


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
