from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import TimeStampedModel
from ..enums import AllianceStatus


class Alliance(TimeStampedModel):
    """An industrial alliance, association or pilot programme: the tenant that owns memberships,
    meetings, events and everything else an alliance keeps."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    slug = models.SlugField(_("short name"), max_length=60)
    focus_chains = models.JSONField(
        _("focus industries"),
        default=list,
        blank=True,
        help_text=_("Industry-chain templates the alliance works on, e.g. hydrogen."),
    )
    region = models.ForeignKey(
        "organizations.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    supervising_body = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("supervising body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_alliances",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AllianceStatus.choices, default=AllianceStatus.ACTIVE
    )
    description = models.TextField(_("public description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="alliances/logos/", blank=True)

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                name="alliance_unique_slug",
                violation_error_message=_("Another alliance already uses this short name."),
            )
        ]

    def __str__(self) -> str:
        return self.name
