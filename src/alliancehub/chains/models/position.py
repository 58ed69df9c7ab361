from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ...common.models import TimeStampedModel
from ..enums import PositionRole, PositionSource, PositionStatus


class Position(TimeStampedModel):
    """An organisation's place on a chain link: what it makes there, in what role, since when.

    A suggestion (from the organisation's profile) counts only once a person confirms it.
    ``region_code`` copies the organisation's region so that counting by region reads one table.
    """

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="chain_positions",
    )  # fmt: skip
    link = models.ForeignKey(
        "chains.Link", verbose_name=_("link"), on_delete=models.PROTECT, related_name="positions"
    )
    products = models.CharField(_("products"), max_length=300, blank=True)
    role = models.CharField(
        _("role"), max_length=16, choices=PositionRole.choices, default=PositionRole.MANUFACTURER
    )
    capacity = models.CharField(_("capacity"), max_length=200, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PositionStatus.choices, default=PositionStatus.CONFIRMED
    )
    source = models.CharField(_("entered by"), max_length=16, choices=PositionSource.choices)
    score = models.FloatField(_("suggestion score"), null=True, blank=True)
    region_code = models.CharField(_("region code"), max_length=6, blank=True, db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("chain position")
        verbose_name_plural = _("chain positions")
        ordering = ["link", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "link"], name="position_once_per_link",
                violation_error_message=_("This organisation already sits on this link."),
            )
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["link", "status", "region_code"], name="position_link_region")
        ]

    def __str__(self) -> str:
        return f"{self.organization} @ {self.link}"


class LinkRegionCount(models.Model):
    """How many organisations sit (confirmed) on a link in a region, its sub-regions included.

    A position in county ``330602`` counts in the rows of ``330602``, ``330600`` (its
    prefecture), ``330000`` (its province) and ``""`` (the country). Kept up to date by the
    position functions and rebuilt by ``manage.py refresh_chain_counts``, so the map of any
    region reads one row per link instead of counting a million positions."""

    link = models.ForeignKey(
        "chains.Link", verbose_name=_("link"), on_delete=models.CASCADE, related_name="+"
    )
    region_code = models.CharField(_("region code"), max_length=6)
    count = models.PositiveIntegerField(_("organisations"), default=0)

    class Meta:
        verbose_name = _("organisations per link and region")
        verbose_name_plural = _("organisations per link and region")
        constraints = [
            models.UniqueConstraint(
                fields=["link", "region_code"], name="link_region_count_once",
                violation_error_message=_("This count already exists."),
            )
        ]  # fmt: skip
        indexes = [models.Index(fields=["region_code", "link"], name="count_region_link")]

    def __str__(self) -> str:
        return f"{self.link_id}@{self.region_code}: {self.count}"
