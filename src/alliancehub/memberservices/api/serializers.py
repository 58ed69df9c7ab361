"""The member-services API's shapes. Organisations and people appear as ``{id, name}``;
amounts in the pre-assessment are decimal strings (numbers are accepted too)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...alliances.api.scoping import AllianceScopedField
from ...organizations.models import Organization
from ..domain.hightech import (
    Advancement,
    CoreSupport,
    FigureKind,
    Fulfilment,
    IncidentKind,
    TechField,
    Verdict,
)
from ..domain.overdue import is_overdue
from ..enums import ServiceKind, TimeUnit
from ..models import RequestAttachment, RequestComment, Service, ServiceRequest

REF = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}
NULLABLE_REF = {**REF, "nullable": True}


def ref(obj: Any) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, "name", None) or str(obj)}


class ServiceSerializer(serializers.ModelSerializer):
    providers = serializers.SerializerMethodField()
    target_hours = serializers.SerializerMethodField(
        help_text=_("The target response time in hours.")
    )

    class Meta:
        model = Service
        fields = ("id", "kind", "name", "description", "providers", "target_amount",
                  "target_unit", "target_hours", "active")  # fmt: skip
        read_only_fields = fields

    @extend_schema_field({"type": "array", "items": REF})
    def get_providers(self, service: Service) -> list[dict[str, Any] | None]:
        return [ref(provider) for provider in service.providers.all()]

    def get_target_hours(self, service: Service) -> int:
        return int(service.target.total_seconds() // 3600)


class ServiceRequestSerializer(serializers.ModelSerializer):
    service = serializers.SerializerMethodField()
    organization = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField(
        help_text=_("Not resolved within the service's target time.")
    )

    class Meta:
        model = ServiceRequest
        fields: tuple[str, ...] = (
            "id", "service", "organization", "subject", "description", "status", "assignee",
            "provider", "submitted_at", "due_at", "overdue", "accepted_at", "first_response_at",
            "resolved_at", "closed_at", "rating", "rating_comment",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field({"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "kind": {"type": "string"}}})  # fmt: skip
    def get_service(self, request: ServiceRequest) -> dict[str, Any]:
        service = request.service
        return {"id": service.pk, "name": service.name, "kind": service.kind}

    @extend_schema_field(REF)
    def get_organization(self, request: ServiceRequest) -> dict[str, Any] | None:
        return ref(request.organization)

    @extend_schema_field(NULLABLE_REF)
    def get_assignee(self, request: ServiceRequest) -> dict[str, Any] | None:
        return ref(request.assignee)

    @extend_schema_field(NULLABLE_REF)
    def get_provider(self, request: ServiceRequest) -> dict[str, Any] | None:
        return ref(request.provider)

    def get_overdue(self, request: ServiceRequest) -> bool:
        return is_overdue(request, self.context.get("now"))


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = RequestComment
        fields = ("id", "author", "body", "created_at")
        read_only_fields = fields

    @extend_schema_field(NULLABLE_REF)
    def get_author(self, comment: RequestComment) -> dict[str, Any] | None:
        return ref(comment.author)


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestAttachment
        fields = ("id", "name", "size", "created_at")
        read_only_fields = fields


class ServiceRequestDetailSerializer(ServiceRequestSerializer):
    comments = CommentSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(ServiceRequestSerializer.Meta):
        fields: tuple[str, ...] = (*ServiceRequestSerializer.Meta.fields, "comments",
                                   "attachments")  # fmt: skip
        read_only_fields: tuple[str, ...] = fields


class RequestCreateSerializer(serializers.Serializer):
    service = AllianceScopedField(queryset=Service.objects.all())
    organization = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text=_("The member organisation asking; needed only when you represent several."),
    )  # fmt: skip
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField()


class AssignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text=_("A user of the secretariat or an expert."),
    )  # fmt: skip
    provider = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text=_("One of the service's provider organisations."),
    )  # fmt: skip


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class CommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)


class RateSerializer(serializers.Serializer):
    rating = serializers.IntegerField(help_text=_("1 (poor) to 5 (excellent)."))
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


# Pre-assessment ------------------------------------------------------------------------------
# Every figure may be missing or null here: the domain's validation reports it, keyed by its
# path ("years.0.sales_revenue"), in the request's language.


def _amount(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True, default=None,
        coerce_to_string=True, **kwargs,
    )  # fmt: skip


def _whole() -> serializers.IntegerField:
    return serializers.IntegerField(required=False, allow_null=True, default=None)


def _choice(choices: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, required=False, allow_null=True, default=None)


def _flag() -> serializers.BooleanField:
    return serializers.BooleanField(required=False, allow_null=True, default=None)


class IpInputSerializer(serializers.Serializer):
    class_one = _whole()
    class_two = _whole()
    self_developed = _flag()
    advancement = _choice(Advancement.choices)
    core_support = _choice(CoreSupport.choices)
    standards = _flag()


class StaffInputSerializer(serializers.Serializer):
    in_service = _amount()
    part_time_and_temporary = _amount()
    sci_tech = _amount()


class FiscalYearInputSerializer(serializers.Serializer):
    year = _whole()
    sales_revenue = _amount()
    rd_expenses = _amount()
    rd_expenses_in_china = _amount()
    net_assets = _amount()
    conversions = _whole()


class ManagementInputSerializer(serializers.Serializer):
    system_and_accounts = _choice(Fulfilment.choices)
    institution_and_cooperation = _choice(Fulfilment.choices)
    conversion_incentives = _choice(Fulfilment.choices)
    talent = _choice(Fulfilment.choices)


class IncidentInputSerializer(serializers.Serializer):
    kind = _choice(IncidentKind.choices)
    occurred_on = serializers.DateField(required=False, allow_null=True, default=None)


class FactsInputSerializer(serializers.Serializer):
    """The facts of ``hightech.Facts``; ``on``: the planned application date (today)."""

    on = serializers.DateField(required=False, allow_null=True, default=None)
    registered_on = serializers.DateField(required=False, allow_null=True, default=None)
    tech_field = _choice(TechField.choices)
    ip = IpInputSerializer(required=False, default=dict)
    staff = StaffInputSerializer(required=False, default=dict)
    years = FiscalYearInputSerializer(many=True, required=False, default=list)
    total_revenue = _amount()
    high_tech_revenue = _amount()
    ip_backed_revenue = _amount()
    management = ManagementInputSerializer(required=False, default=dict)
    incidents = IncidentInputSerializer(many=True, required=False, default=list)


class AssessmentFigureSerializer(serializers.Serializer):
    # The payload's keys are "label" and "value"; the stubs type ``Field.label`` and
    # ``Field.value`` as plain attributes, so declaring fields of those names trips mypy.
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.CharField(  # type: ignore[assignment]
        allow_null=True, help_text=_("Exact value; a share as a fraction.")
    )
    kind = serializers.ChoiceField(choices=FigureKind.choices)
    text = serializers.CharField()


class RuleSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    citation = serializers.CharField()
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    verdict_label = serializers.CharField()
    met = serializers.BooleanField(allow_null=True)
    reason = serializers.CharField()
    advice = serializers.CharField(allow_blank=True)
    figures = AssessmentFigureSerializer(many=True)


class ScoreItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    maximum = serializers.IntegerField()
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    basis = serializers.CharField()


class ScorePartSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    maximum = serializers.IntegerField()
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    items = ScoreItemSerializer(many=True)


class ScoreSerializer(serializers.Serializer):
    low = serializers.IntegerField()
    high = serializers.IntegerField()
    parts = ScorePartSerializer(many=True)


class ReportSerializer(serializers.Serializer):
    """Documents ``domain.assessments.report_to_data``'s shape for the schema."""

    on = serializers.DateField()
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    verdict_label = serializers.CharField()
    rules = RuleSerializer(many=True)
    score = ScoreSerializer()


class ServiceInputSerializer(serializers.Serializer):
    """A service of the catalogue, with its provider organisations (ids)."""

    kind = serializers.ChoiceField(choices=ServiceKind.choices)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    target_amount = serializers.IntegerField(min_value=1)
    target_unit = serializers.ChoiceField(choices=TimeUnit.choices)
    active = serializers.BooleanField(required=False, default=True)
    providers = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False, default=list
    )
