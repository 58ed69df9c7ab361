"""The shapes of the policy library, the talent board and the financing board in the API.

As elsewhere in the API, chain links are ``chain:code`` keys, regions GB/T 2260 codes,
organisations ``{id, name}``, amounts decimal strings.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...chains.domain.keys import links_by_key
from ...chains.models import Link
from ...organizations.enums import OrganizationKind, OrganizationSize
from ...organizations.models import Region
from ..enums import ApplicationStatus, BoardStatus, FinancingStage, ResponseStatus
from ..models import FinancingNeed, FinancingResponse, JobApplication, JobPosting, Policy
from .serializers import REF, ref

KEY = {"type": "string", "nullable": True, "description": "A chain link as ``chain:code``."}


def choice_field(enum: type[TextChoices], component: str) -> Callable[..., serializers.ChoiceField]:
    """A choice field whose choice set is the schema component ``component``.

    Named here because several of these sets sit in fields called ``status`` and ``stage``,
    which the schema's automatic enum naming cannot tell apart without an entry in
    ``ENUM_NAME_OVERRIDES``."""

    @extend_schema_field({"type": "string", "enum": list(enum.values)}, component_name=component)
    class Field(serializers.ChoiceField):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(choices=enum.choices, **kwargs)

    Field.__name__ = Field.__qualname__ = f"{enum.__name__}Field"
    return Field


BoardStatusField = choice_field(BoardStatus, "BoardStatusEnum")
ApplicationStatusField = choice_field(ApplicationStatus, "JobApplicationStatusEnum")
FinancingStageField = choice_field(FinancingStage, "FinancingStageEnum")
ResponseStatusField = choice_field(ResponseStatus, "FinancingResponseStatusEnum")
SizeField = choice_field(OrganizationSize, "OrganizationSizeEnum")


def link_key(link: Link | None) -> str | None:
    return link.key if link is not None else None


def link_from_key(key: str | None) -> Link | None:
    """The current link named ``chain:code`` (empty: none); unknown keys are refused."""
    if not key:
        return None
    return links_from_keys([key])[0]


def links_from_keys(keys: list[str]) -> list[Link]:
    """The current links named ``chain:code``; unknown keys are refused."""
    found, unknown = links_by_key(keys)
    if unknown:
        raise serializers.ValidationError(
            _("Unknown chain link: {keys}.").format(keys=", ".join(unknown))
        )
    return found


def region_from_code(code: str | None) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise serializers.ValidationError(_("Unknown region code: {code}.").format(code=code))
    return region


# Policies ------------------------------------------------------------------------------------


class PolicySerializer(serializers.ModelSerializer):
    issuing_region = serializers.CharField(
        source="issuing_region_id", allow_null=True, read_only=True
    )
    in_force = serializers.BooleanField(
        source="current", read_only=True, help_text=gettext_lazy("In force today.")
    )
    regions = serializers.SerializerMethodField(
        help_text=gettext_lazy("For organisations in these regions (or below); empty: anywhere.")
    )
    links = serializers.SerializerMethodField(
        help_text=gettext_lazy("For organisations on these chain links (or below); empty: any.")
    )
    kinds = serializers.ListField(
        child=serializers.ChoiceField(OrganizationKind.choices), read_only=True
    )
    sizes = serializers.ListField(child=SizeField(), read_only=True)

    class Meta:
        model = Policy
        fields: tuple[str, ...] = (
            "id", "title", "issuer", "document_number", "issuing_region", "issued_on",
            "effective_from", "effective_until", "in_force", "summary", "source_url", "regions",
            "links", "kinds", "sizes", "high_tech_only", "min_age_years", "max_age_years",
            "published_at",
        )  # fmt: skip
        read_only_fields: tuple[str, ...] = fields

    def get_regions(self, policy: Policy) -> list[str]:
        return sorted(region.code for region in policy.regions.all())

    def get_links(self, policy: Policy) -> list[str]:
        return [link.key for link in policy.links.all()]


class PolicyDetailSerializer(PolicySerializer):
    class Meta(PolicySerializer.Meta):
        fields = (*PolicySerializer.Meta.fields, "full_text")
        read_only_fields = fields


# Talent --------------------------------------------------------------------------------------


class JobPostingSerializer(serializers.ModelSerializer):
    organization = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField()
    region = serializers.CharField(source="region_id", allow_null=True, read_only=True)
    status = BoardStatusField(read_only=True)

    class Meta:
        model = JobPosting
        fields = ("id", "organization", "title", "description", "link", "region", "openings",
                  "salary", "valid_until", "status", "created_at")  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(REF)
    def get_organization(self, posting: JobPosting) -> dict[str, Any] | None:
        return ref(posting.organization)

    @extend_schema_field(KEY)
    def get_link(self, posting: JobPosting) -> str | None:
        return link_key(posting.link)


class JobPostingWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    link = serializers.CharField(required=False, allow_null=True, default=None,
                                 help_text=gettext_lazy("A chain link as chain:code."))  # fmt: skip
    region = serializers.CharField(required=False, allow_null=True, default=None,
                                   help_text=gettext_lazy("GB/T 2260 code of the place of work."))  # fmt: skip
    openings = serializers.IntegerField(min_value=1, max_value=999, default=1)
    salary = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    valid_until = serializers.DateField()

    def validate_link(self, key: str | None) -> Link | None:
        return link_from_key(key)

    def validate_region(self, code: str | None) -> Region | None:
        return region_from_code(code)


class JobApplicationSerializer(serializers.ModelSerializer):
    status = ApplicationStatusField(read_only=True)

    class Meta:
        model = JobApplication
        fields = ("id", "posting", "name", "email", "phone", "message", "status", "created_at")
        read_only_fields = fields


class JobApplicationWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    message = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ApplicationStatusSerializer(serializers.Serializer):
    status = ApplicationStatusField()


# Financing -----------------------------------------------------------------------------------


class FinancingResponseSerializer(serializers.ModelSerializer):
    institution = serializers.SerializerMethodField()
    status = ResponseStatusField(read_only=True)

    class Meta:
        model = FinancingResponse
        fields = ("id", "institution", "status", "message", "created_at", "updated_at")
        read_only_fields = fields

    @extend_schema_field(REF)
    def get_institution(self, response: FinancingResponse) -> dict[str, Any] | None:
        return ref(response.institution)


class FinancingNeedSerializer(serializers.ModelSerializer):
    organization = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField()
    stage = FinancingStageField(read_only=True)
    status = BoardStatusField(read_only=True)
    responses = FinancingResponseSerializer(
        many=True, read_only=True,
        help_text=gettext_lazy("Every answer for the member and the secretariat; an institution sees its own."),
    )  # fmt: skip

    class Meta:
        model = FinancingNeed
        fields = ("id", "organization", "amount", "stage", "use_of_funds", "link", "status",
                  "created_at", "responses")  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(REF)
    def get_organization(self, need: FinancingNeed) -> dict[str, Any] | None:
        return ref(need.organization)

    @extend_schema_field(KEY)
    def get_link(self, need: FinancingNeed) -> str | None:
        return link_key(need.link)


class FinancingNeedWriteSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=2,
                                      help_text=gettext_lazy("Yuan; more than zero."))  # fmt: skip
    stage = FinancingStageField()
    use_of_funds = serializers.CharField()
    link = serializers.CharField(required=False, allow_null=True, default=None,
                                 help_text=gettext_lazy("A chain link as chain:code."))  # fmt: skip

    def validate_link(self, key: str | None) -> Link | None:
        return link_from_key(key)


class FinancingResponseWriteSerializer(serializers.Serializer):
    status = ResponseStatusField(default=ResponseStatus.INTERESTED)
    message = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default="",
        help_text=gettext_lazy("Left empty, an earlier message is kept."),
    )  # fmt: skip


class PolicyInputSerializer(serializers.Serializer):
    """A policy to enter in the library; ``publish`` tells the eligible members at once."""

    title = serializers.CharField(max_length=300)
    issuer = serializers.CharField(max_length=200)
    document_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    issued_on = serializers.DateField()
    effective_from = serializers.DateField(required=False, allow_null=True)
    effective_until = serializers.DateField(required=False, allow_null=True)
    summary = serializers.CharField()
    full_text = serializers.CharField(required=False, allow_blank=True)
    source_url = serializers.URLField(required=False, allow_blank=True)
    regions = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    links = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    kinds = serializers.ListField(
        child=serializers.ChoiceField(OrganizationKind.choices), required=False, default=list
    )
    sizes = serializers.ListField(child=SizeField(), required=False, default=list)
    high_tech_only = serializers.BooleanField(required=False, default=False)
    min_age_years = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    max_age_years = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    publish = serializers.BooleanField(required=False, default=False)

    def validate_regions(self, codes: list[str]) -> list[Region]:
        found = {r.code: r for r in Region.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise serializers.ValidationError(
                _("Unknown region code: {code}.").format(code=", ".join(unknown))
            )
        return [found[code] for code in dict.fromkeys(codes)]

    def validate_links(self, keys: list[str]) -> list[Link]:
        return links_from_keys(keys)
