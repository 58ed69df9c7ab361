import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import QuestionKind, RegistrationStatus
from .event import Event


def new_ticket_secret() -> str:
    """A random value printed into nobody's view: it makes each ticket's code unguessable and
    lets the secretariat void a ticket by drawing a new one."""
    return secrets.token_urlsafe(12)


class Question(AllianceOwned, TimeStampedModel):
    """A question the registration form asks for one event (dietary needs, topics of interest…)."""

    alliance_path = "event__alliance"
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=QuestionKind.choices)
    choices = models.JSONField(
        _("choices"), default=list, blank=True,
        help_text=_("For single and multiple choice questions: the options, in order."),
    )  # fmt: skip
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Registration(AllianceOwned, TimeStampedModel):
    """One person's registration for an event, from the form (signed in or not).

    Name, e-mail and organisation are copied at registration so the list and the badges keep
    what the person gave. ``waiting_since`` orders the waiting list (first come, first served);
    ``secret`` goes into the ticket's signed code.
    """

    alliance_path = "event__alliance"
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="event_registrations",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    organization_name = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("position"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked in by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    secret = models.CharField(
        _("ticket secret"), max_length=32, default=new_ticket_secret, editable=False
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_once_per_email",
                violation_error_message=_("This person is already registered for this event."),
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(user__isnull=False) & ~Q(status=RegistrationStatus.CANCELLED),
                name="registration_once_per_user",
                violation_error_message=_("This person is already registered for this event."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.WAITING) | Q(waiting_since__isnull=False),
                name="registration_waiting_has_a_place",
                violation_error_message=_("A place on the waiting list needs its time."),
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status=RegistrationStatus.CONFIRMED),
                name="registration_checked_in_is_confirmed",
                violation_error_message=_("Only a confirmed registration can be checked in."),
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["event", "status", "waiting_since"], name="registration_seats")
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"


class Answer(AllianceOwned, TimeStampedModel):
    """A registrant's answer to one question: text, the chosen option(s), or yes/no."""

    alliance_path = "registration__event__alliance"
    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
        related_name="answers",
    )  # fmt: skip
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    value = models.JSONField(
        pgettext_lazy("question", "answer"),
        help_text=_("Text, a list of chosen options, or true/false."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["registration", "question__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "question"], name="answer_once_per_question",
                violation_error_message=_("This question is already answered."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.question}: {self.value}"
