"""What the events API shows, and the shape of what it accepts.

Input serializers only check the shape of a request; whether it may happen is decided by the
domain functions the views call. Times are ISO 8601 in the site's time zone; scores and
amounts decimal strings; chain links ``chain:code`` keys.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...chains.domain.keys import links_by_key
from ...chains.models import Link
from ...organizations.models import Organization
from ..domain.programme import bodies_by_role
from ..domain.receipts import receipt_token, waiting_position
from ..domain.registration import registration_closed
from ..domain.tickets import ticket_token
from ..enums import (
    BodyRole,
    EventKind,
    FundingStage,
    JudgeRole,
    QuestionKind,
    RegistrationStatus,
    Visibility,
)  # fmt: skip
from ..models import (
    Event,
    EventBody,
    JudgeAssignment,
    Pitch,
    Project,
    Question,
    Registration,
    Session,
)  # fmt: skip
from ..models import Speaker as SpeakerModel

PITCH_SLOT = {"type": "object", "nullable": True, "properties": {
    "id": {"type": "integer"}, "order": {"type": "integer"},
    "starts_at": {"type": "string", "format": "date-time", "nullable": True},
    "ends_at": {"type": "string", "format": "date-time", "nullable": True},
}}  # fmt: skip


def _links(keys: list[str], *, retired: bool = False) -> list[Link]:
    found, unknown = links_by_key(keys, retired=retired)
    if unknown:
        raise serializers.ValidationError(
            _("Unknown chain link: {keys}.").format(keys=", ".join(unknown))
        )
    return found


class EventSerializer(serializers.ModelSerializer):
    alliance: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    seats_left = serializers.SerializerMethodField(
        help_text=gettext_lazy("Free seats; null when the event has no limit.")
    )
    url = serializers.SerializerMethodField(help_text=gettext_lazy("The event's page."))

    class Meta:
        model = Event
        fields: tuple[str, ...] = (
            "id", "alliance", "kind", "title", "theme", "starts_at", "ends_at", "venue",
            "capacity", "seats_left", "registration_opens_at", "registration_closes_at",
            "requires_approval", "visibility", "status", "part_of", "url",
        )  # fmt: skip
        read_only_fields: tuple[str, ...] = fields

    def get_seats_left(self, event: Event) -> int | None:
        if event.capacity is None:
            return None
        taken = getattr(event, "confirmed", None)
        if taken is None:
            taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return max(event.capacity - taken, 0)

    def get_url(self, event: Event) -> str:
        return reverse("events:event", args=[event.pk])


class BodySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = EventBody
        fields = ("role", "name", "organization")
        read_only_fields = fields


class SpeakerSerializer(serializers.ModelSerializer):
    class Meta:
        model = SpeakerModel
        fields = ("name", "title", "talk", "keynote")
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    speakers = SpeakerSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = ("order", "title", "starts_at", "ends_at", "room", "description", "speakers")
        read_only_fields = fields


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ("id", "text", "kind", "choices", "required")
        read_only_fields = fields


class BodyItemSerializer(BodySerializer):
    """A body as the secretariat adds and changes it, with its id and place in its role."""

    class Meta:
        model = EventBody
        fields = ("id", "role", "name", "organization", "order")
        read_only_fields = fields


class SpeakerItemSerializer(SpeakerSerializer):
    """A speaker as the secretariat adds and changes them, with their id and session."""

    class Meta:
        model = SpeakerModel
        fields = ("id", "session", "order", "name", "title", "organization", "talk", "keynote")
        read_only_fields = fields


class SessionItemSerializer(SessionSerializer):
    """A session as the secretariat adds and changes it, with its id and its speakers'."""

    speakers = SpeakerItemSerializer(many=True, read_only=True)

    class Meta:
        model = Session
        fields = ("id", "order", "title", "starts_at", "ends_at", "room", "description",
                  "speakers")  # fmt: skip
        read_only_fields = fields


class EventDetailSerializer(EventSerializer):
    """The event with its programme and the questions its registration form asks."""

    description = serializers.CharField(read_only=True)
    registration_closed = serializers.SerializerMethodField(
        help_text=gettext_lazy("Why the event takes no registration now; null while it does.")
    )
    bodies = serializers.SerializerMethodField(
        help_text=gettext_lazy("Guiding units, organisers, co-organisers, hosts, supporters.")
    )
    sessions = SessionSerializer(many=True, read_only=True)
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = (*EventSerializer.Meta.fields, "description", "registration_closed", "bodies",
                  "sessions", "questions")  # fmt: skip
        read_only_fields = fields

    def get_registration_closed(self, event: Event) -> str | None:
        return registration_closed(event)

    @extend_schema_field(BodySerializer(many=True))
    def get_bodies(self, event: Event) -> list[dict[str, Any]]:
        grouped = bodies_by_role(event).values()
        return [dict(BodySerializer(body).data) for group in grouped for body in group]


def _keyed_by_id(value: dict[Any, Any], message: str) -> dict[int, Any]:
    if not all(str(key).isdigit() for key in value):
        raise serializers.ValidationError(message)
    return {int(key): item for key, item in value.items()}


class RegistrationInputSerializer(serializers.Serializer):
    """A person registering. Signed in, the profile fills in what is left empty."""

    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    organization_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    job_title = serializers.CharField(max_length=100, required=False, allow_blank=True,
                                      default="")  # fmt: skip
    answers = serializers.DictField(
        child=serializers.JSONField(), required=False, default=dict,
        help_text=gettext_lazy("Question id → text, list of options, or true/false."),
    )  # fmt: skip

    def validate_answers(self, value: dict[Any, Any]) -> dict[int, Any]:
        return _keyed_by_id(value, _("Give the answers keyed by their question ids."))


class RegistrationSerializer(serializers.ModelSerializer):
    waiting_position = serializers.SerializerMethodField(
        help_text=gettext_lazy("Place on the waiting list (1 is next); null when not waiting.")
    )
    answers = serializers.SerializerMethodField(help_text=gettext_lazy("Question id → answer."))
    receipt = serializers.SerializerMethodField(
        help_text=gettext_lazy("The registration's page: its status, and cancelling it.")
    )
    ticket = serializers.SerializerMethodField(
        help_text=gettext_lazy("The ticket's page with its QR code, once confirmed.")
    )

    class Meta:
        model = Registration
        fields = (
            "id", "event", "name", "email", "phone", "organization_name", "job_title", "status",
            "waiting_position", "answers", "created_at", "checked_in_at", "receipt", "ticket",
        )  # fmt: skip
        read_only_fields = fields

    def get_waiting_position(self, registration: Registration) -> int | None:
        positions = self.context.get("positions")
        if positions is not None:
            return positions.get(registration.pk)
        return waiting_position(registration)

    @extend_schema_field({"type": "object", "additionalProperties": {}})
    def get_answers(self, registration: Registration) -> dict[str, Any]:
        return {str(answer.question_id): answer.value for answer in registration.answers.all()}

    def get_receipt(self, registration: Registration) -> str:
        return reverse("events:registration", kwargs={"token": receipt_token(registration)})

    def get_ticket(self, registration: Registration) -> str | None:
        if registration.status != RegistrationStatus.CONFIRMED:
            return None
        return reverse("events:ticket", kwargs={"token": ticket_token(registration)})


class CancelInputSerializer(serializers.Serializer):
    receipt = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text=gettext_lazy("The code of the registration's page, when not signed in as "
                               "the registrant or the secretariat."),
    )  # fmt: skip


class CheckInInputSerializer(serializers.Serializer):
    token = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text=gettext_lazy("The code the ticket's QR code holds."),
    )  # fmt: skip
    registration = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text=gettext_lazy("Or the registration found by name."),
    )  # fmt: skip


class RefusalSerializer(serializers.Serializer):
    detail = serializers.ListField(child=serializers.CharField())
    code = serializers.CharField(required=False)


class ProjectSerializer(serializers.ModelSerializer):
    presenter = serializers.CharField(read_only=True)
    link = serializers.SerializerMethodField()
    deck = serializers.SerializerMethodField(help_text=gettext_lazy("Where to download it."))
    pitch = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = (
            "id", "title", "presenter", "organization", "organization_name", "team", "link",
            "stage", "financing_sought", "summary", "deck", "submitted_at", "status", "reason",
            "pitch",
        )  # fmt: skip
        read_only_fields = fields

    def get_link(self, project: Project) -> str | None:
        return project.link.key if project.link else None

    def get_deck(self, project: Project) -> str | None:
        return reverse("events:deck", args=[project.pk]) if project.deck else None

    @extend_schema_field(PITCH_SLOT)
    def get_pitch(self, project: Project) -> dict[str, Any] | None:
        pitch = getattr(project, "pitch", None)
        if pitch is None:
            return None
        return {"id": pitch.pk, "order": pitch.order,
                "starts_at": serializers.DateTimeField().to_representation(pitch.starts_at)
                if pitch.starts_at else None,
                "ends_at": serializers.DateTimeField().to_representation(pitch.ends_at)
                if pitch.ends_at else None}  # fmt: skip


class ProjectInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    organization_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="",
        help_text=gettext_lazy("When you do not represent a registered organisation."),
    )  # fmt: skip
    team = serializers.CharField(required=False, allow_blank=True, default="")
    link = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=gettext_lazy("chain:code")
    )
    stage = serializers.ChoiceField(choices=FundingStage.choices, required=False,
                                    allow_blank=True, default="")  # fmt: skip
    financing_sought = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    deck = serializers.FileField(required=False, allow_null=True, default=None)

    def validate_link(self, key: str) -> Link | None:
        if not key:
            return None
        return _links([key], retired=True)[0]  # the call's own rule says which links it takes


class ScoresInputSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.CharField(),
        help_text=gettext_lazy("Criterion id → score within the criterion's scale."),
    )  # fmt: skip
    feedback = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_scores(self, value: dict[Any, Any]) -> dict[int, Any]:
        return _keyed_by_id(value, _("Give the scores keyed by their criterion ids."))


class ScorecardSerializer(serializers.ModelSerializer):
    """One judge's scores of one pitch. Another judge's name is shown to the secretariat
    only (``context["names"]``)."""

    pitch = serializers.IntegerField(source="pitch_id", read_only=True)
    judge = serializers.SerializerMethodField(help_text=gettext_lazy("The judge's user name."))
    role = serializers.ChoiceField(choices=JudgeRole.choices, read_only=True)
    scores = serializers.SerializerMethodField(help_text=gettext_lazy("Criterion id → score."))
    conflicted = serializers.BooleanField(read_only=True)

    class Meta:
        model = JudgeAssignment
        fields = ("pitch", "judge", "role", "scores", "feedback", "scored_at", "conflicted")
        read_only_fields = fields

    def get_judge(self, assignment: JudgeAssignment) -> str | None:
        request = self.context.get("request")
        own = request is not None and assignment.judge_id == request.user.pk
        return assignment.judge.get_username() if own or self.context.get("names") else None

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string"}})
    def get_scores(self, assignment: JudgeAssignment) -> dict[str, str]:
        return {str(score.criterion_id): f"{score.value:.2f}" for score in assignment.scores.all()}


class RankedPitchSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    pitch = serializers.IntegerField(source="pitch.pk")
    order = serializers.IntegerField(source="pitch.order")
    project = serializers.IntegerField(source="pitch.project.pk")
    title = serializers.CharField(source="pitch.project.title")
    presenter = serializers.CharField(source="pitch.project.presenter")
    normalised = serializers.SerializerMethodField(
        help_text=gettext_lazy("Mean of the judges' z-scores; null when nobody scored.")
    )
    raw_mean = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    judges = serializers.IntegerField()

    def get_normalised(self, row: Any) -> float | None:
        return None if row.normalised is None else round(row.normalised, 4)


class DecisionInputSerializer(serializers.Serializer):
    """The secretariat's decision on a registration or a project."""

    accept = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class ScheduleInputSerializer(serializers.Serializer):
    order = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    starts_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    ends_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class JudgeInputSerializer(serializers.Serializer):
    judge = serializers.IntegerField(
        help_text=gettext_lazy("The user id of an expert of the alliance.")
    )
    role = serializers.ChoiceField(choices=JudgeRole.choices, default=JudgeRole.EXPERT)


class PitchSerializer(serializers.ModelSerializer):
    judges = serializers.SerializerMethodField()

    class Meta:
        model = Pitch
        fields = ("id", "project", "order", "starts_at", "ends_at", "judges")

    def get_judges(self, pitch: Pitch) -> list[dict[str, Any]]:
        return [
            {"judge": a.judge_id, "role": a.role, "conflict": a.conflict_declared_at is not None}
            for a in pitch.assignments.all()
        ]


class CallInputSerializer(serializers.Serializer):
    """A call for projects: the submission window, the chain links and stages sought."""

    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    links = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    stages = serializers.ListField(
        child=serializers.ChoiceField(choices=FundingStage.choices), required=False, default=list
    )

    def validate_links(self, keys: list[str]) -> list[Link]:
        return _links(keys)


class CallSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    links = serializers.SerializerMethodField()
    stages = serializers.ListField(child=serializers.CharField())

    def get_links(self, call: Any) -> list[str]:
        return [link.key for link in call.links.select_related("chain")]


class EventInputSerializer(serializers.Serializer):
    """A new event of an alliance (``alliance``: its slug); ``publish`` opens it at once."""

    alliance = serializers.SlugField()
    kind = serializers.ChoiceField(choices=EventKind.choices)
    title = serializers.CharField(max_length=300)
    theme = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField(max_length=300, required=False, allow_blank=True)
    capacity = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    registration_opens_at = serializers.DateTimeField(required=False, allow_null=True)
    registration_closes_at = serializers.DateTimeField(required=False, allow_null=True)
    requires_approval = serializers.BooleanField(required=False, default=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.PUBLIC)
    publish = serializers.BooleanField(required=False, default=False)


class BodyInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=BodyRole.choices)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True, default=None
    )
    name = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class SessionInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    room = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class SpeakerInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True, default=None
    )
    talk = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    keynote = serializers.BooleanField(required=False, default=False)


class SpeakerChangeSerializer(SpeakerInputSerializer):
    """A change to a speaker; ``session`` moves them to another session of the same event."""

    def get_fields(self) -> dict[str, serializers.Field]:
        # Only the sessions of the event in the context: another's is as good as unknown.
        fields = super().get_fields()
        event = self.context.get("event")
        fields["session"] = serializers.PrimaryKeyRelatedField(
            queryset=Session.objects.filter(event=event) if event else Session.objects.none(),
            required=False,
            help_text=gettext_lazy("Another session of the event, to move the speaker to."),
        )  # fmt: skip
        return fields


class QuestionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(choices=QuestionKind.choices)
    choices = serializers.ListField(child=serializers.CharField(), required=False, default=list)

    def get_fields(self) -> dict[str, serializers.Field]:
        # A declared attribute named "required" would shadow the serializer's own flag.
        fields = super().get_fields()
        fields["required"] = serializers.BooleanField(required=False, default=False)
        return fields
