from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import RequestStatus


class ServiceRequest(AllianceOwned, TimeStampedModel):
    """A member organisation asks for one of the alliance's services.

    ``due_at`` is the submission (or the last reopening) plus the service's target time; the
    request is overdue while it is not resolved after that moment. Assigned either to a person
    or to a provider organisation, whose representatives then see it.
    """

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="service_requests",
    )  # fmt: skip
    service = models.ForeignKey(
        "memberservices.Service", verbose_name=_("service"), on_delete=models.PROTECT,
        related_name="requests",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("member"), on_delete=models.PROTECT,
        related_name="service_requests",
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices,
        default=RequestStatus.SUBMITTED,
    )  # fmt: skip
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to (person)"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    provider = models.ForeignKey(
        "organizations.Organization", verbose_name=_("assigned to (provider)"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="assigned_service_requests",
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"))
    due_at = models.DateTimeField(_("due at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(
        _("secretariat told it is overdue at"), null=True, blank=True
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )  # fmt: skip
    rating_comment = models.TextField(_("comment on the outcome"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["alliance", "status", "due_at"], name="servicerequest_open"),
            models.Index(fields=["organization", "alliance"], name="servicerequest_member"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="servicerequest_rating_1_to_5",
                violation_error_message=_("Rate the outcome from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(assignee__isnull=True) | models.Q(provider__isnull=True),
                name="servicerequest_one_assignee",
                violation_error_message=_("Assign the request to a person or to a provider, not both."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.subject


class RequestComment(AllianceOwned):
    """A message on a request, from the member, the secretariat or the assignee."""

    alliance_path = "request__alliance"
    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE,
        related_name="comments",
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


def _attachment_path(instance: "RequestAttachment", filename: str) -> str:
    return f"service-requests/{instance.request_id}/{filename}"


class RequestAttachment(AllianceOwned):
    """A document attached to a request (read only through the request's page)."""

    alliance_path = "request__alliance"
    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE,
        related_name="attachments",
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=_attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name or Path(self.file.name or "").name
