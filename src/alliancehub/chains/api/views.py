"""The chains API: chains and their map, gaps, risks and candidates (public reads), the
organisations on a link, Excel exports, and positions (changed by those who act for the
organisation: platform staff, its own users, the secretariat of an alliance it belongs to).

Query parameters: ``region`` a GB/T 2260 code (a region includes its sub-regions),
``compare`` a second region, ``alliance`` an alliance's slug, ``link`` a link code of the
chain. An unknown chain is 404; an unknown region, alliance or link is 400 naming it.
"""

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from openpyxl import Workbook
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from ...accounts.models import AllianceRole
from ...alliances.domain.membership import in_force_on
from ...alliances.models import Alliance, Membership
from ...common.api.pagination import PageNumberPagination
from ...common.domain.audit import Source
from ...organizations.models import Organization, Region
from ..domain import analysis, exports, positions
from ..enums import PositionSource, PositionStatus
from ..models import Chain, Link, Position
from . import serializers as s

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REGION = OpenApiParameter("region", OpenApiTypes.STR, description="GB/T 2260 region code.")
REQUIRED_REGION = OpenApiParameter(
    "region", OpenApiTypes.STR, required=True, description="GB/T 2260 region code."
)
COMPARE = OpenApiParameter(
    "compare", OpenApiTypes.STR, description="A second region, side by side."
)
ALLIANCE = OpenApiParameter(
    "alliance", OpenApiTypes.STR, description="Only this alliance's members today."
)
LINK = OpenApiParameter("link", OpenApiTypes.STR, description="A link code of the chain.")
REQUIRED_LINK = OpenApiParameter(
    "link", OpenApiTypes.STR, required=True, description="A link code of the chain."
)
SHEET = {(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="Excel workbook")}


def _region(request: Request, name: str = "region", *, required: bool = True) -> Region | None:
    code = request.query_params.get(name, "").strip()
    if not code:
        if required:
            raise ValidationError({name: [_("Give a region code.")]})
        return None
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ValidationError({name: [_("Unknown region code “{code}”.").format(code=code)]})
    return region


def _alliance(request: Request) -> Alliance | None:
    slug = request.query_params.get("alliance", "").strip()
    if not slug:
        return None
    alliance = Alliance.objects.filter(slug=slug).first()
    if alliance is None:
        raise ValidationError({"alliance": [_("Unknown alliance “{slug}”.").format(slug=slug)]})
    return alliance


def _link(chain: Chain, request: Request, *, required: bool) -> Link | None:
    code = request.query_params.get("link", "").strip()
    if not code:
        if required:
            raise ValidationError({"link": [_("Give a link code.")]})
        return None
    code = code.removeprefix(f"{chain.slug}:")
    found = (
        Link.objects.filter(chain=chain, code=code, retired=False).select_related("chain").first()
    )
    if found is None:
        raise ValidationError({"link": [_("The chain has no link “{code}”.").format(code=code)]})
    return found


def _codes(chain: Chain) -> dict[int, str]:
    return dict(Link.objects.filter(chain=chain).values_list("id", "code"))


def _workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response


class ChainViewSet(viewsets.ReadOnlyModelViewSet):
    """Industry chains, their maps and analyses (public). Excel: ``gaps.xlsx``, ``risks.xlsx``,
    ``candidates.xlsx`` beside ``gaps/``, ``risks/``, ``candidates/``, same parameters."""

    queryset = Chain.objects.order_by("slug")
    lookup_field = "slug"
    permission_classes = [AllowAny]
    pagination_class = None

    def get_serializer_class(self) -> Any:
        return s.ChainDetailSerializer if self.action == "retrieve" else s.ChainSerializer

    @extend_schema(parameters=[REGION, ALLIANCE], responses=s.MapSerializer)
    @action(detail=True, methods=["get"])
    def map(self, request: Request, slug: str) -> Response:
        """Every link with its count and status for the region (the country when absent)."""
        chain = self.get_object()
        found = analysis.chain_map(
            chain, region=_region(request, required=False), alliance=_alliance(request)
        )
        payload = {
            "chain": chain.slug,
            "region": found.region.code if found.region else None,
            "alliance": found.alliance.slug if found.alliance else None,
            "links": found.links,
            "edges": [{"source": a.code, "target": b.code} for a, b in found.edges],
        }
        return Response(s.MapSerializer(payload, context={"codes": _codes(chain)}).data)

    @extend_schema(parameters=[REQUIRED_REGION, COMPARE], responses=s.GapsSerializer)
    @action(detail=True, methods=["get"])
    def gaps(self, request: Request, slug: str) -> Response:
        """Each link's status in the region with the numbers behind it; ``compare`` adds a
        second region's figures beside each link."""
        chain = self.get_object()
        region, other = _region(request), _region(request, "compare", required=False)
        assert region is not None
        compare = {f.link.pk: f for f in analysis.gaps(chain, other)} if other else {}
        payload = {
            "chain": chain.slug,
            "region": region.code,
            "compare": other.code if other else None,
            "links": analysis.gaps(chain, region),
        }
        context = {"codes": _codes(chain), "compare": compare}
        return Response(s.GapsSerializer(payload, context=context).data)

    @extend_schema(parameters=[REQUIRED_REGION], responses=s.RisksSerializer)
    @action(detail=True, methods=["get"])
    def risks(self, request: Request, slug: str) -> Response:
        """Links resting on one or two local organisations, and supplier links with nobody
        local that feed a strong local link."""
        chain = self.get_object()
        region = _region(request)
        assert region is not None
        found = analysis.risks(chain, region)
        payload = {"chain": chain.slug, "region": region.code, "risks": found}
        return Response(s.RisksSerializer(payload).data)

    @extend_schema(parameters=[REQUIRED_REGION, LINK], responses=s.InvestmentCandidatesSerializer)
    @action(detail=True, methods=["get"])
    def candidates(self, request: Request, slug: str) -> Response:
        """Organisations elsewhere on the region's missing or weak links (or on ``link``),
        ranked by the score documented in ``analysis.candidates``."""
        chain = self.get_object()
        region = _region(request)
        assert region is not None
        found = analysis.candidates(chain, region, link=_link(chain, request, required=False))
        payload = {"chain": chain.slug, "region": region.code, "candidates": found}
        return Response(s.InvestmentCandidatesSerializer(payload).data)

    @extend_schema(
        parameters=[REQUIRED_LINK, REGION, ALLIANCE],
        responses=s.OrganizationBriefSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=PageNumberPagination)
    def organizations(self, request: Request, slug: str) -> Response:
        """The organisations with a confirmed position on the link (paginated, by name)."""
        chain = self.get_object()
        link = _link(chain, request, required=True)
        assert link is not None
        found = analysis.organizations_on(
            link, region=_region(request, required=False), alliance=_alliance(request)
        )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(s.OrganizationBriefSerializer(page, many=True).data)

    @extend_schema(parameters=[REQUIRED_REGION, COMPARE], responses=SHEET)
    def gaps_xlsx(self, request: Request, slug: str) -> HttpResponse:
        """The gap analysis as an Excel workbook (two regions side by side with ``compare``)."""
        chain = get_object_or_404(Chain, slug=slug)
        region, other = _region(request), _region(request, "compare", required=False)
        assert region is not None
        workbook = exports.gaps_workbook(chain, region, compare=other)
        suffix = f"-{other.code}" if other else ""
        return _workbook_response(workbook, f"{chain.slug}-gaps-{region.code}{suffix}.xlsx")

    @extend_schema(parameters=[REQUIRED_REGION], responses=SHEET)
    def risks_xlsx(self, request: Request, slug: str) -> HttpResponse:
        """The risk list as an Excel workbook."""
        chain = get_object_or_404(Chain, slug=slug)
        region = _region(request)
        assert region is not None
        workbook = exports.risks_workbook(chain, region)
        return _workbook_response(workbook, f"{chain.slug}-risks-{region.code}.xlsx")

    @extend_schema(parameters=[REQUIRED_REGION, LINK], responses=SHEET)
    def candidates_xlsx(self, request: Request, slug: str) -> HttpResponse:
        """The investment-attraction candidates as an Excel workbook."""
        chain = get_object_or_404(Chain, slug=slug)
        region = _region(request)
        assert region is not None
        link = _link(chain, request, required=False)
        workbook = exports.candidates_workbook(chain, region, link=link)
        return _workbook_response(workbook, f"{chain.slug}-candidates-{region.code}.xlsx")


def secretariat_organization_ids(user: Any) -> QuerySet[Membership]:
    """Memberships in force today of the alliances where ``user`` is on the secretariat."""
    alliances = AllianceRole.objects.filter(user=user, role=AllianceRole.Kind.SECRETARIAT)
    return Membership.objects.filter(
        in_force_on(timezone.localdate()), alliance__in=alliances.values("alliance")
    )


def can_edit(user: Any, organization: Organization) -> bool:
    """Platform staff, the organisation's own users, and the secretariat of an alliance the
    organisation is a member of today may enter and change its positions."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser or user.organization_id == organization.pk:
        return True
    return secretariat_organization_ids(user).filter(organization=organization).exists()


class PositionPermission(BasePermission):
    """Anyone may read; writing needs a signed-in user (the object check comes after)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class PositionFilterSet(django_filters.FilterSet):
    organization = django_filters.NumberFilter(field_name="organization_id")
    link = django_filters.NumberFilter(field_name="link_id")
    status = django_filters.ChoiceFilter(choices=PositionStatus.choices)

    class Meta:
        model = Position
        fields = ["organization", "link", "status"]


class PositionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """Organisations' positions on chain links. Confirmed positions are public; a suggestion
    is seen only by those who may confirm it. Filters: ``organization``, ``link`` (ids),
    ``status``."""

    serializer_class = s.PositionSerializer
    permission_classes = [PositionPermission]
    filterset_class = PositionFilterSet

    def get_queryset(self) -> QuerySet[Position]:
        found = Position.objects.select_related("link__chain").order_by("id")
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or user.is_staff or user.is_superuser:
            return found
        visible = Q(status=PositionStatus.CONFIRMED)
        if user.is_authenticated:
            visible |= Q(organization_id=user.organization_id) | Q(
                Exists(
                    secretariat_organization_ids(user).filter(organization=OuterRef("organization"))
                )
            )
        return found.filter(visible)

    def _check(self, organization: Organization) -> None:
        if not self.request.user.is_authenticated:
            raise NotAuthenticated()
        if not can_edit(self.request.user, organization):
            raise PermissionDenied(_("You may not change this organisation's positions."))

    def _source(self, organization: Organization) -> str:
        own = getattr(self.request.user, "organization_id", None) == organization.pk
        return PositionSource.ORGANIZATION if own else PositionSource.SECRETARIAT

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organization, link = data.pop("organization"), data.pop("link")
        self._check(organization)
        position = positions.add_position(
            organization,
            link,
            actor=request.user,
            source=Source.API,
            entered_by=self._source(organization),
            **data,
        )
        return Response(self.get_serializer(position).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PositionUpdateSerializer, responses=s.PositionSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        position = self.get_object()
        self._check(position.organization)
        serializer = s.PositionUpdateSerializer(
            data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        position = positions.update_position(
            position, dict(serializer.validated_data), actor=request.user, source=Source.API
        )
        return Response(self.get_serializer(position).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        position = self.get_object()
        self._check(position.organization)
        positions.remove_position(position, actor=request.user, source=Source.API)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=s.PositionSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        """A person confirms a suggested position; from then on it counts."""
        position = self.get_object()
        self._check(position.organization)
        position = positions.confirm_position(position, actor=request.user, source=Source.API)
        return Response(self.get_serializer(position).data)
