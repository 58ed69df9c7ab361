from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..domain.registry import CONTACT_FIELDS, EDITABLE_FIELDS
from ..fields import RegionField
from ..models import Contact, Industry, Organization, Region
from ..validators import normalize_credit_code, validate_credit_code


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = CONTACT_FIELDS


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ("code", "name", "name_zh_hant", "name_en", "level", "parent")


class CreditCodeField(serializers.CharField):
    """A unified social credit code, normalised before it is validated, as on the page."""

    def to_internal_value(self, data: Any) -> str:
        return normalize_credit_code(super().to_internal_value(data)) or ""


class RegionCodeField(serializers.SlugRelatedField):
    """A region given by its code or its name, read exactly as the pages read it."""

    def to_internal_value(self, data: Any) -> Region | None:
        try:
            return RegionField(required=False).clean(data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class OrganizationSerializer(serializers.ModelSerializer):
    """An organisation. ``contacts`` are included for signed-in users only."""

    credit_code = CreditCodeField(
        label=Organization._meta.get_field("credit_code").verbose_name,
        help_text=Organization._meta.get_field("credit_code").help_text,
        required=False,
        allow_null=True,
        allow_blank=True,
        validators=[validate_credit_code],
    )

    region = RegionCodeField(
        slug_field="code",
        queryset=Region.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("GB/T 2260 code or name, e.g. 330681 or 诸暨市."),
    )
    region_name = serializers.SerializerMethodField()
    industry = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Industry.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("Unknown industry class “{value}”.")},
    )
    contacts = ContactSerializer(many=True, required=False)

    class Meta:
        model = Organization
        fields = ("id", *EDITABLE_FIELDS, "region_name", "contacts", "created_at", "updated_at")
        read_only_fields = ("id", "created_at", "updated_at")
        # Uniqueness is the domain's rule (with its own message), not the serializer's.
        validators: list = []

    def get_region_name(self, organization: Organization) -> str:
        region = organization.region
        if region is None:
            return ""
        return f"{region.parent} {region}" if region.parent_id else str(region)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        request = self.context.get("request")
        schema_generation = getattr(self.context.get("view"), "swagger_fake_view", False)
        if request is not None and not request.user.is_authenticated and not schema_generation:
            del fields["contacts"]
        return fields
