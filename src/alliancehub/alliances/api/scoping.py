"""The API's one gate for everything an alliance owns: ``/api/v1/alliances/{slug}/<resource>/``.

A viewset built on ``AllianceScopedViewSet`` resolves the alliance from the URL's slug (404 if
unknown); ``AlliancePermission`` then checks the rule its ``permissions`` map names for the
action against that alliance (django-rules, ``accounts/rules.py``: anonymous callers get 401,
signed-in callers without the right 403); and every queryset starts from
``Model.objects.for_alliance(alliance)``, so an id of another alliance is simply not found.
"""

from datetime import date
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from ...common.models import AllianceOwned
from ..models import Alliance

MANAGE = "alliances.manage"
VIEW_PRIVATE = "alliances.view_private"
ACT_AS_MEMBER = "alliances.act_as_member"
APPLY = "alliances.apply"
PUBLIC = None

#: A rule name, several of which any one will do, or ``PUBLIC``.
Required = str | tuple[str, ...] | None

SLUG_PATTERN = r"alliances/(?P<slug>[-a-zA-Z0-9_]+)"

ON_PARAMETER = OpenApiParameter(
    "on", OpenApiTypes.DATE, description="Day to ask about, YYYY-MM-DD (default: today)."
)


def day_param(request: Request, name: str = "on") -> date:
    """The date in query parameter ``name``, today when absent; 400 when malformed."""
    value = request.query_params.get(name)
    if not value:
        return timezone.localdate()
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise serializers.ValidationError({name: [_("Enter a date as YYYY-MM-DD.")]}) from error


class AlliancePermission(BasePermission):
    """Checks the rule the view requires for this action on the alliance in the URL."""

    def has_permission(self, request: Request, view: Any) -> bool:
        required = view.required_permission()
        if required is PUBLIC:
            return True
        names = (required,) if isinstance(required, str) else required
        return any(request.user.has_perm(name, view.alliance) for name in names)


class AllianceScopedField(serializers.PrimaryKeyRelatedField):
    """An id of an object of the request's alliance; any other id reads as "does not exist"."""

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        assert queryset is not None  # declared with one, for its model
        return queryset.model.objects.for_alliance(self.context["alliance"])


@extend_schema(
    parameters=[
        OpenApiParameter(
            "slug",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            description="The alliance's short name.",
        )
    ]
)
class AllianceScopedViewSet(viewsets.GenericViewSet):
    """Base for ``/alliances/{slug}/<resource>/``. Subclasses set ``model`` and ``permissions``
    (action → rule); an action missing from the map needs ``alliances.manage``."""

    model: ClassVar[type[AllianceOwned]]
    permissions: ClassVar[dict[str, Required]] = {}
    permission_classes = [AlliancePermission]
    alliance: Alliance

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        self.alliance = get_object_or_404(Alliance, slug=kwargs["slug"])
        super().initial(request, *args, **kwargs)

    def required_permission(self) -> Required:
        # Failing closed: a forgotten entry is the secretariat's, never the public's.
        return self.permissions.get(self.action or "", MANAGE)

    def can(self, permission: str) -> bool:
        return bool(self.request.user.has_perm(permission, self.alliance))

    def scoped(self, model: type[AllianceOwned] | None = None) -> QuerySet[Any]:
        """Every object of ``model`` (the viewset's own by default) owned by the alliance."""
        model = model or self.model
        if getattr(self, "swagger_fake_view", False):  # schema generation: no alliance
            return model.objects.none()
        return model.objects.for_alliance(self.alliance)

    def get_queryset(self) -> QuerySet[Any]:
        return self.scoped()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "alliance": getattr(self, "alliance", None)}

    def read_input(self, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
        """The request body checked by ``serializer_class`` (400 when it does not fit)."""
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def respond(self, instance: Any, status: int = 200) -> Response:
        """``instance`` as the viewset's serializer shows it."""
        return Response(self.get_serializer(instance).data, status=status)
