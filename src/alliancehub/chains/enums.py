from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    UPSTREAM = "upstream", _("Upstream")
    MIDSTREAM = "midstream", _("Midstream")
    DOWNSTREAM = "downstream", _("Downstream")


class PositionRole(models.TextChoices):
    MANUFACTURER = "manufacturer", _("Manufacturer")
    SUPPLIER = "supplier", _("Supplier")
    RESEARCH = "research", _("Research")
    SERVICE = "service", _("Service")


class PositionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested, to be confirmed")
    CONFIRMED = "confirmed", _("Confirmed")


class PositionSource(models.TextChoices):
    ORGANIZATION = "organization", _("Entered by the organisation")
    SECRETARIAT = "secretariat", _("Entered by a secretariat")
    SUGGESTION = "suggestion", _("Suggested from the profile")
    IMPORT = "import", _("Imported")


class LinkStatus(models.TextChoices):
    STRONG = "strong", _("Strong")
    WEAK = "weak", _("Weak")
    MISSING = "missing", _("Missing")
