"""The API of the policy library and the talent and financing boards, under
``/alliances/{slug}/``: ``policies/`` (read; ``for-me/``), ``job-postings/`` (with their
applications) and ``financing-needs/`` (with the institutions' responses).

Each write calls the domain verb the pages call (``domain.policies``, ``domain.boards``);
financing needs are read only through ``boards.visible_needs``, their answers through
``boards.visible_responses``.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from ...alliances.api.scoping import ACT_AS_MEMBER, MANAGE, PUBLIC, AllianceScopedViewSet
from ...chains.models import Link
from ...common.domain.audit import Source
from ...organizations.models import Organization
from ..domain import access, boards, policies
from ..forms_boards import NeedFilterSet, PostingFilterSet
from ..forms_policies import PolicyFilterSet
from ..models import FinancingNeed, FinancingResponse, JobApplication, JobPosting, Policy
from . import serializers_boards as s

API = Source.API
READ = ("list", "retrieve")
LINKS = Prefetch("links", queryset=Link.objects.select_related("chain"))


class ListFiltersOnly:
    """The filterset narrows the list; a single object is found whatever the filters say."""

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if getattr(self, "action", None) != "list":
            return queryset
        return super().filter_queryset(queryset)  # type: ignore[misc]


class PolicyViewSet(
    ListFiltersOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet
):
    """The alliance's policy library: its published policies (the secretariat's drafts too).
    Filters ``search``, ``issuer``, ``region`` (a region includes its sub-regions) and
    ``when``: ``in_force`` (the default) or ``all``."""

    model = Policy
    permissions = {"list": PUBLIC, "retrieve": PUBLIC, "for_me": ACT_AS_MEMBER}
    filterset_class = PolicyFilterSet

    def get_serializer_class(self) -> type[BaseSerializer[Policy]]:
        return s.PolicyDetailSerializer if self.action == "retrieve" else s.PolicySerializer

    def get_queryset(self) -> QuerySet[Policy]:
        if getattr(self, "swagger_fake_view", False):
            return Policy.objects.none()
        found = policies.library(self.alliance, drafts=self.can(MANAGE), today=timezone.localdate())
        return found.prefetch_related("regions", LINKS).order_by("-issued_on", "-id")

    @extend_schema(request=s.PolicyInputSerializer, responses={201: s.PolicyDetailSerializer})
    def create(self, request: Request, slug: str) -> Response:
        """(Secretariat) enter a policy in the library, published at once with ``publish``."""
        given = s.PolicyInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        regions, links, publish = data.pop("regions"), data.pop("links"), data.pop("publish")
        policy = policies.create_policy(
            self.alliance, data, actor=request.user, source=API, regions=regions,
            links=links, publish=publish,
        )  # fmt: skip
        return Response(self._shown(policy), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.PolicyDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, slug: str, pk: str) -> Response:
        """(Secretariat) publish a draft: the members it applies to are told."""
        policy = policies.publish_policy(self.get_object(), actor=request.user, source=API)
        return Response(self._shown(policy))

    def _shown(self, policy: Policy) -> dict[str, Any]:
        fresh = self.get_queryset().get(pk=policy.pk)
        return s.PolicyDetailSerializer(fresh, context=self.get_serializer_context()).data

    @extend_schema(
        parameters=[OpenApiParameter(
            "organization", OpenApiTypes.INT,
            description="The member organisation to ask for; needed only when you represent several.",
        )],
        responses=s.PolicySerializer(many=True),
    )  # fmt: skip
    @action(detail=False, url_path="for-me", filter_backends=[])
    def for_me(self, request: Request, slug: str) -> Response:
        """The published policies in force whose every condition the member organisation you
        represent meets."""
        units = access.member_ids(request.user, self.alliance)
        wanted = request.query_params.get("organization", "")
        if wanted:
            if not wanted.isdigit() or int(wanted) not in units:
                raise ValidationError({"organization": [_("You do not represent this organisation here.")]})  # fmt: skip
            unit_id = int(wanted)
        elif len(units) == 1:
            unit_id = next(iter(units))
        else:
            raise ValidationError({"organization": [_("Say for which organisation you ask.")]})
        organization = Organization.objects.get(pk=unit_id)
        found = policies.policies_for(organization, alliances=[self.alliance])
        for policy in found:
            policy.current = True  # type: ignore[attr-defined]  # what ``policies_for`` means
        page = self.paginate_queryset(found)  # type: ignore[arg-type]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class JobPostingViewSet(
    ListFiltersOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet
):
    """The talent board: open positions (anyone), filters ``link`` (``chain:code``, its
    sub-links included) and ``region``. Members post and close positions and read and move
    their applications; anyone applies."""

    model = JobPosting
    permissions = dict.fromkeys(
        (*READ, "create", "close", "applications", "application_status"), PUBLIC
    )
    filterset_class = PostingFilterSet
    serializer_class = s.JobPostingSerializer

    def get_permissions(self) -> list[Any]:
        """Reading and applying need no account; posting and managing do (401 without)."""
        found = list(super().get_permissions())
        reading_applications = self.action == "applications" and self.request.method == "GET"
        if self.action in ("create", "close", "application_status") or reading_applications:
            found.append(IsAuthenticated())
        return found

    def get_queryset(self) -> QuerySet[JobPosting]:
        if getattr(self, "swagger_fake_view", False):
            return JobPosting.objects.none()
        if self.action == "list":
            found = boards.open_postings(self.alliance)
        else:  # a closed or expired posting too, for its organisation and the secretariat
            found = boards.visible_postings(self.request.user, self.alliance)
        found = found.select_related("organization", "region", "link__chain")
        return found.order_by("-created_at", "-id")

    @extend_schema(request=s.JobPostingWriteSerializer, responses={201: s.JobPostingSerializer})
    def create(self, request: Request, slug: str) -> Response:
        """Post a position for your member organisation."""
        data = self.read_input(s.JobPostingWriteSerializer)
        made = boards.post_job(self.alliance, data, actor=request.user, source=API)
        return self.respond(self.get_queryset().get(pk=made.pk), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.JobPostingSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, slug: str, pk: str) -> Response:
        posting = boards.close_job(self.get_object(), actor=request.user, source=API)
        return self.respond(self.get_queryset().get(pk=posting.pk))

    def _own(self, posting: JobPosting) -> None:
        if posting.organization_id != getattr(self.request.user, "organization_id", None):
            raise PermissionDenied(_("Only the organisation that posted the position may do this."))

    @extend_schema(methods=["GET"], request=None,
                   responses=s.JobApplicationSerializer(many=True))  # fmt: skip
    @extend_schema(methods=["POST"], request=s.JobApplicationWriteSerializer,
                   responses={201: s.JobApplicationSerializer})  # fmt: skip
    @action(detail=True, methods=["get", "post"], filter_backends=[])
    def applications(self, request: Request, slug: str, pk: str) -> Response:
        """GET: the candidates (the posting organisation only). POST: apply, signed in or not."""
        posting = self.get_object()
        if request.method == "POST":
            data = self.read_input(s.JobApplicationWriteSerializer)
            made = boards.apply_for_job(posting, data, actor=request.user, source=API)
            return Response(s.JobApplicationSerializer(made).data, status=status.HTTP_201_CREATED)
        self._own(posting)
        page = self.paginate_queryset(JobApplication.objects.filter(posting=posting))
        return self.get_paginated_response(s.JobApplicationSerializer(page, many=True).data)

    @extend_schema(request=s.ApplicationStatusSerializer, responses=s.JobApplicationSerializer,
                   parameters=[OpenApiParameter("application", OpenApiTypes.INT,
                                                OpenApiParameter.PATH)])  # fmt: skip
    @action(detail=True, methods=["post"], url_path=r"applications/(?P<application>[0-9]+)/status")
    def application_status(
        self, request: Request, slug: str, pk: str, application: str
    ) -> Response:
        """Move a candidate along: received, shortlisted, hired, declined."""
        posting = self.get_object()
        self._own(posting)
        found = get_object_or_404(JobApplication.objects.filter(posting=posting), pk=application)
        data = self.read_input(s.ApplicationStatusSerializer)
        moved = boards.set_application_status(found, data["status"], actor=request.user,
                                              source=API)  # fmt: skip
        return Response(s.JobApplicationSerializer(moved).data)


class FinancingNeedViewSet(
    ListFiltersOnly, mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet
):
    """Financing needs you may see: all (secretariat), the open ones and those you answered
    (financial institutions), your organisation's (members). Filters ``status``, ``stage``.
    Anyone else is refused the list (403) and finds no need (404)."""

    model = FinancingNeed
    permission_classes = [IsAuthenticated, *AllianceScopedViewSet.permission_classes]
    # Who may act is the domain's rule; visibility is the queryset's.
    permissions = dict.fromkeys((*READ, "create", "close", "responses"), PUBLIC)
    filterset_class = NeedFilterSet
    serializer_class = s.FinancingNeedSerializer

    def get_queryset(self) -> QuerySet[FinancingNeed]:
        if getattr(self, "swagger_fake_view", False):
            return FinancingNeed.objects.none()
        user = self.request.user
        answers = boards.visible_responses(user, self.alliance).select_related("institution")
        return (
            boards.visible_needs(user, self.alliance).select_related("link__chain")
            .prefetch_related(Prefetch("responses", queryset=answers.order_by("-updated_at", "-id")))
            .order_by("-created_at", "-id")
        )  # fmt: skip

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not boards.takes_part(request.user, self.alliance):
            raise PermissionDenied(_("The financing board is for the alliance's members and financial institutions."))  # fmt: skip
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=s.FinancingNeedWriteSerializer, responses={201: s.FinancingNeedSerializer}
    )
    def create(self, request: Request, slug: str) -> Response:
        """File a financing need for your member organisation."""
        data = self.read_input(s.FinancingNeedWriteSerializer)
        made = boards.file_need(self.alliance, data, actor=request.user, source=API)
        return self.respond(self.get_queryset().get(pk=made.pk), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.FinancingNeedSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, slug: str, pk: str) -> Response:
        need = boards.close_need(self.get_object(), actor=request.user, source=API)
        return self.respond(self.get_queryset().get(pk=need.pk))

    @extend_schema(request=s.FinancingResponseWriteSerializer,
                   responses={200: s.FinancingResponseSerializer,
                              201: s.FinancingResponseSerializer})  # fmt: skip
    @action(detail=True, methods=["post"], filter_backends=[])
    def responses(self, request: Request, slug: str, pk: str) -> Response:
        """A financial institution answers (201), or moves its answer on (200)."""
        need = self.get_object()
        data = self.read_input(s.FinancingResponseWriteSerializer)
        own = getattr(request.user, "organization_id", None)
        new = not FinancingResponse.objects.filter(need=need, institution_id=own).exists()
        answer = boards.respond(need, status=data["status"], message=data["message"],
                                actor=request.user, source=API)  # fmt: skip
        answer = FinancingResponse.objects.select_related("institution").get(pk=answer.pk)
        code = status.HTTP_201_CREATED if new else status.HTTP_200_OK
        return Response(s.FinancingResponseSerializer(answer).data, status=code)
