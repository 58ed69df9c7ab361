from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import MeetingKind, MeetingStatus, MinutesStatus


class Meeting(AllianceOwned, TimeStampedModel):
    """A founding conference, general assembly, council, executive council or secretariat meeting,
    numbered within its term and kind (第一届理事会第六次会议)."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="meetings",
    )  # fmt: skip
    term = models.ForeignKey(
        "governance.Term", verbose_name=_("term"), on_delete=models.PROTECT,
        related_name="meetings",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    number = models.PositiveSmallIntegerField(_("number within the term"))
    held_on = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    presided_by = models.CharField(_("presided by"), max_length=100, blank=True)
    presiding_title = models.CharField(_("presiding person's office"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "kind", "number"], name="meeting_unique_number",
                violation_error_message=_("This term already has a meeting with this number."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        from ..domain.numbering import meeting_title

        return str(meeting_title(self))


class Attendance(AllianceOwned, TimeStampedModel):
    """Who came to a meeting: a member unit (with its representative) or a person in an office."""

    alliance_path = "meeting__alliance"
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("member unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    person = models.CharField(_("person"), max_length=100, blank=True)
    capacity = models.CharField(_("attending as"), max_length=100, blank=True)
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization"], condition=Q(organization__isnull=False),
                name="attendance_one_row_per_unit",
                violation_error_message=_("This unit's attendance is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(person=""),
                name="attendance_names_someone",
                violation_error_message=_("Name the unit or the person attending."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return str(self.organization or self.person)


def _document_path(instance: "AgendaItem", filename: str) -> str:
    return f"meetings/{instance.meeting_id}/{filename}"


class AgendaItem(AllianceOwned, TimeStampedModel):
    """A point on a meeting's agenda, optionally with a document for the members."""

    alliance_path = "meeting__alliance"
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    document = models.FileField(_("document"), upload_to=_document_path, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Minutes(AllianceOwned, TimeStampedModel):
    """The minutes of a meeting: drafted from its record, edited, then approved (and frozen)."""

    alliance_path = "meeting__alliance"
    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="minutes"
    )
    text = models.TextField(_("text (Markdown)"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE,
        help_text=_("The minutes are written, printed and exported in this language."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)
