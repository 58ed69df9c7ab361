from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ..domain.queries import roster
from ..models import Alliance
from .serializers import AllianceSerializer, MembershipSerializer


class AllianceViewSet(viewsets.ReadOnlyModelViewSet):
    """Alliances and their member units (public records)."""

    serializer_class = AllianceSerializer
    queryset = Alliance.objects.select_related("region").order_by("name", "id")
    lookup_field = "slug"

    @extend_schema(
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="Day to ask about (today).")
        ],
        responses=MembershipSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def members(self, request: Request, slug: str | None = None) -> Response:
        """The memberships in force on ``on`` (default today), chair units first."""
        alliance = self.get_object()
        day = self._day(request.query_params.get("on"))
        periods = [m for _tier, group in roster(alliance, day) for m in group]
        return Response(MembershipSerializer(periods, many=True).data)

    @staticmethod
    def _day(value: str | None) -> date:
        if not value:
            return timezone.localdate()
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise serializers.ValidationError({"on": [_("Enter a date as YYYY-MM-DD.")]}) from error
