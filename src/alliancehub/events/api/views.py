"""The events API: ``/api/v1/events/`` and what hangs under one event.

Events are read through ``domain.visibility.visible_events`` (404 for what the caller may not
see). Each action checks its own rule from ``events/rules.py`` and calls the domain function
the pages call, with ``source=API``. Registering is open to anonymous callers: DRF's session
authentication checks CSRF only for a signed-in session, so a bare JSON POST goes through.
A domain refusal answers 400 with its messages and, where it has one, its ``code``.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DomainError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from ...alliances.models import Alliance
from ...common.domain.audit import Source
from ..domain import answers, judging, programme, tickets
from ..domain import registration as registrations
from ..domain import roadshow as roadshows
from ..domain.ranking import ranking
from ..domain.receipts import read_receipt, waiting_positions
from ..domain.visibility import visible_events
from ..enums import RegistrationStatus
from ..filtersets import EventFilterSet, RegistrationFilterSet
from ..models import Event, JudgeAssignment, Pitch, Question, Registration, Roadshow, Session
from ..models import Speaker as SpeakerModel
from . import serializers as s

API = Source.API
MANAGE = "events.manage"
REFUSED = OpenApiResponse(s.RefusalSerializer, description="The domain's refusal.")
GROUPS = (("question_", "answers"), ("criterion_", "scores"))


def refused(error: DomainError) -> Response:
    """A domain refusal as a 400: ``{"detail": [...], "code": ...}``, or per field, with the
    answers' and scores' errors under ``answers`` / ``scores`` by question / criterion id."""
    if not hasattr(error, "error_dict"):
        body: dict[str, Any] = {"detail": error.messages}
        if error.code:
            body["code"] = error.code
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    body = {}
    for key, messages in error.message_dict.items():
        for prefix, group in GROUPS:
            if key.startswith(prefix):
                body.setdefault(group, {})[key.removeprefix(prefix)] = messages
                break
        else:
            body["detail" if key == NON_FIELD_ERRORS else key] = messages
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def paginated(name: str, item: serializers.Serializer) -> serializers.Serializer:
    return inline_serializer(name, fields={
        "count": serializers.IntegerField(), "count_capped": serializers.BooleanField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True), "results": item,
    })  # fmt: skip


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Events the caller may see: published public ones for everyone, members-only ones for
    the alliance's members, drafts for its secretariat. Filters: ``search``, ``kind``,
    ``when`` (upcoming, past), ``alliance`` (a slug)."""

    permission_classes = [AllowAny]  # each action checks its own rule
    serializer_class = s.EventSerializer
    filterset_class = EventFilterSet

    def get_queryset(self) -> QuerySet[Event]:
        if getattr(self, "swagger_fake_view", False):
            return Event.objects.none()
        confirmed = Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        )
        events: QuerySet[Any] = visible_events(self.request.user).select_related("alliance")
        events = events.annotate(confirmed=confirmed)
        if self.action == "retrieve":
            speakers = SpeakerModel.objects.order_by("order", "id")
            sessions = Session.objects.order_by("order", "starts_at", "id").prefetch_related(
                Prefetch("speakers", queryset=speakers)
            )
            questions = Question.objects.order_by("order", "id")
            events = events.prefetch_related(Prefetch("sessions", queryset=sessions))
            events = events.prefetch_related(Prefetch("questions", queryset=questions))
        return events.order_by("-starts_at", "-id")

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # The events' filters are for the list; an action's query parameters are its own.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return s.EventDetailSerializer if self.action == "retrieve" else s.EventSerializer

    def _require(self, permission: str, obj: Any) -> None:
        if not self.request.user.has_perm(permission, obj):
            if not self.request.user.is_authenticated:
                raise NotAuthenticated
            raise PermissionDenied

    def _shown(self, registration: Registration, code: int = 200) -> Response:
        fresh = Registration.objects.prefetch_related("answers").get(pk=registration.pk)
        return Response(s.RegistrationSerializer(fresh).data, status=code)

    # The programme (secretariat) ---------------------------------------------------------------

    @extend_schema(request=s.EventInputSerializer, responses={201: s.EventSerializer, 400: REFUSED})
    def create(self, request: Request) -> Response:
        """(Secretariat) create an event of the alliance, a draft unless ``publish``."""
        given = s.EventInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        alliance = get_object_or_404(Alliance, slug=data.pop("alliance"))
        self._require(MANAGE, alliance)
        publish = data.pop("publish")
        try:
            event = programme.create_event(alliance, actor=request.user, source=API, **data)
            if publish:
                event = programme.set_status(event, "published", actor=request.user, source=API)
        except DomainError as error:
            return refused(error)
        return Response(s.EventSerializer(Event.objects.get(pk=event.pk)).data,
                        status=status.HTTP_201_CREATED)  # fmt: skip

    def _managed(self) -> Event:
        event = self.get_object()
        self._require(MANAGE, event.alliance)
        return event

    def _add(self, serializer_class: Any, add: Any, shown: Any) -> Response:
        event = self._managed()
        given = serializer_class(data=self.request.data)
        given.is_valid(raise_exception=True)
        try:
            added = add(event, dict(given.validated_data))
        except DomainError as error:
            return refused(error)
        return Response(shown(added).data, status=status.HTTP_201_CREATED)

    def _change(self, item: Any, given: serializers.Serializer, update: Any, remove: Any,
                shown: Any) -> Response:  # fmt: skip
        """PATCH: ``update`` the item with the fields ``given`` and show it as it is now;
        DELETE: ``remove`` it."""
        actor = self.request.user
        try:
            if self.request.method == "DELETE":
                remove(item, actor=actor, source=API)
                return Response(status=status.HTTP_204_NO_CONTENT)
            given.is_valid(raise_exception=True)
            changed = update(item, dict(given.validated_data), actor=actor, source=API)
        except DomainError as error:
            return refused(error)
        return Response(shown(changed).data)

    @extend_schema(request=s.BodyInputSerializer, responses={201: s.BodyItemSerializer,
                                                             400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"])
    def bodies(self, request: Request, pk: str | None = None) -> Response:
        """(Secretariat) add a guiding unit, organiser, co-organiser, host or supporter."""
        return self._add(s.BodyInputSerializer, lambda event, data: programme.add_body(
            event, data.pop("role"), actor=request.user, source=API, **data),
            s.BodyItemSerializer)  # fmt: skip

    @extend_schema(methods=["PATCH"], request=s.BodyInputSerializer,
                   responses={200: s.BodyItemSerializer, 400: REFUSED})  # fmt: skip
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(detail=True, methods=["patch", "delete"], url_path=r"bodies/(?P<body_id>[0-9]+)")
    def body(self, request: Request, pk: str | None = None,
             body_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) PATCH: change a body's role, or who it is (``organization``, or
        ``name`` as typed: either names it anew). DELETE: take it off the programme."""
        body = get_object_or_404(self._managed().bodies.all(), pk=body_id)
        return self._change(body, s.BodyInputSerializer(data=request.data, partial=True),
                            programme.update_body, programme.remove_body,
                            s.BodyItemSerializer)  # fmt: skip

    @extend_schema(request=s.SessionInputSerializer, responses={201: s.SessionItemSerializer,
                                                                400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"])
    def sessions(self, request: Request, pk: str | None = None) -> Response:
        """(Secretariat) add an agenda session."""
        return self._add(s.SessionInputSerializer, lambda event, data: programme.add_session(
            event, actor=request.user, source=API, **data), self._session)  # fmt: skip

    def _session(self, session: Session) -> s.SessionItemSerializer:
        speakers = SpeakerModel.objects.order_by("order", "id")
        fresh = Session.objects.prefetch_related(Prefetch("speakers", queryset=speakers))
        return s.SessionItemSerializer(fresh.get(pk=session.pk))

    @extend_schema(methods=["PATCH"], request=s.SessionInputSerializer,
                   responses={200: s.SessionItemSerializer, 400: REFUSED})  # fmt: skip
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(detail=True, methods=["patch", "delete"],
            url_path=r"sessions/(?P<session_id>[0-9]+)")  # fmt: skip
    def session(self, request: Request, pk: str | None = None,
                session_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) PATCH: change a session's title, times, room or description (its
        times within the event's). DELETE: take it off the agenda, with its speakers."""
        session = get_object_or_404(self._managed().sessions.all(), pk=session_id)
        return self._change(session, s.SessionInputSerializer(data=request.data, partial=True),
                            programme.update_session, programme.remove_session,
                            self._session)  # fmt: skip

    @extend_schema(request=s.SpeakerInputSerializer, responses={201: s.SpeakerItemSerializer,
                                                                400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"],
            url_path=r"sessions/(?P<session_id>[0-9]+)/speakers")  # fmt: skip
    def speakers(self, request: Request, pk: str | None = None,
                 session_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) add a speaker to a session."""

        def add(event: Event, data: dict[str, Any]) -> SpeakerModel:
            session = get_object_or_404(event.sessions.all(), pk=session_id)
            return programme.add_speaker(session, actor=request.user, source=API, **data)

        return self._add(s.SpeakerInputSerializer, add, s.SpeakerItemSerializer)

    @extend_schema(methods=["PATCH"], request=s.SpeakerChangeSerializer,
                   responses={200: s.SpeakerItemSerializer, 400: REFUSED})  # fmt: skip
    @extend_schema(methods=["DELETE"], responses={204: None})
    @action(detail=True, methods=["patch", "delete"],
            url_path=r"speakers/(?P<speaker_id>[0-9]+)")  # fmt: skip
    def speaker(self, request: Request, pk: str | None = None,
                speaker_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) PATCH: change what the programme prints of a speaker, or move them
        to another ``session`` of the event. DELETE: take them off their session."""
        event = self._managed()
        speaker = get_object_or_404(SpeakerModel.objects.filter(session__event=event),
                                    pk=speaker_id)  # fmt: skip
        given = s.SpeakerChangeSerializer(data=request.data, partial=True,
                                          context={"event": event})  # fmt: skip
        return self._change(speaker, given, programme.update_speaker, programme.remove_speaker,
                            s.SpeakerItemSerializer)  # fmt: skip

    @extend_schema(request=s.QuestionInputSerializer, responses={201: s.QuestionSerializer,
                                                                 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"])
    def questions(self, request: Request, pk: str | None = None) -> Response:
        """(Secretariat) add a question to the registration form."""
        return self._add(s.QuestionInputSerializer, lambda event, data: answers.add_question(
            event, actor=request.user, source=API, **data), s.QuestionSerializer)  # fmt: skip

    @extend_schema(methods=["PATCH"], request=s.QuestionInputSerializer,
                   responses={200: s.QuestionSerializer, 400: REFUSED})  # fmt: skip
    @extend_schema(methods=["DELETE"], responses={204: None, 400: REFUSED})
    @action(detail=True, methods=["patch", "delete"],
            url_path=r"questions/(?P<question_id>[0-9]+)")  # fmt: skip
    def question(self, request: Request, pk: str | None = None,
                 question_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) PATCH: change a question of the registration form; once answered,
        only its text and ``required``. DELETE: take it off the form, unless answered
        (refused with ``code`` ``answered``)."""
        question = get_object_or_404(self._managed().questions.all(), pk=question_id)
        return self._change(question, s.QuestionInputSerializer(data=request.data, partial=True),
                            answers.update_question, answers.remove_question,
                            s.QuestionSerializer)  # fmt: skip

    # Registrations --------------------------------------------------------------------------

    @extend_schema(methods=["GET"], filters=False, responses=paginated(
        "PaginatedEventRegistrationList", s.RegistrationSerializer(many=True)))  # fmt: skip
    @extend_schema(
        methods=["POST"], request=s.RegistrationInputSerializer,
        responses={201: s.RegistrationSerializer, 400: REFUSED},
        description="Register for the event (anonymous callers too, for a public event). "
        "The registration comes back confirmed, on the waiting list (with its place) or "
        "pending the secretariat's approval.",
    )  # fmt: skip
    @action(detail=True, methods=["get", "post"])
    def registrations(self, request: Request, pk: str | None = None) -> Response:
        """GET (secretariat): the registrations, filtered by ``search`` and ``status``."""
        event = self.get_object()
        if request.method == "POST":
            return self._register(request, event)
        self._require(MANAGE, event.alliance)
        filterset = RegistrationFilterSet(
            request.query_params, queryset=event.registrations.order_by("created_at", "id")
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        found = filterset.qs.prefetch_related("answers")
        page = self.paginate_queryset(found)
        context = {"positions": waiting_positions(event.pk)}
        data = s.RegistrationSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def _register(self, request: Request, event: Event) -> Response:
        self._require("events.register", event)
        serializer = s.RegistrationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        answers = data.pop("answers")
        try:
            registration = registrations.register(event, actor=request.user, source=API,
                                                  answers=answers, **data)  # fmt: skip
        except DomainError as error:
            return refused(error)
        return self._shown(registration, status.HTTP_201_CREATED)

    @extend_schema(request=s.CancelInputSerializer,
                   responses={200: s.RegistrationSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"],
            url_path=r"registrations/(?P<registration_id>[0-9]+)/cancel")  # fmt: skip
    def cancel(self, request: Request, pk: str | None = None,
               registration_id: str | None = None) -> Response:  # fmt: skip
        """Cancel a registration: as the signed-in registrant, the secretariat, or with the
        code of the registration's page (``receipt``)."""
        event = self.get_object()
        registration = get_object_or_404(event.registrations.all(), pk=registration_id)
        receipt = s.CancelInputSerializer(data=request.data)
        receipt.is_valid(raise_exception=True)
        if not request.user.has_perm("events.cancel_registration", registration):
            self._check_receipt(receipt.validated_data["receipt"], registration)
        try:
            registrations.cancel_registration(registration, actor=request.user, source=API)
        except DomainError as error:
            return refused(error)
        return self._shown(registration)

    def _check_receipt(self, token: str, registration: Registration) -> None:
        try:
            held = read_receipt(token) if token else None
        except DomainError:
            held = None
        if held is None or held.pk != registration.pk:
            if not self.request.user.is_authenticated and not token:
                raise NotAuthenticated
            raise PermissionDenied

    @extend_schema(request=s.CheckInInputSerializer,
                   responses={200: s.RegistrationSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str | None = None) -> Response:
        """Admit a registrant (secretariat): by the ticket's ``token``, or the
        ``registration`` found by name. Refusals carry a ``code``: ``forged``,
        ``other_event``, ``cancelled``, ``not_confirmed``, ``reused`` (already checked in)."""
        event = self.get_object()
        self._require(MANAGE, event.alliance)
        data = s.CheckInInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, picked = data.validated_data["token"] or None, data.validated_data["registration"]
        found = get_object_or_404(event.registrations.all(), pk=picked) if picked else None
        try:
            admitted = tickets.check_in(event, token=token, registration=found, actor=request.user,
                                        source=API)  # fmt: skip
        except DomainError as error:
            return refused(error)
        return self._shown(admitted)

    # Roadshows ------------------------------------------------------------------------------

    def _roadshow(self) -> Roadshow:
        return get_object_or_404(Roadshow.objects.select_related("event__alliance"),
                                 event=self.get_object())  # fmt: skip

    @extend_schema(methods=["GET"], filters=False, responses=s.ProjectSerializer(many=True))
    @extend_schema(methods=["POST"], request={"multipart/form-data": s.ProjectInputSerializer,
                                              "application/json": s.ProjectInputSerializer},
                   responses={201: s.ProjectSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["get", "post"])
    def projects(self, request: Request, pk: str | None = None) -> Response:
        """GET (secretariat): the projects submitted to the call. POST (signed in): submit
        a project, with its pitch deck (PDF, PPT or PPTX) as a multipart upload."""
        roadshow = self._roadshow()
        if request.method == "GET":
            self._require(MANAGE, roadshow.event.alliance)
            found = roadshow.projects.select_related("organization", "link__chain", "pitch")
            return Response(s.ProjectSerializer(found.order_by("submitted_at", "id"),
                                                many=True).data)  # fmt: skip
        if not request.user.is_authenticated:
            raise NotAuthenticated
        serializer = s.ProjectInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            project = roadshows.submit_project(
                roadshow, actor=request.user, source=API,
                organization=getattr(request.user, "organization", None), **data,
            )  # fmt: skip
        except DomainError as error:
            return refused(error)
        return Response(s.ProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    def _pitch(self, roadshow: Roadshow, pitch_id: str | None) -> Pitch:
        """A pitch assigned to the caller; the secretariat may read any of the call's."""
        if self.request.user.has_perm(MANAGE, roadshow.event.alliance):
            return get_object_or_404(roadshow.pitches.all(), pk=pitch_id)
        return get_object_or_404(judging.pitches_for_judge(roadshow, self.request.user),
                                 pk=pitch_id)  # fmt: skip

    @extend_schema(methods=["GET"], filters=False, responses=s.ScorecardSerializer(many=True))
    @extend_schema(methods=["POST"], request=s.ScoresInputSerializer,
                   responses={200: s.ScorecardSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["get", "post"],
            url_path=r"pitches/(?P<pitch_id>[0-9]+)/scores")  # fmt: skip
    def scores(self, request: Request, pk: str | None = None,
               pitch_id: str | None = None) -> Response:  # fmt: skip
        """POST (an assigned judge): score every criterion and write feedback; scoring again
        replaces the scores. GET: the scorecards the caller may read (their own before the
        release, all after it; all for the secretariat). 404 for a pitch not assigned."""
        roadshow = self._roadshow()
        if not request.user.is_authenticated:
            raise NotAuthenticated
        pitch = self._pitch(roadshow, pitch_id)
        user: Any = request.user
        names = {
            "request": request,
            "names": request.user.has_perm(MANAGE, roadshow.event.alliance),
        }
        if request.method == "GET":
            shown = judging.visible_scores(roadshow, request.user).filter(assignment__pitch=pitch)
            cards = JudgeAssignment.objects.filter(pk__in=shown.values("assignment_id"))
            cards = cards.select_related("judge").prefetch_related("scores").order_by("id")
            return Response(s.ScorecardSerializer(cards, many=True, context=names).data)
        serializer = s.ScoresInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            judging.submit_scores(pitch, serializer.validated_data["scores"], actor=request.user,
                                  source=API, feedback=serializer.validated_data["feedback"])  # fmt: skip
        except DomainError as error:
            return refused(error)
        card = JudgeAssignment.objects.select_related("judge").prefetch_related("scores")
        return Response(s.ScorecardSerializer(card.get(pitch=pitch, judge=user),
                                              context=names).data)  # fmt: skip

    @extend_schema(filters=False, responses=s.RankedPitchSerializer(many=True))
    # The secretariat's decisions -----------------------------------------------------------

    @extend_schema(request=s.DecisionInputSerializer,
                   responses={200: s.RegistrationSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"],
            url_path=r"registrations/(?P<registration_id>[0-9]+)/decide")  # fmt: skip
    def decide(self, request: Request, pk: str | None = None,
               registration_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) approve a pending registration, or reject one with a reason."""
        event = self.get_object()
        self._require(MANAGE, event.alliance)
        registration = get_object_or_404(event.registrations.all(), pk=registration_id)
        decision = s.DecisionInputSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        try:
            if decision.validated_data["accept"]:
                registrations.approve_registration(registration, actor=request.user, source=API)
            else:
                registrations.reject_registration(
                    registration, reason=decision.validated_data["reason"], actor=request.user,
                    source=API,
                )  # fmt: skip
        except DomainError as error:
            return refused(error)
        return self._shown(registration)

    @extend_schema(request=s.CallInputSerializer,
                   responses={201: s.CallSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"])
    def call(self, request: Request, pk: str | None = None) -> Response:
        """(Secretariat) open the call for projects of a roadshow event."""
        event = self.get_object()
        self._require(MANAGE, event.alliance)
        given = s.CallInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            call = roadshows.open_call(event, actor=request.user, source=API,
                                       **given.validated_data)  # fmt: skip
        except DomainError as error:
            return refused(error)
        return Response(s.CallSerializer(call).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DecisionInputSerializer,
                   responses={200: s.ProjectSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"],
            url_path=r"projects/(?P<project_id>[0-9]+)/screen")  # fmt: skip
    def screen(self, request: Request, pk: str | None = None,
               project_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) accept a submitted project for the roadshow, or reject it with a
        reason."""
        roadshow = self._roadshow()
        self._require(MANAGE, roadshow.event.alliance)
        project = get_object_or_404(roadshow.projects.all(), pk=project_id)
        decision = s.DecisionInputSerializer(data=request.data)
        decision.is_valid(raise_exception=True)
        try:
            roadshows.screen_project(project, accept=decision.validated_data["accept"],
                                     reason=decision.validated_data["reason"],
                                     actor=request.user, source=API)  # fmt: skip
        except DomainError as error:
            return refused(error)
        project.refresh_from_db()
        return Response(s.ProjectSerializer(project).data)

    @extend_schema(request=s.ScheduleInputSerializer,
                   responses={200: s.PitchSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"],
            url_path=r"projects/(?P<project_id>[0-9]+)/schedule")  # fmt: skip
    def schedule(self, request: Request, pk: str | None = None,
                 project_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) put an accepted project in the programme (order, time slot)."""
        roadshow = self._roadshow()
        self._require(MANAGE, roadshow.event.alliance)
        project = get_object_or_404(roadshow.projects.all(), pk=project_id)
        slot = s.ScheduleInputSerializer(data=request.data)
        slot.is_valid(raise_exception=True)
        try:
            pitch = roadshows.schedule_pitch(project, actor=request.user, source=API,
                                             **slot.validated_data)  # fmt: skip
        except DomainError as error:
            return refused(error)
        return Response(s.PitchSerializer(pitch).data)

    @extend_schema(request=s.JudgeInputSerializer,
                   responses={200: s.PitchSerializer, 400: REFUSED})  # fmt: skip
    @action(detail=True, methods=["post"],
            url_path=r"pitches/(?P<pitch_id>[0-9]+)/judges")  # fmt: skip
    def judges(self, request: Request, pk: str | None = None,
               pitch_id: str | None = None) -> Response:  # fmt: skip
        """(Secretariat) assign an expert or an investor of the alliance to judge a pitch."""
        roadshow = self._roadshow()
        self._require(MANAGE, roadshow.event.alliance)
        pitch = get_object_or_404(roadshow.pitches.all(), pk=pitch_id)
        given = s.JudgeInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        judge = get_object_or_404(get_user_model().objects.all(), pk=given.validated_data["judge"])
        try:
            judging.assign_judge(pitch, judge, role=given.validated_data["role"],
                                 actor=request.user, source=API)  # fmt: skip
        except DomainError as error:
            return refused(error)
        return Response(s.PitchSerializer(pitch).data)

    @extend_schema(request=None, responses={204: None, 400: REFUSED})
    @action(detail=True, methods=["post"])
    def release(self, request: Request, pk: str | None = None) -> Response:
        """(Secretariat) release the scores: judges then see each other's, applicants their
        feedback."""
        roadshow = self._roadshow()
        self._require(MANAGE, roadshow.event.alliance)
        try:
            judging.release_scores(roadshow, actor=request.user, source=API)
        except DomainError as error:
            return refused(error)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["get"])
    def ranking(self, request: Request, pk: str | None = None) -> Response:
        """The pitches by normalised score (the mean of the judges' z-scores), with the raw
        mean of their weighted totals: for the secretariat, and for the judges once the
        scores are released."""
        roadshow = self._roadshow()
        self._require("events.view_ranking", roadshow)
        return Response(s.RankedPitchSerializer(ranking(roadshow), many=True).data)
