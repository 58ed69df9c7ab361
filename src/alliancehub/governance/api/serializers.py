"""What the governance API shows, and the shape of what it accepts.

Input serializers only check the shape of a request; whether it may happen is decided by the
domain functions the views call.
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from ...alliances.api.scoping import AllianceScopedField
from ...alliances.enums import MembershipTier
from ...organizations.models import Organization
from ..domain.numbering import term_label
from ..enums import BallotKind, Choice, MeetingKind, MotionKind, OfficeKind
from ..models import (
    AgendaItem,
    Attendance,
    Candidate,
    CharterVersion,
    Meeting,
    Motion,
    Office,
    Resolution,
    RotationSlot,
    Term,
    TierChange,
)

OrganizationField = serializers.PrimaryKeyRelatedField[Organization]


def _organization(**kwargs: Any) -> OrganizationField:
    return serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all(), **kwargs)


class TermSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text=_("E.g. 1st term."))

    class Meta:
        model = Term
        fields = ("id", "number", "name", "starts_on", "ends_on")

    def get_name(self, term: Term) -> str:
        return term_label(term.number)


class OfficeSerializer(serializers.ModelSerializer):
    """One holder of one office: a unit (``organization``) or a person (``person``)."""

    term_number = serializers.IntegerField(source="term.number", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    holder = serializers.CharField(read_only=True, help_text=_("The unit's or person's name."))

    class Meta:
        model = Office
        fields = (
            "id", "term", "term_number", "kind", "kind_label", "holder", "organization", "person",
            "person_title", "valid_from", "valid_to", "basis", "resolution",
        )  # fmt: skip
        read_only_fields = fields


class RotationSlotSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = RotationSlot
        fields = ("organization", "organization_name", "starts_on", "ends_on", "note")
        read_only_fields = fields


@extend_schema_serializer(many=False)  # the council is one object, though served by ``list``
class CouncilSerializer(serializers.Serializer):
    """The council on one day: its offices from the chair down, and the rotating chair."""

    on = serializers.DateField()
    offices = OfficeSerializer(many=True)
    rotating_chair = RotationSlotSerializer(allow_null=True)


class AppointInputSerializer(serializers.Serializer):
    term = AllianceScopedField(queryset=Term.objects.all())
    kind = serializers.ChoiceField(choices=OfficeKind.choices)
    organization = _organization(required=False, allow_null=True)
    person = serializers.CharField(max_length=100, allow_blank=True, default="")
    person_title = serializers.CharField(max_length=200, allow_blank=True, default="")
    valid_from = serializers.DateField()
    basis = serializers.CharField(max_length=200, allow_blank=True, default="")


class AttendanceSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(
        source="organization.name", read_only=True, allow_null=True
    )

    class Meta:
        model = Attendance
        fields = ("id", "organization", "organization_name", "person", "capacity", "present")
        read_only_fields = fields


class AttendanceInputSerializer(serializers.Serializer):
    """A unit (with its representative's name in ``person``) or a person who attended."""

    organization = _organization(required=False, allow_null=True)
    person = serializers.CharField(max_length=100, allow_blank=True, default="")
    capacity = serializers.CharField(max_length=100, allow_blank=True, default="")
    present = serializers.BooleanField(default=True)


class AgendaItemSerializer(serializers.ModelSerializer):
    document = serializers.SerializerMethodField(
        help_text=_("Address of the document (members only), or null.")
    )

    class Meta:
        model = AgendaItem
        fields = ("id", "position", "title", "description", "document")
        read_only_fields = fields

    def get_document(self, item: AgendaItem) -> str | None:
        """The members-only download page, never the file's public storage address."""
        if not item.document:
            return None
        path = reverse("governance:agenda-document", args=[self.context["alliance"].slug, item.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class MeetingSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField(help_text=_("E.g. 6th meeting of the 1st council."))
    term_number = serializers.IntegerField(source="term.number", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Meeting
        fields: tuple[str, ...] = (
            "id", "title", "term", "term_number", "kind", "kind_label", "number", "held_on",
            "venue", "presided_by", "presiding_title", "status", "status_label", "note",
        )  # fmt: skip
        read_only_fields: tuple[str, ...] = fields

    def get_title(self, meeting: Meeting) -> str:
        return str(meeting)


class MeetingDetailSerializer(MeetingSerializer):
    attendance = AttendanceSerializer(many=True, read_only=True)
    agenda = AgendaItemSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = (*MeetingSerializer.Meta.fields, "attendance", "agenda")
        read_only_fields = fields


class MeetingInputSerializer(serializers.Serializer):
    term = AllianceScopedField(queryset=Term.objects.all())
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    held_on = serializers.DateField()
    number = serializers.IntegerField(
        min_value=1, required=False, allow_null=True,
        help_text=_("Leave out to take the next number of this kind within the term."),
    )  # fmt: skip
    venue = serializers.CharField(max_length=200, allow_blank=True, default="")
    presided_by = serializers.CharField(max_length=100, allow_blank=True, default="")
    presiding_title = serializers.CharField(max_length=100, allow_blank=True, default="")


class ResolutionSerializer(serializers.ModelSerializer):
    meeting = serializers.IntegerField(source="motion.meeting_id", read_only=True)
    meeting_title = serializers.SerializerMethodField()

    class Meta:
        model = Resolution
        fields = ("id", "number", "title", "text", "adopted_on", "motion", "meeting",
                  "meeting_title")  # fmt: skip
        read_only_fields = fields

    def get_meeting_title(self, resolution: Resolution) -> str:
        return str(resolution.motion.meeting)


class CharterVersionSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    signed_pdf = serializers.SerializerMethodField(
        help_text=_("Address of the signed PDF, or null.")
    )

    def get_signed_pdf(self, version: CharterVersion) -> str | None:
        if not version.signed_pdf:
            return None
        path = reverse(
            "governance:charter-pdf", args=[self.context["alliance"].slug, version.number]
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    class Meta:
        model = CharterVersion
        fields = ("id", "number", "title", "text", "status", "status_label", "adopted_on",
                  "resolution", "signed_pdf")  # fmt: skip
        read_only_fields = fields


class TierChangeSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = TierChange
        fields = ("organization", "organization_name", "tier")
        read_only_fields = fields


class CandidateSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Candidate
        fields = ("id", "organization", "person", "name")
        read_only_fields = fields


class CandidateResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    votes = serializers.IntegerField()
    elected = serializers.BooleanField()


class MotionResultSerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    abstain = serializers.IntegerField()
    candidates = CandidateResultSerializer(many=True)


class ResolutionReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()


class MotionSerializer(serializers.ModelSerializer):
    """A motion. Its ``result`` stays null until voting has closed; who voted what is never
    shown (for a secret ballot it is not even stored)."""

    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    tier_changes = TierChangeSerializer(many=True, read_only=True)
    candidates = CandidateSerializer(many=True, read_only=True)
    result = serializers.SerializerMethodField()
    resolution = serializers.SerializerMethodField()

    class Meta:
        model = Motion
        fields = (
            "id", "meeting", "kind", "kind_label", "title", "text", "ballot", "status",
            "status_label", "office", "seats", "charter_version", "tier_changes", "candidates",
            "quorum", "threshold", "threshold_strict", "entitled_count", "present_count",
            "opened_at", "closed_at", "result", "resolution",
        )  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(MotionResultSerializer(allow_null=True))
    def get_result(self, motion: Motion) -> dict[str, Any] | None:
        if motion.closed_at is None:
            return None
        return {
            "yes": motion.yes_count, "no": motion.no_count, "abstain": motion.abstain_count,
            "candidates": [
                {"id": c.pk, "votes": c.votes, "elected": c.elected} for c in motion.candidates.all()
            ],
        }  # fmt: skip

    @extend_schema_field(ResolutionReferenceSerializer(allow_null=True))
    def get_resolution(self, motion: Motion) -> dict[str, Any] | None:
        resolution = getattr(motion, "resolution", None)  # a reverse one-to-one: may be absent
        return {"id": resolution.pk, "number": resolution.number} if resolution else None


class TierChangeInputSerializer(serializers.Serializer):
    organization = _organization()
    tier = serializers.ChoiceField(choices=MembershipTier.choices)


class CandidateInputSerializer(serializers.Serializer):
    """A unit (``organization``) or a person (``person``) standing for election."""

    organization = _organization(required=False, allow_null=True)
    person = serializers.CharField(max_length=100, allow_blank=True, default="")


class MotionInputSerializer(serializers.Serializer):
    meeting = AllianceScopedField(queryset=Meeting.objects.all())
    kind = serializers.ChoiceField(choices=MotionKind.choices, default=MotionKind.ORDINARY)
    title = serializers.CharField(max_length=300)
    text = serializers.CharField(allow_blank=True, default="")
    ballot = serializers.ChoiceField(choices=BallotKind.choices, default=BallotKind.NAMED)
    office = serializers.ChoiceField(
        choices=OfficeKind.choices, allow_blank=True, default="",
        help_text=_("Elections: the office to fill."),
    )  # fmt: skip
    seats = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text=_("Elections: seats to fill.")
    )
    charter_version = AllianceScopedField(
        queryset=CharterVersion.objects.all(), required=False, allow_null=True,
        help_text=_("Charter amendments: the draft version to adopt."),
    )  # fmt: skip
    tier_changes = TierChangeInputSerializer(many=True, required=False)
    candidates = CandidateInputSerializer(many=True, required=False)


class CloseInputSerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False, allow_null=True,
        help_text=_("Day the resolution takes effect (default: the meeting's day)."),
    )  # fmt: skip


class BallotInputSerializer(serializers.Serializer):
    """``{"choice": "yes"}`` on a motion, ``{"candidates": [ids]}`` in an election (an empty
    list is a blank ballot)."""

    choice = serializers.ChoiceField(choices=Choice.choices, required=False)
    candidates = AllianceScopedField(queryset=Candidate.objects.all(), many=True, required=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if "choice" in data and "candidates" in data:
            raise serializers.ValidationError(_("Give either a choice or candidates, not both."))
        return data


class BallotReceiptSerializer(serializers.Serializer):
    """That the unit's ballot was counted (never what it chose)."""

    motion = serializers.IntegerField()
    organization = serializers.IntegerField()
    organization_name = serializers.CharField()
