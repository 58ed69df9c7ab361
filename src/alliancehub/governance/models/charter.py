from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...common.models import AllianceOwned, TimeStampedModel
from ..enums import CharterStatus


def _signed_path(instance: "CharterVersion", filename: str) -> str:
    return f"charters/{instance.alliance_id}/{filename}"


class CharterVersion(AllianceOwned, TimeStampedModel):
    """One version of an alliance's charter (章程); the in-force one is the latest adopted."""

    alliance = models.ForeignKey(
        "alliances.Alliance", verbose_name=_("alliance"), on_delete=models.CASCADE,
        related_name="charter_versions",
    )  # fmt: skip
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    text = models.TextField(_("text (Markdown)"))
    signed_pdf = models.FileField(_("signed PDF"), upload_to=_signed_path, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CharterStatus.choices, default=CharterStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    resolution = models.OneToOneField(
        "governance.Resolution", verbose_name=_("adopted by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="charter_version",
    )  # fmt: skip

    class Meta:
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        ordering = ["alliance", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "number"], name="charter_unique_version",
                violation_error_message=_("This alliance already has a version with this number."),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"
