from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import ApplicationStatus, MembershipTier


class MembershipApplication(AllianceOwned, TimeStampedModel):
    """An organisation's request to join an alliance, and the secretariat's decision on it."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="applications",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="membership_applications",
    )  # fmt: skip
    tier = models.CharField(
        _("tier applied for"), max_length=32, choices=MembershipTier.choices,
        default=MembershipTier.MEMBER,
    )  # fmt: skip
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices,
        default=ApplicationStatus.PENDING,
    )  # fmt: skip
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organization"],
                condition=Q(status=ApplicationStatus.PENDING),
                name="application_one_pending_per_organization",
                violation_error_message=_("This organisation already has an application pending."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.alliance}"


class Membership(AllianceOwned, TimeStampedModel):
    """One period of an organisation's membership of an alliance at one tier.

    Nothing is deleted: a change of tier ends this period (``valid_to``) and starts another,
    so the registry can answer "who were the vice-chair units on a given day?".
    """

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="memberships",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.PROTECT,
        related_name="memberships",
    )  # fmt: skip
    tier = models.CharField(_("tier"), max_length=32, choices=MembershipTier.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)
    basis = models.CharField(
        _("basis"), max_length=200, blank=True,
        help_text=_("The resolution or secretariat decision behind this period."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["alliance", "valid_from", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organization"],
                condition=Q(valid_to__isnull=True),
                name="membership_one_open_period",
                violation_error_message=_("This organisation is already a member of the alliance."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="membership_period_not_reversed",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["alliance", "tier", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.organization} · {self.get_tier_display()} · {self.alliance}"
