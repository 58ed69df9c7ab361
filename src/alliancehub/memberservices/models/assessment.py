from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel
from ..domain.hightech import Verdict


class Assessment(AllianceOwned, TimeStampedModel):
    """A member's saved high-tech-enterprise pre-assessment: the facts it entered (as JSON, see
    ``domain.assessments``), the day it was judged for, and the overall verdict then.

    The report itself is computed again from the facts whenever it is shown, in the reader's
    language.
    """

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="hightech_assessments",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="hightech_assessments",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    on = models.DateField(_("assessed for"))
    facts = models.JSONField(_("facts"))
    verdict = models.CharField(_("overall verdict"), max_length=16, choices=Verdict.choices)
    score_low = models.PositiveSmallIntegerField(_("lowest expected score"))
    score_high = models.PositiveSmallIntegerField(_("highest expected score"))
    help_request = models.ForeignKey(
        "memberservices.ServiceRequest", verbose_name=_("help requested"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("high-tech pre-assessment")
        verbose_name_plural = _("high-tech pre-assessments")
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["alliance", "organization"], name="assessment_member")]

    def __str__(self) -> str:
        return f"{self.organization} · {self.on}"
