from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import BodyRole, EventKind, EventStatus, Visibility


class Event(AllianceOwned, TimeStampedModel):
    """A forum, summit, conference, annual meeting, training, roadshow or matchmaking session
    that an alliance runs: when and where, who guides and organises it, and how people register.

    ``capacity`` empty means unlimited seats. Registration is open from
    ``registration_opens_at`` (or as soon as the event is published) until
    ``registration_closes_at`` (or the start of the event). ``part_of`` ties a segment with its
    own registration or judging (a roadshow held during a forum) to the main event.
    """

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="events",
    )  # fmt: skip
    part_of = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="parts",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title = models.CharField(pgettext_lazy("event", "title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited seats."),
    )  # fmt: skip
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration deadline"), null=True, blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )  # fmt: skip
    requires_approval = models.BooleanField(
        _("registrations need approval"), default=False,
        help_text=_("The secretariat confirms or rejects each registration."),
    )  # fmt: skip
    visibility = models.CharField(
        _("open to"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    note = models.TextField(
        _("secretariat's note"), blank=True,
        help_text=_("Not shown to the public: sources, what is still to be confirmed."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_not_reversed",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_positive",
                violation_error_message=_("An event has at least one seat (or leave it unlimited)."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gte=F("registration_opens_at")),
                name="event_registration_window_not_reversed",
                violation_error_message=_("Registration cannot close before it opens."),
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["alliance", "status", "starts_at"])]

    def __str__(self) -> str:
        return self.title


class EventBody(AllianceOwned, TimeStampedModel):
    """A body named on the event's programme (指导单位, 主办, 协办, 承办, 支持): an organisation of
    the registry, or only its name when it is not registered."""

    alliance_path = "event__alliance"
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="bodies"
    )
    role = models.CharField(_("role"), max_length=16, choices=BodyRole.choices)
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="event_roles",
    )  # fmt: skip
    name = models.CharField(
        _("name"), max_length=200, blank=True,
        help_text=_("Only for a body that is not in the organisation registry."),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("event body")
        verbose_name_plural = _("event bodies")
        ordering = ["event", "role", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(name=""), name="event_body_named",
                violation_error_message=_("Choose an organisation or type the body's name."),
            ),
            models.UniqueConstraint(
                fields=["event", "role", "organization"], condition=Q(organization__isnull=False),
                name="event_body_once_per_role",
                violation_error_message=_("This organisation already has this role at the event."),
            ),
        ]  # fmt: skip

    @property
    def display_name(self) -> str:
        return self.organization.display_name if self.organization else self.name

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.display_name}"


class Session(AllianceOwned, TimeStampedModel):
    """A point of the event's agenda: a speech, a panel, a signing, the pitches. Times may be
    left empty when only the order is known."""

    alliance_path = "event__alliance"
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(pgettext_lazy("session", "title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("agenda session")
        verbose_name_plural = _("agenda sessions")
        ordering = ["event", "order", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__isnull=True)
                | Q(ends_at__gte=F("starts_at")),
                name="session_not_reversed",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Speaker(AllianceOwned, TimeStampedModel):
    """A person speaking in a session, with the title and affiliation the programme prints."""

    alliance_path = "session__event__alliance"
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(
        _("title and affiliation"), max_length=300, blank=True,
        help_text=_("As printed on the programme, e.g. secretary-general of …"),
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    talk = models.CharField(_("talk"), max_length=300, blank=True)
    keynote = models.BooleanField(_("keynote"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["session", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.title})" if self.title else self.name
