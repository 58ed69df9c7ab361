from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import TimeStampedModel
from ..enums import IntroductionStatus, Outcome


class Introduction(TimeStampedModel):
    """A member asks to be introduced to a matched counterpart; contact details are revealed
    to each side only once the counterpart accepts."""

    post = models.ForeignKey(
        "exchange.Post", verbose_name=_("from the post"), on_delete=models.CASCADE,
        related_name="introductions_asked",
    )  # fmt: skip
    counterpart_post = models.ForeignKey(
        "exchange.Post", verbose_name=_("to the post"), on_delete=models.CASCADE,
        related_name="introductions_received",
    )  # fmt: skip
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    message = models.TextField(_("message"), blank=True)
    score = models.FloatField(_("match score"), null=True, blank=True)
    reasons = models.JSONField(
        _("match reasons"), default=dict, blank=True,
        help_text=_("What the match's reasons are made of (matching.explain renders them)."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=IntroductionStatus.choices,
        default=IntroductionStatus.REQUESTED,
    )  # fmt: skip
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reply = models.TextField(_("reply"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("outcome note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "counterpart_post"], name="introduction_once",
                condition=models.Q(status__in=["requested", "accepted"]),
                violation_error_message=_("An introduction to this post is already under way."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.post} ↔ {self.counterpart_post}"
