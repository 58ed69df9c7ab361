from datetime import timedelta

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import ServiceKind, TimeUnit


class Service(AllianceOwned, TimeStampedModel):
    """A service an alliance offers its members, with the partner organisations that provide
    it (banks, law firms, agencies, universities…) and the time it aims to answer within."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="services",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=32, choices=ServiceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    providers = models.ManyToManyField(
        "organizations.Organization", verbose_name=_("providers"), blank=True,
        related_name="provided_services",
    )  # fmt: skip
    target_amount = models.PositiveSmallIntegerField(
        _("target response time"), validators=[MinValueValidator(1)],
        help_text=_("A request should be resolved within this time of its submission."),
    )  # fmt: skip
    target_unit = models.CharField(
        _("unit"), max_length=8, choices=TimeUnit.choices, default=TimeUnit.DAYS
    )
    active = models.BooleanField(
        _("offered"), default=True, help_text=_("Members can request only offered services.")
    )

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "name"], name="service_unique_name",
                violation_error_message=_("The alliance already offers a service of this name."),
            ),
            models.CheckConstraint(
                condition=models.Q(target_amount__gte=1), name="service_target_positive",
                violation_error_message=_("The target response time must be at least 1."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def target(self) -> timedelta:
        if self.target_unit == TimeUnit.HOURS:
            return timedelta(hours=self.target_amount)
        return timedelta(days=self.target_amount)

    @property
    def target_display(self) -> str:
        return f"{self.target_amount} {TimeUnit(self.target_unit).label}"
