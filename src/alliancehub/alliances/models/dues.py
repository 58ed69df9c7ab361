from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel


class DuesPeriod(AllianceOwned, TimeStampedModel):
    """Dues a member unit owes for one period (usually a year), and whether they were paid."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="dues",
    )  # fmt: skip
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("member unit"), on_delete=models.PROTECT,
        related_name="dues",
    )  # fmt: skip
    label = models.CharField(_("period"), max_length=40, help_text=_("E.g. 2026."))
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=12, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    due_on = models.DateField(_("due on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        verbose_name = _("dues")
        verbose_name_plural = _("dues")
        ordering = ["alliance", "-due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organization", "label"], name="dues_once_per_period",
                violation_error_message=_("Dues for this period are already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="dues_positive",
                violation_error_message=_("The amount must be positive."),
            ),
        ]  # fmt: skip

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None

    def __str__(self) -> str:
        return f"{self.organization} · {self.label}"


class Suspension(AllianceOwned, TimeStampedModel):
    """A period during which a member unit's rights (voting, members-only pages) are suspended."""

    alliance_path = "membership__alliance"
    membership = models.ForeignKey(
        "alliances.Membership", verbose_name=_("membership"), on_delete=models.PROTECT,
        related_name="suspensions",
    )  # fmt: skip
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["membership", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="suspension_not_reversed",
                violation_error_message=_("A suspension cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["membership"], condition=Q(ends_on__isnull=True),
                name="suspension_one_open",
                violation_error_message=_("This member is already suspended."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.membership.organization} {self.starts_on}–{self.ends_on or ''}"
