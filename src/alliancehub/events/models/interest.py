from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import InterestStatus


class InvestorInterest(AllianceOwned, TimeStampedModel):
    """An investor who judged a pitch asks to be introduced to the project's team; contact
    details are shown to each side once the team accepts."""

    alliance_path = "project__roadshow__event__alliance"

    project = models.ForeignKey(
        "events.Project", verbose_name=_("project"), on_delete=models.CASCADE,
        related_name="investor_interests",
    )  # fmt: skip
    investor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("investor"), on_delete=models.CASCADE,
        related_name="+",
    )  # fmt: skip
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InterestStatus.choices,
        default=InterestStatus.REQUESTED,
    )  # fmt: skip
    reply = models.TextField(_("reply"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("investor's request for an introduction")
        verbose_name_plural = _("investors' requests for an introduction")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "investor"], name="investor_interest_once",
                violation_error_message=_("You have already asked to meet this project's team."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.investor} → {self.project}"
