"""The council, meetings, motions and ballots of one alliance: ``/alliances/{slug}/…``.

Every view is an ``AllianceScopedViewSet`` (see ``alliances/api/scoping.py``): the permission is
checked on the alliance in the URL and objects are looked up through it. Each change calls the
domain function the pages call, with ``source=API`` and the caller as actor.
"""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from ...accounts.rules import represented_organization_ids
from ...alliances.api.scoping import (
    ACT_AS_MEMBER,
    MANAGE,
    ON_PARAMETER,
    PUBLIC,
    VIEW_PRIVATE,
    AllianceScopedViewSet,
    day_param,
)
from ...common.domain.audit import Source
from ...organizations.models import Organization
from ..domain import charter as charters
from ..domain import council, meeting, voting
from ..models import (
    Candidate,
    CharterVersion,
    Meeting,
    Motion,
    Office,
    Resolution,
    Term,
    TierChange,
)
from .serializers import (
    AppointInputSerializer,
    AttendanceInputSerializer,
    AttendanceSerializer,
    BallotInputSerializer,
    BallotReceiptSerializer,
    CharterVersionSerializer,
    CloseInputSerializer,
    CouncilSerializer,
    MeetingDetailSerializer,
    MeetingInputSerializer,
    MeetingSerializer,
    MotionInputSerializer,
    MotionSerializer,
    OfficeSerializer,
    ResolutionSerializer,
    TermSerializer,
)

READ = ("list", "retrieve")
API = Source.API


class CouncilViewSet(AllianceScopedViewSet):
    """Who holds the alliance's offices on a day (public)."""

    model = Office
    permissions = {"list": PUBLIC}
    serializer_class = CouncilSerializer
    pagination_class = None

    @extend_schema(parameters=[ON_PARAMETER], responses=CouncilSerializer)
    def list(self, request: Request, slug: str) -> Response:
        """The offices held on ``on`` (default today) from the chair down, with their holders,
        and the rotating chair of that day if there is one."""
        day = day_param(request)
        offices = [
            office for _kind, group in council.council_on(self.alliance, day) for office in group
        ]
        chair = council.rotating_chair_on(self.alliance, day)
        return self.respond({"on": day, "offices": offices, "rotating_chair": chair})


class TermViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """The alliance's council terms (届), first to last (public)."""

    model = Term
    permissions = dict.fromkeys(READ, PUBLIC)
    serializer_class = TermSerializer

    def get_queryset(self) -> QuerySet[Term]:
        return self.scoped().order_by("number")


class OfficeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """Every holder of every office, past ones included (public); the secretariat appoints."""

    model = Office
    permissions = {**dict.fromkeys(READ, PUBLIC), "create": MANAGE}
    serializer_class = OfficeSerializer

    def get_queryset(self) -> QuerySet[Office]:
        return self.scoped().select_related("organization", "term").order_by("valid_from", "id")

    @extend_schema(request=AppointInputSerializer, responses={201: OfficeSerializer})
    def create(self, request: Request, slug: str) -> Response:
        """Give an office to a unit (chair, vice-chair …) or a person (secretary-general …)."""
        data = self.read_input(AppointInputSerializer)
        office = council.appoint(
            data.pop("term"), data.pop("kind"), on=data.pop("valid_from"), actor=request.user,
            source=API, **data,
        )  # fmt: skip
        return self.respond(office, status.HTTP_201_CREATED)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """Meetings, latest first (members-only); the secretariat schedules them and records who
    attended. The detail adds the attendance and the agenda."""

    model = Meeting
    permissions = {**dict.fromkeys(READ, VIEW_PRIVATE), "create": MANAGE, "attendance": MANAGE}

    def get_serializer_class(self) -> type[BaseSerializer[Meeting]]:
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        meetings = self.scoped().select_related("term").order_by("-held_on", "-id")
        if self.action == "retrieve":
            meetings = meetings.prefetch_related("attendance__organization", "agenda")
        return meetings

    @extend_schema(request=MeetingInputSerializer, responses={201: MeetingSerializer})
    def create(self, request: Request, slug: str) -> Response:
        """Schedule a meeting; it is numbered within its term and kind."""
        data = self.read_input(MeetingInputSerializer)
        scheduled = meeting.schedule_meeting(self.alliance, actor=request.user, source=API, **data)
        return self.respond(scheduled, status.HTTP_201_CREATED)

    @extend_schema(request=AttendanceInputSerializer, responses=AttendanceSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, slug: str, pk: str) -> Response:
        """Record that a unit or a person attended (or was absent); a unit's row is updated."""
        held = self.get_object()
        data = self.read_input(AttendanceInputSerializer)
        row = meeting.record_attendance(held, actor=request.user, source=API, **data)
        return Response(AttendanceSerializer(row).data)


class MotionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """Motions and elections (members-only). The secretariat tables them and opens and closes
    the vote; a member's representative votes for its unit."""

    model = Motion
    permissions = {
        **dict.fromkeys(READ, VIEW_PRIVATE),
        **dict.fromkeys(("create", "open", "close"), MANAGE),
        "ballots": ACT_AS_MEMBER,
    }
    serializer_class = MotionSerializer
    filterset_fields = ("meeting", "status")

    def get_queryset(self) -> QuerySet[Motion]:
        tier_changes = TierChange.objects.select_related("organization").order_by("id")
        candidates = Candidate.objects.select_related("organization").order_by("id")
        return (
            self.scoped()
            .select_related("resolution")
            .prefetch_related(Prefetch("tier_changes", tier_changes))
            .prefetch_related(Prefetch("candidates", candidates))
            .order_by("meeting__held_on", "id")
        )

    @extend_schema(request=MotionInputSerializer, responses={201: MotionSerializer})
    def create(self, request: Request, slug: str) -> Response:
        """Table a motion at a meeting: an ordinary motion, tier changes, an election or a
        charter amendment (with the parts that kind needs)."""
        data = self.read_input(MotionInputSerializer)
        tier_changes = [(c["organization"], c["tier"]) for c in data.pop("tier_changes", [])]
        candidates = [(c.get("organization"), c["person"]) for c in data.pop("candidates", [])]
        motion = voting.propose_motion(
            data.pop("meeting"), actor=request.user, source=API, tier_changes=tier_changes,
            candidates=candidates, **data,
        )  # fmt: skip
        return self.respond(self.get_queryset().get(pk=motion.pk), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request: Request, slug: str, pk: str) -> Response:
        """Open the vote (refused without quorum)."""
        voting.open_voting(self.get_object(), actor=request.user, source=API)
        return self.respond(self.get_object())

    @extend_schema(request=CloseInputSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, slug: str, pk: str) -> Response:
        """Close the vote and count it; a passed motion becomes a resolution and takes effect."""
        motion = self.get_object()
        on = self.read_input(CloseInputSerializer).get("on")
        voting.close_voting(motion, actor=request.user, source=API, on=on)
        return self.respond(self.get_object())

    @extend_schema(request=BallotInputSerializer, responses={201: BallotReceiptSerializer})
    @action(detail=True, methods=["post"])
    def ballots(self, request: Request, slug: str, pk: str) -> Response:
        """Vote for the unit the caller represents in this alliance."""
        motion = self.get_object()
        data = self.read_input(BallotInputSerializer)
        # A user has at most one member role per alliance, so one organisation (or, for a
        # platform administrator who passes every rule, none).
        units = represented_organization_ids(request.user, self.alliance)
        if not units:
            raise PermissionDenied(_("You do not represent a member unit of this alliance."))
        unit = Organization.objects.get(pk=min(units))
        voting.cast_vote(
            motion, unit, actor=request.user, source=API, choice=data.get("choice", ""),
            candidates=data.get("candidates"),
        )  # fmt: skip
        receipt = {"motion": motion.pk, "organization": unit.pk, "organization_name": unit.name}
        return Response(BallotReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)


class ResolutionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet):
    """Resolutions, latest first (members-only)."""

    model = Resolution
    permissions = dict.fromkeys(READ, VIEW_PRIVATE)
    serializer_class = ResolutionSerializer

    def get_queryset(self) -> QuerySet[Resolution]:
        return self.scoped().select_related("motion__meeting__term").order_by("-adopted_on", "-id")


class CharterVersionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, AllianceScopedViewSet
):
    """Charter versions: the adopted ones for everyone, the drafts put to a vote for the
    alliance's members, every draft for the secretariat."""

    model = CharterVersion
    permissions = dict.fromkeys(READ, PUBLIC)
    serializer_class = CharterVersionSerializer

    def get_queryset(self) -> QuerySet[CharterVersion]:
        if getattr(self, "swagger_fake_view", False):
            return self.scoped().order_by("number")
        return charters.visible_versions(self.alliance, self.request.user).order_by("number")
