"""The exchange API: posts (read what you may see; write for the organisation you represent),
a post's matches with their score and reasons, and introductions with their actions.

Posts follow ``domain.visibility``: a members-only post is found only by the members of the
alliances that approved it, in lists, matches and detail alike (404 otherwise).
"""

from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ...chains.models import Link
from ...common.domain.audit import Source
from ..domain import introductions, matching, posts
from ..domain.visibility import visible_posts
from ..enums import PostStatus
from ..filtersets import PostFilterSet
from ..models import Introduction, Listing, Post
from . import serializers as s


class ReadOrSignedIn(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class PostViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    mixins.UpdateModelMixin, viewsets.GenericViewSet,
):  # fmt: skip
    """Offers and needs. Lists show live posts the caller may see plus the caller's
    organisation's own; the marketplace's filters: ``search``, ``direction``, ``kind``,
    ``link`` (chain:code, sub-links included), ``region`` (a code or name, sub-regions
    included), ``alliance`` (a slug)."""

    serializer_class = s.PostSerializer
    permission_classes = [ReadOrSignedIn]
    filterset_class = PostFilterSet  # the marketplace page's filters

    def get_queryset(self) -> QuerySet[Post]:
        if getattr(self, "swagger_fake_view", False):
            return Post.objects.none()
        return (
            visible_posts(self.request.user)
            .select_related("organization")
            .prefetch_related("links__chain", "listings__alliance")
            .order_by("-published_at", "-id")
        )

    def _write(self, request: Request, post: Post | None) -> Post:
        serializer = s.PostWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        links, alliances, submit = data.pop("links"), data.pop("alliances"), data.pop("submit")
        if post is None:
            organization = getattr(request.user, "organization", None)
            if organization is None:
                raise PermissionDenied(_("You do not represent an organisation."))
            return posts.create_post(
                data, organization=organization, actor=request.user, source=Source.API,
                links=links, alliances=alliances, submit=submit,
            )  # fmt: skip
        post = posts.update_post(
            post, data, actor=request.user, source=Source.API, links=links, alliances=alliances
        )
        if submit and post.status == PostStatus.DRAFT:
            post = posts.submit_post(post, actor=request.user, source=Source.API)
        return post

    @extend_schema(request=s.PostWriteSerializer, responses={201: s.PostSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        post = self._write(request, None)
        return Response(self.get_serializer(post).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PostWriteSerializer, responses=s.PostSerializer)
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        post = self._write(request, self.get_object())
        return Response(self.get_serializer(post).data)

    @extend_schema(request=s.PostWriteSerializer, responses=s.PostSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, **kwargs)

    @extend_schema(responses=s.MatchSerializer(many=True))
    @action(detail=True, methods=["get"])
    def matches(self, request: Request, pk: str | None = None) -> Response:
        """The ten best counterparts the caller may see, each with ``score`` and ``reasons``."""
        post = self.get_object()
        found = matching.matches(post, viewer=request.user)
        prefetch_related_objects(
            [m.post for m in found],
            Prefetch("links", queryset=Link.objects.select_related("chain")),
            Prefetch("listings", queryset=Listing.objects.select_related("alliance")),
        )
        return Response(s.MatchSerializer(found, many=True, context={"request": request}).data)

    @extend_schema(request=None, responses=s.PostSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the post; ``?matched=1``: because the counterpart was found."""
        matched = request.query_params.get("matched") in ("1", "true")
        post = posts.close_post(
            self.get_object(), actor=request.user, source=Source.API, matched=matched
        )
        return Response(self.get_serializer(post).data)


class IntroductionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Introductions asked by or of the caller's organisation; contacts appear in
    ``contacts`` once the counterpart accepts."""

    serializer_class = s.IntroductionSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Introduction]:
        if getattr(self, "swagger_fake_view", False):
            return Introduction.objects.none()
        return introductions.involving(self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        request=s.IntroductionRequestSerializer, responses={201: s.IntroductionSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = s.IntroductionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        seen = visible_posts(request.user)
        post = get_object_or_404(seen, pk=serializer.validated_data["post"])
        counterpart = get_object_or_404(seen, pk=serializer.validated_data["counterpart_post"])
        introduction = introductions.request_introduction(
            post, counterpart, actor=request.user, source=Source.API,
            message=serializer.validated_data["message"],
        )  # fmt: skip
        return Response(self.get_serializer(introduction).data, status=status.HTTP_201_CREATED)

    def _answer(self, request: Request, accept: bool) -> Response:
        serializer = s.ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        introduction = introductions.respond(
            self.get_object(), accept=accept, actor=request.user, source=Source.API,
            reply=serializer.validated_data["reply"],
        )  # fmt: skip
        return Response(self.get_serializer(introduction).data)

    @extend_schema(request=s.ReplySerializer, responses=s.IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """The counterpart accepts: both sides see each other's contacts."""
        return self._answer(request, True)

    @extend_schema(request=s.ReplySerializer, responses=s.IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        return self._answer(request, False)

    @extend_schema(request=None, responses=s.IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        introduction = introductions.withdraw(
            self.get_object(), actor=request.user, source=Source.API
        )
        return Response(self.get_serializer(introduction).data)

    @extend_schema(request=s.OutcomeSerializer, responses=s.IntroductionSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        serializer = s.OutcomeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        introduction = introductions.record_outcome(
            self.get_object(), serializer.validated_data["outcome"], actor=request.user,
            source=Source.API, note=serializer.validated_data["note"],
        )  # fmt: skip
        return Response(self.get_serializer(introduction).data)
