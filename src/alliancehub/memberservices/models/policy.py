from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...common.models import AllianceOwned, TimeStampedModel


class Policy(AllianceOwned, TimeStampedModel):
    """A support policy kept in an alliance's library, with who it is for.

    Eligibility: every condition left empty applies to everyone; the ones set must all hold
    (``domain.policies.eligibility``).
    """

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="policies",
    )  # fmt: skip
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=300)
    issuer = models.CharField(_("issued by"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    issuing_region = models.ForeignKey(
        "organizations.Region", verbose_name=_("issuing region"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    issued_on = models.DateField(_("issued on"))
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    summary = models.TextField(_("summary"))
    full_text = models.TextField(_("full text"), blank=True)
    source_url = models.URLField(_("official address"), blank=True)
    # Eligibility
    regions = models.ManyToManyField(
        "organizations.Region", verbose_name=_("for organisations in"), blank=True,
        related_name="+", help_text=_("A region includes its sub-regions. Empty: anywhere."),
    )  # fmt: skip
    links = models.ManyToManyField(
        "chains.Link", verbose_name=_("for chain links"), blank=True, related_name="+",
        help_text=_("Organisations with a confirmed position on one of them. Empty: any."),
    )  # fmt: skip
    kinds = models.JSONField(_("organisation kinds"), default=list, blank=True)
    sizes = models.JSONField(_("enterprise sizes"), default=list, blank=True)
    high_tech_only = models.BooleanField(_("recognised high-tech enterprises only"), default=False)
    min_age_years = models.PositiveSmallIntegerField(
        _("founded at least (years)"), null=True, blank=True
    )
    max_age_years = models.PositiveSmallIntegerField(
        _("founded at most (years)"), null=True, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age_years__isnull=True)
                | models.Q(max_age_years__isnull=True)
                | models.Q(min_age_years__lte=models.F("max_age_years")),
                name="policy_age_range",
                violation_error_message=_("The youngest age cannot exceed the oldest."),
            ),
            models.CheckConstraint(
                condition=models.Q(effective_from__isnull=True)
                | models.Q(effective_until__isnull=True)
                | models.Q(effective_from__lte=models.F("effective_until")),
                name="policy_in_force_range",
                violation_error_message=_("A policy cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
