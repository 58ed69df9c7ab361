"""The member-services API: ``/alliances/{slug}/services/`` (the catalogue),
``/alliances/{slug}/service-requests/`` (requests with their workflow actions) and
``/memberservices/assessments/`` (the high-tech pre-assessment, computed, not saved).

Requests follow ``domain.access.visible_requests``: the secretariat sees all of its
alliance's, a member its own organisations', an assignee or provider what is assigned to it;
anything else is not found (404). Each action calls the domain verb the pages call.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from ...alliances.api.scoping import PUBLIC, VIEW_PRIVATE, AlliancePermission, AllianceScopedViewSet
from ...common.domain.audit import Source
from ...organizations.models import Organization
from ..domain import access, catalogue, requests
from ..domain.assessments import facts_from_data, report_to_data
from ..domain.hightech import assess
from ..filtersets import RequestFilterSet
from ..models import RequestComment, Service, ServiceRequest
from . import serializers as s

API = Source.API
READ = ("list", "retrieve")
ACTIONS = ("create", "accept", "assign", "start", "resolve", "close", "reopen", "comment", "rate")


class ServiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """The alliance's offered services, with their providers and target times (members)."""

    model = Service
    permissions = dict.fromkeys(READ, VIEW_PRIVATE)
    serializer_class = s.ServiceSerializer

    def get_queryset(self) -> QuerySet[Service]:
        return (
            self.scoped().filter(active=True).prefetch_related("providers").order_by("kind", "name")
        )

    @extend_schema(request=s.ServiceInputSerializer, responses={201: s.ServiceSerializer})
    def create(self, request: Request, slug: str) -> Response:
        """(Secretariat) add a service to the catalogue."""
        given = s.ServiceInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        providers = data.pop("providers")
        service = catalogue.create_service(
            self.alliance, data, providers=providers, actor=request.user, source=API
        )
        return Response(s.ServiceSerializer(service).data, status=status.HTTP_201_CREATED)


class ServiceRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet
):
    """Service requests you may see; filters ``status``, ``kind``, ``overdue`` (true/false)."""

    model = ServiceRequest
    permission_classes = [IsAuthenticated, AlliancePermission]
    # Who may act is the domain's rule (member, secretariat, assignee); visibility is the
    # queryset's. Signing in is all the alliance gate asks.
    permissions = dict.fromkeys((*READ, *ACTIONS), PUBLIC)
    filterset_class = RequestFilterSet

    def get_serializer_class(self) -> type[BaseSerializer[ServiceRequest]]:
        if self.action == "list":
            return s.ServiceRequestSerializer
        return s.ServiceRequestDetailSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

    def get_queryset(self) -> QuerySet[ServiceRequest]:
        if getattr(self, "swagger_fake_view", False):
            return ServiceRequest.objects.none()
        visible = access.visible_requests(self.request.user, self.alliance).select_related(
            "alliance", "service", "organization", "assignee", "provider", "requested_by"
        )
        if self.action != "list":
            comments = RequestComment.objects.select_related("author")
            visible = visible.prefetch_related(Prefetch("comments", comments), "attachments")
        return visible.order_by("-submitted_at", "-id")

    def _detail(self, item: ServiceRequest, code: int = 200) -> Response:
        return self.respond(self.get_queryset().get(pk=item.pk), status=code)

    @extend_schema(request=s.RequestCreateSerializer,
                   responses={201: s.ServiceRequestDetailSerializer})  # fmt: skip
    def create(self, request: Request, slug: str) -> Response:
        """Ask for a service for the member organisation you represent."""
        data = self.read_input(s.RequestCreateSerializer)
        units = access.member_ids(request.user, self.alliance)
        wanted = data["organization"]
        if wanted is None and len(units) != 1:
            if not units:
                raise PermissionDenied(_("Only a member's representative may request a service."))
            raise ValidationError({"organization": _("Say for which organisation you ask.")})
        organization = get_object_or_404(Organization, pk=wanted or next(iter(units)))
        made = requests.submit_request(
            data["service"], organization=organization, subject=data["subject"],
            description=data["description"], actor=request.user, source=API,
        )  # fmt: skip
        return self._detail(made, status.HTTP_201_CREATED)

    def _run(self, verb: Any, **extra: Any) -> Response:
        item = verb(self.get_object(), actor=self.request.user, source=API, **extra)
        return self._detail(item)

    @extend_schema(request=None, responses=s.ServiceRequestDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, slug: str, pk: str) -> Response:
        """The secretariat accepts a submitted request."""
        return self._run(requests.accept_request)

    @extend_schema(request=s.AssignSerializer, responses=s.ServiceRequestDetailSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, slug: str, pk: str) -> Response:
        """The secretariat assigns an accepted request to a person or a provider."""
        data = self.read_input(s.AssignSerializer)
        person = provider = None
        if data["assignee"] is not None:
            person = get_user_model().objects.filter(pk=data["assignee"]).first()
            if person is None:
                raise ValidationError({"assignee": _("No such person.")})
        if data["provider"] is not None:
            provider = Organization.objects.filter(pk=data["provider"]).first()
            if provider is None:
                raise ValidationError({"provider": _("No such organisation.")})
        return self._run(requests.assign_request, assignee=person, provider=provider)

    @extend_schema(request=None, responses=s.ServiceRequestDetailSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, slug: str, pk: str) -> Response:
        return self._run(requests.start_request)

    @extend_schema(request=s.NoteSerializer, responses=s.ServiceRequestDetailSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, slug: str, pk: str) -> Response:
        """Mark the work done; ``note`` is added as a comment."""
        note = self.read_input(s.NoteSerializer)["note"]
        return self._run(requests.resolve_request, note=note)

    @extend_schema(request=None, responses=s.ServiceRequestDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, slug: str, pk: str) -> Response:
        return self._run(requests.close_request)

    @extend_schema(request=s.NoteSerializer, responses=s.ServiceRequestDetailSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, slug: str, pk: str) -> Response:
        """Back to in progress with a fresh target time; ``note`` (the reason) as a comment."""
        note = self.read_input(s.NoteSerializer)["note"]
        return self._run(requests.reopen_request, reason=note)

    @extend_schema(request=s.CommentInputSerializer,
                   responses={201: s.ServiceRequestDetailSerializer})  # fmt: skip
    @action(detail=True, methods=["post"])
    def comment(self, request: Request, slug: str, pk: str) -> Response:
        body = self.read_input(s.CommentInputSerializer)["body"]
        item = self.get_object()
        requests.comment_on_request(item, body, actor=request.user, source=API)
        return self._detail(item, status.HTTP_201_CREATED)

    @extend_schema(request=s.RateSerializer, responses=s.ServiceRequestDetailSerializer)
    @action(detail=True, methods=["post"])
    def rate(self, request: Request, slug: str, pk: str) -> Response:
        """The member rates the outcome of a resolved request, 1 to 5."""
        data = self.read_input(s.RateSerializer)
        return self._run(requests.rate_request, score=data["rating"], comment=data["comment"])


class AssessmentView(APIView):
    """The high-tech-enterprise pre-assessment (国科发火〔2016〕32号 第十一条): post the facts,
    get every condition's verdict with its figures, citation, reason and advice, and the
    innovation score range. Nothing is saved. A missing or impossible fact answers 400 with
    messages keyed by its path (``years.0.sales_revenue``). ``tech_field`` null: none of the
    eight supported fields."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.FactsInputSerializer, responses=s.ReportSerializer,
                   operation_id="memberservices_assessments_create")  # fmt: skip
    def post(self, request: Request) -> Response:
        serializer = s.FactsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        today = timezone.localdate()
        on = data.pop("on") or today
        report = assess(facts_from_data(data), on=on, today=today)
        return Response(report_to_data(report))
