from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionTally(models.Model):
    """How many organisations are registered in a region, its sub-regions included.

    One row per region code that has organisations under it (a county, its prefecture, its
    province) and one for the whole country (``region_code`` empty). Kept in step by the
    registry functions and the import; rebuilt by ``manage.py refresh_region_tallies`` after
    a bulk load. It lets the chain map scale its expectations to a region's size without
    counting a million organisations.
    """

    region_code = models.CharField(_("region code"), max_length=6, unique=True, blank=True)
    organizations = models.PositiveIntegerField(_("organisations"), default=0)

    class Meta:
        verbose_name = _("organisations per region")
        verbose_name_plural = _("organisations per region")

    def __str__(self) -> str:
        return f"{self.region_code or '*'}: {self.organizations}"
