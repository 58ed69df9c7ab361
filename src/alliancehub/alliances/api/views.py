from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts.rules import represented_organization_ids
from ...common.domain.audit import Source
from ..domain import membership
from ..domain.queries import roster
from ..models import Alliance, Membership, MembershipApplication
from .filters import ApplicationFilterSet, MembershipFilterSet
from .scoping import (
    ACT_AS_MEMBER,
    APPLY,
    MANAGE,
    ON_PARAMETER,
    VIEW_PRIVATE,
    AllianceScopedViewSet,
    day_param,
)
from .serializers import (
    AllianceSerializer,
    ApplicationSerializer,
    ApplyInputSerializer,
    ApproveInputSerializer,
    MembershipPeriodSerializer,
    MembershipSerializer,
    RejectInputSerializer,
)


class AllianceViewSet(viewsets.ReadOnlyModelViewSet):
    """Alliances and their member units (public records)."""

    serializer_class = AllianceSerializer
    queryset = Alliance.objects.select_related("region").order_by("name", "id")
    lookup_field = "slug"

    @extend_schema(parameters=[ON_PARAMETER], responses=MembershipSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def members(self, request: Request, slug: str | None = None) -> Response:
        """The memberships in force on ``on`` (default today), chair units first."""
        alliance = self.get_object()
        periods = [m for _tier, group in roster(alliance, day_param(request)) for m in group]
        return Response(MembershipSerializer(periods, many=True).data)


class MembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """Every membership period of the alliance, ended ones included (members-only).

    ``on`` keeps the periods in force on a day; ``tier`` one tier.
    """

    model = Membership
    permissions = {"list": VIEW_PRIVATE, "retrieve": VIEW_PRIVATE}
    serializer_class = MembershipPeriodSerializer
    filterset_class = MembershipFilterSet

    def get_queryset(self) -> QuerySet[Membership]:
        return self.scoped().select_related("organization").order_by("valid_from", "id")


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """Membership applications. The secretariat sees all of the alliance's and decides them;
    a member's representative (or an applicant) sees only those of its own organisation."""

    model = MembershipApplication
    permissions = {
        "list": (MANAGE, ACT_AS_MEMBER, APPLY),
        "retrieve": (MANAGE, ACT_AS_MEMBER, APPLY),
        "create": APPLY,
        "approve": MANAGE,
        "reject": MANAGE,
    }
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilterSet

    def get_queryset(self) -> QuerySet[MembershipApplication]:
        applications = self.scoped().select_related("organization").order_by("-created_at", "-id")
        if getattr(self, "swagger_fake_view", False) or self.can(MANAGE):
            return applications
        own = represented_organization_ids(self.request.user, self.alliance)
        # An applicant may follow its application before its organisation is a member.
        applicant_organization_id = getattr(self.request.user, "organization_id", None)
        if applicant_organization_id:
            own.add(applicant_organization_id)
        return applications.filter(organization_id__in=own)

    @extend_schema(request=ApplyInputSerializer, responses={201: ApplicationSerializer})
    def create(self, request: Request, slug: str) -> Response:
        """Apply for membership for the organisation the signed-in user represents."""
        data = self.read_input(ApplyInputSerializer)
        organization = getattr(request.user, "organization", None)
        if organization is None:  # a platform administrator passes every rule
            raise PermissionDenied(_("Your account does not represent an organisation."))
        application = membership.apply_for_membership(
            self.alliance, organization, actor=request.user, source=Source.API, **data
        )
        return self.respond(application, status.HTTP_201_CREATED)

    @extend_schema(request=ApproveInputSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, slug: str, pk: str) -> Response:
        """Admit the applicant from ``on`` (default today) at the tier applied for."""
        application = self.get_object()
        data = self.read_input(ApproveInputSerializer)
        membership.approve_membership(
            application, actor=request.user, source=Source.API, on=data.get("on"),
            basis=data["basis"],
        )  # fmt: skip
        return self.respond(application)

    @extend_schema(request=RejectInputSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, slug: str, pk: str) -> Response:
        """Turn the application down; the reason is shown to the applicant."""
        application = self.get_object()
        data = self.read_input(RejectInputSerializer)
        membership.reject_membership(
            application, actor=request.user, source=Source.API, reason=data["reason"]
        )
        return self.respond(application)
